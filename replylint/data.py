"""Where the rule content (`rules/`) lives, and cached loading of its TOML files.

Installed from a wheel, `rules/` sits inside the package; in a source checkout or an editable
install it is the top-level folder beside the package.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@cache
def rules_dir() -> Path:
    for candidate in (_PACKAGE / "rules", _PACKAGE.parent / "rules"):
        if (candidate / "catalog").is_dir():
            return candidate
    raise FileNotFoundError("replylint's rule data (rules/) is missing from this installation")


@cache
def load_toml(relative: str) -> dict[str, Any]:
    """Load `rules/<relative>`; a missing file is an empty table (a language may lack a list)."""
    path = rules_dir() / relative
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)
