"""Path traversal and malformed requests get 4xx answers: never a 500, never a file outside the roots."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TRAVERSALS = [
    "/static/../_app.py",
    "/static/..%2f_app.py",
    "/static/%2e%2e%2f__init__.py",
    "/static/..%5c_app.py",
    "/static/%2e%2e/%2e%2e/secret.txt",
    "/static/....//....//secret.txt",
    "/static/",
    "/static/%00",
    "/api/sources/..%2fsecret/tasks",
    "/api/sources/%2e%2e/tasks",
    "/api/sources/../secret/tasks",
    "/api/sources/data/tasks/..%2fsecret",
    "/api/sources/data/tasks/..%2f..%2fsecret",
    "/api/sources/data/tasks/%2e%2e%2fsecret/outputs",
    "/api/sources/data/tasks/secret",
    "/api/sources/data/tasks/secret/outputs",
    "/api/sources/data/tasks/..",
    "/api/sources/data/tasks/%2Ftmp%2Fsecret/picture",
    "/api/sources/data/tasks/mirror%00.json",
    "/api/sources/C:%5Cwindows/tasks",
    "/api/sources/data/tasks/mirror/tests/-1/tries",
    "/api/sources/data/tasks/mirror/tests/99999999999999999999/tries",
    "/api/sources/data/tasks/mirror/picture?format=../../secret.txt",
    "/api/sources/data/tasks/mirror/picture?format=gif",
    "/api/sources/data/tasks/" + "a" * 5000,
    "/api/nothing-here",
    "/../secret.txt",
    "/%2e%2e/secret.txt",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_is_refused(client: TestClient, secret: str, path: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert secret not in response.text


URL = "/api/sources/data/tasks/mirror/tests/0/tries"
MALFORMED_JSON = [
    {}, {"grid": None}, {"grid": []}, {"grid": [[]]}, {"grid": [[1, 2], [3]]}, {"grid": [[10]]},
    {"grid": [[-1]]}, {"grid": [[True]]}, {"grid": [["1"]]}, {"grid": [[1.0]]}, {"grid": [[1.5]]},
    {"grid": [[0] * 31]}, {"grid": [[0]] * 31}, {"grid": [[0]], "extra": 1}, {"grid": "[[0]]"},
    {"grid": [[[0]]]}, [[0]], "grid", 7, None, {"grid": {"0": [0]}},
]


@pytest.mark.parametrize("body", MALFORMED_JSON)
def test_malformed_answers_are_422(client: TestClient, body: object) -> None:
    response = client.post(URL, json=body)
    assert response.status_code == 422, (body, response.text)
    # a refused answer uses no try
    assert client.get("/api/sources/data/tasks/mirror").json()["test"][0]["tries_left"] == 2


@pytest.mark.parametrize("content, headers", [
    (b"{not json", {"content-type": "application/json"}),
    (b"\xff\xfe\x00", {"content-type": "application/json"}),
    (b'{"grid": [[0]]}', {"content-type": "text/plain"}),
    (b"", {"content-type": "application/json"}),
    (b'{"grid": [[0]]}', {"content-type": "application/json", "content-length": "abc"}),
])
def test_malformed_bodies_are_4xx(client: TestClient, content: bytes, headers: dict[str, str]) -> None:
    response = client.post(URL, content=content, headers=headers)
    assert 400 <= response.status_code < 500, response.text


def test_oversized_bodies_are_413(client: TestClient) -> None:
    big = b'{"grid": [[0]], "pad": "' + b"x" * 70_000 + b'"}'
    assert client.post(URL, content=big, headers={"content-type": "application/json"}).status_code == 413

    def chunks() -> Iterator[bytes]:  # no content-length: the limit applies as the body streams in
        for _ in range(100):
            yield b" " * 1000

    assert client.post(URL, content=chunks(), headers={"content-type": "application/json"}).status_code == 413


def test_wrong_methods_are_405(client: TestClient) -> None:
    assert client.delete("/api/sources").status_code == 405
    assert client.get(URL).status_code == 405
    assert client.put("/api/sources/data/tasks/mirror").status_code == 405


segment = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=segment, task=segment, index=segment)
def test_any_path_gets_no_500(client: TestClient, secret: str, source: str, task: str, index: str) -> None:
    from urllib.parse import quote

    for path in (f"/api/sources/{quote(source, safe='')}/tasks",
                 f"/api/sources/data/tasks/{quote(task, safe='')}",
                 f"/static/{quote(task, safe='')}"):
        response = client.get(path)
        assert response.status_code < 500 and secret not in response.text, path
    response = client.post(f"/api/sources/data/tasks/mirror/tests/{quote(index, safe='')}/tries",
                           json={"grid": [[0]]})
    assert response.status_code < 500


NON_JSON_NUMBERS = [
    b'{"grid": [[NaN]]}', b'{"grid": [[Infinity]]}', b'{"grid": [[-Infinity]]}', b'{"grid": [[1e999]]}',
    b'{"grid": [[0]], "extra": NaN}', b'{"grid": [[' + b"1" * 5000 + b']]}', b'{"grid": [[0]]} trailing',
    b'[' * 20_000 + b']' * 20_000, b'{"grid": ' + b'[' * 20_000 + b']' * 20_000 + b'}',
    b'{"grid": [[0]], "grid": [[1]], "x": {"y": [NaN, {"z": Infinity}]}}', b'"\\ud800"', b'{"grid": [["\\u0000"]]}',
    b'{"grid": [[0, 1], [2, [3, [4, [5]]]]]}', b'{"grid": [[{"a": [null, true, 1.5e300]}]]}',
]


@pytest.mark.parametrize("content", NON_JSON_NUMBERS)
def test_every_bad_body_is_422_with_the_security_headers(client: TestClient, content: bytes) -> None:
    response = client.post(URL, content=content, headers={"content-type": "application/json"})
    assert response.status_code == 422, (content[:60], response.status_code, response.text[:200])
    assert isinstance(response.json()["detail"], list)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/sources/data/tasks/mirror").json()["test"][0]["tries_left"] == 2


def test_error_answers_carry_the_security_headers(app: FastAPI, client: TestClient) -> None:
    """404, 405, 409, 413, 421, 422 and a 500 alike; the 500 says nothing of where or why."""

    def broken() -> None:  # a bug in a route, added to the app before its first request
        raise RuntimeError(f"a bug in {__file__}")

    app.add_api_route("/api/broken", broken)
    client.post(URL, json={"grid": [[0, 0, 4], [0, 6, 0]]})
    answers = {
        404: client.get("/api/nothing-here"), 405: client.delete("/api/sources"),
        409: client.post(URL, json={"grid": [[0]]}), 413: client.post(URL, content=b"x" * 70_000),
        421: client.get("/", headers={"host": "evil.example"}), 422: client.post(URL, json={"grid": [[10]]}),
        500: client.get("/api/broken"),
    }
    for status, response in answers.items():
        assert response.status_code == status, (status, response.text)
        assert "default-src 'self'" in response.headers["content-security-policy"], status
        assert response.headers["x-content-type-options"] == "nosniff", status
    assert answers[500].json() == {"detail": "internal error"}
