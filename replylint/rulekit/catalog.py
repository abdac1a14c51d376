"""The rule catalog: each rule's id, severity, languages, source guides and texts, declared once
in `rules/catalog/<id>.toml` and read from there by the engine, the CLI and the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from replylint.data import derived, has_file, load_toml, rules_dir
from replylint.document.language import LANGUAGES, MESSAGE_LANGUAGES
from replylint.rulekit.finding import Severity

__all__ = ["MESSAGE_LANGUAGES", "CatalogError", "Example", "LexiconUse", "RuleSpec", "catalog"]

# Where rule code lives: `replylint/checks/<module>.py`, the module named after the rule's id
# (ty-form: ty_form.py) or after its `family` in the catalog (long-sentence: layout.py). A rule
# that is only a lexicon (`[lexicon]`, no `family`) has no code of its own: the wording module
# reports its matches. A lexicon rule with code names its module as its family.
CHECKS_PACKAGE = "replylint.checks"
LEXICON_RULES_MODULE = "wording"


class CatalogError(Exception):
    """The rule catalog contradicts itself or the code (a message, a field, a file missing): a bug
    of replylint's, reported when the catalog loads or the message is built, never papered over."""


class Example(NamedTuple):
    """A rule's example: a draft it flags and one it does not, in one language."""

    lang: str
    bad: str
    good: str
    client: str | None = None  # the client's message both drafts answer, for rules that need it
    bad_send_at: str | None = None  # when each draft is sent (`--send-at`), for send-time
    good_send_at: str | None = None
    check: str | None = None  # which of a rule's checks the example shows (grammar's codes)


class LexiconUse(NamedTuple):
    """`[lexicon]` of a catalog entry: the rule matches `rules/<lang>/<name>.toml`. A rule whose
    catalog entry has this table and no code of its own reports every match (checks/wording.py)."""

    name: str
    safe_fixes: bool = False  # a one-word swap keeps meaning and form («щас» -> «сейчас»): a safe fix
    foreign_words: bool = False  # also the other language's entries for its words in the draft


@dataclass(frozen=True)
class RuleSpec:
    """A rule's catalog entry (rules/catalog/<id>.toml), checked."""

    id: str
    severity: Severity
    languages: tuple[str, ...]
    sources: tuple[str, ...]
    summary: dict[str, str]
    messages: dict[str, dict[str, str]]
    rationale: dict[str, str]
    examples: tuple[Example, ...]
    first_contact_only: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    # Rules whose findings this rule's finding makes redundant where their spans meet
    # (greeting-only: a lone «Добрый день, вы тут?» is one problem, not also a missing farewell).
    supersedes: tuple[str, ...] = ()
    lexicon: LexiconUse | None = None
    # A guess about a word (spelling): where a lexicon rule flags the same word, that rule knows
    # the word and explains it («номерочек» is a diminutive, not a typo), so this rule is silent.
    yields_to_lexicons: bool = False
    family: str | None = None  # the checks module holding this rule's code with its kin (`layout`)
    # The other modules of the rule's concept, in their layers (unused-suppression: the directives'
    # parser in document/, the bookkeeping in engine/), as paths below replylint/: `explain` lists them.
    also: tuple[str, ...] = ()

    @property
    def module(self) -> str:
        """The module of replylint.checks that holds this rule's code."""
        if self.family:
            return self.family
        return LEXICON_RULES_MODULE if self.data_only else self.id.replace("-", "_")

    @property
    def code_path(self) -> str:
        """`replylint/checks/<module>.py`, relative to the repository (or the installed package's parent)."""
        return f"{CHECKS_PACKAGE.replace('.', '/')}/{self.module}.py"

    @property
    def data_only(self) -> bool:
        """A lexicon and a catalog entry, no code of its own (the wording module reports each match)."""
        return self.lexicon is not None and self.family is None

    @property
    def data_paths(self) -> tuple[str, ...]:
        """The data files of a lexicon rule, one per language: `rules/<lang>/<lexicon>.toml`."""
        if self.lexicon is None:
            return ()
        return tuple(f"rules/{lang}/{self.lexicon.name}.toml" for lang in self.languages)

    def text(self, texts: dict[str, str], lang: str) -> str:
        """`texts` in `lang` (one of MESSAGE_LANGUAGES: the catalog is checked to have them all)."""
        return texts[lang]

    def message(self, key: str, lang: str, params: dict[str, Any], draft_lang: str | None = None) -> str:
        """The message `key` in `lang`; in English for a draft in `draft_lang`, its `en_<draft_lang>`
        text when it has one (English words, examples in the draft's own language). A key the
        catalog lacks, or a {field} the rule did not give, is a CatalogError: never a raw template."""
        texts = self.messages.get(key)
        if texts is None:
            raise CatalogError(f"rules/catalog/{self.id}.toml: no message {key!r} (its messages: "
                               f"{', '.join(sorted(self.messages))})")
        template = texts.get(f"en_{draft_lang}", "") if lang == "en" and draft_lang else ""
        template = template or self.text(texts, lang)
        try:
            return template.format(**params)
        except (KeyError, IndexError) as error:
            raise CatalogError(f"rules/catalog/{self.id}.toml: message {key!r} needs {error}, "
                               f"which the rule did not give (it gave: {', '.join(sorted(params)) or 'nothing'})"
                               ) from None


