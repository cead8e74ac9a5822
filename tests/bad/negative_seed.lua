-- A negative seed.
-- exit: 1
-- stderr: amor: {script}:5: seed must be a non-negative integer, got -3
-- no-output: runs.csv
experiment { name = "negseed", problems = {"quadratic"}, models = {"linear"},
  losses = {"objective"}, seeds = {-3} }
