"""followup.service.memory: the collector's threshold (the malloc settings leave nothing to read back)."""

from __future__ import annotations

import gc

from followup.service.memory import GC_YOUNGEST_THRESHOLD, tune_memory


def test_tune_memory_collects_the_youngest_generation_less_often() -> None:
    before = gc.get_threshold()
    try:
        tune_memory()
        assert gc.get_threshold() == (GC_YOUNGEST_THRESHOLD, *before[1:])
        tune_memory()  # again (a second Service in one process): the same
        assert gc.get_threshold() == (GC_YOUNGEST_THRESHOLD, *before[1:])
    finally:
        gc.set_threshold(*before)
