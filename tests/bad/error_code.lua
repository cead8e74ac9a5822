-- A problem plugin that returns an error code with a message after three
-- good calls (fx_misbehave, mode = "error"): the message reaches runs.csv,
-- prefixed with the stage that called the plugin.
-- exit: 1
-- stdout: 1 cell, 1 failed: 1 error; results in {tmp}/out
-- row: status=error
-- row: error=loss: fx_misbehave: deliberate failure after 3 good calls
experiment { name = "errcode",
  problems = {{amor.setting("fixtures") .. "/fx_misbehave.so", mode = "error", after = 3}},
  models = {"linear"}, losses = {"objective"}, train = {steps = 20, batch = 4},
  eval = {contexts = 4}, solver = {iterations = 0} }
