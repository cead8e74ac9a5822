-- quickstart.lua -- the smallest useful grid: two problems with known
-- solutions, a fully-amortized linear model and an MLP, regression- vs
-- objective-based training, two seeds.  `make demo` runs it:
--   build/amor run scripts/quickstart.lua        (results/quickstart/)
-- `--set quick=true` shortens training for tests.

local quick = amor.setting("quick", false)

experiment {
  name = "quickstart",
  problems = {
    {"quadratic", dim = 4, cond = 10},
    "rosenbrock",
  },
  models = {
    "linear",
    {"mlp", hidden = {64, 64}, activation = "relu"},
  },
  losses = {"regression", "objective"},
  seeds = {1, 2},
  train = {steps = quick and 300 or 2000, batch = 64, lr = 2e-3, eval_every = 50},
  eval = {contexts = 256},
  solver = {iterations = 1000, adam_lr = 5e-3, gd_lr = 2e-2},
}
