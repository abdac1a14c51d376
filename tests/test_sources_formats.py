"""Input formats (replylint.sources.formats) and file discovery (replylint.sources.walk).

Every position check computes the expected (line, column) from the raw file text itself, so the
tests hold whatever the fixtures' layout.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.sources import yaml_source
from replylint.sources.draft import Draft
from replylint.sources.errors import SourceError
from replylint.sources.formats import parse_file
from replylint.sources.walk import DEFAULT_INCLUDE, discover

DATA = Path(__file__).parent / "data" / "sources"


def read(name: str, encoding: str = "utf-8") -> tuple[str, str]:
    """(path, text) of a fixture, line ends kept as they are in the file."""
    path = DATA / name
    with open(path, encoding=encoding, newline="") as file:
        return str(path), file.read()


def where(file_text: str, needle: str, after: str | None = None) -> tuple[int, int]:
    """1-based (line, column) of `needle` in the file, searched from `after` when given."""
    at = file_text.index(needle, file_text.index(after) if after else 0)
    return file_text.count("\n", 0, at) + 1, at - (file_text.rfind("\n", 0, at) + 1) + 1


def assert_at(draft: Draft, file_text: str, needle: str, after: str | None = None, text_needle: str | None = None):
    """The draft's `text_needle` (default: needle) is reported where `needle` stands in the file."""
    assert draft.locate(draft.text.index(text_needle or needle)) == where(file_text, needle, after)


def assert_faithful(draft: Draft, file_text: str) -> None:
    """Every letter of the text comes from that very letter in the file, or from an escape/entity."""
    assert draft.line_map is not None and draft.line_map.positions is not None
    positions = draft.line_map.positions
    assert len(positions) == len(draft.text)
    for char, at in zip(draft.text, positions, strict=True):
        if char.isalpha():
            assert file_text[at] == char or file_text[at] in "\\&", (char, at)


def by_item(drafts: list[Draft]) -> dict[str | None, Draft]:
    return {draft.item: draft for draft in drafts}


def error_of(path: str, text: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        parse_file(path, text)
    return caught.value


# --- errors and plain text ---------------------------------------------------------------------


def test_source_error_is_one_line_with_path_and_line() -> None:
    assert str(SourceError("templates/refund.yaml", "invalid YAML: oops", 14)) == (
        "templates/refund.yaml:14: invalid YAML: oops"
    )
    assert str(SourceError("gone.md", "no such file or directory")) == "gone.md: no such file or directory"


def test_plain_text_is_one_draft_with_identity_map() -> None:
    text = "Здравствуйте!\nВаш заказ готов.\n"
    (draft,) = parse_file("reply.txt", text)
    assert draft.text == text and draft.item is None
    assert draft.locate(text.index("заказ")) == where(text, "заказ")


def test_unknown_extension_is_read_as_text() -> None:
    (draft,) = parse_file("reply.draft", "Добрый день!")
    assert draft.text == "Добрый день!"


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_front_matter_sets_item_and_options_and_body_keeps_positions() -> None:
    path, text = read("refund.md")
    (draft,) = parse_file(path, text)
    assert draft.item == "refund_ok"
    assert draft.client == "Здравствуйте, верните деньги за заказ 4521"
    assert draft.options == {"first_contact": False, "channel": "email", "lang": "ru", "ignore": ["exclamation"]}
    assert draft.text.startswith("# Возврат оформлен")
    assert "lang:" not in draft.text
    assert "<!-- replylint-disable caps -->" in draft.text  # suppressions reach the engine
    for word in ("Здравствуйте", "Игорь", "**2 490 ₽**", "Деньги", "Анна"):
        assert_at(draft, text, word, after="# Возврат")
    assert_faithful(draft, text)


def test_markdown_without_front_matter_is_all_body() -> None:
    text = "---\nНе front matter, а разделитель.\n"
    (draft,) = parse_file("note.md", text)
    assert draft.text == text and draft.item is None


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("---\nid: refund\nlang: [ru\n---\nТекст\n", 4, "invalid YAML"),
        ("---\n- refund\n---\nТекст\n", 2, "front matter must be a mapping"),
        ("---\nid: x\nfirst_contact: может быть\n---\nТекст\n", 3, "'first_contact' must be true or false"),
    ],
)
def test_markdown_bad_front_matter(text: str, line: int, reason: str) -> None:
    error = error_of("t.md", text)
    assert error.line == line and reason in str(error) and str(error).startswith(f"t.md:{line}: ")


