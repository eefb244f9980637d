"""Program search over the DSL: typed enumeration and task-level strategies."""

from ._enumerate import Candidate, Enumerator
from ._learn import learn_colour_map
from ._solve import SearchStats, Solution, Synthesizer, two_attempts

__all__ = ["Candidate", "Enumerator", "SearchStats", "Solution", "Synthesizer", "learn_colour_map", "two_attempts"]
