-- override() hands the host a list whose __len says -1: refused as not a
-- list of ints (it once made the host read past a zero-byte allocation).
-- exit: 1
-- stderr: amor: {script}:6: parameter 'hidden' of model 'mlp' must be of type int list, got table: its length (#) is -1 but it has 0 elements
-- no-output: runs.csv
experiment { name = "len", problems = {"quadratic"}, models = {"mlp"}, losses = {"objective"},
  override = function(cell)
    cell.model.params.hidden = setmetatable({}, {__len = function() return -1 end})
  end }
