"""The `openai` solver end to end against a real llama.cpp server on a tiny random model: prompts,
parsing, votes, accounting in the run store, the replay cache, --max-cost, concurrency, and
resuming after kill -9."""

from __future__ import annotations

import json
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arclab.cli import main
from arclab.harness import EvalConfig, Limits, Status, evaluate, open_run
from arclab.solvers import SolveContext, make_solver, parse_grid, solve_now
from arclab.solvers.llm import price_of
from arclab.task import Example, Grid, Task
from fault_proxy import fault_proxy
from llm_tasks import write_small_tasks
from tiny_llama import MODEL_NAME, free_port, llama_server

KEY_ENV = "ARCLAB_TEST_LLM_KEY"
KEY_VALUE = "sk-test-" + secrets.token_hex(8)  # made per run: no key-like text in the repository


def _args(url: str, cache: Path, *extra: str) -> list[str]:
    return [f"base_url={url}", f"model={MODEL_NAME}", "max_tokens=6", f"cache_dir={cache}",
            f"api_key_env={KEY_ENV}", *extra]


def _config(tasks: Path, out: Path, args: list[str], **changes: object) -> EvalConfig:
    options: dict[str, object] = {"workers": 1, "limits": Limits(time_limit=60)}
    options.update(changes)
    return EvalConfig(str(tasks), "openai", out, solver_args=args, **options)  # type: ignore[arg-type]


def test_a_run_records_every_call_and_a_second_run_needs_no_server(tmp_path: Path, tiny_model: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY_VALUE)
    tasks = write_small_tasks(tmp_path / "tasks", 4)
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    args = _args(url, tmp_path / "cache", "samples=2", "price_in=100", "price_out=1000")
    with llama_server(tiny_model, tmp_path / "server.log", port):
        first = evaluate(_config(tasks, tmp_path / "run1", args))
    assert first.submission_path.is_file() and first.tasks_run == 4
    with open_run(tmp_path / "run1") as store:
        calls, usage, results = store.calls(), store.usage(), store.results()
    assert len(results) == 4 and {r.status for r in results} <= {Status.OK, Status.ERROR}
    assert len(calls) == 5 * 2  # five test inputs, two samples each
    price = price_of(MODEL_NAME, 100, 1000)
    for call in calls:
        assert call.outcome in ("ok", "parse_failure") and not call.cached
        assert call.prompt_tokens > 50 and 1 <= call.completion_tokens <= 6
        assert call.cost == pytest.approx(price.cost(call.prompt_tokens, call.completion_tokens))
        assert call.messages[1]["content"].count("Test input:") == 1 and call.seconds > 0
        assert (call.outcome == "ok") == isinstance(parse_grid(call.reply), Grid)
    assert usage.calls == 10 and usage.cost == pytest.approx(sum(c.cost for c in calls)) and usage.cost > 0
    for result in results:
        for attempts in result.attempts:
            for attempt in attempts:
                assert 1 <= attempt.metadata["votes"] <= 2 and attempt.metadata["samples"] == 2
        if result.status is Status.ERROR:
            assert "NoGridError" in result.error and "no reply held a usable grid" in result.error
    # the server is gone: the same requests are answered from the cache, for free
    second = evaluate(_config(tasks, tmp_path / "run2", args))
    with open_run(tmp_path / "run2") as store:
        again, usage2, results2 = store.calls(), store.usage(), store.results()
    assert len(again) == 10 and all(c.cached for c in again) and usage2.cost == 0 and usage2.cache_hits == 10
    assert [c.reply for c in again] == [c.reply for c in calls]
    assert [(r.task_id, r.status, r.grids) for r in results2] == [(r.task_id, r.status, r.grids) for r in results]
    assert json.loads(second.submission_path.read_text()) == json.loads(first.submission_path.read_text())
    for path in (tmp_path / "run1").iterdir():  # the key is read from the environment, never stored
        assert KEY_VALUE.encode() not in path.read_bytes()


