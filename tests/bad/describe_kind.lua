-- amor.describe with a kind it does not know.
-- exit: 1
-- stderr: amor: {script}:5: amor.describe: unknown kind 'plugin' (valid: problem, model, loss)
-- nothing-written
local d = amor.describe("mlp", "plugin")
