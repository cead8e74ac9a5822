-- A seed that is text, not a number.
-- exit: 1
-- stderr: amor: {script}:5: seed must be a non-negative integer, got string "1"
-- no-output: runs.csv
experiment { name = "e", seeds = {"1"}, problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
