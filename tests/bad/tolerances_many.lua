-- More tolerances than a cell measures.
-- exit: 1
-- stderr: amor: {script}:6: eval setting 'tolerances' holds 17 values, at most 16 are measured
-- no-output: runs.csv
local t = {} for k = 1, 17 do t[k] = 10.0 ^ -k end
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, eval = {tolerances = t} }
