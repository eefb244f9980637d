"""The search finds exact programs on small tasks the test writes, and their text parses back."""

import time

import numpy as np

from arclab.dsl import evaluate, parse
from arclab.search import Synthesizer, two_attempts
from arclab.solvers import SolveContext, make_solver
from arclab.task import Example, Grid, Task


def _task(pairs, test_in):
    train = tuple(Example(Grid(i), Grid(o)) for i, o in pairs)
    return Task("t", train, (Example(Grid(test_in)),))


def test_finds_a_rotation_and_answers_the_test() -> None:
    task = _task([([[1, 2], [3, 4]], [[2, 4], [1, 3]]), ([[5, 0], [0, 0]], [[0, 0], [5, 0]])],
                 [[7, 8], [9, 1]])
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    assert solutions
    best = solutions[0]
    assert str(best.program) == "rot90(x)"
    assert best.test_outputs[0].tolist() == [[8, 1], [7, 9]]


def test_learns_a_colour_map_on_top_of_a_program() -> None:
    task = _task([([[1, 0], [0, 0]], [[0, 3], [0, 0]]), ([[0, 0], [1, 1]], [[0, 0], [3, 3]])],
                 [[1, 1], [0, 0]])
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    assert solutions
    answers = two_attempts(solutions, 1)[0]
    assert [[3, 3], [0, 0]] in [grid.tolist() for grid, _ in answers]


def test_every_solution_program_reruns_from_its_text() -> None:
    task = _task([([[1, 1, 0], [0, 0, 0], [0, 0, 0]], [[1, 1]]),
                  ([[0, 0, 0], [0, 2, 0], [0, 2, 0]], [[2], [2]])], [[0, 0, 0], [0, 0, 4], [0, 4, 4]])
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    assert solutions
    for sol in solutions:
        program = parse(str(sol.program))
        assert program == sol.program
        assert np.array_equal(evaluate(program, task.test[0].input.array), sol.test_outputs[0])


def test_synth_solver_attempts_carry_their_program() -> None:
    task = _task([([[1, 2]], [[2, 1]]), ([[3, 4], [5, 6]], [[4, 3], [6, 5]])], [[7, 8, 9]])
    solver = make_solver("synth", budget=5.0)
    prediction = solver.solve(task.without_test_outputs(), SolveContext(seed=0, deadline=None, time_limit=None))
    first = prediction[0][0]
    assert first.grid == Grid([[9, 8, 7]])
    assert first.metadata["program"] == "flip_h(x)"


def test_one_colour_outputs_come_from_a_colour_expression() -> None:
    # the output is 1x1, coloured as the input's most common non-background colour
    task = _task([([[0, 3, 3], [0, 1, 0], [0, 0, 0]], [[3]]), ([[2, 0, 0], [5, 5, 5], [0, 0, 0]], [[5]]),
                  ([[0, 0, 4], [0, 4, 0], [7, 0, 0]], [[4]])], [[6, 6, 0], [0, 0, 0], [0, 6, 8]])
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    uniform = [s for s in solutions if s.strategy == "uniform"]
    assert uniform and str(uniform[0].program).startswith("filled(1, 1, ")
    assert parse(str(uniform[0].program)) == uniform[0].program
    assert [[6]] in [s.test_outputs[0].tolist() for s in uniform]


def test_strategy_programs_may_end_in_a_colour_map() -> None:
    # the input's own period continued to 4 rows, with 1 painted 2
    task = _task([([[1, 0], [0, 1]], [[2, 0], [0, 2], [2, 0], [0, 2]]),
                  ([[0, 1], [1, 1]], [[0, 2], [2, 2], [0, 2], [2, 2]])], [[1, 1], [0, 0]])
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    answers = [grid.tolist() for grid, _ in two_attempts(solutions, 1)[0]]
    assert [[2, 2], [0, 0], [2, 2], [0, 0]] in answers


