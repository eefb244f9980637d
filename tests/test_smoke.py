from arclab.datasets import NAMED_DATASETS, load_tasks


def test_named_dataset_counts() -> None:
    expected = {
        "arc-agi-1/training": (400, 416),
        "arc-agi-1/evaluation": (400, 419),
        "arc-agi-2/training": (1000, 1076),
        "arc-agi-2/evaluation": (120, 167),
    }
    assert set(NAMED_DATASETS) == set(expected)
    for name, (tasks, outputs) in expected.items():
        loaded = load_tasks(name)
        assert (len(loaded), loaded.num_test_outputs) == (tasks, outputs)
        assert not loaded.problems