# --- HTML --------------------------------------------------------------------------------------


def test_html_visible_text_lines_and_entities() -> None:
    path, text = read("welcome.html")
    (draft,) = parse_file(path, text)
    lines = draft.text.split("\n")
    assert lines[0] == "Здравствуйте,\xa0Ольга!"
    assert "<!-- replylint-disable exclamation -->" in lines  # a line of its own
    assert "Если возникнут вопросы\xa0— пишите нам" in lines  # <br> breaks the line
    assert "в\xa0любое время!" in lines
    assert "Анна Смирнова руководитель поддержки" in lines  # table cells apart, rows on lines
    assert "сервисе «Ромашка». Ваш номер клиента\xa0№\xa010452." in draft.text  # source newline -> space
    for hidden in ("Добро пожаловать", "font-family", "Привет", "обычный комментарий", "mailto"):
        assert hidden not in draft.text
    for word in ("Здравствуйте", "Ольга", "регистрацию", "Ваш номер", "10452", "любое", "Телефон", "Смирнова"):
        assert_at(draft, text, word, after="<body>")
    assert_at(draft, text, "<!-- replylint-disable exclamation -->")
    # Entities map to their "&".
    assert_at(draft, text, "&laquo;", text_needle="«")
    assert_at(draft, text, "&#8470;", text_needle="№")
    assert_at(draft, text, "&mdash;", text_needle="—")
    assert_at(draft, text, "&nbsp;Ольга", text_needle="\xa0Ольга")
    assert_faithful(draft, text)


def test_html_whitespace_pre_and_unknown_entities() -> None:
    text = "<p>Раз   два\n\tтри &bogus; четыре</p><pre>а  б\n в</pre><div>конец</div>"
    (draft,) = parse_file("t.htm", text)
    assert draft.text == "Раз два три &bogus; четыре\nа  б\n в\nконец"
    assert_at(draft, text, "&bogus;")
    assert_at(draft, text, " в", after="<pre>")


# --- e-mail ------------------------------------------------------------------------------------


def test_eml_utf8_8bit_maps_exactly_and_drops_history() -> None:
    path, text = read("reply_utf8_8bit.eml")
    (draft,) = parse_file(path, text)
    assert draft.text.startswith("Вітаємо, Олено!")
    assert draft.text.endswith("Тарас, служба підтримки")
    assert "пише:" not in draft.text and "Доброго дня" not in draft.text
    assert draft.client == "Доброго дня! Коли відправлять моє замовлення?"
    assert draft.options == {
        "subject": "Re: Коли відправлять замовлення?",
        "in_reply_to_subject": "Коли відправлять замовлення?",
    }
    for word in ("Вітаємо", "№3310", "кур'єра", "З повагою", "Тарас"):
        assert_at(draft, text, word)
    assert_faithful(draft, text)


def test_eml_html_part_goes_through_the_html_extractor_exactly() -> None:
    path, text = read("reply_html_8bit.eml")
    (draft,) = parse_file(path, text)
    assert draft.text == (
        "Здравствуйте, Дмитрий!\nМы\xa0продлили вашу подписку «Премиум» на\xa0месяц бесплатно.\nХорошего дня!"
    )
    assert draft.client == "Подписка списалась дважды, верните деньги."
    assert draft.options["in_reply_to_subject"] == "Двойное списание"
    for word in ("Дмитрий", "продлили", "Премиум", "бесплатно", "Хорошего"):
        assert_at(draft, text, word)
    assert_at(draft, text, "&laquo;", text_needle="«")


def body_start(file_text: str, after: str = "") -> tuple[int, int]:
    """Where an encoded body starts: after the first blank line that follows `after`."""
    match = re.compile(r"\r?\n\r?\n").search(file_text, file_text.index(after))
    assert match is not None
    return file_text.count("\n", 0, match.end()) + 1, 1


