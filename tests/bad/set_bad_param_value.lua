-- --set model.hidden with a value that is not an int list.
-- args: run {script} --out {tmp}/out --set model.hidden=wide
-- exit: 1
-- stderr: amor: {script}:6: --set model.hidden=wide: parameter 'hidden' of model 'mlp' expects a list of integers such as 64,64, got 'wide'
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear", "mlp"},
  losses = {"objective"}, train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
