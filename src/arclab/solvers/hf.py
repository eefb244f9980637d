"""`hf`: a local Hugging Face causal language model, asked on views of the task, answers voted.

Each test input is asked on several views of the task (rotated, mirrored, colours renamed); every
parsable reply is mapped back to the task's own frame with `View.restore`, and the grids most
replies agree on become the attempts (test-time augmentation, as the 2024 ARC Prize winners did).
torch and transformers are imported only when the solver is built (`pip install 'arclab[hf]'`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, get_args

from ..task import SYMMETRIES, ColourOrder, Grid, Task
from ._augment import Candidate, LabelledView, labelled_views, vote
from ._prompt import PROMPT_FORMATS, ParseFailure, PromptFormat, format_prompt, parse_grid, render_grid
from ._calls import CallLog, ModelCall
from ._registry import SolverArgumentError, SolverLoadError
from ._types import MAX_ATTEMPTS, Attempt, Prediction, SolveContext

if TYPE_CHECKING:
    from ._hf_model import LocalModel, Reply

AUTO_TOKENS_FACTOR = 2
"""With max_new_tokens=None, a reply may take this many times the tokens of the largest grid shown."""
AUTO_TOKENS_SLACK = 32
"""...plus this many tokens (fences, a line of preamble)."""

_COLOUR_ORDERS: tuple[ColourOrder, ...] = get_args(ColourOrder)
_COLOUR_ORDER_NAMES: dict[str, ColourOrder] = {order: order for order in _COLOUR_ORDERS}


@dataclass(frozen=True, slots=True)
class Generation:
    """How replies are generated and how many views are asked (every field an `hf` argument)."""

    prompt_format: str
    """How grids are written in the prompt (see arclab.solvers.PROMPT_FORMATS)."""
    temperature: float
    """0 for greedy decoding; above 0, sampling at this temperature (no top-k/top-p cut)."""
    samples: int
    """Replies per view (more than 1 needs temperature > 0)."""
    max_new_tokens: int | None
    """Cap on a reply's tokens; None sizes it per prompt from the largest grid shown."""
    views: int
    """At most this many views per test input, the task as given first."""
    batch: int
    """Views asked in one generate call (padded together; faster on a GPU, coarser near the deadline)."""
    symmetries: tuple[str, ...]
    """Which symmetries of the square the views use."""
    colour_orders: tuple[ColourOrder, ...]
    """Which colour renamings the views use ('none' keeps the task's colours)."""