def test_eml_quoted_printable_cp1251_maps_to_the_body_start() -> None:
    path, text = read("reply_cp1251_qp.eml")
    (draft,) = parse_file(path, text)
    assert draft.text.startswith("Здравствуйте, Игорь!\n\nВозврат по заказу №4521 оформлен")
    assert draft.text.endswith("Анна, служба поддержки «Ромашка»")
    assert "Исходное сообщение" not in draft.text and "\r" not in draft.text
    assert draft.client == "Добрый день! Когда вернут деньги за заказ 4521?"
    assert draft.options == {
        "subject": "RE: Возврат средств по заказу 4521",
        "in_reply_to_subject": "Возврат средств по заказу 4521",
    }
    for word in ("Здравствуйте", "пяти рабочих", "Ромашка"):
        assert draft.locate(draft.text.index(word)) == body_start(text)


def test_eml_prefers_the_plain_part_decoded_from_koi8r_base64() -> None:
    path, text = read("reply_koi8r_base64.eml")
    (draft,) = parse_file(path, text)
    assert draft.text == (
        "Добрый день, Светлана!\n\nПосылка уже передана курьеру, он позвонит вам завтра до 12:00."
        '\n\n--\nСлужба поддержки "Ромашка"'
    )
    assert draft.client == "Здравствуйте! Где моя посылка?\nЗаказ 7788."
    assert draft.options["in_reply_to_subject"] == "Где моя посылка?"
    plain_part = "Content-Type: text/plain"
    assert draft.locate(draft.text.index("курьеру")) == body_start(text, after=plain_part)


def test_eml_8bit_koi8r_read_as_cp1251_is_recovered_with_exact_positions() -> None:
    path, text = read("reply_koi8r_8bit.eml", encoding="cp1251")  # how the project reads non-UTF-8
    (draft,) = parse_file(path, text)
    assert draft.text.startswith("Здравствуйте, Павел!\n\nМы проверили платёж")
    assert draft.text.endswith("Ольга")
    assert draft.client == "Оплатил заказ, а чек не пришёл."
    assert draft.options == {"subject": "Re: Чек", "in_reply_to_subject": "Чек"}
    for word in ("Павел", "платёж", "почту", "Ольга"):
        in_file = word.encode("koi8-r").decode("cp1251")
        assert draft.locate(draft.text.index(word)) == where(text, in_file)


@pytest.mark.parametrize(
    "history",
    [
        "-----Original Message-----\nFrom: Client\nSent: Monday\n\nHello",
        "From: Иван <ivan@example.ru>\nSent: Monday, June 3, 2024 10:00\nSubject: Заказ\n\nГде заказ?",
        "On Mon, 3 Jun 2024 at 10:00, Ivan Petrov <ivan@example.ru>\nwrote:\n> Где заказ?",
        "03.06.2024 10:00, Иван Петров написал(а):\n> Где заказ?",
        "3 червня 2024 р. Іван пише:\n> Де замовлення?",
    ],
)
def test_eml_history_markers_end_the_reply(history: str) -> None:
    message = f"Subject: Re: Заказ\nContent-Type: text/plain; charset=utf-8\n\nГотово, отправили.\n\n{history}\n"
    (draft,) = parse_file("r.eml", message)
    assert draft.text == "Готово, отправили."


def test_eml_keeps_a_sentence_that_merely_ends_with_wrote() -> None:
    message = "Content-Type: text/plain; charset=utf-8\n\nКак я уже написал:\nвсё готово.\n> цитата\n"
    (draft,) = parse_file("r.eml", message)
    assert draft.text == "Как я уже написал:\nвсё готово."
    assert draft.client == "цитата"
    assert draft.options == {}


def test_eml_without_a_text_part() -> None:
    message = "Subject: x\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
    assert "no text/plain or text/html part" in str(error_of("r.eml", message))


# --- YAML --------------------------------------------------------------------------------------


def test_yaml_library_items_and_options() -> None:
    path, text = read("library.yaml")
    drafts = by_item(parse_file(path, text))
    assert list(drafts) == ["greeting_first", "delivery_delay", "callback", "password_reset", "uk_thanks", "uk_refund"]
    assert drafts["greeting_first"].options == {"channel": "email", "lang": "ru", "first_contact": True}
    assert drafts["delivery_delay"].options == {"channel": "email", "lang": "ru", "ignore": ["caps", "exclamation"]}
    assert drafts["uk_thanks"].client == "Дякую, все працює!"
    assert drafts["uk_thanks"].options == {"lang": "uk"}


