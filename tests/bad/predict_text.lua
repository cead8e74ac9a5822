-- A context to predict given as text.
-- exit: 1
-- stderr: amor: {script}:5: predict: row 1, value 2 is not a number, got string "0.5"
-- no-output: runs.csv
experiment { name = "e", predict = {{1, "0.5"}}, problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
