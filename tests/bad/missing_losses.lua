-- An experiment without the required 'losses'.
-- exit: 1
-- stderr: amor: {script}:5: experiment: 'losses' is required
-- no-output: runs.csv
experiment { name = "nolosses", problems = {"quadratic"}, models = {"linear"} }
