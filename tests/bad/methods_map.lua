-- solver methods as a set instead of a list: it meant no solver at all.
-- exit: 1
-- stderr: amor: {script}:5: solver setting 'methods' must be a list of names (adam, gd, anderson), got table: it has a key 'adam'
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, solver = {methods = {adam = true}} }
