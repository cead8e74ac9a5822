-- amor.run_cell with a section that is not a table: the message named an
-- experiment 'adhoc' the script never wrote.
-- exit: 1
-- stderr: amor: {script}:6: run_cell: 'train' must be a table of settings, got number
-- nothing-written
amor.run_cell { problem = {"quadratic", dim = 2}, model = "linear", loss = "objective", train = 5 }