def test_yaml_block_scalars_map_exactly() -> None:
    path, text = read("library.yaml")
    drafts = by_item(parse_file(path, text))
    literal = drafts["greeting_first"]
    assert literal.text == (
        "Здравствуйте, Мария!\n\nСпасибо, что обратились в поддержку «Ромашки».\nМы уже проверяем ваш заказ.\n"
    )
    for word in ("Здравствуйте", "Мария", "«Ромашки»", "Мы уже", "заказ."):
        assert_at(literal, text, word)
    folded = drafts["delivery_delay"]
    assert folded.text == (
        "Добрый день! К сожалению, доставка вашего заказа задерживается на два дня из-за погодных условий."
        "\nКурьер позвонит заранее.\n"
    )
    for word in ("Добрый", "задерживается", "условий", "Курьер"):
        assert_at(folded, text, word)
    # The folding space stands for the line break it replaced.
    assert_at(folded, text, "\n      задерживается", text_needle=" задерживается")
    stripped = drafts["uk_refund"]
    assert stripped.text == "Вітаємо!\n  Кошти повернуто на картку.\nГарного дня!"
    for word in ("Вітаємо", "  Кошти", "картку", "Гарного дня!"):
        assert_at(stripped, text, word, after="uk_refund")
    for draft in drafts.values():
        assert_faithful(draft, text)


def test_yaml_quoted_and_plain_scalars_map_exactly() -> None:
    path, text = read("library.yaml")
    drafts = by_item(parse_file(path, text))
    double = drafts["callback"]
    assert double.text == "Здравствуйте!\nМы перезвоним вам «сегодня» до 18:00.\nНомер заявки\xa0— 4521."
    for word in ("Здравствуйте", "перезвоним", "сегодня", "Номер", "4521"):
        assert_at(double, text, word, after="callback")
    assert_at(double, text, "\\u00ab", text_needle="«")  # an escape maps to its backslash
    assert_at(double, text, "\\_", text_needle="\xa0")
    single = drafts["password_reset"]
    assert single.text == "Чтобы сбросить пароль, нажмите 'Забыли пароль?' на странице входа."
    for word in ("Чтобы", "Забыли", "странице"):
        assert_at(single, text, word)
    assert_at(single, text, "''Забыли", text_needle="'Забыли")
    plain = drafts["uk_thanks"]
    assert plain.text == "Дякуємо за відгук! Гарного дня."
    for word in ("Дякуємо", "відгук", "Гарного"):
        assert_at(plain, text, word, after="uk_thanks")


def test_yaml_collection_shapes() -> None:
    by_id = "refund: Деньги вернули.\ndelay:\n  text: Посылка в пути.\n  lang: ru\n"
    drafts = parse_file("lib.yml", by_id)
    assert [(d.item, d.text) for d in drafts] == [("refund", "Деньги вернули."), ("delay", "Посылка в пути.")]
    assert drafts[1].options == {"lang": "ru"}
    assert_at(drafts[1], by_id, "Посылка")

    nested = "version: 2\nitems:\n  refund:\n    body: Готово.\n  broken: 3\n"
    assert [(d.item, d.text) for d in parse_file("lib.yaml", nested)] == [("refund", "Готово.")]

    unnamed = "- text: Первый\n- text: Второй\n"
    assert [d.item for d in parse_file("lib.yaml", unnamed)] == ["item 1", "item 2"]

    single = "id: solo\ntext: Один шаблон.\nchannel: chat\n"
    (draft,) = parse_file("solo.yaml", single)
    assert (draft.item, draft.text, draft.options) == ("solo", "Один шаблон.", {"channel": "chat"})
    assert parse_file("empty.yaml", "# пусто\n") == []


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            "templates:\n  - id: a\n    text: Привет\n    lang: ru: uk\n",
            4,
            "invalid YAML: mapping values are not allowed",
        ),
        ("- id: a\n  text: 'не закрыто\n", 3, "invalid YAML"),
        ("templates:\n  - id: a\n    lang: ru\n  - id: b\n", 2, "no templates found"),
        ("- id: a\n  text:\n    - список\n", 3, "'text' must be a string"),
        ("- id: a\n  text: Привет\n  ignore: {caps: 1}\n", 3, "'ignore' must be a list of rule ids"),
        ("Просто строка\n", 1, "expected a list or a mapping of templates"),
    ],
)
def test_yaml_errors_name_the_line(text: str, line: int, reason: str) -> None:
    error = error_of("templates/refund.yaml", text)
    assert error.line == line, str(error)
    assert str(error).startswith(f"templates/refund.yaml:{line}: {reason}")


