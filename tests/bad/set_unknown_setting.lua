-- A misspelt setting of a known section.
-- args: run {script} --out {tmp}/out --set train.stesp=5
-- exit: 2
-- stderr: amor run: --set train.stesp=5: unknown train setting 'stesp' (valid: steps, batch, lr, beta1, beta2, eps, weight_decay, clip, train_set, eval_every, save_model, init_from, threads, estimator, es_pairs, es_sigma)
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
