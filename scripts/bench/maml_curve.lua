-- bench/maml_curve.lua -- the training curve of make bench's maml_meta_step
-- cell (amor_bench.lua's workload maml_train), to set beside PyTorch's
-- (scripts/bench/torch_bench.py --workload maml_train --batch 25 --curve
-- 4000 --seed S): that both sides train alike, since the same tasks are out
-- of reach across two RNGs.  Never run by the tests.
--   build/amor run scripts/bench/maml_curve.lua --out DIR
--   (DIR/curves.csv, split eval, metric validation: the held-out query MSE
--   after the inner step, on 1000 tasks, every 500 meta-steps)

experiment {
  name = "maml_curve",
  problems = {{"sinusoid", shots = 5, queries = 5}},
  models = {{"unroll_gd", init = "constant", init_std = 0.01, steps = 1, step0 = 0.01,
             learn_steps = false, grad = "exact"}},
  losses = {{"objective", on = "validation"}},
  seeds = {1, 2, 3, 4, 5, 6},
  train = {steps = tonumber(amor.setting("steps", 4000)), batch = 25, lr = 1e-3,
           eval_every = 500},
  eval = {contexts = 1000, timing = 0},
  solver = {iterations = 0},
}
