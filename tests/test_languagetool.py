"""Tests for replylint.integrations.languagetool against a fake LanguageTool on 127.0.0.1."""

from __future__ import annotations

import json
import os
import pathlib
import re
import time
import urllib.parse
from typing import TYPE_CHECKING, Any, ClassVar

import language_tool_python.server
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.integrations.languagetool import (
    GrammarMatch,
    LanguageToolClient,
    LanguageToolError,
    default_cache_dir,
)

from fake_languagetool import Failure, FakeLanguageTool, utf16_len

if TYPE_CHECKING:
    from fixtures_languagetool import ClientFactory

pytest_plugins = ["fixtures_languagetool"]

SPELLING = {"ru": "MORFOLOGIK_RULE_RU_RU", "uk": "MORFOLOGIK_RULE_UK_UA"}


def spans(text: str, matches: list[GrammarMatch]) -> list[str]:
    return [text[m.start : m.end] for m in matches]


def entry_files(lt_cache_dir: pathlib.Path) -> list[pathlib.Path]:
    return [p for p in lt_cache_dir.iterdir() if not p.name.startswith("server-")]


def assert_one_line_error(err: LanguageToolError, *fragments: str) -> None:
    message = str(err)
    assert "\n" not in message and "Traceback" not in message and len(message) < 300, message
    for fragment in fragments:
        assert fragment in message, message


# -- offsets -----------------------------------------------------------------------------------


def test_russian_offsets_and_fields(make_lt_client: ClientFactory, fake_lt: FakeLanguageTool) -> None:
    text = "Здравствуйте! Мы праверили ваш заказ."
    [match] = make_lt_client().check(text, "ru")
    start = text.index("праверили")
    assert match == GrammarMatch(
        start=start,
        end=start + len("праверили"),
        message="Возможно найдена орфографическая ошибка.",
        replacements=("проверили", "поверили"),
        rule_id="MORFOLOGIK_RULE_RU_RU",
        category="TYPOS",
        issue_type="misspelling",
    )
    [request] = fake_lt.calls("check")
    # Only the text and its language go out (as a POST body, never in the URL).
    assert request.method == "POST" and request.query == ""
    assert request.params == {"language": "ru-RU", "text": text}


def test_ukrainian_offsets(make_lt_client: ClientFactory, fake_lt: FakeLanguageTool) -> None:
    text = "Дякуємо за звернення!\nМи перевирили ваше замовленя, усе гаразд."
    found = make_lt_client().check(text, "uk")
    assert spans(text, found) == ["перевирили", "замовленя"]
    assert {m.rule_id for m in found} == {SPELLING["uk"]}
    assert fake_lt.calls("check")[0].params["language"] == "uk-UA"


def test_emoji_before_the_match_shifts_utf16_offsets(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool
) -> None:
    text = "Спасибо 🙏🏻 за ожидание 👨‍👩‍👧! Мы праверили заказ 📦, а 𝔘 ашибка."
    found = make_lt_client().check(text, "ru")
    assert spans(text, found) == ["праверили", "ашибка"]
    assert fake_lt.last_answer is not None
    raw = [m["offset"] for m in fake_lt.last_answer["matches"]]
    # The server really counted differently, so the conversion is doing the work.
    assert raw == [utf16_len(text[: m.start]) for m in found] and raw != [m.start for m in found]


def test_match_containing_an_emoji_ends_right(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool
) -> None:
    fake_lt.misspellings["ок👌ей"] = ["окей"]
    text = "Всё 😀 ок👌ей, спасибо."
    [match] = make_lt_client().check(text, "ru")
    assert text[match.start : match.end] == "ок👌ей"


# Cyrillic, combining marks, spaces, newlines, BMP and astral emoji, ZWJ sequences, a misspelling.
TOKENS = [*"аЯіїё ,\n😀𝔘\u200b", "e\u0301", "  ", "👍🏽", "👨‍👩‍👧", "праверили"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map("".join))
def test_offsets_exact_for_any_text(make_lt_client: ClientFactory, text: str) -> None:
    text = f"{text} праверили {text}"
    found = make_lt_client().check(text, "ru")
    words = [m for m in found if m.rule_id == SPELLING["ru"]]
    assert spans(text, words) == re.findall(r"(?<!\w)праверили(?!\w)", text)
    assert all(set(s) == {" "} and len(s) >= 2 for s in spans(text, [m for m in found if m not in words]))


