-- Malformed Lua: a string that runs to the end of its line.
-- exit: 1
-- stderr: amor: {script}:6: unfinished string near '"quadratic},'
-- no-output: runs.csv

experiment { name = "unclosed", problems = {"quadratic},
  models = {"linear"}, losses = {"objective"} }
