-- amor.plot_bars with a misspelt field.
-- exit: 1
-- stderr: amor: {script}:5: plot_bars: unknown field 'values' (valid: stem, title, ylabel, logy, key, width, height, groups, bars, value, err, err_hi)
-- nothing-written
amor.plot_bars { stem = "b", groups = {"a"}, bars = {"x"}, values = {{1}} }
