"""Builds the `arclab` parser from one module per command and turns errors into one line."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn
from collections.abc import Sequence

from .. import __version__
from ..task import ArclabError

# Each module defines `add_parser(subparsers)`, which registers a command and sets `run`.
COMMAND_MODULES = (
    "datasets",
    "show",
    "validate",
    "score",
    "eval",
    "runs",
    "compare",
    "audit",
    "render",
    "serve",
    "report",
    "explain",
    "fit-prior",
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (and a pointer to --help)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="arclab", description="A workbench for ARC-AGI.")
    parser.add_argument("--version", action="version", version=f"arclab {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.cmd_{name.replace('-', '_')}")
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
    except OSError as error:  # a file we were told to write or read: say which and why, in one line
        print(f"arclab {args.command}: error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: still one line, the traceback on request
        if os.environ.get("ARCLAB_TRACEBACK"):
            raise
        print(f"arclab {args.command}: internal error: {type(error).__name__}: {error} "
              f"(set ARCLAB_TRACEBACK=1 to see where)", file=sys.stderr)
        return 2
    return int(code or 0)
