"""Faults between the `openai` solver and its server, through a misbehaving proxy in front of the
real llama.cpp server: each ends in a recorded status with its reason, and no task is lost."""

from __future__ import annotations

from pathlib import Path

from arclab.harness import EvalConfig, Limits, Status, evaluate, open_run
from fault_proxy import fault_proxy
from llm_tasks import write_fault_tasks
from tiny_llama import MODEL_NAME

FAULT_TASKS = {"f0_fine": 0, "f1_rate_limited": 1, "f2_server_error": 2, "f3_hang": 3, "f4_no_grid": 4,
               "f5_too_big": 5, "f6_colour_12": 6, "f7_dropped": 7, "f8_one_500": 8}


def _config(tasks: Path, out: Path, url: str, cache: Path, retry_failed: bool = False) -> EvalConfig:
    args = [f"base_url={url}", f"model={MODEL_NAME}", "max_tokens=4", f"cache_dir={cache}", "retries=2",
            "backoff=0.05", "request_timeout=20"]
    return EvalConfig(str(tasks), "openai", out, solver_args=args, workers=1, concurrency=16,
                      limits=Limits(time_limit=4), retry_failed=retry_failed)


def test_each_fault_ends_in_a_recorded_status_with_its_reason(tmp_path: Path, llama_url: str) -> None:
    tasks = write_fault_tasks(tmp_path / "tasks", FAULT_TASKS)
    out = tmp_path / "run"
    with fault_proxy(llama_url) as (url, proxy):
        report = evaluate(_config(tasks, out, url, tmp_path / "cache"))
        arrivals = dict(proxy.arrivals)
        with open_run(out) as store:
            results = {r.task_id: r for r in store.results()}
            calls = {task_id: store.calls(task_id) for task_id in FAULT_TASKS}
        # the server mends: --retry-failed runs the failed tasks again, and the transient ones succeed
        proxy.faults_on = False
        evaluate(_config(tasks, out, url, tmp_path / "cache", retry_failed=True))
        with open_run(out) as store:
            after = {r.task_id: r for r in store.results()}
    assert report.summary.num_finished == len(FAULT_TASKS)  # no task lost
    status = {task_id: str(r.status) for task_id, r in results.items()}
    assert status["f0_fine"] == "ok" and [c.outcome for c in calls["f0_fine"]] == ["ok"]

    # 429 with Retry-After: 1, then the real server answers; the wait was honoured
    assert [c.outcome for c in calls["f1_rate_limited"]] == ["error", "ok"] and status["f1_rate_limited"] == "ok"
    assert "HTTP 429" in calls["f1_rate_limited"][0].detail
    first, second = arrivals[1][:2]
    assert second - first >= 1.0
    # 500 every time: three tries (retries=2), then the task is an error saying why
    assert status["f2_server_error"] == "error"
    assert "HTTP 500" in results["f2_server_error"].error and "failed 3 time(s)" in results["f2_server_error"].error
    assert [c.outcome for c in calls["f2_server_error"]] == ["error"] * 3
    # a hang past the time limit: cancelled at the limit, the call recorded as cancelled
    assert status["f3_hang"] == "timeout" and "4 s limit" in results["f3_hang"].error
    assert [c.outcome for c in calls["f3_hang"]] == ["cancelled"]
    # replies without a usable grid: recorded with the reply and the reason; the task an error
    for task_id, reason in (("f4_no_grid", "no grid in the reply"), ("f5_too_big", "height 40 outside 1-30"),
                            ("f6_colour_12", "colour 12 outside 0-9")):
        assert status[task_id] == "error" and reason in results[task_id].error
        (call,) = calls[task_id]
        assert call.outcome == "parse_failure" and reason in call.detail and call.reply
    # a dropped connection, every time
    assert status["f7_dropped"] == "error" and "connection failed" in results["f7_dropped"].error
    assert [c.outcome for c in calls["f7_dropped"]] == ["error"] * 3
    # one 500, then an answer
    assert [c.outcome for c in calls["f8_one_500"]] == ["error", "ok"] and status["f8_one_500"] == "ok"

    assert len(after) == len(FAULT_TASKS)
    for task_id in ("f2_server_error", "f3_hang", "f7_dropped"):
        assert after[task_id].status is Status.OK, after[task_id].error
    for task_id in ("f4_no_grid", "f5_too_big", "f6_colour_12"):  # the same reply, now from the cache
        assert after[task_id].status is Status.ERROR


