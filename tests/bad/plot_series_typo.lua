-- A series of amor.plot with a misspelt field.
-- exit: 1
-- stderr: amor: {script}:5: plot: series 1: unknown field 'colour' (valid: label, style, x, y, ylo, yhi)
-- nothing-written
amor.plot { stem = "f", series = {{x = {1, 2}, y = {1, 4}, colour = "red"}} }
