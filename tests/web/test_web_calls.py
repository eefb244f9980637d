"""A task's model calls in the web API: prompts, raw replies, tokens and cost; usage per run."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from arclab.harness import RunStore, open_run
from arclab.solvers import ModelCall

PROMPT = ({"role": "system", "content": "You solve ARC-AGI puzzles."},
          {"role": "user", "content": "Test input:\n```\n400\n060\n```"})


def _add_calls(run: Path) -> None:
    with open_run(run) as store:
        settings = store.settings
    with RunStore.create_or_resume(run, settings) as store:
        session = store.begin_session("process", 1)
        store.record_call(ModelCall("mirror", 0, 0, "tiny", 120, 9, 0.4, 0.002, messages=PROMPT,
                                    reply="```\n004\n060\n```"), session)
        store.record_call(ModelCall("mirror", 0, 1, "tiny", 120, 3, 0.0, 0.0, cached=True, outcome="parse_failure",
                                    detail="no grid in the reply", messages=PROMPT, reply="<b>no idea</b>"), session)


def test_calls_and_usage(client: TestClient, runs_dir: Path) -> None:
    assert client.get("/api/runs/alpha").json()["usage"] is None
    assert client.get("/api/runs/alpha/tasks/mirror/calls").json() == []
    _add_calls(runs_dir / "alpha")
    usage = client.get("/api/runs/alpha").json()["usage"]
    assert usage == {"calls": 2, "prompt_tokens": 240, "completion_tokens": 12, "cost": 0.002, "cache_hits": 1,
                     "parse_failures": 1, "errors": 0}
    first, second = client.get("/api/runs/alpha/tasks/mirror/calls").json()
    assert first["messages"] == [dict(m) for m in PROMPT] and first["reply"] == "```\n004\n060\n```"
    assert (first["outcome"], first["prompt_tokens"], first["cost"], first["cached"]) == ("ok", 120, 0.002, False)
    assert (second["outcome"], second["detail"], second["cached"]) == ("parse_failure", "no grid in the reply", True)
    assert client.get("/api/runs/alpha/tasks/blind/calls").json() == []
    assert client.get("/api/runs/alpha/tasks/nosuch/calls").status_code == 404
    assert client.get("/api/runs/nosuch/tasks/mirror/calls").status_code == 404
