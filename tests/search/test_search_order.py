"""Guided enumeration: within a family, grid arguments closest to the train outputs come first."""

import numpy as np

from arclab.search._enumerate import Enumerator


def _grids():
    return [np.array([[1, 2, 0], [0, 3, 0], [0, 0, 4]], dtype=np.uint8),
            np.array([[0, 5, 5], [6, 0, 0], [0, 7, 0]], dtype=np.uint8)]


def test_guided_arguments_put_the_grids_closest_to_the_outputs_first() -> None:
    inputs = _grids()
    targets = [np.rot90(g) for g in inputs[:1]]
    plain = Enumerator(inputs, [0, 1, 2], targets=())
    guided = Enumerator(inputs, [0, 1, 2], targets=targets)
    for enum in (plain, guided):
        list(enum.candidates(max_cost=2))
    assert plain.arguments("Grid", 2) == plain.pool("Grid", 2)
    ordered = guided.arguments("Grid", 2)
    assert sorted(map(id, ordered)) == sorted(map(id, guided.pool("Grid", 2)))
    assert str(ordered[0].expr) == "rot90(x)"
    distances = [guided._distance(c) for c in ordered]
    assert distances == sorted(distances)


def _first(enum: Enumerator, outputs: list[np.ndarray], limit: int) -> tuple[int, bool] | None:
    """How many candidates come before one exact on the outputs, and whether the sweep found it."""
    for n, cand in enumerate(enum.candidates(max_cost=8)):
        if cand is None or n > limit:
            return None
        if all(np.array_equal(v, o) for v, o in zip(cand.values, outputs)):
            return n, enum.probing
    return None


def test_the_probe_sweep_meets_a_deep_program_on_promising_grids_early() -> None:
    from arclab.datasets import load_tasks

    task = load_tasks("arc-agi-1/training")["31aa019c"]  # outline(keep_colour(x, least_common(x)), 2): cost 6
    inputs = [ex.input.array for ex in task.train]
    outputs = [ex.output.array for ex in task.train]
    colours = sorted(set(np.unique(np.concatenate([g.ravel() for g in inputs + outputs])).tolist()))
    swept = _first(Enumerator(inputs, colours, targets=outputs, guided=False, probe=3), outputs, 5000)
    assert swept is not None and swept[1], "found during the sweep"
    assert _first(Enumerator(inputs, colours, targets=outputs, guided=False), outputs, 5000) is None


def test_without_a_probe_nothing_is_swept() -> None:
    enum = Enumerator(_grids(), [0, 1, 2], targets=_grids()[:1], guided=False)
    assert not any(enum.probing for _ in enum.candidates(max_cost=3))
    assert enum.arguments("Grid", 2) == enum.pool("Grid", 2)  # not guided: found order


def test_the_full_levels_do_not_evaluate_again_what_the_sweep_did() -> None:
    inputs = _grids()
    enum = Enumerator(inputs, [0, 1, 2], targets=[np.rot90(g) for g in inputs[:1]], guided=False, probe=2)
    tried: list[tuple] = []
    apply = enum._apply

    def recording(prim, args):
        tried.append((prim.name, *map(id, args)))
        return apply(prim, args)

    enum._apply = recording
    list(enum.candidates(max_cost=4))
    assert enum._swept and len(tried) == len(set(tried)) == enum.evaluated


def _costs(enum: Enumerator) -> dict[tuple[str, tuple[int, ...]], list[int]]:
    """(type, value key per input) -> the costs of the pool candidates that hold those values."""
    from arclab.dsl import value_key

    held: dict[tuple[str, tuple[int, ...]], list[int]] = {}
    for type_, pools in enum.pools.items():
        for cost, pool in pools.items():
            for cand in pool:
                held.setdefault((type_, tuple(map(value_key, cand.values))), []).append(cost)
    return held


def test_values_the_sweep_met_deep_are_held_at_their_cheapest_cost_after_the_full_levels() -> None:
    inputs = _grids()
    targets = [np.rot90(g) for g in inputs[:1]]
    plain = Enumerator(inputs, [0, 1, 2], targets=targets, guided=False)
    swept = Enumerator(inputs, [0, 1, 2], targets=targets, guided=False, probe=2)
    for enum in (plain, swept):
        list(enum.candidates(max_cost=4))
    cheapest = {key: costs for key, costs in _costs(plain).items() if costs[0] < 4}  # level 4 fills up
    held = _costs(swept)
    assert swept._retired, "the sweep met some values dearer than the full levels do"
    assert all(len(costs) == 1 for costs in held.values())
    assert {key: costs for key, costs in held.items() if key in cheapest} == cheapest
