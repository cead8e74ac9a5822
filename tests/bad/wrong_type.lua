-- A parameter of the wrong type: a string where an int is declared.
-- exit: 1
-- stderr: amor: {script}:5: parameter 'dim' of problem 'quadratic' must be of type int, got string
-- no-output: runs.csv
experiment { name = "wrongtype", problems = {{"quadratic", dim = "four"}}, models = {"linear"},
  losses = {"objective"} }
