"""The synthesis loop: strategies propose programs, only those exact on every train pair count."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

import numpy as np

from ..dsl import COLOUR, GRID, Call, Const, Expr, Primitive, Var, evaluate, program_size
from ..dsl.colour import cellwise, map_colours, map_roles
from ..task import Task
from ._cells import CellData, cell_data, cell_rule_programs
from ._enumerate import Candidate, Enumerator
from ._learn import learn_colour_map, learn_pair_map, learn_role_map
from ._prior import PriorTable
from . import _parts, _strategies  # noqa: F401  (their strategies register on import)
from ._registry import Strategy, ordered_strategies
from ._rules import rule_list_programs
from ._stack import Stacker
from ._support import memorised
from ._uniform import Uniform

CELL_RULE_TRIES = 40
"""How many enumerated candidates of the output's shape get a cell rule learned on top."""
CELL_TABLE_TRIES = 10
"""Of those, how many also get a cell table learned (a table's search runs to its deadline when
nothing fits, a rule list's rarely does), so later tries are cheap."""
CELL_RULE_SHARE = 0.15
"""At most this part of the budget, in all, goes to learning cell rules on candidates."""


@dataclass(frozen=True, slots=True)
class Solution:
    """A program exact on every train pair, and its answers for the test inputs."""

    program: Expr
    test_outputs: tuple[np.ndarray, ...]
    cost: float
    strategy: str
    tentative: bool = False
    """A learned table that may fit the train pairs by accident (see Strategy.tentative)."""

    def set_aside(self, patient: bool) -> bool:
        """Whether a search (patient or not) treats it as tentative: no cap, ranked last."""
        return patient and self.tentative

    def rank_key(self, patient: bool) -> tuple[bool, float]:
        """Cheapest first; a patient search puts tentative programs after all others."""
        return (self.set_aside(patient), self.cost)


@dataclass
class SearchStats:
    """How much the search did: candidates evaluated, seconds, and strategy failures (with why)."""

    evaluated: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    """One line per strategy that raised: 'name: error'."""
    found: dict[str, int] = field(default_factory=dict)
    """Programs exact on the train pairs, per strategy (and 'enumerate' and the learned last steps)."""

    def count(self, strategy: str) -> None:
        """One more program found by `strategy`."""
        self.found[strategy] = self.found.get(strategy, 0) + 1


def _matches(values: Sequence[np.ndarray], outputs: Sequence[np.ndarray]) -> bool:
    for v, o in zip(values, outputs):
        if v.shape != o.shape or not np.array_equal(v, o):
            return False
    return True


def _valid_test(values: Sequence[np.ndarray]) -> bool:
    return all(isinstance(v, np.ndarray) and v.ndim == 2 for v in values)


def _all_valid(values: tuple[np.ndarray | None, ...]) -> TypeGuard[tuple[np.ndarray, ...]]:
    """Whether every value is a grid (none failed)."""
    return all(isinstance(v, np.ndarray) and v.ndim == 2 for v in values)


