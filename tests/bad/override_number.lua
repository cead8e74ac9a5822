-- override that is not a function.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': 'override' must be a function, got number
-- no-output: runs.csv
experiment { name = "e", override = 5, problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
