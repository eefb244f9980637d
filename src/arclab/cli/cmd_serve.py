"""`arclab serve`: the local web app over the named datasets, given task sources and run directories."""

from __future__ import annotations

import argparse
import sys


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1-65535)")
    return port


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve", help="browse datasets and runs, and solve tasks by hand, in a web browser",
        description="Start a local web app: browse the named datasets and the given task sources and runs, "
                    "filter tasks, see attempts, diffs and programs, compare runs, and solve test inputs by "
                    "hand (two tries each, checked on the server, kept in memory). It serves nothing but "
                    "these sources and runs.")
    parser.add_argument("--port", "-p", type=_port, default=8000, help="port (default 8000)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1); the app has no authentication, so "
                             "any other address lets whoever reaches it browse and answer")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="also answer requests addressed to this host name (localhost, IP addresses and "
                             "the --host value always are; others are refused against DNS rebinding)")
    parser.add_argument("--data", nargs="+", default=[], metavar="SOURCE",
                        help="also serve these task sources (dataset names, directories or JSON files)")
    parser.add_argument("--runs", nargs="+", default=[], metavar="DIR",
                        help="run directories, or directories holding run directories")
    parser.add_argument("--blind", action="store_true",
                        help="testing mode: serve no test output by any route, and no runs (their attempts "
                             "show the answers), so the hand-solving page can be given to a person being "
                             "measured; tries are per browser session")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web import Catalogue, create_app, is_loopback, served_hosts

    if args.blind and args.runs:
        print("arclab serve: error: --blind serves no runs (their attempts and diffs show the answers); "
              "leave out --runs", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(f"arclab serve: warning: listening on {args.host}, not loopback: the app has no authentication; "
              "anyone who can reach this port can browse the served tasks and runs and answer tasks",
              file=sys.stderr)
    catalogue = Catalogue.build(args.data, args.runs)
    for problem in catalogue.skipped:
        print(f"warning: skipped run {problem}", file=sys.stderr)
    print(f"arclab: serving {len(catalogue.sources)} task source(s) and {len(catalogue.runs)} run(s) on "
          f"http://{args.host}:{args.port}/ (Ctrl+C stops)")
    if args.blind:
        print("arclab: blind mode: no test output and no run is served; tries are per browser session")
    app = create_app(catalogue, hosts=served_hosts(args.host, args.allow_host), blind=args.blind)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
