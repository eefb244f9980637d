"""`arclab audit`: identical tasks, shared test pairs and overlap within and across task sources."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..audit import AuditReport, PairRef, TaskRef

G = TypeVar("G")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "audit", help="find duplicate tasks and shared pairs across task sources",
        description="Find identical tasks (same train and test pairs, in any order) and test pairs "
                    "(input and output) shared by different tasks, within and across the sources, and "
                    "show how much of each source another contains: tasks, train pairs and test pairs.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="dataset name, directory or JSON file")
    parser.add_argument("--json", metavar="FILE", help="also write the full report as JSON")
    parser.add_argument("--limit", type=_count, default=10, metavar="N",
                        help="list at most N groups of each kind (default 10; the JSON has all)")
    parser.add_argument("--strict", action="store_true", help="fail on the first bad task instead of skipping it")
    parser.set_defaults(run=run)


def _count(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, got {text!r}")
    return int(text)


def _task(ref: TaskRef) -> str:
    return f"{ref.source} {ref.task_id}"


def _pair(ref: PairRef) -> str:
    return f"{ref.source} {ref.task_id} test[{ref.index}]"


def _by_sources(groups: Sequence[G], names: Sequence[str], sources: Callable[[G], set[str]]) -> dict[str, list[G]]:
    """Groups keyed by the sources they span ("A + B"), in the order the sources were given."""
    out: dict[str, list[G]] = {}
    for group in groups:
        spanned = sources(group)
        out.setdefault(" + ".join(n for n in names if n in spanned), []).append(group)
    return dict(sorted(out.items(), key=lambda item: -len(item[1])))


def format_report(report: AuditReport, limit: int) -> str:
    """The report as text: sources, groups per combination of sources (up to `limit` listed), overlap."""
    names = [s.name for s in report.sources]
    lines = [f"{'source':<24} {'tasks':>6} {'train pairs':>12} {'test pairs':>11} {'skipped':>8}"]
    for s in report.sources:
        lines.append(f"{s.name:<24} {s.num_tasks:>6} {s.num_train_pairs:>12} {s.num_test_pairs:>11} "
                     f"{len(s.problems):>8}")

    groups = report.identical_tasks
    lines += ["", f"identical tasks (same train and test pairs; '=' same order, '~' other order): {len(groups)}"]
    for spanned, some in _by_sources(groups, names, lambda g: {m.source for m in g.members}).items():
        lines.append(f"  in {spanned}: {len(some)}")
        lines += ["    " + " ~ ".join(" = ".join(_task(m) for m in same) for same in g.same_order)
                  for g in some[:limit]]
        if len(some) > limit:
            lines.append(f"    ... and {len(some) - limit} more")

    shared = report.shared_test_pairs
    lines += ["", f"test pairs shared by tasks that are not identical: {len(shared)}"]
    for spanned, pairs in _by_sources(shared, names, lambda g: {m.source for m in g.members}).items():
        lines.append(f"  in {spanned}: {len(pairs)}")
        lines += ["    " + " = ".join(_pair(m) for m in g.members) for g in pairs[:limit]]
        if len(pairs) > limit:
            lines.append(f"    ... and {len(pairs) - limit} more")

    lines += ["", "how much of SOURCE is found in OTHER (OTHER = SOURCE: found in another task of the same source)",
              f"{'source':<24} {'other':<24} {'tasks':>18} {'train pairs':>20} {'test pairs':>20}"]
    for o in report.overlaps:
        lines.append(f"{o.source:<24} {o.other:<24} {o.tasks!s:>18} {o.train_pairs!s:>20} {o.test_pairs!s:>20}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..audit import audit_sources
    report = audit_sources(args.sources, strict=args.strict)
    for source in report.sources:
        for problem in source.problems:
            print(f"warning: skipped bad task: {problem}")
    print(format_report(report, args.limit))
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_json(), indent=1), encoding="utf-8")
    return 0
