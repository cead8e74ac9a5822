-- train as a number instead of a table of settings.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': 'train' must be a table of settings, got number
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = 5 }