def test_samples_vote_and_the_prompt_holds_the_task(tmp_path: Path, llama_url: str) -> None:
    task = Task("v1", (Example(Grid([[1, 2]]), Grid([[2, 1]])),), (Example(Grid([[3, 4]])),))
    solver = make_solver("openai", base_url=llama_url, model=MODEL_NAME, max_tokens=1, samples=3,
                         cache_dir=str(tmp_path / "cache"))
    context = SolveContext(seed=0, deadline=None, time_limit=None, task_id="v1")
    prediction = solve_now(solver, task, context)
    calls = context.calls.calls
    assert len(calls) == 3 and len({c.reply for c in calls}) == 1  # temperature 0: the same reply thrice
    assert "```\n12\n```" in calls[0].messages[1]["content"] and "```\n34\n```" in calls[0].messages[1]["content"]
    assert calls[0].outcome == "ok"  # a single digit: a 1x1 grid
    (best,) = prediction[0]
    assert best.metadata["votes"] == 3 and best.grid == parse_grid(calls[0].reply)


def test_max_cost_stops_new_calls_and_the_run_resumes(tmp_path: Path, llama_url: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    tasks = write_small_tasks(tmp_path / "tasks", 5)
    tasks.joinpath("l02.json").unlink()  # one test input each: one call per task
    out = tmp_path / "run"
    command = ["eval", str(tasks), "--solver", "openai", "--out", str(out), "--workers", "1", "--concurrency", "1",
               "--quiet", *(f"-S{a}" for a in _args(llama_url, tmp_path / "cache", "price_in=20"))]
    assert main([*command, "--max-cost", "0.01"]) == 0
    text = capsys.readouterr().out
    with open_run(out) as store:
        calls, done = store.calls(), store.finished_ids()
    assert len(calls) == 1 and calls[0].cost > 0.01  # the first call passed the cap: no other started
    assert len(done) == 1 and "3 task(s) not run" in text and "--max-cost" in text
    assert main([*command, "--max-cost", "100"]) == 0
    capsys.readouterr()
    with open_run(out) as store:
        assert len(store.finished_ids()) == 4 and len(store.calls()) == 4
        assert store.sessions()[0].outcome == "stopped" and store.sessions()[1].outcome == "complete"
    assert main(["runs", str(out)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[-3:] == ["TOKENS", "COST", "CACHED"] and table[1].split()[-1] == "0/4"


def test_async_tasks_run_at_once_in_one_worker(tmp_path: Path, llama_url: str) -> None:
    tasks = write_small_tasks(tmp_path / "tasks", 6)
    with fault_proxy(llama_url) as (url, proxy):
        proxy.delay = 1.5
        start = time.monotonic()
        report = evaluate(_config(tasks, tmp_path / "run", _args(url, tmp_path / "cache"), concurrency=8))
        seconds = time.monotonic() - start
    assert report.summary.num_finished == 6
    assert seconds < 8.0  # eight requests of 1.5 s each, one after the other, would take over 12 s
    with open_run(tmp_path / "run") as store:
        assert len(store.calls()) == 8 and store.sessions()[0].workers == 1


def test_resume_after_kill_9_loses_nothing_and_pays_once(tmp_path: Path, llama_url: str) -> None:
    tasks = write_small_tasks(tmp_path / "tasks", 8)
    out = tmp_path / "run"
    with fault_proxy(llama_url) as (url, proxy):
        proxy.delay = 0.4
        command = [str(Path(sys.executable).parent / "arclab"), "eval", str(tasks), "--solver", "openai", "--out", str(out),
                   "--workers", "1", "--concurrency", "2", "--quiet",
                   *(f"-S{a}" for a in _args(url, tmp_path / "cache", "price_in=1000"))]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _count(out, "results") < 2:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)  # the harness only: its workers die with it
        process.wait()
        before = _count(out, "results")
        assert 2 <= before < 8
        assert subprocess.run(command, capture_output=True).returncode == 0
    with open_run(out) as store:
        assert len(store.finished_ids()) == 8
        calls = store.calls()
    paid = [(c.task_id, c.test_index, c.sample) for c in calls if not c.cached]
    assert len(paid) == len(set(paid))  # no request paid twice, across the kill
    assert len({(c.task_id, c.test_index, c.sample) for c in calls}) == 10  # every request accounted for


def _count(run: Path, table: str) -> int:
    path = run / "results.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0
