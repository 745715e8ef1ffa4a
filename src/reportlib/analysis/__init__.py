"""Pure analysis functions: DataFrames in; DataFrames, numbers or dicts out; no I/O."""
