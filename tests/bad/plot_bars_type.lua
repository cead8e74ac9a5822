-- amor.plot_bars with a field of the wrong type.
-- exit: 1
-- stderr: amor: {script}:5: plot_bars: 'logy' must be true or false, got 1
-- nothing-written
amor.plot_bars { stem = "b", groups = {"a"}, bars = {"x"}, value = {{1}}, logy = 1 }
