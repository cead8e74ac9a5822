-- A list of models with a hole: the models after it were dropped.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': 'models' must be a plugin or a list of plugins, got table: it has no element 2 (a hole)
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear", nil, "mlp"},
  losses = {"objective"} }
