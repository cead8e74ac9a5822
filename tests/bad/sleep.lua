-- A problem plugin that sleeps forever in its objective (fx_misbehave,
-- mode = "sleep"), under limits.timeout = 1: the worker is killed.
-- exit: 1
-- stdout: 1 cell, 1 failed: 1 timeout; results in {tmp}/out
-- row: status=timeout
-- row: error=exceeded the time limit of 1 s (limits.timeout); killed before the first training step
experiment { name = "sleep", problems = {{amor.setting("fixtures") .. "/fx_misbehave.so", mode = "sleep"}},
  models = {"linear"}, losses = {"objective"}, train = {steps = 20},
  eval = {contexts = 4}, solver = {iterations = 0}, limits = {timeout = 1} }
