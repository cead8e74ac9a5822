-- A tolerance of 0: no residual is below it.
-- exit: 1
-- stderr: amor: {script}:5: eval setting 'tolerances': element 2 must be a positive number, got 0
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, eval = {tolerances = {1e-4, 0}} }
