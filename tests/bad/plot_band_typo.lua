-- A band of amor.plot with a misspelt field.
-- exit: 1
-- stderr: amor: {script}:5: plot: band 1: unknown field 'low' (valid: label, y, lo, hi)
-- nothing-written
amor.plot { stem = "f", series = {{x = {1, 2}, y = {1, 4}}}, bands = {{y = 2, low = 1}} }
