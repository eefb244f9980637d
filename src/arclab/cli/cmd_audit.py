"""`arclab audit`: identical tasks, shared test pairs and overlap within and across task sources."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..audit import AuditReport, PairRef, TaskRef


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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


def format_report(report: AuditReport, limit: int) -> str:
    """The report as text: sources, the listed groups (up to `limit` of each), and the overlap table."""
    lines = [f"{'source':<24} {'tasks':>6} {'train pairs':>12} {'test pairs':>11} {'skipped':>8}"]
    for s in report.sources:
        lines.append(f"{s.name:<24} {s.num_tasks:>6} {s.num_train_pairs:>12} {s.num_test_pairs:>11} "
                     f"{len(s.problems):>8}")

    groups = report.identical_tasks
    lines += ["", f"identical tasks (same train and test pairs; '=' same order, '~' other order): {len(groups)}"]
    for group in groups[:limit]:
        lines.append("  " + " ~ ".join(" = ".join(_task(m) for m in same) for same in group.same_order))
    if len(groups) > limit:
        lines.append(f"  ... and {len(groups) - limit} more")

    shared = report.shared_test_pairs
    lines += ["", f"test pairs shared by tasks that are not identical: {len(shared)}"]
    for pair in shared[:limit]:
        lines.append("  " + " = ".join(_pair(m) for m in pair.members))
    if len(shared) > limit:
        lines.append(f"  ... and {len(shared) - limit} more")

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
