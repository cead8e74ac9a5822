-- amor.list with a kind it does not know: it returned an empty list.
-- exit: 1
-- stderr: amor: {script}:5: amor.list: unknown kind 'plugins' (valid: problem, model, loss)
-- no-output: runs.csv
local names = amor.list("plugins")
