-- A width that is not a whole number became the default width.
-- exit: 1
-- stderr: amor: {script}:5: plot_raw: 'width' must be a whole number (0 or more), got 812.5
-- nothing-written
amor.plot_raw { stem = "f", width = 812.5, body = "plot x\n" }
