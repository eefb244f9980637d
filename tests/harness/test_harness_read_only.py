"""Readers never write: a run folder the user may only read can be listed, summarised and reported."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from arclab.harness import EvalConfig, evaluate, open_run, summarise
from arclab.report import build_report


def _as_reader_without_write_access(read: Callable[[], str]) -> str:
    """Run `read` where the run folder cannot be written: as user nobody when we are root (root may
    write anywhere), in this process otherwise (the caller made the folder read-only)."""
    if os.geteuid() != 0:
        return read()
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no new imports from here on (nobody cannot read root's files)
        code = 0
        try:
            os.setgid(65534)
            os.setuid(65534)
            os.write(send, read().encode())
        except BaseException as error:  # report anything to the parent, which asserts
            os.write(send, f"FAILED {type(error).__name__}: {error}".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(send)
    chunks = []
    while chunk := os.read(receive, 65536):
        chunks.append(chunk)
    os.close(receive)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder others may read but not write (pytest's own tmp folders are private to their owner)."""
    path = Path(tempfile.mkdtemp(prefix="arclab-ro-"))
    path.chmod(0o755)
    yield path
    for folder in (path, *path.rglob("*")):
        if folder.is_dir():
            folder.chmod(0o755)
    shutil.rmtree(path)


def test_a_read_only_run_folder_can_be_read(shared_dir: Path, tasks_dir: Path) -> None:
    run = shared_dir / "run"
    evaluate(EvalConfig(str(tasks_dir), "identity", run, workers=1))
    with open_run(run) as store:
        build_report(store, None)  # imports what the report needs now, while we may read every file
    for path in (run, *run.iterdir()):
        path.chmod(0o555 if path.is_dir() else 0o444)
    index = sorted(p.name for p in run.iterdir() if p.name.endswith(("-wal", "-shm")))

    def read() -> str:
        with open_run(run) as store:
            summary = summarise(store)
            page = build_report(store, None)
            results = store.results()
        return f"{summary.num_finished} {summary.score_line()} {len(results)} {'Task details' in page}"

    expected = "12 per-output 57.14% (8/14)  per-task 54.17%  fully solved 6/12 12 True"
    assert _as_reader_without_write_access(read) == expected  # with the WAL index files readers leave
    run.chmod(0o755)
    for name in index:
        assert (run / name).stat().st_size == 0 or name.endswith("-shm")  # nothing waits in the WAL
        (run / name).unlink()
    run.chmod(0o555)
    assert _as_reader_without_write_access(read) == expected  # and without them (as a writer leaves it)
    assert sorted(p.name for p in run.iterdir()) == [".lock", "results.sqlite", "submission.json", "workers.log"]
    assert stat.S_IMODE((run / "results.sqlite").stat().st_mode) == 0o444
