"""Project configuration: `[tool.replylint]` in pyproject.toml, or a `.replylint.toml`.

The file is found by walking up from each checked file (stdin: from the current directory); the
nearest one wins, nothing is merged across levels (as ruff does). In one folder `.replylint.toml`
wins over pyproject.toml, and a pyproject.toml without `[tool.replylint]` is passed over.
Precedence, lowest first: the catalog's defaults, the config's top level, its matching `per-file`
entries (in the order written), the command line. A collection item's own first_contact / lang /
channel / ignore still win for that item (see `runner.lint_draft`).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from replylint.cached import cached_property
from replylint.document.language import LANG_CHOICES, LANGUAGES, MESSAGE_LANG_CHOICES
from replylint.document.placeholders import compile_atoms
from replylint.engine.rules import implementations
from replylint.engine.settings import Settings
from replylint.errors import SettingsError
from replylint.mechanisms.lexicon import LexiconError, validate_overrides
from replylint.rulekit.catalog import catalog, lexicon_names, unknown_rule
from replylint.rulekit.finding import Severity
from replylint.rulekit.options import OptionError, build_options, check_option

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

CONFIG_FILE = ".replylint.toml"
PYPROJECT = "pyproject.toml"
STDIN_PATHS = frozenset({"-", "<stdin>"})

_FAIL_ON = ("error", "warning", "info", "never")
_ACCEPT_SHARED = "*"
# Keys a `per-file` entry may set; everything else there is an error.
_PER_FILE_KEYS = frozenset({"select", "ignore", "severity", "options", "first_contact", "lang", "channel"})
_TOP_KEYS = frozenset({
    "select", "ignore", "severity", "options", "lexicons", "exclude", "include", "per_file",
    "first_contact", "lang", "message_lang", "fail_on", "placeholders", "accept", "channel", "max_draft_size",
})
# A draft longer than this many characters is refused (exit 2): the rules are linear, but a
# multi-megabyte "draft" is a wrong file, not a reply. `max_draft_size` in the config changes it.
DEFAULT_MAX_DRAFT_SIZE = 1_000_000
_MAX_DRAFT_SIZE_RANGE = (1, 50_000_000)
# Config files are small; a bigger one (or a FIFO that never ends) is refused before it is parsed.
_MAX_CONFIG_BYTES = 4 * 1024 * 1024


class ConfigError(SettingsError):
    """An invalid config file: one line naming the file (and the line when known), exit code 2."""


@dataclass(frozen=True)
class Layer:
    """What one table of the config (the top level, or one per-file entry) says about the rules."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    first_contact: bool | None = None
    lang: str | None = None
    channel: str | None = None


class PerFile(NamedTuple):
    """A `[per-file]` entry: its glob, compiled, and the settings it applies."""

    pattern: str
    spec: GitIgnoreSpec
    layer: Layer


@dataclass(frozen=True)
class ProjectConfig:
    """One config file, validated. `path` None is "no config": every default."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    layer: Layer = field(default_factory=Layer)
    per_file: tuple[PerFile, ...] = ()
    exclude: GitIgnoreSpec | None = None
    include: GitIgnoreSpec | None = None
    message_lang: str | None = None
    fail_on: str | None = None
    placeholders: tuple[str, ...] = ()
    accept: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    lexicons: Mapping[str, Any] = field(default_factory=dict)
    max_draft_size: int = DEFAULT_MAX_DRAFT_SIZE

    def relative(self, path: str) -> str | None:
        """`path` relative to the config's folder, "/"-separated; None when it lies outside. (What
        os.path.relpath says, by comparing the absolute paths: it is asked for every file.)"""
        absolute = os.path.abspath(path)
        root, compared = self._absolute_root, os.path.normcase(absolute)
        if compared == os.path.normcase(root):
            return "."
        inside = root if root.endswith(os.sep) else root + os.sep
        if not compared.startswith(os.path.normcase(inside)):
            return None
        return absolute[len(inside):].replace(os.sep, "/")

    @cached_property
    def _absolute_root(self) -> str:
        return os.path.abspath(self.root)

    def matching(self, path: str) -> tuple[int, ...]:
        if not self.per_file:
            return ()
        relative = self.relative(path)
        if relative is None:
            return ()
        return tuple(index for index, entry in enumerate(self.per_file) if entry.spec.match_file(relative))

    def wants(self, path: str, default_include: GitIgnoreSpec) -> bool:
        """Whether a file found by walking a folder is checked: `include` (else the supported
        extensions) and not `exclude`, both relative to the config's folder."""
        relative = self.relative(path)
        if relative is None:
            return default_include.match_file(os.path.basename(path))
        if self.exclude is not None and self.exclude.match_file(relative):
            return False
        return (self.include or default_include).match_file(relative)