def test_role_maps_carry_a_colour_rule_to_colours_never_seen() -> None:
    from arclab.search._learn import learn_role_map

    # the commonest colour and the rarest swap, whatever the colours are
    pairs = [([[1, 1, 2], [0, 0, 0]], [[2, 2, 1], [0, 0, 0]]), ([[0, 0, 0], [3, 4, 4]], [[0, 0, 0], [4, 3, 3]])]
    task = _task(pairs, [[0, 0, 0], [6, 6, 9]])
    ins = [np.array(i, dtype=np.uint8) for i, _ in pairs]
    outs = [np.array(o, dtype=np.uint8) for _, o in pairs]
    assert learn_role_map(ins, ins, outs) == ((11, 12), (12, 11))
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    answers = [grid.tolist() for grid, _ in two_attempts(solutions, 1)[0]]
    assert [[0, 0, 0], [9, 9, 6]] in answers
    assert learn_role_map(ins, ins, ins) is None  # nothing changes


def test_a_learned_role_map_re_runs_exactly_on_the_pairs_it_was_learned_from() -> None:
    from arclab.dsl.colour import map_roles
    from arclab.search._learn import learn_role_map

    # each colour takes the colour of the next rank; pairs have 2-5 colours, so the map names ranks
    # some references lack (for colours those pairs' candidates lack): it must still re-run on each
    rng = np.random.default_rng(7)
    learned = 0
    for _ in range(100):
        pairs = []
        for _ in range(int(rng.integers(2, 5))):
            k = int(rng.integers(2, 6))
            colours = rng.choice(10, size=k, replace=False)
            ref = rng.permutation(np.repeat(colours, np.arange(k, 0, -1) + 1)).astype(np.uint8)[None, :]
            cand = np.where(ref == colours[-1], colours[0], ref).astype(np.uint8)
            out = cand.copy()
            for rank in range(k - 1):
                out[cand == colours[rank]] = colours[rank + 1]
            pairs.append((ref, cand, out))
        refs, cands, outs = zip(*pairs)
        table = learn_role_map(refs, cands, outs)
        if table is None:
            continue
        learned += 1
        for ref, cand, out in pairs:
            assert np.array_equal(map_roles(cand, ref, table), out), (ref, cand, out, table)
    assert learned > 50


def test_one_colour_outputs_of_varying_shapes_take_their_sides_from_counts() -> None:
    def pair(colour, cells):
        g = np.zeros((4, 4), dtype=np.uint8)
        g.flat[cells] = colour
        return g.tolist(), [[colour] * len(cells)]

    task = _task([pair(3, [0, 5, 9]), pair(6, [2, 7]), pair(1, [1, 4, 11, 14, 15])], pair(8, [3, 6, 12, 13])[0])
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    answers = [grid.tolist() for grid, _ in two_attempts(solutions, 1)[0]]
    assert [[8, 8, 8, 8]] in answers
    uniform = [s for s in solutions if s.strategy == "uniform"]
    assert uniform and str(uniform[0].program).startswith("filled(1, ")


def test_closer_bases_get_cell_rules_only_when_no_further_from_the_outputs() -> None:
    task = _task([([[1, 2], [3, 4]], [[1, 2], [3, 5]])], [[1, 1], [1, 1]])
    near, far, nearer = (np.array(g, np.uint8) for g in ([[1, 2], [0, 0]], [[0, 0], [0, 0]], [[1, 2], [3, 0]]))
    gated = Synthesizer(task, time.monotonic() + 5, closer_bases=True)
    assert [gated._closer([g]) for g in (near, far, near, nearer, near)] == [True, False, True, True, False]
    free = Synthesizer(task, time.monotonic() + 5)
    assert all(free._closer([g]) for g in (near, far, nearer))


def test_complete_grows_with_the_budget_when_asked() -> None:
    task = _task([([[1, 2]], [[2, 1]])], [[3, 4]])
    assert Synthesizer(task, time.monotonic() + 20, complete=2000).complete == 2000
    grown = Synthesizer(task, time.monotonic() + 20, complete=2000, complete_per_second=200).complete
    assert 3900 <= grown <= 4000
    assert Synthesizer(task, time.monotonic() + 5, complete=2000, complete_per_second=200).complete == 2000
    settings = make_solver("synth", complete_per_second=300).settings
    assert settings.complete_per_second == 300
