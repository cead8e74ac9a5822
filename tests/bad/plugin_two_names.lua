-- A plugin entry named twice, by position and by name: one was dropped.
-- exit: 1
-- stderr: amor: {script}:5: models: plugin entry with two names, 'mlp' and name = 'linear' (give one)
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {{"mlp", name = "linear"}},
  losses = {"objective"} }