# -- privacy -----------------------------------------------------------------------------------

SECRETS = ["Qw3rty!pass", "+7 999 123-45-67", "> клиент писал: ашибка тут", "ivan@example.com", "{client}"]


def test_masked_spans_are_not_sent_and_their_matches_dropped(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool
) -> None:
    text = (
        "Здравствуйте,  {client}! Мы праверили заказ.  Пароль: Qw3rty!pass, тел. +7 999 123-45-67 😀\n"
        "> клиент писал: ашибка тут\n--\nИван, ivan@example.com"
    )
    masked = [(text.index(s), text.index(s) + len(s)) for s in SECRETS]
    found = make_lt_client().check(text, "ru", masked)

    [request] = fake_lt.calls("check")
    sent = request.params["text"]
    wire = urllib.parse.unquote_plus(request.body.decode()) + request.query
    assert not [s for s in SECRETS if s in wire]
    assert len(sent) == len(text) and sent.count("\n") == text.count("\n")
    outside = [i for i in range(len(text)) if not any(s <= i < e for s, e in masked)]
    assert all(sent[i] == text[i] for i in outside)
    # The filler made the fake report whitespace inside/next to masks: those matches must go,
    # the real double space after "заказ." must stay.
    assert fake_lt.last_answer is not None
    assert len(fake_lt.last_answer["matches"]) > len(found)
    assert spans(text, found) == ["праверили", "  "]
    assert found[1].start == text.index(".  Пароль") + 1


def test_masks_are_clamped_and_a_fully_masked_text_is_not_sent(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool
) -> None:
    client = make_lt_client()
    text = "Мы праверили заказ."
    assert client.check(text, "ru", [(-5, 0), (9, 3), (100, 200)])[0].start == 3
    assert client.check(text, "ru", [(-5, 100)]) == []
    assert len(fake_lt.calls("check")) == 1


# -- cache -------------------------------------------------------------------------------------


def test_second_check_is_served_from_the_disk_cache(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool, lt_cache_dir: pathlib.Path
) -> None:
    text = "Мы праверили 😀 заказ."
    first = make_lt_client().check(text, "ru")
    assert make_lt_client().check(text, "ru") == first  # a fresh client: a new process, same cache
    assert len(fake_lt.requests) == 2  # /v2/languages + /v2/check, once each
    assert len(entry_files(lt_cache_dir)) == 1
    assert not [p for p in lt_cache_dir.iterdir() if not p.name.endswith(".json")]  # no temp files left
    assert "праверили" not in entry_files(lt_cache_dir)[0].name  # keyed by a hash, not by the text


def test_cache_key_depends_on_language(make_lt_client: ClientFactory, fake_lt: FakeLanguageTool) -> None:
    client = make_lt_client()
    text = "Мы праверили, ми перевирили."
    assert spans(text, client.check(text, "ru")) == ["праверили", "перевирили"]
    client.check(text, "uk")
    client.check(text, "ru")
    assert [r.params["language"] for r in fake_lt.calls("check")] == ["ru-RU", "uk-UA"]


def test_cache_key_depends_on_server_version(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool
) -> None:
    client = make_lt_client()
    client.check("Мы праверили заказ.", "ru")
    fake_lt.version = "6.5"
    client.check("Другой текст.", "ru")  # a miss: the client learns the new version
    client.check("Мы праверили заказ.", "ru")  # so the 6.4 answer no longer applies
    assert len(fake_lt.calls("check")) == 3


def test_cache_key_depends_on_rules(make_lt_client: ClientFactory, fake_lt: FakeLanguageTool) -> None:
    class Quiet(LanguageToolClient):
        disabled_rules: ClassVar[frozenset[str]] = frozenset({"WHITESPACE_RULE"})

    text = "Мы праверили  заказ."
    make_lt_client().check(text, "ru")
    Quiet(fake_lt.url, cache_dir=make_lt_client()._cache_dir).check(text, "ru")
    checks = fake_lt.calls("check")
    assert len(checks) == 2 and checks[1].params["disabledRules"] == "WHITESPACE_RULE"


