-- predict as a number: it was ignored.
-- exit: 1
-- stderr: amor: {script}:5: predict must be a list of rows (lists of numbers), got number
-- no-output: runs.csv
experiment { name = "e", predict = 5, problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
