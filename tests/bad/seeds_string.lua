-- seeds as a string: it once gave no cells and exit status 0.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': 'seeds' must be a seed or a list of seeds (non-negative integers), got string
-- no-output: runs.csv
experiment { name = "e", seeds = "1", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
