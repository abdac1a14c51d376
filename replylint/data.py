"""Where the rule content (`rules/`) lives, and cached loading of its TOML files.

Installed from a wheel, `rules/` sits inside the package; in a source checkout or an editable
install it is the top-level folder beside the package.

Parsing some sixty TOML files with tomllib costs about 90 ms, a quarter of a one-draft run. So
all of them are parsed together once and kept as one pickle in the user's cache folder, keyed by
every file's path, size and modification time: any edit to the data makes a new bundle.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent
_BUNDLE_FORMAT = 1


@cache
def rules_dir() -> Path:
    for candidate in (_PACKAGE / "rules", _PACKAGE.parent / "rules"):
        if (candidate / "catalog").is_dir():
            return candidate
    raise FileNotFoundError("replylint's rule data (rules/) is missing from this installation")


class DataError(LookupError):
    """A rule data file the code asks for is not there: a broken installation or a typo in the
    code, never a silent empty list."""


def load_toml(relative: str) -> dict[str, Any]:
    """`rules/<relative>` parsed; a file that is not there is a DataError (a language without a
    list ships the file with an empty table)."""
    try:
        return _bundle()[relative]
    except KeyError:
        raise DataError(f"replylint's rule data lacks rules/{relative} ({rules_dir()})") from None


def has_file(relative: str) -> bool:
    """Whether `rules/<relative>` is a data file of this installation."""
    return relative in _bundle()


def cache_root() -> Path:
    """replylint's cache folder: $REPLYLINT_CACHE_DIR, else $XDG_CACHE_HOME/replylint, else ~/.cache."""
    explicit = os.environ.get("REPLYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "replylint"


def derived(name: str, build: Callable[[], T], *, code_file: str) -> T:
    """A value computed from rule data only (a lemmatised index, say), kept in the cache beside
    the data bundle. It is rebuilt when the data, the module that builds it (`code_file`) or the
    installed packages (pymorphy3's dictionaries among them) change."""
    code = Path(code_file).stat()
    key = hashlib.sha256(repr((_bundle_key(), name, code.st_mtime_ns, code.st_size, sys.prefix,
                               _site_stamp())).encode()).hexdigest()[:20]
    return _cached(cache_root() / f"derived-{_place()}-{name}-{key}.pickle", build)


@cache
def _place() -> str:
    """Which installation a cache file belongs to: several checkouts may share one cache folder."""
    return hashlib.sha256(str(rules_dir()).encode()).hexdigest()[:12]


@cache
def _stamps() -> list[tuple[str, int, int]]:
    """(path under rules/, mtime, size) of every TOML file, in path order. os.walk and one stat
    a file: pathlib's rglob, relative_to and two stats cost 3 ms here, in every run."""
    root = str(rules_dir())
    found: list[tuple[list[str], str]] = []
    for folder, _, names in os.walk(root):
        inside = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            if name.endswith(".toml"):
                relative = name if inside == "." else f"{inside}/{name}"
                found.append((relative.split("/"), relative))
    stamps = []
    for _, relative in sorted(found):  # by path parts, as sorted Paths are
        stat = os.stat(os.path.join(root, relative))
        stamps.append((relative, stat.st_mtime_ns, stat.st_size))
    return stamps


@cache
def _bundle_key() -> str:
    return hashlib.sha256(repr((_BUNDLE_FORMAT, _stamps())).encode()).hexdigest()[:20]


@cache
def _site_stamp() -> tuple[int, ...]:
    """Modification times of the folders packages are installed into: an upgrade touches them."""
    import site

    folders = [*site.getsitepackages(), site.getusersitepackages()]
    return tuple(os.stat(folder).st_mtime_ns for folder in folders if os.path.isdir(folder))


@cache
def _bundle() -> dict[str, dict[str, Any]]:
    root = rules_dir()
    return _cached(cache_root() / f"rules-{_place()}-{_bundle_key()}.pickle",
                   lambda: {relative: _parse(root / relative) for relative, _, _ in _stamps()})


def _cached(target: Path, build: Callable[[], T]) -> T:
    try:
        value: T = pickle.loads(target.read_bytes())
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        pass
    value = build()
    _store(target, value)
    return value


def _parse(path: Path) -> dict[str, Any]:
    import tomllib  # only when the bundle is rebuilt: a run from the cache never parses TOML

    with path.open("rb") as handle:
        return tomllib.load(handle)


def _store(target: Path, value: object) -> None:
    """Write atomically and drop older versions of the same file; a read-only cache only costs speed."""
    import tempfile  # only when a cache file is (re)built

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
        family = target.name.rsplit("-", 1)[0]  # the same kind of file for the same installation
        for old in target.parent.glob(f"{family}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
