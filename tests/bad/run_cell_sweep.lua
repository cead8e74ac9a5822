-- amor.run_cell runs one cell: a sweep in it reached the host as a table
-- ("train setting 'lr' must be a number in [0, 1e+06], got table").
-- exit: 1
-- stderr: amor: {script}:6: run_cell: train.lr is amor.sweep{...}, but run_cell runs one cell (sweep in experiment{}, or call run_cell once per value)
-- nothing-written
amor.run_cell { problem = {"quadratic", dim = 2}, model = "linear", loss = "objective",
  train = {steps = 2, lr = amor.sweep{1e-3, 1e-2}}, eval = {contexts = 4}, solver = {iterations = 0} }
