"""Named vocabularies: the object properties, cell features, layouts, extractors... the search draws on.

Each vocabulary is a `Vocabulary`, made once with `vocabulary(kind, noun, ...)` and filled by
`add` or the `entry` decorator. An entry is typed: it names its function, the type of the value it
gives (a DSL type name or one of the kinds below) and its flags, so facts such as "this cell
feature is a colour a rule may copy" are attributes of the entry, not side tables. Entries keep
the order they were added in: the search ranks candidates by it, so order is part of the meaning.
Learned programs name entries by their text (`recolour_by(x, objects8(x), 'size', ...)`), so an
entry's name is as stable as a primitive's.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

COLOUR_SET = "ColourSet"
"""Value kind of a cell feature holding a set of colours as a bitmask (bit c: colour c is there)."""
INTS = "Ints"
"""Value kind of a local feature: a tuple of small integers per cell, the cell's own colour first."""
BOXES = "Boxes"
"""Value kind of a layout: the (top, left, height, width) of each part of a grid."""


@dataclass(frozen=True, slots=True)
class Entry(Generic[F]):
    """One named member of a vocabulary: its function, declared value type, flags and parameters."""

    name: str
    function: F
    returns: str
    """The type of the function's value (a DSL type such as "Int" or "Colour", or a kind above)."""
    doc: str
    flags: frozenset[str] = frozenset()
    params: tuple[tuple[str, Any], ...] = ()
    """For a member of a parameterised family, the parameters it was generated from."""

    def param(self, name: str) -> Any:
        """The value of one of the entry's generating parameters (KeyError when it has none)."""
        return dict(self.params)[name]


class Vocabulary(Mapping[str, Entry[F]]):
    """An ordered, typed table of named entries of one kind, read-only once filled."""

    def __init__(self, kind: str, noun: str, returns: Iterable[str], flags: Iterable[str] = (),
                 doc: str = "") -> None:
        self.kind = kind
        self.noun = noun
        """How an error names a member ("no cell feature 'x'")."""
        self.returns = frozenset(returns)
        """The value types its entries may declare."""
        self.flags = frozenset(flags)
        """The flags its entries may carry."""
        self.doc = doc
        self._entries: dict[str, Entry[F]] = {}

    def add(self, name: str, function: F, *, returns: str, doc: str = "", flags: Iterable[str] = (),
            params: Iterable[tuple[str, Any]] = ()) -> F:
        """Add an entry (a ValueError if the name is taken, the type or a flag undeclared); returns `function`."""
        if name in self._entries:
            raise ValueError(f"{self.kind}: {name!r} added twice")
        if returns not in self.returns:
            raise ValueError(f"{self.kind}: {name!r} returns {returns!r}, not one of {sorted(self.returns)}")
        unknown = set(flags) - self.flags
        if unknown:
            raise ValueError(f"{self.kind}: {name!r} has undeclared flags {sorted(unknown)}")
        first_line = (doc or function.__doc__ or "").strip().splitlines()
        self._entries[name] = Entry(name, function, returns, first_line[0] if first_line else "",
                                    frozenset(flags), tuple(params))
        return function

    def entry(self, name: str | None = None, *, returns: str,
              flags: Iterable[str] = ()) -> Callable[[F], F]:
        """Decorator form of `add`: the entry is named after the function unless `name` is given."""

        def register(function: F) -> F:
            return self.add(name or function.__name__, function, returns=returns, flags=flags)

        return register

    def get_entry(self, name: str) -> Entry[F]:
        """The entry called `name`; a ValueError naming the closest names when there is none."""
        found = self._entries.get(name)
        if found is None:
            close = difflib.get_close_matches(name, list(self._entries), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ValueError(f"no {self.noun} {name!r}{hint}")
        return found

    def function(self, name: str) -> F:
        """The function of the entry called `name` (ValueError when there is none)."""
        return self.get_entry(name).function

    def names(self, flag: str | None = None, returns: str | None = None) -> tuple[str, ...]:
        """The entries' names in order, optionally only those with a flag or of a value type."""
        return tuple(e.name for e in self._entries.values()
                     if (flag is None or flag in e.flags) and (returns is None or e.returns == returns))

    def __getitem__(self, name: str) -> Entry[F]:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Vocabulary({self.kind!r}, {len(self)} entries)"


VOCABULARIES: dict[str, Vocabulary[Any]] = {}
"""Every vocabulary by kind (filled when the DSL's modules are imported)."""


def vocabulary(kind: str, noun: str, returns: Iterable[str], flags: Iterable[str] = (),
               doc: str = "") -> Vocabulary[Any]:
    """Make and register the vocabulary of one kind (a ValueError if the kind exists)."""
    if kind in VOCABULARIES:
        raise ValueError(f"vocabulary {kind} made twice")
    made: Vocabulary[Any] = Vocabulary(kind, noun, returns, flags, doc)
    VOCABULARIES[kind] = made
    return made
