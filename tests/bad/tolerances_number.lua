-- One tolerance not in a list.
-- exit: 1
-- stderr: amor: {script}:5: eval setting 'tolerances' must be a list of positive numbers, got number
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, eval = {tolerances = 1e-6} }
