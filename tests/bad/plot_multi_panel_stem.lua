-- A panel of amor.plot_multi with the fields of a whole figure: its stem
-- and size were ignored without a word (the layout's are used).
-- exit: 1
-- stderr: amor: {script}:6: plot_multi: panel 2: unknown field 'width' (valid: title, xlabel, ylabel, logx, logy, key, series, bands)
-- nothing-written
amor.plot_multi { stem = "m", panels = {
  {title = "a", series = {{x = {1, 2}, y = {1, 4}}}},
  {title = "b", width = 400, series = {{x = {1, 2}, y = {2, 3}}}} } }
