-- logy = "no" was true; a width of 812.5 became the default.
-- exit: 1
-- stderr: amor: {script}:5: plot: 'logy' must be true or false, got string "no"
-- nothing-written
amor.plot { stem = "f", logy = "no", series = {{x = {1, 2}, y = {1, 4}}} }
