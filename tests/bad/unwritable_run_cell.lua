-- The same through amor.run_cell.
-- setup: file {tmp}/file
-- args: run {script} --out {tmp}/file/sub
-- exit: 1
-- stderr: amor: {script}:6: cannot create directory {tmp}/file/sub: Not a directory
local r = amor.run_cell { problem = {"quadratic", dim = 2}, model = "linear", loss = "objective",
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
print(r.status)
