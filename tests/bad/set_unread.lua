-- A misspelt key of the script's own (quik for quick): the script has not
-- read it when it first runs a cell, so it is refused then, naming what it
-- did read.
-- args: run {script} --out {tmp}/out --set quik=true
-- exit: 1
-- stderr: amor: {script}:9: --set quik=true: the script has not read 'quik' (amor.setting) before its first cell or file; it read: quick
-- nothing-written
local quick = amor.setting("quick", false)
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
