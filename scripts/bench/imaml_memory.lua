-- imaml_memory.lua -- make bench: the peak resident set of the worker that
-- trains MAML on sinusoid (5-shot, 25 tasks, 1,761 weights) for K = 5, 20
-- and 100 inner steps, with implicit differentiation (iMAML: 2 iterates, a
-- workspace of a few vectors, CG on HVPs) and with exact unrolling (every
-- step's iterate and gradient kept).  run.py reads runs.csv's peak_rss_mib.
experiment {
  name = "imaml_memory",
  problems = {{"sinusoid", shots = 5, queries = 5}},
  models = {{"unroll_gd", init = "constant", init_std = 0.01, learn_steps = false, step0 = 0.01,
             lambda = 1, steps = amor.sweep{5, 20, 100}, grad = amor.sweep{"implicit", "exact"}}},
  losses = {{"objective", on = "validation"}},
  train = {steps = 20, batch = 25, eval_every = 20},
  eval = {contexts = 25, timing = 0},
  solver = {iterations = 0},
}
