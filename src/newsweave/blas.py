"""Run numpy's matrix products on one BLAS thread inside a ``with one_blas_thread():`` block.

Story clustering multiplies many small and mid-size matrices (tens to a few thousand rows).
OpenBLAS splits each product over all cores; on such sizes the threads' hand-offs cost more than
they save, and when the cores are busy (an ingest's worker processes, other programs) a 100-row
product can take 100x longer than on one thread (measured: cluster_scale at 100k articles, 188
CPU-s with 2 BLAS threads against 136 with one, before the other speed-ups). threadpoolctl finds
the BLAS that numpy loaded, whichever it is, and restores its setting on leaving the block.

>>> import numpy as np
>>> with one_blas_thread():
...     float((np.eye(3) @ np.eye(3)).trace())
3.0
"""
from __future__ import annotations

import contextlib
import threading
from typing import Iterator


_state = threading.local()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Limit the BLAS libraries loaded so far to one thread until the block ends. The libraries
    are looked up on each outermost call (about a millisecond) because scipy or onnxruntime may
    load their own BLAS after numpy's; nested calls cost nothing."""
    if getattr(_state, "depth", 0):
        yield
        return
    from threadpoolctl import threadpool_limits

    _state.depth = 1
    try:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
    finally:
        _state.depth = 0
