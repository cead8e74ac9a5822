-- override returning something that is not the cell.
-- exit: 1
-- stderr: amor: {script}:5: experiment 'e': override must return nothing or the cell, got string
-- no-output: runs.csv
experiment { name = "e", override = function(cell) return "no" end, problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
