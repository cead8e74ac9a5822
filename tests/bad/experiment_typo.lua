-- experiment{} with a misspelt field.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': unknown field 'seed' (valid: name, problems, models, losses, seeds, train, eval, solver, limits, override, filter, keep_incompatible, predict)
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, seed = 3 }
