-- A real where an int is declared.
-- exit: 1
-- stderr: amor: {script}:5: parameter 'dim' of problem 'quadratic' must be an integer, got 2.5
-- no-output: runs.csv
experiment { name = "notint", problems = {{"quadratic", dim = 2.5}}, models = {"linear"},
  losses = {"objective"} }
