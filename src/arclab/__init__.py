"""arclab: a workbench for the Abstraction and Reasoning Corpus (ARC-AGI)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("arclab")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
