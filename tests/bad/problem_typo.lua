-- amor.problem with a misspelt parameter.
-- exit: 1
-- stderr: amor: {script}:5: unknown parameter 'dimm' for problem 'quadratic' (valid: dim, cond, matrix_seed)
-- nothing-written
local p = amor.problem { "quadratic", dimm = 2 }
