"""The worker's loop for an async solver: many tasks at once on one event loop.

A reader thread turns the harness's messages into a queue; each task runs as an asyncio task
under its time limit (cancelled when it passes, so the worker lives on), and its result is sent
as soon as it ends. The harness still kills the whole worker if a task overstays (a solver that
blocks the loop), exactly as for a sync worker.
"""

from __future__ import annotations

import asyncio
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ..solvers import Budget, CallLog, CostCapReached, Solver
from ..task import ArclabError, Task
from . import _memory
from ._protocol import CallMade, SpendUpdate, WorkerSetup
from ._results import Status, TaskResult
from ._worker import PredictionError, _failed, _seed_globals, make_context, normalise_prediction

_CLOSED = object()
"""What the reader puts on the queue when the harness's pipe closes."""


async def serve_async(solver: Solver, setup: WorkerSetup, inbox: Connection, send: Callable[[object], None],
                      budget: Budget) -> int:
    """Take tasks (and spending updates) until told to stop; answer each task as it ends."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[object] = asyncio.Queue()
    threading.Thread(target=_read, args=(inbox, loop, queue), daemon=True, name="arclab-inbox").start()
    running: set[asyncio.Task[None]] = set()
    memory_hit = asyncio.Event()
    while True:
        getter = asyncio.ensure_future(queue.get())
        waiter = asyncio.ensure_future(memory_hit.wait())
        await asyncio.wait({getter, waiter}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if not getter.done():
            getter.cancel()
            break  # a task ran out of memory: the harness starts a fresh worker
        message = getter.result()
        if message is _CLOSED or message is None:
            break
        if isinstance(message, SpendUpdate):
            budget.others = message.others
            continue
        assert isinstance(message, Task)
        job = asyncio.create_task(_run(solver, message, setup, send, budget, memory_hit))
        running.add(job)
        job.add_done_callback(running.discard)
    for job in running:
        job.cancel()
    return 0


def _read(inbox: Connection, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[object]) -> None:
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            message = _CLOSED
        try:
            loop.call_soon_threadsafe(queue.put_nowait, message)
        except RuntimeError:  # the loop is closed: the worker is exiting
            return
        if message is _CLOSED or message is None:
            return


async def _run(solver: Solver, task: Task, setup: WorkerSetup, send: Callable[[object], None], budget: Budget,
               memory_hit: asyncio.Event) -> None:
    calls = CallLog(task.id, budget, lambda call: send(CallMade(call)))
    result = await solve_one_async(solver, task, setup.seed, setup.limits.time_limit,
                                   setup.limits.deadline_margin, calls)
    send(result)
    if result.status is Status.MEMORY:
        memory_hit.set()


async def solve_one_async(solver: Solver, task: Task, seed: int, time_limit: float | None, margin: float,
                          calls: CallLog) -> TaskResult:
    """Run an async solver on one task under its time limit; every failure becomes a TaskResult."""
    context = make_context(task, seed, time_limit, margin, calls)
    _seed_globals(seed, task.id)
    start = time.perf_counter()
    try:
        prediction: Any = await asyncio.wait_for(solver.solve(task, context), time_limit)  # type: ignore[arg-type]  # an async solver's solve returns a coroutine
        attempts = normalise_prediction(prediction, len(task.test))
    except TimeoutError:
        seconds = time.perf_counter() - start
        if time_limit is not None and seconds >= time_limit * 0.99:
            return _failed(task, Status.TIMEOUT, seconds,
                           f"no answer within the {time_limit:g} s limit (cancelled after {seconds:.2f} s)")
        return _failed(task, Status.ERROR, seconds, traceback.format_exc())
    except MemoryError:
        return _failed(task, Status.MEMORY, time.perf_counter() - start, traceback.format_exc())
    except CostCapReached as error:
        return _failed(task, Status.STOPPED, time.perf_counter() - start, str(error))
    except PredictionError as error:
        return _failed(task, Status.ERROR, time.perf_counter() - start, f"bad prediction: {error}")
    except ArclabError as error:
        return _failed(task, Status.ERROR, time.perf_counter() - start, f"{type(error).__name__}: {error}")
    except Exception:
        return _failed(task, Status.ERROR, time.perf_counter() - start, traceback.format_exc())
    return TaskResult(task.id, Status.OK, attempts, time.perf_counter() - start, _memory.rss_mb(),
                      num_test=len(task.test))
