-- A problem plugin that writes through a null pointer in its objective
-- (tests/fixtures/fx_misbehave.c, mode = "segv"): the cell is recorded as
-- crashed and the sweep goes on to the next cell.
-- exit: 1
-- stdout: 2 cells, 1 failed: 1 ok, 1 crashed; results in {tmp}/out
-- row: status=crashed
-- row: error=killed by signal SIGSEGV (Segmentation fault) before the first training step
-- row2: status=ok
local fx = amor.setting("fixtures") .. "/fx_misbehave.so"
experiment { name = "segv", problems = {{fx, mode = amor.sweep{"segv", "none"}}},
  models = {"linear"}, losses = {"objective"}, train = {steps = 20, batch = 4},
  eval = {contexts = 4}, solver = {iterations = 0} }
