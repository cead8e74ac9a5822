-- Keys are case-sensitive: Train.steps is not train.steps.
-- args: run {script} --out {tmp}/out --set Train.steps=5
-- exit: 2
-- stderr: amor run: --set Train.steps=5: unknown key 'Train.steps' (valid: train.steps, train.batch, train.lr, train.beta1, train.beta2, train.eps, train.weight_decay, train.clip, train.train_set, train.eval_every, train.save_model, train.init_from, train.threads, train.estimator, train.es_pairs, train.es_sigma, eval.contexts, eval.timing, eval.on_train_set, eval.track, eval.tolerances, eval.max_iterations, eval.iterates, solver.iterations, solver.methods, solver.adam_lr, solver.gd_lr, solver.match_delta, solver.log_every, solver.anderson_memory, solver.anderson_beta, solver.anderson_reg, solver.anderson_safeguard, limits.timeout, limits.memory; problem.NAME, model.NAME or loss.NAME for a parameter NAME that plugins of that kind in the run declare; or a key without '.' that the script reads with amor.setting)
-- nothing-written
experiment { name = "e", problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