def explanation(spec: RuleSpec, lang: str, width: int | None = None) -> str:
    """`replylint explain RULE`: what the rule flags, why, its sources, bad and good examples.
    Plain text without links, also the hover text of the page and the language server. With a
    `width`, paragraphs wrap to it; every line of a multi-line example stays indented under its label."""
    flags = "first contact only" if spec.first_contact_only else "always"
    lines = [
        f"{spec.id} ({spec.severity.label}, {', '.join(spec.languages)}, {flags})",
        "",
        *_indented("", spec.text(spec.summary, lang), width),
        "",
        *_indented("", spec.text(spec.rationale, lang), width),
        "",
        "Sources:",
        *(f"  {number}: {guides()[number]}" for number in spec.sources),
    ]
    for example in spec.examples:
        client = _indented("  client: ", example.client, width) if example.client else []
        label = f"{example.lang}, {example.check}" if example.check else example.lang
        lines += ["", f"Example ({label}):", *client, *_indented("  bad:  ", example.bad, width),
                  *_indented("  good: ", example.good, width)]
    return "\n".join(lines)


def code_location(spec: RuleSpec) -> list[str]:
    """Where a rule lives in the repository: its catalog entry, its code, its data (`replylint explain`)."""
    lines = [f"Catalog: rules/catalog/{spec.id}.toml"]
    if spec.data_only:
        lines.append(f"Code:    none of its own; {spec.code_path} reports every match of its lexicon")
    else:
        lines.append(f"Code:    {spec.code_path}")
    if spec.also:
        lines.append(f"Also:    {', '.join(spec.also)}")
    if spec.data_paths:
        lines.append(f"Data:    {', '.join(spec.data_paths)}")
    return lines


def _indented(label: str, text: str, width: int | None) -> list[str]:
    """`text` after `label`, every line of it (its own and, with a width, the wrapped ones) indented
    under the first."""
    import textwrap

    indent = " " * len(label)
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        if width is None:
            lines.append(indent + line)
            continue
        lines += textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent,
                               break_long_words=False, break_on_hyphens=False) or [indent]
    return [label + lines[0][len(label):], *lines[1:]]


@cache
def catalog() -> dict[str, RuleSpec]:
    """Every rule's entry, checked as it loads (`_check`): a broken entry is a CatalogError. The
    checked entries are kept in the cache beside the data they come from (making and checking
    them costs 6 ms, reading them back 1.5 ms); a broken entry is never kept, so it fails every run."""
    return derived("catalog", _checked_catalog, code_file=__file__)


def _checked_catalog() -> dict[str, RuleSpec]:
    specs: dict[str, RuleSpec] = {}
    for path in sorted((rules_dir() / "catalog").glob("*.toml")):
        where = f"rules/catalog/{path.name}"
        raw = load_toml(f"catalog/{path.name}")
        unknown = set(raw) - _ENTRY_KEYS
        if unknown:
            raise CatalogError(f"{where}: unknown key {', '.join(sorted(unknown))}")
        try:
            spec = _spec(raw)
        except (KeyError, TypeError, ValueError) as error:
            raise CatalogError(f"{where}: {type(error).__name__}: {error}") from None
        if spec.id != path.stem:
            raise CatalogError(f"{where}: its id is {spec.id!r}; a rule's file is named by its id")
        _check(spec, where)
        specs[spec.id] = spec
    return specs


