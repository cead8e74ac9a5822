-- A plugin entry whose name is missing (parameters only).
-- exit: 1
-- stderr: amor: {script}:5: models: plugin entry without a name (put the name first: {"mlp", ...})
-- no-output: runs.csv
experiment { name = "nameless", problems = {"quadratic"}, models = {{hidden = {8}}},
  losses = {"objective"} }
