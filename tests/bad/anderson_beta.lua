-- Anderson's mixing 0 would never move.
-- exit: 1
-- stderr: amor: {script}:5: solver setting 'anderson_beta' must be a number in [1e-06, 1], got 0
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, solver = {methods = {"adam", "anderson"}, anderson_beta = 0} }
