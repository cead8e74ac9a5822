-- Malformed Lua: a missing comma between two fields.
-- exit: 1
-- stderr: amor: {script}:8: '}' expected (to close '{' at line 6) near 'models'
-- no-output: runs.csv

experiment { name = "syntax",
  problems = {"quadratic"}
  models = {"linear"}, losses = {"objective"} }