_ENTRY_KEYS = frozenset({"id", "family", "severity", "languages", "sources", "first_contact_only", "options",
                         "supersedes", "lexicon", "yields_to_lexicons", "summary", "messages", "rationale",
                         "examples", "also"})


def _check(spec: RuleSpec, where: str) -> None:
    """What the code relies on without looking: texts in every message language with the same
    {fields}, a `default` message, guides that exist, a data file per language for a lexicon."""
    import string

    def fail(why: str) -> CatalogError:
        return CatalogError(f"{where}: {why}")

    if "default" not in spec.messages:
        raise fail("no [messages.default]")
    for name, texts in (("summary", spec.summary), ("rationale", spec.rationale),
                        *((f"messages.{key}", texts) for key, texts in spec.messages.items())):
        missing = [lang for lang in MESSAGE_LANGUAGES if not texts.get(lang)]
        if missing:
            raise fail(f"[{name}] lacks {', '.join(missing)}")
        fields: set[frozenset[str]] = set()
        for text in texts.values():
            try:
                fields.add(frozenset(field for _, field, _, _ in string.Formatter().parse(text) if field is not None))
            except ValueError as error:
                raise fail(f"[{name}]: {error}") from None
        if len(fields) > 1:
            raise fail(f"[{name}]: the languages use different {{fields}}: {sorted(map(sorted, fields))}")
    unknown_guides = [number for number in spec.sources if number not in guides()]
    if not spec.sources or unknown_guides:
        raise fail(f"sources must name guides of rules/guides.toml, got {list(spec.sources)}")
    if not set(spec.languages) <= set(LANGUAGES) or not spec.languages:
        raise fail(f"languages must be among {', '.join(LANGUAGES)}, got {list(spec.languages)}")
    for path in spec.data_paths:
        if not has_file(path.removeprefix("rules/")):
            raise fail(f"its lexicon's data file {path} is missing")
    package = Path(__file__).resolve().parent.parent
    for path in spec.also:
        if not path.startswith("replylint/") or not (package.parent / path).is_file():
            raise fail(f"`also` names {path!r}, which is no module of replylint/")


def closest_rule(name: str) -> str | None:
    """The rule id a misspelt `name` most likely meant ("kaps" -> "caps"), or None."""
    import difflib

    ids = list(catalog())
    matches = difflib.get_close_matches(name.strip().lower(), ids, n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_rule(name: str, where: str = "") -> str:
    """The one message for a rule id the catalog lacks, wherever it was written (--select,
    --ignore, explain, a config file): "unknown rule id 'kaps'[ in ignore]; did you mean 'caps'?"."""
    closest = closest_rule(name)
    hint = f"; did you mean {closest!r}?" if closest else ""
    return f"unknown rule id {name!r}{f' in {where}' if where else ''}{hint} (see `replylint rules`)"


@cache
def lexicon_names() -> frozenset[str]:
    """The lexicons the rules use (`[lexicon]` tables): the ones a user may configure."""
    return frozenset(spec.lexicon.name for spec in catalog().values() if spec.lexicon)


@cache
def guides() -> dict[str, str]:
    """Guide number ("004") to its title, for citing sources."""
    return {key: str(value) for key, value in load_toml("guides.toml").get("guides", {}).items()}


def _spec(raw: dict[str, Any]) -> RuleSpec:
    return RuleSpec(
        id=raw["id"],
        severity=Severity.parse(raw["severity"]),
        languages=tuple(raw.get("languages", LANGUAGES)),
        sources=tuple(raw.get("sources", ())),
        summary=dict(raw.get("summary", {})),
        messages={key: dict(value) for key, value in raw.get("messages", {}).items()},
        rationale=dict(raw.get("rationale", {})),
        examples=tuple(Example(**example) for example in raw.get("examples", ())),
        first_contact_only=bool(raw.get("first_contact_only", False)),
        options=dict(raw.get("options", {})),
        supersedes=tuple(raw.get("supersedes", ())),
        lexicon=LexiconUse(**raw["lexicon"]) if "lexicon" in raw else None,
        yields_to_lexicons=bool(raw.get("yields_to_lexicons", False)),
        family=raw.get("family"),
        also=tuple(raw.get("also", ())),
    )

