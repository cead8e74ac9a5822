-- A setting's value that is not of its type, checked before the script runs.
-- args: run {script} --out {tmp}/out --set train.steps=abc
-- exit: 2
-- stderr: amor run: --set train.steps=abc: train setting 'steps' must be an integer in [0, 1e+09], got string "abc"
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
