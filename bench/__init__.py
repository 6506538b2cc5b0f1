"""Benchmarks for `summariser` (issue 5): overhead, prefix reuse, concurrency, cache, scale.

Run `python -m bench.run [--quick] [--out bench/results]`. Nothing here changes the product:
the benchmarks drive the public pipeline (`summarise_text`) and instrument objects they own
(a backend instance, its `Llama`) from the outside.
"""

import os


def usable_cores() -> int:
    """Cores this process may run on (its affinity), else all the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
