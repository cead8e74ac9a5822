-- seeds as a table with a string key: it once gave no cells and exit 0.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': 'seeds' must be a seed or a list of seeds (non-negative integers), got table: it has a key 'a'
-- no-output: runs.csv
experiment { name = "e", seeds = {a = 1}, problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
