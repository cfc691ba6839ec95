"""The process's allocator settings for handling mail in batches (see tune_memory)."""

from __future__ import annotations

import ctypes
import gc

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3  # mallopt's parameters, from glibc's malloc.h


GC_YOUNGEST_THRESHOLD = 10_000
"""Allocations between collections of the youngest generation (CPython's default: 700)."""


def tune_memory() -> None:
    """Two settings of the allocators for a process that handles mail in batches.

    - glibc's malloc thresholds, fixed at their defaults. Left dynamic, glibc raises the mmap
      threshold to the size of the largest block freed: after one catch-up batch (a couple of
      MB, pickled for the worker or read from the server) every later one is carved out of the
      heap, where it fragments and stays. Fixed, such buffers are mapped and given back when
      freed: about 4 MB less in the daemon and 5 MB less in its batch worker on a backfill of
      10,000. Elsewhere than glibc (musl, macOS) this part does nothing.
    - The cyclic collector runs after 10,000 allocations, not 700: a batch allocates tens of
      thousands of short-lived objects, nearly all freed by reference counting, and the
      collector's passes over them took about 0.1 s of CPU per 10,000 messages in each process."""
    gc.set_threshold(GC_YOUNGEST_THRESHOLD, *gc.get_threshold()[1:])
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    mallopt(_M_TRIM_THRESHOLD, 256 * 1024)