YAML_CHARS = st.sampled_from(
    [*"абвгдеёжзий ЇїІіЄєҐґ'\"\\#:-«»—!?,.\n\t", "\r\n", "  ", "\xa0", "😀", "x", "- ", ": ", "\u2028"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(YAML_CHARS, max_size=50).map("".join),
    st.sampled_from([None, "'", '"', "|", ">"]),
    st.sampled_from([10, 30, 80]),
    st.sampled_from([yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]),
)
def test_yaml_any_string_in_any_style_maps_back(text: str, style: str | None, width: int, loader: type) -> None:
    document = yaml.dump(
        {"templates": [{"id": "t", "text": text}]}, default_style=style, width=width, allow_unicode=True
    )
    expected = yaml.safe_load(document)["templates"][0]["text"]
    original = yaml_source._LOADER
    yaml_source._LOADER = loader
    try:
        (draft,) = parse_file("t.yaml", document)
    finally:
        yaml_source._LOADER = original
    assert draft.text == expected
    assert_faithful(draft, document)
    positions = draft.line_map.positions if draft.line_map else ()
    assert list(positions) == sorted(positions)  # re-scanned, not aligned by the fallback


# --- JSON --------------------------------------------------------------------------------------


def test_json_zendesk_macros() -> None:
    path, text = read("zendesk_macros.json")
    drafts = by_item(parse_file(path, text))
    assert list(drafts) == ["360011223344", "360011223345", "360011223346"]  # the one without a body is skipped
    assert drafts["360011223344"].options == {
        "first_contact": False,
        "channel": "email",
        "lang": "ru",
        "ignore": ["caps"],
    }
    assert drafts["360011223346"].options == {"lang": "uk", "ignore": ["typo", "caps"]}
    refund = drafts["360011223344"]
    assert refund.text.startswith("Здравствуйте, {{ticket.requester.first_name}}!\n\nМы оформили")
    for word in ("Здравствуйте", "Мы оформили", "5–7", "Если остались", "«Ромашка»"):
        assert_at(refund, text, word)
    delay = drafts["360011223345"]
    assert 'складе "Север" — курьер' in delay.text
    for word in ("Приносим", "Север", "курьер", "терпение"):
        assert_at(delay, text, word)
    assert_at(delay, text, '\\"Север', text_needle='"Север')
    assert_at(delay, text, "\\u2014", text_needle="—")
    assert_at(drafts["360011223346"], text, "\\u00a0", text_needle="\xa0")
    for draft in drafts.values():
        assert_faithful(draft, text)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            '{\n  "macros": [\n    {"id": 1, "body": "a"}\n    {"id": 2}\n  ]\n}',
            4,
            "invalid JSON: Expecting ',' delimiter",
        ),
        ('[\n  {"id": 1, "title": "без текста"}\n]', 2, "no templates found"),
        ('[\n  {"id": 1,\n   "body": 5}\n]', 3, "'body' must be a string"),
        ("42", 1, "expected a list or a mapping of templates"),
    ],
)
def test_json_errors_name_the_line(text: str, line: int, reason: str) -> None:
    error = error_of("macros.json", text)
    assert error.line == line and str(error).startswith(f"macros.json:{line}: {reason}")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.booleans(), st.integers(min_value=0, max_value=4))
def test_json_any_string_maps_back(text: str, ascii_only: bool, indent: int) -> None:
    document = json.dumps({"items": [{"id": 7, "text": text}]}, ensure_ascii=ascii_only, indent=indent)
    (draft,) = parse_file("t.json", document)
    assert draft.text == text and draft.item == "7"
    assert_faithful(draft, document)


# --- JSONL -------------------------------------------------------------------------------------


