"""Benchmarks for `summariser` (issue 5): overhead, prefix reuse, concurrency, cache, scale.

Run `python -m bench.run [--quick] [--out bench/results]`. Nothing here changes the product:
the benchmarks drive the public pipeline (`summarise_text`) and instrument objects they own
(a backend instance, its `Llama`) from the outside.
"""
