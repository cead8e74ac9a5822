-- --set model.hidden when no model of the experiment declares 'hidden'
-- (linear has only init_scale): refused before any cell runs.
-- args: run {script} --out {tmp}/out --set model.hidden=8
-- exit: 1
-- stderr: amor: {script}:7: --set model.hidden=8: no model of experiment 'e' declares a parameter 'hidden' (they declare: init_scale)
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
