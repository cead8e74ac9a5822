-- predict rows whose __len says -1 (it once made the host allocate nothing
-- and then hash 2^64 - 1 values).
-- exit: 1
-- stderr: amor: {script}:6: predict: row 1 has length -1 (1 rows)
-- no-output: runs.csv
experiment { name = "plen", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"},
  predict = {setmetatable({}, {__len = function() return -1 end})} }
