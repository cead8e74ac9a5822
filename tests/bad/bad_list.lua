-- An int list with a string in it.
-- exit: 1
-- stderr: amor: {script}:5: parameter 'hidden' of model 'mlp' must be of type int list, got table: element 2 is string "x"
-- no-output: runs.csv
experiment { name = "badlist", problems = {"quadratic"}, models = {{"mlp", hidden = {8, "x"}}},
  losses = {"objective"} }
