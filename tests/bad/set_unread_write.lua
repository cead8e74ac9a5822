-- The same when the script's first act is writing a file.
-- args: run {script} --out {tmp}/out --set quik=true
-- exit: 1
-- stderr: amor: {script}:7: --set quik=true: the script has not read 'quik' (amor.setting) before its first cell or file; it read: quick
-- nothing-written
local quick = amor.setting("quick", false)
amor.write_file("notes.md", quick and "quick\n" or "full\n")
