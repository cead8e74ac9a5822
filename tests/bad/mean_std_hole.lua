-- amor.mean_std over a list with a hole: the mean of the part before it.
-- exit: 1
-- stderr: amor: {script}:5: amor.mean_std expects a list of numbers, got table: it has no element 2 (a hole)
-- no-output: runs.csv
local m, s = amor.mean_std({1, nil, 3})
