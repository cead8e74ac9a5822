-- The same key twice: which one wins would be a guess.
-- args: run {script} --out {tmp}/out --set train.steps=5 --set train.steps=6
-- exit: 2
-- stderr: amor run: --set train.steps=5 and --set train.steps=6: the key 'train.steps' is given twice
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