def test_jsonl_conversation_export() -> None:
    path, text = read("conversations.jsonl")
    drafts = parse_file(path, text)
    assert [(d.item, d.client) for d in drafts] == [
        ("chat-881", "Добрый день, не приходит код подтверждения"),
        ("chat-882", "Дякую!"),
        ("row 3", "Можно оплатить при получении?"),  # no id; the unanswered row 4 is skipped
    ]
    for word in ("Здравствуйте", "Проверьте", "Спам", "туда"):
        assert_at(drafts[0], text, word)
    assert_at(drafts[0], text, "\\u2014", text_needle="—")
    assert_at(drafts[1], text, "Гарного")
    assert_at(drafts[2], text, "наличными")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('{"reply": "Да"}\n{"reply": "Нет",}\n', 2, "invalid JSON"),
        ('{"reply": "Да"}\n\n["Нет"]\n', 3, "expected a JSON object on each line"),
        ('\n{"client": "Где?", "comment": "Нет"}\n', 2, "no 'reply' or 'answer' field"),
    ],
)
def test_jsonl_errors_name_the_line(text: str, line: int, reason: str) -> None:
    error = error_of("chats.jsonl", text)
    assert error.line == line and str(error).startswith(f"chats.jsonl:{line}: {reason}")


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_export_with_bom_crlf_and_multiline_cells() -> None:
    path, text = read("export.csv")
    drafts = parse_file(path, text)
    assert [(d.item, d.client, d.options) for d in drafts] == [
        ("T-1001", "Здравствуйте, где мой заказ?", {"lang": "ru"}),
        ("T-1002", "Не работает оплата картой", {"lang": "ru"}),
        ("T-1003", "Коли буде повернення?", {"lang": "uk"}),
    ]
    first, second, third = drafts
    assert first.text == "Добрый день!\nВаш заказ уже в пути, трек-номер придёт по SMS."
    for word in ("Добрый", "Ваш заказ", "SMS"):
        assert_at(first, text, word)
    assert second.text.endswith('мы исправили "ошибку 502".')
    for word in ("Попробуйте", "ошибку"):
        assert_at(second, text, word)
    assert_at(second, text, '""ошибку', text_needle='"ошибку')
    assert_at(third, text, "Кошти")
    for draft in drafts:
        assert_faithful(draft, text)


def test_csv_semicolons_and_question_answer_columns() -> None:
    text = 'Question;Answer\nГде заказ?;"Заказ в пути; ждите звонка."\n'
    (draft,) = parse_file("faq.csv", text)
    assert (draft.item, draft.client, draft.text) == ("row 1", "Где заказ?", "Заказ в пути; ждите звонка.")
    assert_at(draft, text, "ждите")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('id,client,reply\n1,Где?,Тут\n2,Где?,"Не закрыто\nи дальше\n', 3, "invalid CSV: unterminated quoted field"),
        ('id,client,reply\n1,Где?,"Тут"!\n', 2, "invalid CSV: unexpected text after a closing quote"),
        ("id,client,reply\n1,Где?,Тут,лишнее\n", 2, "invalid CSV: 4 fields in a row, 3 in the header"),
        ("id,client,comment\n1,Где?,Тут\n", 1, "no 'reply' or 'answer' column"),
    ],
)
def test_csv_errors_name_the_line(text: str, line: int, reason: str) -> None:
    error = error_of("export.csv", text)
    assert error.line == line and str(error).startswith(f"export.csv:{line}: {reason}")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=15), st.text(max_size=25)), min_size=1, max_size=5))
