-- A memory limit that is not a size.
-- exit: 1
-- stderr: amor: {script}:5: limits setting 'memory' must be a size in bytes (a number, or text like "512M" or "2G"), got lots
-- no-output: runs.csv
experiment { name = "badmem", problems = {"quadratic"}, models = {"linear"},
  losses = {"objective"}, limits = {memory = "lots"} }
