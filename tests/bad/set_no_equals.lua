-- --set without '='.
-- args: run {script} --out {tmp}/out --set quick
-- exit: 2
-- stderr: amor run: --set quick: no '=' (expected key=value, e.g. --set quick=true)
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
