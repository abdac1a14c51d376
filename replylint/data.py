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
import tempfile
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
_BUNDLE_FORMAT = 1


@cache
def rules_dir() -> Path:
    for candidate in (_PACKAGE / "rules", _PACKAGE.parent / "rules"):
        if (candidate / "catalog").is_dir():
            return candidate
    raise FileNotFoundError("replylint's rule data (rules/) is missing from this installation")


def load_toml(relative: str) -> dict[str, Any]:
    """`rules/<relative>` parsed; a missing file is an empty table (a language may lack a list)."""
    return _bundle().get(relative, {})


def cache_root() -> Path:
    """replylint's cache folder: $REPLYLINT_CACHE_DIR, else $XDG_CACHE_HOME/replylint, else ~/.cache."""
    explicit = os.environ.get("REPLYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "replylint"


@cache
def _bundle() -> dict[str, dict[str, Any]]:
    root = rules_dir()
    files = sorted(root.rglob("*.toml"))
    stamp = [(path.relative_to(root).as_posix(), path.stat().st_mtime_ns, path.stat().st_size) for path in files]
    key = hashlib.sha256(repr((_BUNDLE_FORMAT, str(root), stamp)).encode()).hexdigest()[:20]
    cached = cache_root() / f"rules-{key}.pickle"
    try:
        return pickle.loads(cached.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    bundle = {relative: _parse(root / relative) for relative, _, _ in stamp}
    _store(cached, bundle)
    return bundle


def _parse(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _store(target: Path, bundle: dict[str, dict[str, Any]]) -> None:
    """Write atomically and drop older bundles; a read-only cache only costs speed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(bundle, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
        for old in target.parent.glob("rules-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