@dataclass(frozen=True)
class CliOverrides:
    """What the command line said; None is "not given", so the config decides."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    first_contact: bool | None = None
    lang: str | None = None
    message_lang: str | None = None
    fail_on: str | None = None
    config_file: str | None = None
    isolated: bool = False


class ConfigResolver:
    """Config lookups for one run: each folder is looked up once, each file loaded once, and each
    distinct combination of config + matching per-file entries makes one Settings object (the
    draft's defaults, first_contact, lang and channel, included: a collection item may still override)."""

    def __init__(self, cli: CliOverrides | None = None) -> None:
        self.cli = cli or CliOverrides()
        self._by_folder: dict[str, ProjectConfig] = {}
        self._settings: dict[tuple[int, tuple[int, ...]], Settings] = {}
        self._forced = load_config(Path(self.cli.config_file)) if self.cli.config_file else None

    def config_for(self, path: str) -> ProjectConfig:
        if self._forced is not None:
            return self._forced
        if self.cli.isolated:
            return _NO_CONFIG
        folder = os.getcwd() if path in STDIN_PATHS else os.path.dirname(os.path.abspath(path))
        return self._config_in(folder)

    def _config_in(self, folder: str) -> ProjectConfig:
        # A loop, not recursion: a file 1,100 folders deep must not exhaust the stack.
        passed: list[str] = []
        config = _NO_CONFIG
        while True:
            known = self._by_folder.get(folder)
            if known is not None:
                config = known
                break
            passed.append(folder)
            found = config_file_in(folder)
            if found is not None:
                config = load_config(found)
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        for visited in passed:
            self._by_folder[visited] = config
        return config

    def settings_for(self, path: str) -> Settings:
        config = self.config_for(path)
        matching = () if path in STDIN_PATHS else config.matching(path)
        key = (id(config), matching)
        if key not in self._settings:
            layers = [config.layer, *(config.per_file[index].layer for index in matching), self._cli_layer()]
            self._settings[key] = _build(config, layers, self.cli.message_lang)
        return self._settings[key]

    def run_config(self, paths: Sequence[str]) -> ProjectConfig:
        """The config that decides run-wide settings (fail_on, message language of the summary):
        the first checked path's (stdin: the current directory's)."""
        return self.config_for(paths[0] if paths else "-")

    def fail_on(self, paths: Sequence[str]) -> str:
        return self.cli.fail_on or self.run_config(paths).fail_on or "error"

    def message_lang(self, paths: Sequence[str]) -> str:
        return self.cli.message_lang or self.run_config(paths).message_lang or "auto"

    def files(self, paths: Sequence[str]) -> list[str]:
        """The paths to read: files named directly as they are, folders walked with each file's
        config deciding include/exclude (relative to the config file's folder)."""
        files: list[str] = []
        for path in paths:
            if path in STDIN_PATHS or not os.path.isdir(path):
                files.append(path)
                continue
            from replylint.sources.walk import DEFAULT_INCLUDE, discover  # pathspec: only to walk folders

            default_include = _spec(DEFAULT_INCLUDE)
            # Walk everything supported or configured; each file's own config filters it below.
            files.extend(file for file in discover([path], include=("*",))
                         if self.config_for(file).wants(file, default_include))
        return files

    def _cli_layer(self) -> Layer:
        cli = self.cli
        return Layer(select=cli.select, ignore=cli.ignore or frozenset(), first_contact=cli.first_contact,
                     lang=cli.lang)


_NO_CONFIG = ProjectConfig()


@cache
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    """Gitignore-style globs (`**`, anchored when they contain a "/"); pathspec loads only when used."""
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(patterns)
    except ValueError as error:  # pathspec's GitIgnorePatternError, e.g. a lone "!"
        raise ValueError(f"invalid glob pattern: {error}") from None


def config_file_in(folder: str) -> Path | None:
    """The config file that sits right in `folder`, if any."""
    dedicated = Path(folder, CONFIG_FILE)
    if dedicated.is_file():
        return dedicated
    pyproject = Path(folder, PYPROJECT)
    if pyproject.is_file() and _may_hold_our_table(pyproject):
        tool = _read_table(pyproject).get("tool", {})
        if isinstance(tool, dict) and "replylint" in tool:
            return pyproject
    return None


def load_config(path: Path) -> ProjectConfig:
    """Read and validate a config file (either kind: by its name). Cached while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror or error}") from None
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder, not a config file")
    return _load_config(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_config(path: Path, _mtime: int, _size: int) -> ProjectConfig:
    data = _read_table(path)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("replylint") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(f"{path}: no [tool.replylint] table")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}:{_line_of(path, 'replylint') or 1}: [tool] replylint must be a table "
                              f"([tool.replylint]), got {table!r}")
        where = "[tool.replylint]"
    else:
        table, where = data, ""
    return _Validator(path).config(table, where)


# Where a pyproject.toml can hold replylint's table, written any way TOML allows: `[tool.replylint]`
# and its sub-tables, a dotted key `tool.replylint.x = …`, quoted parts (`"tool"."replylint"`), a
# `[tool]` table with a `replylint` key, an inline `tool = { replylint = … }`. It may match more
# (a `[tool]` table without us): that only costs a parse. A file it does not match has no table of
# ours, however often it names replylint (as a dependency, a script): it is not parsed, which saves
# 10 ms of a one-draft run (tomllib's import and parse) in a project that names replylint so.
_OUR_TABLE = re.compile(rb"""tool["']?\s*\.\s*["']?replylint|^\s*\[\s*["']?tool["']?\s*\]|tool["']?\s*=\s*\{""",
                        re.MULTILINE)


def _may_hold_our_table(pyproject: Path) -> bool:
    # A broken pyproject.toml that is not ours must not stop a check: only parse it if it may hold our table.
    from replylint.sources.errors import SourceError
    from replylint.sources.read import read_limited

    try:
        return _OUR_TABLE.search(read_limited(str(pyproject), _MAX_CONFIG_BYTES, what="config file")) is not None
    except SourceError:
        return False


def _read_table(path: Path) -> dict[str, Any]:
    import tomllib  # only a run that finds a config file parses TOML

    from replylint.sources.errors import SourceError
    from replylint.sources.read import read_limited

    try:
        return tomllib.loads(read_limited(str(path), _MAX_CONFIG_BYTES, what="config file").decode("utf-8"))
    except SourceError as error:
        raise ConfigError(str(error)) from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
        if where:
            raise ConfigError(f"{path}:{where.group(1)}: invalid TOML: {message[: where.start()]}") from None
        raise ConfigError(f"{path}: invalid TOML: {message}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror or error}") from None


class _Validator:
    """Turns the raw table into a ProjectConfig, failing on the first problem with a precise line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, what: str, key: str | None = None) -> ConfigError:
        line = _line_of(self.path, key) if key else None
        return ConfigError(f"{self.path}{f':{line}' if line else ''}: {what}")

    def config(self, table: dict[str, Any], where: str) -> ProjectConfig:
        table = self.keys(table, _TOP_KEYS, where or "the config")
        per_file = self.table(table.get("per_file", {}), "per-file")
        return ProjectConfig(
            path=self.path,
            root=self.path.parent,
            layer=self.layer(table, "", top=True),
            per_file=tuple(self.per_file(pattern, entry) for pattern, entry in per_file.items()),
            exclude=self.globs(table, "exclude"),
            include=self.globs(table, "include"),
            message_lang=self.choice(table, "message_lang", MESSAGE_LANG_CHOICES),
            fail_on=self.choice(table, "fail_on", _FAIL_ON),
            placeholders=self.placeholders(table.get("placeholders", [])),
            accept=self.accept(table.get("accept", [])),
            lexicons=self.lexicons(table.get("lexicons", {})),
            max_draft_size=self.integer(table, "max_draft_size", _MAX_DRAFT_SIZE_RANGE, DEFAULT_MAX_DRAFT_SIZE),
        )

    def keys(self, table: dict[str, Any], allowed: frozenset[str], where: str) -> dict[str, Any]:
        # `fail-on` and `fail_on` are the same key: TOML users write both styles.
        normalised: dict[str, Any] = {}
        for key, value in table.items():
            name = key.replace("-", "_")
            if name not in allowed:
                raise self.fail(f"unknown key {key!r} in {where} (allowed: {', '.join(sorted(allowed))})", key)
            normalised[name] = value
        return normalised

    def layer(self, table: dict[str, Any], where: str, *, top: bool = False) -> Layer:
        select = table.get("select")
        severities = self.table(table.get("severity", {}), f"{where}severity")
        options = self.table(table.get("options", {}), f"{where}options")
        return Layer(
            select=None if select is None else frozenset(self.rule_ids(select, f"{where}select", allow_all=True)),
            ignore=frozenset(self.rule_ids(table.get("ignore", []), f"{where}ignore")),
            severities={rule: self.severity(rule, value) for rule, value in severities.items()},
            options={rule: self.options(rule, value) for rule, value in options.items()},
            first_contact=self.boolean(table, "first_contact"),
            lang=self.choice(table, "lang", LANG_CHOICES),
            channel=self.string(table, "channel"),
        )

    def per_file(self, pattern: str, entry: Any) -> PerFile:
        if not isinstance(entry, dict):
            raise self.fail(f"per-file {pattern!r} must be a table like {{ ignore = [\"farewell\"] }}", pattern)
        entry = self.keys(entry, _PER_FILE_KEYS, f"per-file {pattern!r}")
        return PerFile(pattern, self.spec((pattern,), "per-file", pattern), self.layer(entry, f"per-file {pattern!r} "))

    def spec(self, patterns: tuple[str, ...], key: str, line_key: str) -> GitIgnoreSpec:
        try:
            return _spec(patterns)
        except ValueError as error:
            raise self.fail(f"{key}: {error}", line_key) from None

    def rule_ids(self, value: Any, key: str, *, allow_all: bool = False) -> list[str]:
        rules = self.strings(value, key)
        for rule in rules:
            if rule not in catalog() and not (allow_all and rule == "ALL"):
                raise self.fail(unknown_rule(rule, key), rule)
        return rules

    def severity(self, rule: str, value: Any) -> Severity:
        self.rule_ids([rule], "severity")
        try:
            return Severity.parse(value) if isinstance(value, str) else Severity.parse(repr(value))
        except ValueError as error:
            raise self.fail(f"severity of {rule!r}: {error}", rule) from None

    def options(self, rule: str, value: Any) -> dict[str, Any]:
        """The same check as `Settings(options=…)` through the API (rulekit.options), with the line."""
        self.rule_ids([rule], "options")
        spec = catalog()[rule]
        options: dict[str, Any] = {}
        for name, option in self.table(value, f"options.{rule}").items():
            try:
                key, checked = check_option(spec, name, option)
            except OptionError as error:
                raise self.fail(str(error), error.key) from None
            options[key] = checked
        try:  # the values together, as the rule reads them (send-time's hours, vy-consistency's style)
            build_options(implementations()[rule].options, spec, options)
        except SettingsError as error:
            raise self.fail(str(error), rule) from None
        return options

    def lexicons(self, value: Any) -> dict[str, dict[str, dict[str, list[Any]]]]:
        """The same check as `Settings(lexicons=…)` through the API, with the line of the mistake."""
        lexicons = self.table(value, "lexicons")
        try:
            validate_overrides(lexicons, lexicon_names())
        except LexiconError as error:
            raise self.fail(str(error), error.key) from None
        return {name: dict(languages) for name, languages in lexicons.items()}

    def placeholders(self, value: Any) -> tuple[str, ...]:
        patterns = self.strings(value, "placeholders")
        for pattern in patterns:
            try:
                with warnings.catch_warnings():  # «possible nested set» and the like: refused, not printed
                    warnings.simplefilter("error")
                    compiled = compile_atoms((pattern,))  # also catches group names that clash with ours
            except (re.error, OverflowError, RecursionError, FutureWarning, DeprecationWarning) as error:
                raise self.fail(f"placeholders: invalid regular expression {pattern!r}: {error}",
                                "placeholders") from None
            if (risk := backtracking_risk(pattern)) is not None:
                raise self.fail(f"placeholders: {pattern!r} can take exponential time ({risk}); "
                                "write it without a repeated group that itself repeats or alternates",
                                "placeholders")
            if compiled.fullmatch(""):
                raise self.fail(f"placeholders: {pattern!r} matches empty text", "placeholders")
        return tuple(patterns)

    def accept(self, value: Any) -> dict[str, tuple[str, ...]]:
        """`accept = [...]` for both languages, or `[accept] ru = [...]; uk = [...]; all = [...]`.
        Entries stay as written: the spelling rule folds them and reads "стем*" as a stem."""
        by_language = {"all": value} if isinstance(value, list) else self.table(value, "accept")
        accept: dict[str, tuple[str, ...]] = {}
        for lang, words in by_language.items():
            if lang not in (*LANGUAGES, "all"):
                raise self.fail(f"accept: unknown language {lang!r} (ru, uk or all)", lang)
            key = _ACCEPT_SHARED if lang == "all" else lang
            accept[key] = tuple(word.strip() for word in self.strings(words, f"accept.{lang}") if word.strip())
        return accept

    def globs(self, table: dict[str, Any], key: str) -> GitIgnoreSpec | None:
        if key not in table:
            return None
        return self.spec(tuple(self.strings(table[key], key)), key, key)

    def integer(self, table: dict[str, Any], key: str, bounds: tuple[int, int], default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not bounds[0] <= value <= bounds[1]:
            raise self.fail(f"{key} must be a whole number from {bounds[0]:,} to {bounds[1]:,}, got {value!r}", key)
        return value

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{key} must be a table, got {value!r}", key.rsplit(".", 1)[-1])
        return value

    def strings(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"{key} must be a list of strings, got {value!r}", key.rsplit(".", 1)[-1])
        return value

    def string(self, table: dict[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(f"{key} must be a string, got {value!r}", key)
        return value

    def choice(self, table: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
        value = table.get(key)
        if value is not None and value not in allowed:
            raise self.fail(f"{key} must be one of {', '.join(allowed)}, got {value!r}", key)
        return value

    def boolean(self, table: dict[str, Any], key: str) -> bool | None:
        value = table.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(f"{key} must be true or false, got {value!r}", key)
        return value


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` can backtrack exponentially under Python's `re`, or None.

    Rejected: a group repeated without bound (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that itself holds
    a repetition or an alternation — `(a+)+`, `(a|aa)*`, `(\\w+\\s?)+`, `(.*a){12}` — and back-references.
    A static check on the pattern's text (escapes and character classes skipped), so it costs nothing
    per draft; it rejects some safe patterns too, which can always be written without nesting.
    """
    stack: list[bool] = [False]  # per open group: does it hold a repetition or an alternation?
    index, length = 0, len(pattern)
    closed_risky = False  # the atom just closed was a risky group
    while index < length:
        char = pattern[index]
        if char == "\\":
            if index + 1 < length and pattern[index + 1].isdigit() and pattern[index + 1] != "0":
                return "a back-reference"
            index += 2
            closed_risky = False
            continue
        if char == "[":
            index = _class_end(pattern, index)
            closed_risky = False
            continue
        if char == "(":
            stack.append(False)
            closed_risky = False
        elif char == ")":
            inner = stack.pop() if len(stack) > 1 else False
            stack[-1] = stack[-1] or inner  # `((a+)b)+`: the outer group holds a repetition too
            closed_risky = inner
            index += 1
            continue
        elif char == "|":
            stack[-1] = True
        elif char in "*+{?":
            end, unbounded = _quantifier(pattern, index)
            if unbounded:
                if closed_risky:
                    return "a repeated group that repeats or alternates inside"
                stack[-1] = True
            index = end
            closed_risky = False
            continue
        else:
            closed_risky = False
        index += 1
    return None


def _class_end(pattern: str, index: int) -> int:
    """The index after the character class opening at `index`."""
    index += 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1


def _quantifier(pattern: str, index: int) -> tuple[int, bool]:
    """(the index after the quantifier at `index`, whether it repeats more than once)."""
    char = pattern[index]
    if char in "*+":
        end, unbounded = index + 1, True
    elif char == "?":
        end, unbounded = index + 1, False
    else:
        match = re.match(r"\{(\d*)(,?)(\d*)\}", pattern[index:])
        if match is None:
            return index + 1, False  # a literal "{"
        end = index + match.end()
        upper = match.group(3)
        unbounded = (not upper or int(upper) > 1) if match.group(2) else int(match.group(1) or 0) > 1
    if end < len(pattern) and pattern[end] in "?+":  # lazy or possessive: the same repetition
        end += 1
    return end, unbounded


def _line_of(path: Path, key: str) -> int | None:
    """Best effort: the first line where `key` appears as a key or a quoted value."""
    if not path.is_file():  # a FIFO or a device was read once already: reading it again could block
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    variants = {key, key.replace("_", "-")}
    for number, line in enumerate(lines, 1):
        code = line.split("#", 1)[0]
        for variant in variants:
            if re.search(rf'(^|[\s.\[{{,"\'])"?{re.escape(variant)}"?\s*(=|\]|"|\'|,)', code):
                return number
    return None


def _build(config: ProjectConfig, layers: Iterable[Layer], message_lang: str | None) -> Settings:
    """Fold the layers, lowest first: a layer's `select` replaces the rule set so far (its `ignore`
    then removes from it), a layer with only `ignore` removes more; severities and options merge."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: dict[str, Severity] = {}
    options: dict[str, dict[str, Any]] = {}
    first_contact, lang, channel = True, "auto", None
    for layer in layers:
        if layer.select is not None:
            select, ignore = layer.select, layer.ignore
        else:
            ignore = ignore | layer.ignore
        severities.update(layer.severities)
        for rule, values in layer.options.items():
            options.setdefault(rule, {}).update(values)
        first_contact = first_contact if layer.first_contact is None else layer.first_contact
        lang = layer.lang or lang
        channel = layer.channel or channel
    return Settings(
        select=select, ignore=ignore, severities=severities, options=options,
        lexicons={name: dict(languages) for name, languages in config.lexicons.items()},
        message_lang=message_lang or config.message_lang or "auto",
        placeholders=config.placeholders, accept=dict(config.accept),
        first_contact=first_contact, lang=lang, channel=channel,
    )


def starter_config() -> str:
    """The commented `.replylint.toml` that `replylint init` writes."""
    return (Path(__file__).parent / "templates" / "replylint.toml").read_text(encoding="utf-8")