@pytest.mark.parametrize("garbage", ["{not json", '[{"start": "x"}]', '{"a": 1}', "[[1, 2]]"])
def test_corrupt_cache_entry_is_ignored(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool, lt_cache_dir: pathlib.Path, garbage: str
) -> None:
    text = "Мы праверили заказ."
    expected = make_lt_client().check(text, "ru")
    [entry] = entry_files(lt_cache_dir)
    entry.write_text(garbage, encoding="utf-8")
    assert make_lt_client().check(text, "ru") == expected
    assert len(fake_lt.calls("check")) == 2
    json.loads(entry.read_text(encoding="utf-8"))  # rewritten whole


def test_unwritable_cache_does_not_break_checking(fake_lt: FakeLanguageTool, tmp_path: pathlib.Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    client = LanguageToolClient(fake_lt.url, cache_dir=blocker / "cache")
    assert spans("Мы праверили.", client.check("Мы праверили.", "ru")) == ["праверили"]


# -- failures ----------------------------------------------------------------------------------


def test_server_down_fails_fast(closed_port_url: str, lt_cache_dir: pathlib.Path) -> None:
    client = LanguageToolClient(closed_port_url, timeout=5, cache_dir=lt_cache_dir)
    began = time.monotonic()
    with pytest.raises(LanguageToolError) as err:
        client.check("Мы праверили заказ.", "ru")
    assert time.monotonic() - began < 2
    assert_one_line_error(err.value, closed_port_url, "cannot connect")


@pytest.mark.parametrize("endpoint", ["languages", "check"])
def test_slow_server_times_out_within_timeout(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool, endpoint: str
) -> None:
    fake_lt.delay[endpoint] = 10
    began = time.monotonic()
    with pytest.raises(LanguageToolError) as err:
        make_lt_client(timeout=0.5).check("Мы праверили заказ.", "ru")
    assert time.monotonic() - began < 1.5
    assert_one_line_error(err.value, "no answer within 0.5 s")
    assert len(fake_lt.calls(endpoint)) == 1  # no silent retry doubling the wait


def test_timeout_covers_the_whole_check(make_lt_client: ClientFactory, fake_lt: FakeLanguageTool) -> None:
    # Each request alone fits in the timeout; together they do not.
    fake_lt.delay.update(languages=0.5, check=0.5)
    began = time.monotonic()
    with pytest.raises(LanguageToolError):
        make_lt_client(timeout=0.8).check("Мы праверили заказ.", "ru")
    assert time.monotonic() - began < 1.5


GARBAGE: list[tuple[str, Failure, str]] = [
    ("check", "html", "Bad Gateway"),
    ("check", "500", "Internal Error"),
    ("check", "wrong-shape", "not LanguageTool's JSON"),
    ("check", "not-a-list", "not LanguageTool's JSON"),
    ("check", "bad-offset", "outside the text"),
    ("languages", "html", "Bad Gateway"),
    ("languages", "500", "Internal Error"),
    ("languages", "wrong-shape", "not LanguageTool's JSON"),
    ("languages", "not-a-list", "not LanguageTool's JSON"),
]


@pytest.mark.parametrize(("endpoint", "failure", "fragment"), GARBAGE)
def test_garbage_answers_give_one_line_errors_and_are_not_cached(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool, endpoint: str, failure: Failure, fragment: str
) -> None:
    client = make_lt_client()
    fake_lt.failure[endpoint] = failure
    with pytest.raises(LanguageToolError) as err:
        client.check("Мы праверили заказ.", "ru")
    assert_one_line_error(err.value, fake_lt.url, fragment)
    fake_lt.failure.clear()  # the same client recovers once the server does
    assert spans("Мы праверили заказ.", client.check("Мы праверили заказ.", "ru")) == ["праверили"]


@pytest.mark.parametrize("suffix", ["", "/", "/v2", "/v2/"])
def test_url_with_or_without_v2(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool, suffix: str
) -> None:
    assert make_lt_client(fake_lt.url + suffix).check("Мы праверили.", "ru")
    assert {r.path for r in fake_lt.requests} == {"/v2/languages", "/v2/check"}


def test_unknown_language_is_a_caller_error(make_lt_client: ClientFactory) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        make_lt_client().check("Hello", "en")


def test_local_server_that_cannot_be_downloaded(
    monkeypatch: pytest.MonkeyPatch, lt_cache_dir: pathlib.Path
) -> None:
    class NoDownload:
        @classmethod
        def from_version_name(cls, *_: Any) -> NoDownload:
            return cls()

        def download(self) -> None:
            raise requests.ConnectionError("Failed to resolve the download host (no network)")

    monkeypatch.setattr(language_tool_python.server, "LocalLanguageTool", NoDownload)
    with pytest.raises(LanguageToolError) as err:
        LanguageToolClient("local", cache_dir=lt_cache_dir).check("Мы праверили.", "ru")
    assert_one_line_error(err.value, "local LanguageTool server", "Java", "no network")


def test_local_server_start_attempts_are_bounded(
    monkeypatch: pytest.MonkeyPatch, lt_cache_dir: pathlib.Path
) -> None:
    attempts: list[int] = []

    def dies(self: language_tool_python.LanguageTool) -> None:
        attempts.append(self.port)
        raise language_tool_python.server.ServerError("LanguageTool server exited early with code 1")

    monkeypatch.setattr(language_tool_python.LanguageTool, "_start_local_server", dies)
    with pytest.raises(LanguageToolError, match="exited early"):
        LanguageToolClient("local", cache_dir=lt_cache_dir).check("Мы праверили.", "ru")
    assert 1 <= len(attempts) <= 4


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "replylint" / "languagetool"
    for value in ("", "relative/dir"):
        monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert default_cache_dir() == pathlib.Path.home() / ".cache" / "replylint" / "languagetool"


# -- a real server, opt-in ---------------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("REPLYLINT_LANGUAGETOOL_URL"), reason="set REPLYLINT_LANGUAGETOOL_URL to run"
)
def test_real_server_finds_a_russian_misspelling(tmp_path: pathlib.Path) -> None:
    client = LanguageToolClient(os.environ["REPLYLINT_LANGUAGETOOL_URL"], timeout=30, cache_dir=tmp_path)
    text = "Спасибо 🙏 за ожидание! Мы праверили ваш заказ."
    found = [m for m in client.check(text, "ru") if m.category == "TYPOS"]
    assert any(text[m.start : m.end] == "праверили" and "проверили" in m.replacements for m in found), found


