-- An output directory that cannot be created: a path under a regular file
-- (ENOTDIR), which holds for root too, unlike a directory without write
-- permission (the suite may run as root, as CI does).
-- setup: file {tmp}/file
-- args: run {script} --out {tmp}/file/sub
-- exit: 1
-- stderr: amor: {script}:8: cannot create directory {tmp}/file/sub: Not a directory
experiment { name = "unwritable", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
