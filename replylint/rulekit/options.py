"""Typed rule options: each rule declares a NamedTuple of the options it reads; the values come
from the catalog's `[options]` (the one place defaults are written) and the user's settings.

`check_option` is the one validation of a user's value (config file and API alike); `build_options`
turns the catalog's defaults and the user's values into the rule's options, and calls their
`validate()` where the class has one (a check beyond the value's type: a time range, a choice). The
class declares no defaults: where the catalog and the class disagree (a default missing, or one the
class does not read), the rules fail to load (replylint.engine.rules), which a test over the whole
catalog catches. (A NamedTuple, not a frozen dataclass: defining one costs a fifth as much, in
every run, for the dozen option classes.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from replylint.errors import SettingsError

if TYPE_CHECKING:
    from replylint.rulekit.catalog import RuleSpec

OptionsT = TypeVar("OptionsT")

# Numeric rule options: a `max_*` counts from 0, a `min_*` and a width from 1; none above this.
OPTION_CEILING = 1_000_000


class NoOptions(NamedTuple):
    """The options of a rule that has none (an empty tuple)."""


class OptionError(SettingsError):
    """A user's option value that does not fit the rule; `key` is the name as the user wrote it."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


def field_name(key: str) -> str:
    """`max-words` and `max_words` are one option; the dataclass field is the underscored form."""
    return key.replace("-", "_")


def check_option(spec: RuleSpec, name: str, value: Any) -> tuple[str, Any]:
    """(the catalog's key for option `name` of the rule, the value) or an OptionError saying why not."""
    known = spec.options
    spelled = {field_name(key): key for key in known}
    key = spelled.get(field_name(name), name)
    rule = spec.id
    if key not in known:
        allowed = ", ".join(sorted(known)) or "none"
        raise OptionError(f"unknown option {name!r} for rule {rule!r} (its options: {allowed})", name)
    if not _same_type(value, known[key]):
        expected = type(known[key]).__name__
        raise OptionError(f"option {name!r} of {rule!r} must be {expected}, got {value!r}", name)
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        raise OptionError(f"option {name!r} of {rule!r} must be a list of strings, got {value!r}", name)
    low = _option_minimum(key)
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if numeric and not low <= value <= OPTION_CEILING:
        raise OptionError(f"option {name!r} of {rule!r} must be from {low} to {OPTION_CEILING:,}, got {value!r}",
                          name)
    return key, value


def build_options(cls: type[OptionsT], spec: RuleSpec, user: Mapping[str, Any]) -> OptionsT:
    """The rule's options: the catalog's defaults with the user's (checked) values over them. That
    the class reads exactly the options the catalog gives defaults for is checked when the rules load
    (replylint.engine.rules)."""
    values = dict(spec.options)
    for name, value in user.items():
        key, checked = check_option(spec, name, value)
        values[key] = checked
    options = cls(**{field_name(key): tuple(value) if isinstance(value, list) else value
                     for key, value in values.items()})
    validate = getattr(options, "validate", None)
    if validate is not None:
        validate()
    return options


def _option_minimum(name: str) -> int:
    """The documented floor of a numeric option: a `max_*` may be 0 (none allowed), anything else
    (a `min_*`, a width) starts at 1."""
    return 0 if name.startswith("max_") else 1


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))
