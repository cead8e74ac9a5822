-- amor.plot with a misspelt field: it was ignored.
-- exit: 1
-- stderr: amor: {script}:5: plot: unknown field 'logY' (valid: stem, title, xlabel, ylabel, logx, logy, key, width, height, series, bands)
-- nothing-written
amor.plot { stem = "f", logY = true,
  series = {{label = "a", x = {1, 2}, y = {1, 4}}} }
