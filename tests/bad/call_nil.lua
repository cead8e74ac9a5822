-- Malformed script: calls a function amor does not have.
-- exit: 1
-- stderr: amor: {script}:5: attempt to call a nil value (field 'frobnicate')
-- no-output: runs.csv
amor.frobnicate { name = "x" }
