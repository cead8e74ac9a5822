-- The same for a plugin parameter of amor.run_cell.
-- exit: 1
-- stderr: amor: {script}:5: run_cell: model.hidden is amor.sweep{...}, but run_cell runs one cell (sweep in experiment{}, or call run_cell once per value)
-- nothing-written
amor.run_cell { problem = {"quadratic", dim = 2}, model = {"mlp", hidden = amor.sweep{{4}, {8}}},
  loss = "objective", train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
