-- A script that runs no cell and writes no file: an unread key is refused
-- when its top level ends.
-- args: run {script} --out {tmp}/out --set quik=true
-- exit: 1
-- stderr: amor: --set quik=true: the script never read 'quik' (amor.setting); it read no setting
-- nothing-written
print("hello")
