"""The local web app: browse datasets and runs, compare runs, and solve tasks by hand."""

from ._app import create_app
from ._catalogue import Catalogue, RunRef, SourceRef
from ._guard import MAX_BODY, is_loopback, served_hosts
from ._tries import Try, TryBook

__all__ = ["MAX_BODY", "Catalogue", "RunRef", "SourceRef", "Try", "TryBook", "create_app", "is_loopback",
           "served_hosts"]
