-- A setting given as text that reads as a number: a slip, refused.
-- exit: 1
-- stderr: amor: {script}:5: train setting 'steps' must be an integer in [0, 1e+09], got string "5"
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = "5"}, eval = {contexts = 4}, solver = {iterations = 0} }
