-- predict rows whose __len says -1 (it once made the host allocate nothing
-- and then hash 2^64 - 1 values).
-- exit: 1
-- stderr: amor: {script}:6: predict: row 1 must be a list of numbers, got table: its length (#) is -1 but it has 0 elements
-- no-output: runs.csv
experiment { name = "plen", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"},
  predict = {setmetatable({}, {__len = function() return -1 end})} }