class Synthesizer:
    """Finds programs for one task until a deadline; `solutions` grows as the search goes."""

    def __init__(self, task: Task, deadline: float, *, max_cost: int = 12, extra_cost: int = 2,
                 extra_seconds: float = 2.0, strategies: Sequence[Strategy] | None = None,
                 strategy_cap: bool = True, fair: bool = True, roles: bool = True, patient: bool = True,
                 complete: int = 0, enumerate_first: float = 0.0, stack: int = 0, guided: bool = False,
                 closer_bases: bool = False, complete_per_second: float = 0.0, bases_per_op: int = 0, probe: int = 0,
                 memorised_cost: float = 0.0, options: Mapping[str, Any] | None = None,
                 prior: PriorTable | None = None, primitives: Sequence[Primitive] | None = None) -> None:
        self.task = task
        self.prior = prior
        """When given, solutions are ranked by their cost in bits under this prior (else by hand costs)."""
        self.primitives = primitives
        """The enumerator's primitives with their costs (None: every registered one, hand costs)."""
        self.deadline = deadline
        self.max_cost = max_cost
        self.extra_cost = extra_cost
        self.extra_seconds = extra_seconds
        """After the first solution, search this much longer for a second, different answer."""
        self.strategies = ordered_strategies() if strategies is None else list(strategies)
        self.strategy_cap = strategy_cap
        """When True, a strategy's solution of cost c ends the enumeration at cost c + extra_cost; when
        False, only enumerated solutions end it (learned rules often fit the pairs by accident)."""
        self.fair = fair
        """Primitives take turns within each cost level of the enumeration (see Enumerator)."""
        self.roles = roles
        """Learn colour maps by colour role (rank in the input) where a plain colour map fails."""
        self.patient = patient
        """Tentative programs (learned cell tables) neither end the search nor outrank the others."""
        self.complete = max(complete, int(complete_per_second * max(0.0, deadline - time.monotonic())))
        """Families of at most this many argument tuples finish a full level (see Enumerator); with
        `complete_per_second`, at least that many per second of this search's budget, so a longer
        budget completes the cheap levels instead of only reaching dearer, more truncated ones."""
        self.enumerate_first = enumerate_first
        """Part of the budget the enumeration runs before the timed learners (0: they run first)."""
        self.guided = guided
        """Grid arguments closest to the train outputs are tried first (see Enumerator)."""
        self.closer_bases = closer_bases
        """Cell rules are learned only on candidates at least as close to the outputs as any before."""
        self.closest_base = 0.0
        self.bases_per_op = bases_per_op
        """Most candidates calling any one primitive that get cell rules learned on top (0: no limit),
        so the tries go to bases of many kinds, not to one primitive over every argument."""
        self._bases_of: dict[str, int] = {}
        self.probe = probe
        """The enumeration first sweeps every level over only this many grids closest to the train
        outputs per argument (0: no sweep; see Enumerator.probe)."""
        self.memorised_cost = memorised_cost
        """Added to a learned table's cost for each entry that changes cells in one train pair only
        (see `memorised`): a table that writes down each pair's answer ranks below one they share."""
        self.options = dict(options or {})
        """Settings a strategy takes by name when it lists them in its `options`."""
        self.train_in = [ex.input.array for ex in task.train]
        self.train_out = [ex.output.array for ex in task.train if ex.output is not None]
        self.test_in = [ex.input.array for ex in task.test]
        self.stacker = Stacker(self.train_out, stack)
        """Programs right on part of the output, painted over one another (up to `stack` pieces)."""
        self.n_train = len(self.train_in)
        self.same_shape = all(i.shape == o.shape for i, o in zip(self.train_in, self.train_out))
        self.uniform = Uniform.of(self.train_out, len(self.test_in))
        """When every output is one colour: builds filled(height, width, colour) from found parts."""
        self.solutions: list[Solution] = []
        self.stats = SearchStats()
        self.cell_rule_tries = 0
        self.cell_rule_budget = CELL_RULE_SHARE * max(0.0, deadline - time.monotonic())
        self.cell_rule_seconds = 0.0

    def colours(self) -> list[int]:
        grids = self.train_in + self.train_out + self.test_in
        return sorted(set(np.unique(np.concatenate([g.ravel() for g in grids])).tolist()))

    def verified(self, expr: Expr, cost: float, strategy: str, tentative: bool = False) -> Solution | None:
        """The program as a solution if it is exact on every train pair (up to a colour map learned
        from them) and answers every test input."""
        values = [evaluate(expr, g) for g in self.train_in]
        if not all(isinstance(v, np.ndarray) and v.shape == o.shape for v, o in zip(values, self.train_out)):
            return None
        if not _matches(values, self.train_out):
            mapping = learn_colour_map(values, self.train_out)
            if mapping is not None:
                expr, cost = Call("map_colours", (expr, Const(mapping))), cost + 2
            elif self.roles and (roles := learn_role_map(self.train_in, values, self.train_out)) is not None:
                expr, cost = Call("map_roles", (expr, Var(), Const(roles))), cost + 3
            else:
                return None
        answers = [evaluate(expr, g) for g in self.test_in]
        if not _valid_test(answers):
            return None
        return Solution(expr, tuple(answers), cost, strategy, tentative)

    def run_strategies(self, timed: bool | None = None) -> None:
        """Each strategy (only the timed ones, or only the others, when `timed` says) contributes
        its first two programs with different test answers."""
        data: CellData | None = None
        for strategy in self.strategies:
            if timed is not None and (strategy.share is not None) != timed:
                continue
            name = strategy.name
            answers: set[bytes] = set()
            try:
                args = (self.train_in, self.train_out, self.test_in)
                options = {key: self.options[key] for key in strategy.options if key in self.options}
                if strategy.share is not None:
                    data = data or cell_data(*args)
                    share = strategy.share * max(0.0, self.deadline - time.monotonic())
                    programs = strategy.function(*args, deadline=time.monotonic() + share, data=data, **options)
                else:
                    programs = strategy.function(*args, **options)
                for expr, cost in programs:
                    if time.monotonic() > self.deadline:
                        return
                    found = self.verified(expr, cost, name, strategy.tentative)
                    if found is not None:
                        key = b"|".join(v.tobytes() + bytes(v.shape) for v in found.test_outputs)
                        if key not in answers:
                            answers.add(key)
                            self.solutions.append(found)
                            self.stats.count(name)
                        if len(answers) == 2:
                            break
            except Exception as error:  # a strategy's bug must not cost the task its other answers
                self.stats.errors.append(f"{name}: {error!r}")

    def run(self) -> list[Solution]:
        """Untimed strategies, then the enumeration; the timed learners run when the enumeration
        has had its first part of the budget (`enumerate_first`), then the enumeration goes on."""
        start = time.monotonic()
        self.run_strategies(timed=False)
        enum = Enumerator(self.train_in + self.test_in, self.colours(), fair=self.fair, complete=self.complete,
                          primitives=self.primitives, targets=self.train_out if self.guided or self.probe else (),
                          guided=self.guided, probe=self.probe)
        self._enum = enum
        self._out_classes = enum.classes_of(GRID, tuple(self.train_out))
        """The value class of each train output: a candidate is exact when its classes are these."""
        types = frozenset([GRID]) | (self.uniform.types() if self.uniform else frozenset())
        stream = enum.candidates(self.max_cost, types)
        self._best = min((s.cost for s in self.solutions if not s.set_aside(self.patient)),
                         default=None) if self.strategy_cap else None
        self._found_at: float | None = None  # the extra seconds run from the first enumerated solution
        enum.deadline = start + self.enumerate_first * (self.deadline - start)
        going = self._enumerate(stream)
        self.run_strategies(timed=True)
        enum.deadline = self.deadline
        if going:
            self._enumerate(stream)
        self._stack()
        self.stats.evaluated += enum.evaluated
        self.stats.seconds += time.monotonic() - start
        if self.prior is not None:
            prior = self.prior
            self.solutions = [dataclasses.replace(s, cost=prior.solution_bits(s.program, s.strategy))
                              for s in self.solutions]
        if self.memorised_cost:
            self.solutions = [self._backed(s) for s in self.solutions]
        self.solutions.sort(key=lambda s: (*s.rank_key(self.patient), program_size(s.program)))
        return self.solutions

    def _backed(self, solution: Solution) -> Solution:
        """The solution, dearer by `memorised_cost` for each entry of its learned table that only one
        train pair backs."""
        entries = memorised(solution.program, self.train_in, self.train_out)
        return dataclasses.replace(solution, cost=solution.cost + self.memorised_cost * entries) if entries else solution

    def _enumerate(self, stream: Iterator[Candidate | None]) -> bool:
        """Check candidates until the enumerator's deadline (True: it may go on later) or the end."""
        for cand in stream:
            if cand is None:
                return time.monotonic() < self.deadline
            probing = self._enum.probing  # the first sweep's costs are not in order: no cap yet
            if not probing and self._best is not None and cand.cost > self._best + self.extra_cost:
                return False
            if self._found_at is not None and time.monotonic() > self._found_at + self.extra_seconds:
                return False
            found = self._check(cand)
            if found is not None:
                self.solutions.append(found)
                self.stats.count(found.strategy)
                if not found.set_aside(self.patient) and not probing:
                    self._best = found.cost if self._best is None else min(self._best, found.cost)
                    self._found_at = self._found_at or time.monotonic()
        return False

    def _stack(self) -> None:
        """Stacked programs (see Stacker), verified on the pairs like a strategy's."""
        for expr, cost in self.stacker.programs():
            found = self.verified(expr, cost, "stack", tentative=True)
            if found is not None:
                self.solutions.append(found)
                self.stats.count("stack")

    def _check(self, cand: Candidate) -> Solution | None:
        train_vals = cand.values[: self.n_train]
        test_vals = cand.values[self.n_train:]
        if cand.type != GRID:
            return self._uniform_answer(cand, train_vals, test_vals)
        if not _valid_test(test_vals):
            return None
        if cand.classes[: self.n_train] == self._out_classes:
            return Solution(cand.expr, tuple(test_vals), cand.cost, "enumerate")
        if all(v.shape == o.shape for v, o in zip(train_vals, self.train_out)):
            self.stacker.add(cand, train_vals)
            # The learned tables are exact on the train values by construction, so only the
            # test answers are computed, from the values the enumerator already holds.
            mapped = self._mapped(cand, train_vals, test_vals)
            if mapped is not None:
                return mapped
            if self.same_shape and cand.cost > 1:
                pairs = learn_pair_map(self.train_in, train_vals, self.train_out, self.test_in, test_vals)
                if pairs is not None:
                    expr = Call("cellwise", (Var(), cand.expr, Const(pairs)))
                    answers = tuple(cellwise(x, v, pairs) for x, v in zip(self.test_in, test_vals))
                    return Solution(expr, answers, cand.cost + 3, "cellwise")
            if (cand.cost > 1 and self.cell_rule_tries < CELL_RULE_TRIES
                    and self.cell_rule_seconds < self.cell_rule_budget and self._closer(train_vals)
                    and self._fresh_base(cand.expr)):
                self.cell_rule_tries += 1
                return self._cell_rule_on(cand, train_vals, test_vals)
        return None

    def _fresh_base(self, expr: Expr) -> bool:
        """Whether a base may still get cell rules (see bases_per_op): none of its primitives is in
        that many bases tried before. Counts it when it may."""
        if not self.bases_per_op:
            return True
        ops = _ops(expr)
        if any(self._bases_of.get(op, 0) >= self.bases_per_op for op in ops):
            return False
        for op in ops:
            self._bases_of[op] = self._bases_of.get(op, 0) + 1
        return True

    def _closer(self, train_vals: Sequence[np.ndarray]) -> bool:
        """Whether a candidate may get a cell rule: with `closer_bases`, only when its share of cells
        equal to the train outputs is at least that of every candidate that got one before."""
        if not self.closer_bases:
            return True
        share = float(np.mean([(v == o).mean() for v, o in zip(train_vals, self.train_out)]))
        if share < self.closest_base:
            return False
        self.closest_base = share
        return True

    def _mapped(self, cand: Candidate, train_vals: Sequence[np.ndarray],
                test_vals: Sequence[np.ndarray]) -> Solution | None:
        """The candidate followed by a learned colour map, or by a role map where the plain map
        fails or has never seen a colour the test values hold."""
        mapping = learn_colour_map(train_vals, self.train_out)
        if mapping is not None and (not self.roles or _colours(test_vals) <= _colours(train_vals)):
            return self._colour_mapped(cand, mapping, test_vals)
        roles = learn_role_map(self.train_in, train_vals, self.train_out) if self.roles else None
        if roles is not None:
            try:
                answers = tuple(map_roles(v, x, roles) for v, x in zip(test_vals, self.test_in))
            except ValueError:  # a test input lacks a colour of some rank the map names
                answers = ()
            if answers:
                expr = Call("map_roles", (cand.expr, Var(), Const(roles)))
                return Solution(expr, answers, cand.cost + 3, "role-map")
        return None if mapping is None else self._colour_mapped(cand, mapping, test_vals)

    @staticmethod
    def _colour_mapped(cand: Candidate, mapping: tuple[tuple[int, int], ...],
                       test_vals: Sequence[np.ndarray]) -> Solution:
        expr = Call("map_colours", (cand.expr, Const(mapping)))
        answers = tuple(map_colours(v, mapping) for v in test_vals)
        return Solution(expr, answers, cand.cost + 2, "colour-map")

    def _uniform_answer(self, cand: Candidate, train_vals: Sequence[int], test_vals: Sequence[int]) -> Solution | None:
        """Outputs that are one colour: filled(height, width, colour) once every part is found
        (the first such program is returned; others the candidate completes are added here)."""
        assert self.uniform is not None
        found = [Solution(expr, answers, cost, "uniform") for expr, cost, answers in
                 self.uniform.add(cand, train_vals, test_vals)]
        for extra in found[1:]:
            self.solutions.append(extra)
            self.stats.count(extra.strategy)
        return found[0] if found else None

    def _cell_rule_on(self, cand: Candidate, train_vals: Sequence[np.ndarray],
                      test_vals: Sequence[np.ndarray]) -> Solution | None:
        """Cell rules learned on a candidate that already has the output's shape."""
        start = time.monotonic()
        deadline = min(self.deadline, start + 0.1)
        found = None
        data = cell_data(train_vals, self.train_out, test_vals)
        if data is not None:
            args = (train_vals, self.train_out, test_vals, deadline)
            at_least = bool(self.options.get("at_least", True))
            learners = [rule_list_programs(*args, source=cand.expr, data=data, at_least=at_least)]
            if self.cell_rule_tries <= CELL_TABLE_TRIES:
                learners.append(cell_rule_programs(*args, source=cand.expr, max_features=2, data=data))
            for expr, cost in filter(None, (next(programs, None) for programs in learners)):
                answers = tuple(_on_value(expr, v) for v in test_vals)
                if _all_valid(answers):  # on x itself (cost 1) it costs what the direct learner says
                    found = Solution(expr, answers, cost + cand.cost - 1, "cell-rule", tentative=True)
                    break
        self.cell_rule_seconds += time.monotonic() - start
        return found


