"""Builds the `arclab` parser from one module per command and turns errors into one line."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..task import ArclabError

# Each module defines `add_parser(subparsers)`, which registers a command and sets `run`.
COMMAND_MODULES = (
    "datasets",
    "show",
    "validate",
    "score",
    "render",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="arclab", description="A workbench for ARC-AGI.")
    parser.add_argument("--version", action="version", version=f"arclab {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.cmd_{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.run(args)
    except ArclabError as error:
        print(f"arclab {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"arclab {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(code or 0)
