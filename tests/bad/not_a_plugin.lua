-- A problem named by a path to a file that is not a shared object.
-- exit: 1
-- stderr: amor: {script}:5: {fixtures}/not_elf.so: cannot open plugin (not a loadable shared object?): {fixtures}/not_elf.so: invalid ELF header
-- no-output: runs.csv
experiment { name = "notelf", problems = {amor.setting("fixtures") .. "/not_elf.so"},
  models = {"linear"}, losses = {"objective"} }
