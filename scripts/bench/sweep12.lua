-- bench/sweep12.lua -- the 12-cell sweep `make bench` times with amor run
-- -j 1 and -j 2 (scripts/bench/run.py: wall time of the whole run, --fresh
-- so no cell is reused); never run by the tests.
--   build/amor run scripts/bench/sweep12.lua --out DIR --fresh -j 2
-- {quadratic (dim 8), rosenbrock, tutorial1d} x {linear, mlp 64-64} x
-- {regression, objective}, every cell with a short from-scratch Adam
-- baseline, as a small research sweep would be: 15000 steps make the mlp
-- cells about a second each (0.8-1.5 s; the linear ones 0.04-0.8 s), 12 s
-- of cells in all with -j 1.  (With 3000 steps, this script's earlier
-- default, cells take 0.03-0.33 s here and the run 2 s, a fifth of it the
-- figures, rendered after the cells, and start-up: -j 2 then gains
-- 1.6-1.7x; --set steps=3000 to see it.)

experiment {
  name = "sweep12",
  problems = {{"quadratic", dim = 8, cond = 100}, "rosenbrock", "tutorial1d"},
  models = {"linear", {"mlp", hidden = {64, 64}}},
  losses = {"regression", "objective"},
  seeds = {1},
  train = {steps = tonumber(amor.setting("steps", 15000)), batch = 64, lr = 3e-3, eval_every = 500},
  eval = {contexts = 256, timing = 0.02},
  solver = {iterations = 200, methods = {"adam"}, adam_lr = 5e-2},
}
