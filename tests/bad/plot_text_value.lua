-- A series value given as text: it was drawn as a missing point.
-- exit: 1
-- stderr: amor: {script}:5: plot: series 1: 'y' must be a list of numbers, got table: element 2 is string "4"
-- nothing-written
amor.plot { stem = "f", series = {{label = "a", x = {1, 2}, y = {1, "4"}}} }
