-- amor.plot_raw with a misspelt field.
-- exit: 1
-- stderr: amor: {script}:5: plot_raw: unknown field 'title' (valid: stem, width, height, body)
-- nothing-written
amor.plot_raw { stem = "r", title = "f", body = "plot x\n" }
