"""Strategies are registered values: named, ordered, with their time shares; failures are counted."""

import time
from collections.abc import Iterator

import numpy as np
import pytest

from arclab.dsl import Expr, parse
from arclab.search import STRATEGIES, Strategy, Synthesizer, ordered_strategies
from arclab.solvers import make_solver
from arclab.task import Example, Grid, Task

TASK = Task("t", (Example(Grid([[1, 2]]), Grid([[2, 1]])), Example(Grid([[3, 4]]), Grid([[4, 3]]))),
            (Example(Grid([[5, 6]])),))


def test_every_strategy_is_registered_once_in_order() -> None:
    names = [s.name for s in ordered_strategies()]
    assert names[0] == "block_layout" and names[-1] == "cell_rule"
    assert len(names) == len(set(names)) == len(STRATEGIES) >= 11
    assert {s.name for s in ordered_strategies() if s.share is not None} == {"rule_list", "cell_rule"}
    assert all(s.doc for s in ordered_strategies())


def test_shares_can_be_overridden() -> None:
    shares = {s.name: s.share for s in ordered_strategies({"cell_rule": 0.1})}
    assert shares["cell_rule"] == 0.1 and shares["rule_list"] == 0.2


def _broken(train_in, train_out, test_in) -> Iterator[tuple[Expr, float]]:
    raise RuntimeError("broken on purpose")
    yield parse("x"), 1.0


def test_a_failing_strategy_is_counted_not_fatal() -> None:
    synth = Synthesizer(TASK, time.monotonic() + 5, strategies=[Strategy("broken", _broken, 0)])
    solutions = synth.run()
    assert synth.stats.errors == ["broken: RuntimeError('broken on purpose')"]
    assert np.array_equal(solutions[0].test_outputs[0], [[6, 5]])
    assert synth.stats.found.get("enumerate", 0) >= 1


def test_synth_settings_choose_strategies() -> None:
    assert make_solver("synth", strategies="none").settings.strategies == ()
    chosen = make_solver("synth", strategies="lookup,cell_rule", shares="cell_rule=0.3").settings.strategies
    assert [(s.name, s.share) for s in chosen] == [("lookup", None), ("cell_rule", 0.3)]
    with pytest.raises(Exception, match="unknown strategy"):
        make_solver("synth", strategies="magic")
    with pytest.raises(Exception, match="unknown timed strategy"):
        make_solver("synth", shares="lookup=0.5")


def _optioned(train_in, train_out, test_in, *, flip: bool = False) -> Iterator[tuple[Expr, float]]:
    yield parse("flip_h(x)" if flip else "x"), 1.0


def test_a_strategy_takes_the_settings_it_names() -> None:
    strategy = Strategy("optioned", _optioned, 0, options=("flip",))
    task = Task("t", (Example(Grid([[1, 2, 2]]), Grid([[2, 2, 1]])), Example(Grid([[3, 4, 4]]), Grid([[4, 4, 3]]))),
                (Example(Grid([[5, 6, 6]])),))
    for options, found in (({}, 0), ({"flip": True}, 1), ({"other": 1}, 0)):
        synth = Synthesizer(task, time.monotonic() + 1, strategies=[strategy], options=options)
        synth.run_strategies(timed=False)
        assert synth.stats.found.get("optioned", 0) == found


def test_the_rule_list_strategy_takes_specialise_and_at_least() -> None:
    assert STRATEGIES["rule_list"].options == ("specialise", "at_least")
    options = dict(make_solver("synth", specialise=True, at_least=False).settings.options)
    assert options == {"specialise": True, "at_least": False}
