"""Robustness: whatever the input, lint never raises and every span is sound.

The test draws five times the active Hypothesis profile's `max_examples`: 500 drafts in the
default run (about 25 s here), 2,500 with `python3 -m pytest --hypothesis-profile thorough`
(registered in conftest.py). Failing examples are kept in .hypothesis/ and replayed first.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint import lint
from replylint.document.normalize import normalize

# Pieces a real draft is made of, plus the characters that break naive code.
_FRAGMENTS = st.sampled_from([
    "Здравствуйте", "Добрий день", "ты", "твій", "Пришли", "ОЧЕНЬ", "ВАЖНО", "ИНН", "з'ясуємо", "кур’єр",
    ")))", "((", ":)", "xD", "1)", "а)", "!!!", "?!", "....", ",,", "«", "»", "\"", "С уважением", "З повагою",
    "{{ name }}", "%NAME%", "[Имя]", "$name", "https://x.ru/a_(b)", "a@b.ua", "-----Original Message-----",
    "> ", "--", "\n", "\r\n", "\n\n", " ", "\u00a0", "\u00ad", "\u200b", "\ufeff", "\t", "\x00", "\x07", "\x1b[31m",
    "😊", "👍🏻", "👨‍👩‍👧", "🇺🇦", "❤️", "\U0010ffff", "\ud7ff", "ё", "Ё", "ʼ", "-", "—", "…", "№", "₽", "12:00",
])
_TEXTS = st.one_of(
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join),
    st.text(max_size=300),
    st.builds(lambda word, count: (word + " ") * count, _FRAGMENTS, st.integers(200, 2000)),  # very long lines
)

# Rules whose message quotes the words they point at.
_QUOTING = {"caps", "emoji", "ty-form", "informal-greeting", "exclamation", "punctuation-run"}


@pytest.mark.slow  # hundreds of random drafts: tens of seconds
@settings(max_examples=5 * settings.default.max_examples, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, client=st.one_of(st.none(), _TEXTS), first_contact=st.booleans(),
       lang=st.sampled_from(["auto", "ru", "uk"]))
def test_lint_never_raises_and_spans_are_sound(text: str, client: str | None, first_contact: bool,
                                                lang: str) -> None:
    for finding in lint(text, client=client, first_contact=first_contact, lang=lang):
        assert 0 <= finding.start < finding.end <= len(text), finding
        excerpt = text[finding.start : finding.end]
        assert excerpt.strip(), finding
        if finding.rule in _QUOTING and "«" in finding.message and finding.message.count("«") == 1:
            quoted = normalize(excerpt).text
            assert quoted in finding.message, (finding, quoted)
        if finding.fix is not None:
            assert finding.start <= finding.fix.start <= finding.fix.end <= finding.end
