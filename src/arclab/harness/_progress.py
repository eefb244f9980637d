"""A progress bar for a run: tasks done, the running score, failures and the time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ._results import Status, TaskResult
from ._runner import RunStart


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class ProgressBar:
    """A RunObserver drawing one line: redrawn in place on a terminal, every 10% otherwise."""

    def __init__(self, stream: TextIO | None = None, *, interactive: bool | None = None, width: int = 24) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = (interactive if interactive is not None
                            else bool(getattr(self.stream, "isatty", lambda: False)()))
        self.width = width
        self.total = self.done = self.ran = 0
        self.outputs_solved = self.outputs_scored = self.failed = 0
        self._start = self._last_draw = 0.0
        self._next_decile = 1
        self._drawn = False
        self._printed_at = -1

    def on_start(self, start: RunStart) -> None:
        """Say what will run and draw the empty bar."""
        before = start.before
        self.total = start.total
        self.done = start.total - start.to_run
        self.outputs_solved = before.outputs_solved
        self.outputs_scored = before.outputs_scored
        self.failed = sum(n for status, n in before.statuses.items() if status != Status.OK.value)
        self._start = time.monotonic()
        resumed = f", {self.done} already done" if self.done else ""
        self._print(f"{start.to_run} task(s) to run on {start.workers} {start.backend} worker(s){resumed}")
        self._next_decile = self._decile() + 1
        if self.interactive:
            self._draw(force=True)

    def on_result(self, result: TaskResult) -> None:
        """Count the task and redraw."""
        self.done += 1
        self.ran += 1
        if result.status is not Status.OK:
            self.failed += 1
        if result.correct is not None:
            self.outputs_scored += len(result.correct)
            self.outputs_solved += sum(result.correct)
        self._draw()

    def on_end(self) -> None:
        """Draw the final state."""
        if self.interactive:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
        elif self._printed_at != self.done:
            self._print(self.line())

    def line(self) -> str:
        """The bar as text."""
        fraction = self.done / self.total if self.total else 1.0
        filled = int(fraction * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        parts = [f"{self.done}/{self.total} [{bar}] {fraction:4.0%}"]
        if self.outputs_scored:
            parts.append(f"solved {self.outputs_solved}/{self.outputs_scored} outputs "
                         f"({self.outputs_solved / self.outputs_scored:.1%})")
        if self.failed:
            parts.append(f"failed {self.failed}")
        elapsed = time.monotonic() - self._start
        if self.ran and self.done < self.total:
            parts.append(f"{_clock(elapsed / self.ran * (self.total - self.done))} left")
        else:
            parts.append(f"{_clock(elapsed)} elapsed")
        return "  ".join(parts)

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if self.interactive:
            if force or now - self._last_draw >= 0.1:
                self._last_draw = now
                self.stream.write("\r\x1b[K" + self.line())
                self.stream.flush()
                self._drawn = True
            return
        if self._decile() >= self._next_decile:
            self._next_decile = self._decile() + 1
            self._print(self.line())

    def _decile(self) -> int:
        return 10 * self.done // self.total if self.total else 10

    def _print(self, text: str) -> None:
        if self.interactive and self._drawn:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        self.stream.flush()
        self._printed_at = self.done
