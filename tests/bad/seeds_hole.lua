-- A list of seeds with a hole: the seeds after it were dropped.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': 'seeds' must be a seed or a list of seeds (non-negative integers), got table: it has no element 2 (a hole)
-- no-output: runs.csv
experiment { name = "e", seeds = {1, nil, 3}, problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
