-- A problem whose objective is NaN away from the origin
-- (tests/fixtures/fx_nan.c) and a learning rate that gets there at once.
-- exit: 1
-- stdout: 1 cell, 1 failed: 1 diverged; results in {tmp}/out
-- row: status=diverged
-- row: error=non-finite training loss at step 2
experiment { name = "nan", problems = {amor.setting("fixtures") .. "/fx_nan.so"},
  models = {"linear"}, losses = {"objective"}, train = {steps = 50, lr = 1e3},
  eval = {contexts = 8}, solver = {iterations = 0} }
