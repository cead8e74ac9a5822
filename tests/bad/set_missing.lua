-- --set at the end of the command line.
-- args: run {script} --out {tmp}/out --set
-- exit: 2
-- stderr: amor run: --set needs key=value after it
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
