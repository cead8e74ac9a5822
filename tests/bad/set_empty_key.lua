-- --set with nothing before '='.
-- args: run {script} --out {tmp}/out --set =5
-- exit: 2
-- stderr: amor run: --set =5: empty key before '='
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
