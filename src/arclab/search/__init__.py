"""Program search over the DSL: typed enumeration and task-level strategies."""

from ._enumerate import Candidate, Enumerator
from ._learn import learn_colour_map
from ._prior import (
    DEFAULT_FOLDS, LEVEL_BITS, MAX_LEVEL, PRIOR_FILE, Prior, PriorError, PriorSample, PriorTable, fit_prior, load_prior,
    out_of_view, prior_from_json, task_fold,
)
from ._registry import STRATEGIES, Strategy, ordered_strategies, strategy
from ._solve import SearchStats, Solution, Synthesizer, two_attempts
from ._views import ViewSearch, ViewSettings, VotedAnswer, in_view, search_views

__all__ = [
    "DEFAULT_FOLDS", "LEVEL_BITS", "MAX_LEVEL", "PRIOR_FILE", "Prior", "PriorError", "PriorSample", "PriorTable",
    "fit_prior", "load_prior", "out_of_view", "prior_from_json", "task_fold",
    "STRATEGIES", "Candidate", "Enumerator", "Strategy", "SearchStats", "Solution", "Synthesizer", "ViewSearch", "ViewSettings", "VotedAnswer",
    "in_view", "learn_colour_map", "ordered_strategies", "search_views", "strategy", "two_attempts",
]
