"""arclab: a workbench for the Abstraction and Reasoning Corpus (ARC-AGI)."""

import os
from importlib.metadata import PackageNotFoundError, version

# numpy's OpenBLAS starts a thread per core for every matrix product; on the small products the
# search makes (cells x tests), with one worker per core, those threads only wait on each other
# (measured: a 487x196 by 196x44 product 16 ms with them, 0.2 ms without). One thread, unless the
# user chose otherwise; it takes effect when arclab is imported before numpy (the CLI, the workers).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    __version__ = version("arclab")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
