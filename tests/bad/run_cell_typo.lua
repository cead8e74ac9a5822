-- amor.run_cell with a misspelt field: it was ignored.
-- exit: 1
-- stderr: amor: {script}:5: run_cell: unknown field 'trian' (valid: experiment, problem, model, loss, seed, train, eval, solver, limits, predict)
-- no-output: runs.csv
amor.run_cell { problem = {"quadratic", dim = 2}, model = "linear", loss = "objective", trian = {steps = 2} }
