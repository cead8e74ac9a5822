-- Two tolerances equal to 6 digits would share runs.csv columns (tol_%g_*).
-- exit: 1
-- stderr: amor: {script}:5: eval setting 'tolerances': 1.0000001e-06 and 1e-06 are the same tolerance to 6 digits (1e-06, the runs.csv columns tol_1e-06_*)
-- no-output: runs.csv
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, eval = {tolerances = {1e-6, 1e-2, 1.0000001e-6}} }
