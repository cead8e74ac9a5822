-- amor.problem's methods take rows of numbers, not text.
-- exit: 1
-- stderr: amor: {script}:6: x: row 1, value 2 is not a number, got string "1"
-- no-output: runs.csv
local p = amor.problem { "quadratic", dim = 2 }
local f = p:value({{0, "1"}}, {{0, 0}})
