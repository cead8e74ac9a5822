-- amor.run_cell with an experiment name that is not a name.
-- exit: 1
-- stderr: amor: {script}:5: run_cell: 'experiment' must be a string of letters, digits, '_' or '-'
-- nothing-written
amor.run_cell { experiment = 5, problem = {"quadratic", dim = 2}, model = "linear", loss = "objective" }
