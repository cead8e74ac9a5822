-- A parameter of the wrong type: a boolean where a string is declared.
-- exit: 1
-- stderr: amor: {script}:5: parameter 'activation' of model 'mlp' must be of type string, got boolean
-- no-output: runs.csv
experiment { name = "wrongbool", problems = {"quadratic"}, models = {{"mlp", activation = true}},
  losses = {"objective"} }
