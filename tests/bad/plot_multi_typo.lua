-- amor.plot_multi with a misspelt field of its layout.
-- exit: 1
-- stderr: amor: {script}:5: plot_multi: unknown field 'colums' (valid: stem, title, rows, cols, width, height, key_below, panels)
-- nothing-written
amor.plot_multi { stem = "m", colums = 2, panels = {{series = {{x = {1, 2}, y = {1, 4}}}}} }
