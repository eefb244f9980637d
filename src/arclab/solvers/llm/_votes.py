"""Ranking answers by votes, and running coroutines so that one failure cancels the rest."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def rank_by_votes(answers: Iterable[tuple[K, float]]) -> list[tuple[K, float]]:
    """Distinct answers with their summed votes, most votes first; ties keep first-seen order."""
    totals: dict[K, float] = {}
    for answer, votes in answers:
        totals[answer] = totals.get(answer, 0.0) + votes
    order = {answer: i for i, answer in enumerate(totals)}
    return sorted(totals.items(), key=lambda item: (-item[1], order[item[0]]))


async def gather_or_cancel(awaitables: Sequence[Awaitable[T]]) -> list[T]:
    """All results in order; the first exception cancels the others (and is raised as itself)."""
    tasks = [asyncio.ensure_future(a) for a in awaitables]
    try:
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    except asyncio.CancelledError:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    if pending:
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    for task in tasks:
        if task.done() and not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]  # not None: checked on this line
    return [task.result() for task in tasks]
