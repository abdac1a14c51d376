"""Where the rule content (`rules/`) lives, and cached loading of its TOML files.

Installed from a wheel, `rules/` sits inside the package; in a source checkout or an editable
install it is the top-level folder beside the package.

Parsing some sixty TOML files with tomllib costs about 90 ms, a quarter of a one-draft run. So
all of them are parsed together once and kept as one pickle in the user's cache folder, keyed by
every file's path, size and modification time: any edit to the data makes a new bundle.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import struct
import sys
import time
import zlib
from collections.abc import Callable
from fnmatch import fnmatchcase
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
    target, elsewhere = _derived_file(name, code_file, "pickle")
    return _cached(target, build, elsewhere)


def derived_bytes(name: str, build: Callable[[], bytes], *, code_file: str) -> memoryview:
    """`derived` for a value that is one long byte string read a few bytes at a time (a sorted
    table searched by halves): kept as a plain file and mapped into memory, so that a run reads
    the pages it touches, not megabytes. Read-only. The file has the value's length after it: a
    cut-off file is rebuilt."""
    target, elsewhere = _derived_file(name, code_file, "bin")
    try:
        with target.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        length = len(mapped) - _LENGTH.size
        if length >= 0 and _LENGTH.unpack(mapped[length:])[0] == length:
            return memoryview(mapped)[:length]
        mapped.close()
    except (OSError, ValueError):  # missing, unreadable or empty (ValueError): build it
        pass
    value = build()
    _store_bytes(target, value + _LENGTH.pack(len(value)), elsewhere)
    return memoryview(value)


_LENGTH = struct.Struct("<Q")


def _derived_file(name: str, code_file: str, suffix: str) -> tuple[Path, str]:
    """Where a derived value is kept, and a glob of its copies for other environments: the newest
    few stay, those of environments long gone (a deleted virtual environment, a test's) do not pile up."""
    code = Path(code_file).stat()
    key = _digest(repr((_bundle_key(), name, code.st_mtime_ns, code.st_size, _site_stamp())))
    return cache_root() / f"derived-{_place()}-{_environment()}-{name}-{key}.{suffix}", _derived_glob(name, suffix)


# The names of the cache files this version writes, as globs (a place, an environment and a key
# are hexadecimal digests): those of one value or bundle in every checkout and environment.
_HEX = "[0-9a-f]"
_RULES_GLOB = f"rules-{_HEX * 16}-{_HEX * 16}.pickle"


def _derived_glob(name: str, suffix: str) -> str:
    return f"derived-{_HEX * 16}-{_HEX * 8}-{name}-{_HEX * 16}.{suffix}"


@cache
def _place() -> str:
    """Which installation a cache file belongs to: several checkouts may share one cache folder."""
    return _digest(str(rules_dir()))


@cache
def _environment() -> str:
    """Which Python environment a derived file belongs to. Its packages (pymorphy3's dictionaries,
    wordfreq) may differ from another's, and a checkout is often run from two (a virtual
    environment and pre-commit's): each keeps its own files, where one family shared by both was
    rebuilt, a second and a half, on every switch."""
    return _digest(sys.prefix)[:8]


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
    return _digest(repr((_BUNDLE_FORMAT, _stamps())))


def _digest(text: str) -> str:
    """16 hex digits that change when `text` does: CRC-32 and Adler-32 side by side. The keys only
    tell versions of our own files apart (no adversary); hashlib's import (OpenSSL) costs 4 ms of
    every run, zlib's nothing."""
    data = text.encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


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
                   lambda: {relative: _parse(root / relative) for relative, _, _ in _stamps()},
                   _RULES_GLOB)


def _cached(target: Path, build: Callable[[], T], elsewhere: str = "") -> T:
    try:
        value: T = pickle.loads(target.read_bytes())
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        pass
    value = build()
    _store(target, value, elsewhere)
    return value


def _parse(path: Path) -> dict[str, Any]:
    import tomllib  # only when the bundle is rebuilt: a run from the cache never parses TOML

    with path.open("rb") as handle:
        return tomllib.load(handle)


# Copies of one cached value kept for other checkouts and Python environments, the newest: the
# files of a deleted virtual environment, a test's or a removed clone's do not pile up. With 8, a
# machine running a handful of worktrees from two environments each evicted a live one's files,
# which it then rebuilt; 16 copies of the largest value (the word frequencies) are 150 MB.
_COPIES_KEPT = 16
# The folder's `derived-`/`rules-` files named otherwise are an older version's, which nothing
# reads any more (ten megabytes once the word lists were in it).
_CURRENT_NAMES = (_derived_glob("?*", "pickle"), _derived_glob("?*", "bin"), _RULES_GLOB)
_ABANDONED_WRITE_SECONDS = 3600  # a temporary file this old is a write a killed process left
_TEMPORARY_PREFIX = ".rules-"


def _store(target: Path, value: object, elsewhere: str = "") -> None:
    _store_bytes(target, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), elsewhere)


def _store_bytes(target: Path, data: bytes, elsewhere: str = "") -> None:
    """Write atomically, then tidy the folder: older versions of the same file, the oldest of its
    copies for other checkouts and environments (files matching `elsewhere`) beyond _COPIES_KEPT,
    files of an older cache format, abandoned temporary files. Only when a file is (re)built, so
    a run that reads the cache never lists the folder. A read-only cache only costs speed."""
    import tempfile  # only when a cache file is (re)built

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=_TEMPORARY_PREFIX, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
        family = target.name.rsplit("-", 1)[0]  # the same kind of file for the same installation, either format
        for old in target.parent.glob(f"{family}-*"):
            if old != target and old.suffix in (".pickle", ".bin"):
                old.unlink(missing_ok=True)
        if elsewhere:
            copies = sorted(target.parent.glob(elsewhere), key=lambda path: path.stat().st_mtime_ns, reverse=True)
            for old in copies[_COPIES_KEPT:]:
                old.unlink(missing_ok=True)
        _drop_leftovers(target.parent)
    except OSError:
        return


def _drop_leftovers(folder: Path) -> None:
    """Files of an older cache format, and temporary files of writes that never finished."""
    now = time.time()
    for path in folder.iterdir():
        name = path.name
        if name.startswith(("derived-", "rules-")) and path.suffix in (".pickle", ".bin"):
            if not any(fnmatchcase(name, pattern) for pattern in _CURRENT_NAMES):
                path.unlink(missing_ok=True)
        elif name.startswith(_TEMPORARY_PREFIX) and name.endswith(".tmp"):
            with contextlib.suppress(FileNotFoundError):  # another process's write, finished meanwhile
                if now - path.stat().st_mtime > _ABANDONED_WRITE_SECONDS:
                    path.unlink(missing_ok=True)
