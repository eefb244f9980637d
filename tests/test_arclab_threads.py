"""Importing arclab keeps numpy's OpenBLAS to one thread unless the user chose a number."""

import os
import subprocess
import sys

import pytest

PROBE = "import arclab, os, numpy; print(os.environ['OPENBLAS_NUM_THREADS'])"


@pytest.mark.parametrize("chosen, expected", [(None, "1"), ("2", "2")])
def test_openblas_threads(chosen, expected) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if chosen is not None:
        env["OPENBLAS_NUM_THREADS"] = chosen
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected
