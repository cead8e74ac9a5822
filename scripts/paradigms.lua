-- paradigms.lua -- the tutorial's learning paradigms (§2): regression-based
-- (L = |y_hat - y*|^2, needs y*) vs objective-based (L = f(y_hat; x), needs
-- grad f) training of a fully-amortized model, on the main example
-- (tutorial1d) and on Rosenbrock, three seeds.  The semi-amortized half of the
-- 2x2 (unroll_gd) joins when it exists.
--   build/amor run scripts/paradigms.lua            (results/paradigms/)
--   build/amor run scripts/paradigms.lua --set quick=true

local quick = amor.setting("quick", false)

experiment {
  name = "paradigms",
  problems = {"tutorial1d", "rosenbrock"},
  models = {{"mlp", hidden = {32, 32}, activation = "relu"}},
  losses = {"regression", "objective"},
  seeds = {1, 2, 3},
  train = {steps = quick and 300 or 3000, batch = 128, lr = 1e-3, eval_every = 100},
  eval = {contexts = 512},
  solver = {iterations = quick and 200 or 2000, adam_lr = 5e-2, gd_lr = 1e-2},
  -- the sigmoid of the main example flattens its gradient far from y*:
  -- give the objective-trained model a larger step there
  override = function(cell)
    if cell.problem.name == "tutorial1d" then
      cell.solver.adam_lr = 0.5
      cell.solver.gd_lr = 50
      cell.solver.iterations = 200
    end
  end,
}
