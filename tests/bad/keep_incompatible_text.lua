-- keep_incompatible as text ("no" is true in Lua).
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': 'keep_incompatible' must be true or false, got string
-- no-output: runs.csv
experiment { name = "e", keep_incompatible = "no", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