@dataclass(slots=True)
class _Tally:
    """What one test input's replies came to."""

    answers: list[tuple[LabelledView, Grid]] = field(default_factory=list)
    replies: int = 0
    parse_failures: int = 0
    last_failure: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    views_asked: int = 0
    views_skipped: int = 0
    seconds: float = 0.0
    slowest: float = 0.0

    def summary(self) -> dict[str, Any]:
        """The counts kept with each attempt (for the whole test input, all views)."""
        out: dict[str, Any] = {
            "replies": self.replies, "parse_failures": self.parse_failures, "views_asked": self.views_asked,
            "views_skipped": self.views_skipped, "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens, "seconds": round(self.seconds, 3)}
        if self.last_failure:
            out["last_parse_failure"] = self.last_failure
        return out


class HF:
    """Asks a local causal LM on views of each test input and answers with the most-voted grids."""

    def __init__(self, model: LocalModel, generation: Generation) -> None:
        self.model = model
        self.generation = generation

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        """Attempts per test input; none for an input whose replies held no grid."""
        rng = context.rng()
        views = labelled_views(task, self.generation.symmetries, self.generation.colour_orders,
                               self.generation.views)
        out = []
        for index in range(len(task.test)):
            deadline = _share_of_time(context, len(task.test) - index)
            tally = self._ask(task, index, views, deadline, rng.getrandbits(63), context.calls)
            out.append(_attempts(vote(tally.answers), tally))
        return tuple(out)

    def _ask(self, task: Task, index: int, views: tuple[LabelledView, ...], deadline: float | None,
             seed: int, calls: CallLog) -> _Tally:
        tally = _Tally()
        size = self.generation.batch
        for start in range(0, len(views), size):
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and (left <= 0 or (tally.views_asked and left < tally.slowest)):
                tally.views_skipped = len(views) - start  # the next batch would not finish in time
                break
            batch = views[start:start + size]
            seen = [labelled.view.apply_task(task) for labelled in batch]
            messages = [format_prompt(s, index, self.generation.prompt_format) for s in seen]
            prompts = self.model.encode(messages)
            began = time.monotonic()
            replies = self.model.generate(prompts, samples=self.generation.samples,
                                          temperature=self.generation.temperature,
                                          max_new_tokens=max(self._max_new_tokens(s, index) for s in seen),
                                          seed=seed + start, max_time=left)
            seconds = time.monotonic() - began
            tally.seconds += seconds
            tally.slowest = max(tally.slowest, seconds)
            each = seconds / max(1, sum(len(group) for group in replies))
            for labelled, group, asked in zip(batch, replies, messages, strict=True):
                for sample, reply in enumerate(_record(tally, labelled, group)):
                    calls.record(_call(task.id, index, sample, self.model.settings.name, asked, reply, each))
        return tally

    def _max_new_tokens(self, seen: Task, index: int) -> int:
        if self.generation.max_new_tokens is not None:
            return self.generation.max_new_tokens
        grids = [ex.output for ex in seen.train if ex.output is not None] + [seen.test[index].input]
        largest = max(self.model.count_tokens(render_grid(g, self.generation.prompt_format)) for g in grids)
        return AUTO_TOKENS_FACTOR * largest + AUTO_TOKENS_SLACK


def _share_of_time(context: SolveContext, inputs_left: int) -> float | None:
    """This test input's deadline: an equal share of what is left among the inputs still to do."""
    if context.deadline is None:
        return None
    now = time.monotonic()
    return now + max(0.0, context.deadline - now) / inputs_left


def _record(tally: _Tally, labelled: LabelledView,
            replies: Sequence[Reply]) -> list[tuple[Reply, ParseFailure | None]]:
    """Count the replies to one view and keep their grids; each reply with its parse failure, if any."""
    tally.views_asked += 1
    out: list[tuple[Reply, ParseFailure | None]] = []
    for reply in replies:
        tally.replies += 1
        tally.prompt_tokens += reply.prompt_tokens
        tally.completion_tokens += reply.completion_tokens
        parsed = parse_grid(reply.text)
        if isinstance(parsed, ParseFailure):
            tally.parse_failures += 1
            tally.last_failure = parsed.reason
            out.append((reply, parsed))
        else:
            tally.answers.append((labelled, parsed))
            out.append((reply, None))
    return out


def _call(task_id: str, index: int, sample: int, model: str, messages: Sequence[Mapping[str, str]],
          parsed: tuple[Reply, ParseFailure | None], seconds: float) -> ModelCall:
    """One generation as a model call for the run store (a local model costs nothing)."""
    reply, failure = parsed
    return ModelCall(task_id, index, sample, model, reply.prompt_tokens, reply.completion_tokens, seconds,
                     0.0, outcome="ok" if failure is None else "parse_failure",
                     detail="" if failure is None else failure.reason, messages=tuple(messages), reply=reply.text)


def _attempts(candidates: tuple[Candidate, ...], tally: _Tally) -> tuple[Attempt, ...]:
    summary = tally.summary()
    return tuple(Attempt(c.grid, {"votes": c.votes, "views": list(c.views), "test_input": summary})
                 for c in candidates[:MAX_ATTEMPTS])


def hf(model: str, format: PromptFormat = "digits", temperature: float = 0.0, samples: int = 1,
       max_new_tokens: int | None = None, views: int = 8, batch: int = 1, symmetries: str = "all",
       colour_orders: str = "none", device: str = "auto",
       dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto",
       template: Literal["auto", "plain"] = "auto", threads: int = 0, trust_remote_code: bool = False) -> HF:
    """A local transformers causal LM (a directory or a hub name) with test-time augmentation votes.

    `symmetries` and `colour_orders` are comma-separated names ('all' for every symmetry); the
    first `views` of their combinations are asked, the task as given first, `batch` views per
    generate call. Greedy when
    `temperature` is 0; `samples` replies per view otherwise. `device='auto'` takes a GPU when
    torch sees one.
    """
    orders = _names("colour_orders", colour_orders, _COLOUR_ORDERS)
    generation = Generation(format, temperature, samples, max_new_tokens, views, batch,
                            _names("symmetries", symmetries, SYMMETRIES),
                            tuple(_COLOUR_ORDER_NAMES[name] for name in orders))
    _check(generation, threads)
    try:
        from ._hf_model import LocalModel, ModelSettings
    except ImportError as error:
        raise SolverLoadError(f"solver 'hf' needs torch and transformers (pip install 'arclab[hf]'): "
                              f"{error}") from None
    settings = ModelSettings(model, device, dtype, template, threads, trust_remote_code)
    return HF(LocalModel(settings), generation)


def _names(key: str, value: str, known: tuple[str, ...]) -> tuple[str, ...]:
    if value.strip() == "all":
        return known
    names = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise SolverArgumentError(f"solver 'hf': {key}={value!r} names {', '.join(unknown) or 'nothing'}; "
                                  f"choose from {', '.join(known)} (comma-separated) or all")
    return names


def _check(generation: Generation, threads: int) -> None:
    problems = []
    if generation.prompt_format not in PROMPT_FORMATS:
        problems.append(f"format={generation.prompt_format!r} is not one of {', '.join(PROMPT_FORMATS)}")
    if generation.temperature < 0:
        problems.append(f"temperature={generation.temperature:g} is negative")
    if generation.samples < 1:
        problems.append(f"samples={generation.samples} must be at least 1")
    elif generation.samples > 1 and generation.temperature == 0:
        problems.append(f"samples={generation.samples} needs temperature > 0 (greedy replies are all alike)")
    if generation.max_new_tokens is not None and generation.max_new_tokens < 1:
        problems.append(f"max_new_tokens={generation.max_new_tokens} must be at least 1")
    if generation.views < 1:
        problems.append(f"views={generation.views} must be at least 1")
    if generation.batch < 1:
        problems.append(f"batch={generation.batch} must be at least 1")
    if threads < 0:
        problems.append(f"threads={threads} is negative")
    if problems:
        raise SolverArgumentError(f"solver 'hf': {'; '.join(problems)}")
