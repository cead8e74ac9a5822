-- experiment{} called with a string instead of a table.
-- exit: 1
-- stderr: amor: {script}:5: experiment expects a table: experiment{...}
-- no-output: runs.csv
experiment "quadratic"
