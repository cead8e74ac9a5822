-- A negative batch size.
-- exit: 1
-- stderr: amor: {script}:5: train setting 'batch' must be an integer in [1, 1e+07], got -1
-- no-output: runs.csv
experiment { name = "negbatch", problems = {"quadratic"}, models = {"linear"},
  losses = {"objective"}, train = {batch = -1} }
