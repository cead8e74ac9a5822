-- An int list with a named entry besides its elements: it was ignored.
-- exit: 1
-- stderr: amor: {script}:5: parameter 'hidden' of model 'mlp' must be of type int list, got table: it has a key 'x'
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {{"mlp", hidden = {8, x = 4}}},
  losses = {"objective"} }
