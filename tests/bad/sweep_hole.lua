-- amor.sweep over a list with a hole: the values after it were dropped.
-- exit: 1
-- stderr: amor: {script}:5: amor.sweep expects a non-empty list of values, got table: it has no element 2 (a hole)
-- no-output: runs.csv
local lrs = amor.sweep{1e-3, nil, 1e-2}
