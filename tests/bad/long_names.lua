-- A 9000-character experiment name and a 5000-character swept key: the
-- cell's id and the text its random streams are hashed from are cut to
-- their buffers (both were once written past their ends); the figures'
-- file names would be too long for the file system: they are cut and end
-- in a hash of the whole name, so the figures are written, without a word.
-- exit: 0
-- stderr: 
-- stdout: 1 cell, 0 failed: 1 ok; results in {tmp}/out
-- row: status=ok
-- row-like: cell=^quadratic\(dim=2\)/linear/objective/seed=1/k{100,}=?$
experiment { name = string.rep("e", 9000), problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0},
  override = function(cell) cell.swept[#cell.swept + 1] = string.rep("k", 5000) end }