def test_csv_agrees_with_the_csv_module(rows: list[tuple[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["client", "reply"])
    writer.writerows(rows)
    document = buffer.getvalue()
    expected = [(client, reply) for client, reply in csv.reader(io.StringIO(document, newline=""))][1:]
    drafts = parse_file("t.csv", document)
    assert [(d.client or "", d.text) for d in drafts] == [row for row in expected if row[1].strip()]
    for draft in drafts:
        assert_faithful(draft, document)


# --- walk --------------------------------------------------------------------------------------


def make_tree(root: Path, files: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def relative(root: Path, paths: list[str]) -> list[str]:
    return [Path(path).relative_to(root).as_posix() for path in paths]


def test_discover_walks_supported_files_in_order(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        [
            "b.md", "a.txt", "logo.png", "sub/c.yaml", "sub/deep/d.eml", "z.json",
            ".hidden/x.md", ".secret.md", "node_modules/pkg/readme.md", "venv/lib/x.txt",
            "myenv/pyvenv.cfg", "myenv/lib/y.md", "__pycache__/q.txt",
        ],
    )  # fmt: skip
    found = relative(tmp_path, discover([str(tmp_path)]))
    assert found == ["a.txt", "b.md", "sub/c.yaml", "sub/deep/d.eml", "z.json"]
    assert discover([str(tmp_path)]) == discover([str(tmp_path)])
    assert all(pattern.startswith("*.") for pattern in DEFAULT_INCLUDE)


def test_discover_include_and_exclude_globs(tmp_path: Path) -> None:
    make_tree(tmp_path, ["ru/a.md", "ru/old/b.md", "uk/c.md", "uk/c.yaml", "drafts/d.md", "x.tmpl"])
    root = str(tmp_path)
    assert relative(tmp_path, discover([root], include=["*.md"], exclude=["**/old/**", "drafts/"])) == [
        "ru/a.md",
        "uk/c.md",
    ]
    assert relative(tmp_path, discover([root], include=["uk/**"])) == ["uk/c.md", "uk/c.yaml"]
    assert relative(tmp_path, discover([root], include=["*.tmpl"])) == ["x.tmpl"]  # include replaces the default


def test_discover_honours_gitignore_files(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    make_tree(tmp_path, ["templates/a.md", "templates/build/b.md", "templates/sub/c.md", "templates/sub/keep.md"])
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")  # above the walked folder
    (tmp_path / "templates" / "sub" / ".gitignore").write_text("*.md\n!keep.md\n", encoding="utf-8")
    walked = str(tmp_path / "templates")
    assert relative(tmp_path, discover([walked])) == ["templates/a.md", "templates/sub/keep.md"]
    assert relative(tmp_path, discover([walked], respect_gitignore=False)) == [
        "templates/a.md",
        "templates/build/b.md",
        "templates/sub/c.md",
        "templates/sub/keep.md",
    ]


def test_discover_named_files_are_always_taken_once(tmp_path: Path) -> None:
    make_tree(tmp_path, ["a.md", "notes.draft", "ignored.md"])
    (tmp_path / ".gitignore").write_text("ignored.md\n", encoding="utf-8")
    named = [str(tmp_path / "notes.draft"), str(tmp_path / "ignored.md"), str(tmp_path)]
    found = discover([*named, str(tmp_path / "a.md")], exclude=["*.md"])
    assert found == [*named[:2], str(tmp_path / "a.md")]  # the folder itself adds nothing: all excluded
    found = discover([str(tmp_path / "a.md"), str(tmp_path)])
    assert found == [str(tmp_path / "a.md")]


def test_discover_takes_a_file_reached_by_two_paths_once(tmp_path: Path) -> None:
    """A file linked into the walked folder, or reached through a link to the folder, is the same
    file: linted once, under the first path met. A linked folder is not walked (it could loop)."""
    make_tree(tmp_path, ["real/a.md", "real/sub/b.md"])
    (tmp_path / "real" / "sub" / "also-a.md").symlink_to(tmp_path / "real" / "a.md")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert relative(tmp_path, discover([str(tmp_path / "real")])) == ["real/a.md", "real/sub/b.md"]
    # Walked through the linked name: the real paths are the same files, so nothing is taken twice.
    found = discover([str(tmp_path / "link"), str(tmp_path / "real")])
    assert relative(tmp_path, found) == ["link/a.md", "link/sub/b.md"]
    assert discover([str(tmp_path / "real" / "sub" / "also-a.md"), str(tmp_path / "link")]) == [
        str(tmp_path / "real" / "sub" / "also-a.md"), str(tmp_path / "link" / "sub" / "b.md")]


def test_discover_missing_path(tmp_path: Path) -> None:
    missing = os.path.join(str(tmp_path), "нет.md")
    with pytest.raises(SourceError) as caught:
        discover([missing])
    assert str(caught.value) == f"{missing}: no such file or directory"