def _ops(expr: Expr) -> set[str]:
    """The primitives a program calls."""
    if not isinstance(expr, Call):
        return set()
    return {expr.op}.union(*(_ops(a) for a in expr.args))


def _colours(values: Sequence[np.ndarray]) -> set[int]:
    return set(np.unique(np.concatenate([v.ravel() for v in values])).tolist())


def _on_value(expr: Expr, value: np.ndarray) -> np.ndarray | None:
    """A learned last step `op(source, consts...)` run on the source's value, already known."""
    from ..dsl import PRIMITIVES

    assert isinstance(expr, Call), "a learned last step is a call"
    consts = [a.value for a in expr.args[1:] if isinstance(a, Const)]
    assert len(consts) == len(expr.args) - 1, "a learned last step takes constants only"
    try:
        result: np.ndarray = PRIMITIVES[expr.op].function(value, *consts)
        return result
    except (ValueError, IndexError):
        return None


def two_attempts(solutions: Sequence[Solution], num_tests: int) -> list[list[tuple[np.ndarray, Solution]]]:
    """Per test input, the two best distinct answers (ranked by cost, then program size)."""
    out: list[list[tuple[np.ndarray, Solution]]] = [[] for _ in range(num_tests)]
    for i in range(num_tests):
        seen: set[tuple[tuple[int, ...], bytes]] = set()
        for sol in solutions:
            grid = sol.test_outputs[i]
            key = (grid.shape, grid.tobytes())
            if key in seen:
                continue
            seen.add(key)
            out[i].append((grid, sol))
            if len(out[i]) == 2:
                break
    return out


__all__ = ["SearchStats", "Solution", "Synthesizer", "two_attempts"]