# -- misbehaving servers (issue 16): a total deadline, a size cap, no redirects -------------------


def test_a_redirect_is_not_followed_and_the_draft_goes_nowhere_else(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool
) -> None:
    elsewhere = FakeLanguageTool().start()
    try:
        fake_lt.redirect_to = f"{elsewhere.url}/v2/check"
        fake_lt.failure["check"] = "redirect"
        with pytest.raises(LanguageToolError) as err:
            make_lt_client().check("Мы праверили заказ.", "ru")
        assert_one_line_error(err.value, "redirect", "307", "not followed")
        assert elsewhere.requests == []  # the 307 did not re-post the draft to the other address
    finally:
        elsewhere.stop()


@pytest.mark.parametrize(("failure", "fragment"), [("endless", "larger than 4 MiB"), ("drip", "no answer within"),
                                                   ("huge", "larger than 4 MiB")])
def test_endless_dripping_or_huge_answers_stop_within_the_deadline(
    make_lt_client: ClientFactory, fake_lt: FakeLanguageTool, failure: Failure, fragment: str
) -> None:
    fake_lt.failure["check"] = failure
    began = time.monotonic()
    with pytest.raises(LanguageToolError) as err:
        make_lt_client(timeout=1.0).check("Мы праверили заказ.", "ru")
    assert time.monotonic() - began < 3.0
    assert_one_line_error(err.value, fragment)
