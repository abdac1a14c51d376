"""The document model: normalisation, encodings, tokens, zones, sentences, language."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint import lint
from replylint.document.model import build_document
from replylint.document.normalize import normalize
from replylint.document.tokens import TokenKind
from replylint.engine.runner import analyse
from replylint.sources.decode import decode_bytes
from replylint.sources.errors import SourceError

from lintkit import DATA


def test_normalisation_keeps_offsets_into_the_text_as_read() -> None:
    original = "Добрый\u00a0день!\r\nВаш за\u00adказ готов."
    normalized = normalize(original)
    assert normalized.text == "Добрый день!\nВаш заказ готов."
    start = normalized.text.index("заказ")
    assert original[slice(*normalized.span_to_source(start, start + 5))] == "за\u00adказ"


def test_findings_index_the_original_text_with_crlf_and_soft_hyphens() -> None:
    text = "Здравствуйте!\r\nВаш за\u00adказ уже в пу\u00adти\u00a0:)\r\nС уважением, Мария\r\n"
    [smiley] = [f for f in lint(text) if f.rule == "emoji"]
    assert text[smiley.start : smiley.end] == ":)"


@given(st.text(alphabet=st.sampled_from("аб\r\n\u00ad\u00a0\u200b ё😊"), max_size=40))
def test_every_normalised_character_maps_back_to_the_same_or_a_folded_character(text: str) -> None:
    normalized = normalize(text)
    for index, ch in enumerate(normalized.text):
        source = text[normalized.to_source(index)]
        assert ch == source or (ch == "\n" and source == "\r") or (ch == " " and source == "\u00a0")


@pytest.mark.parametrize("name", ["ru-utf8.txt", "ru-utf8-bom.txt", "ru-cp1251.txt"])
def test_encodings_decode_to_the_same_text(name: str) -> None:
    text = decode_bytes((DATA / "drafts" / name).read_bytes(), name)
    assert text.replace("\r\n", "\n") == (DATA / "drafts" / "ru-utf8.txt").read_text(encoding="utf-8")


def test_cp1251_and_utf8_give_the_same_findings() -> None:
    def found(name: str) -> list[tuple[str, str]]:
        text = decode_bytes((DATA / "drafts" / name).read_bytes(), name)
        return [(f.rule, text[f.start : f.end]) for f in lint(text)]

    assert found("ru-cp1251-bad.txt") == found("ru-utf8-bad.txt") != []


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x00\x01\x02binary\x00", "binary"),
    (bytes(range(128, 256)) * 4, "cannot decode"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_undecodable_input_is_a_source_error(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        decode_bytes(data, "draft.txt")


@pytest.mark.parametrize("word", ["з'ясуємо", "кур’єр", "обʼєкт", "пам'ять", "м’ясо"])
def test_ukrainian_apostrophe_words_are_one_token(word: str) -> None:
    document = build_document(f"Добрий день! Ми {word} сьогодні.", lang="uk")
    assert word in [token.text for token in document.words]


@pytest.mark.parametrize(("text", "words"), [
    ("трек-номер и кур'єр-доставка", ["трек-номер", "и", "кур'єр-доставка"]),  # joins inside a word
    ("заказ- оплата", ["заказ", "оплата"]),  # a hyphen before a space ends the word
    ("'Гугл' и ‘Яндекс’", ["Гугл", "и", "Яндекс"]),  # quotes around a word are not part of it
    ("модель XD-300 и 5G-модем", ["модель", "XD-300", "и"]),  # a hyphen before a digit joins; a number stays one
    ("обʼєкт’ та ''", ["обʼєкт", "та"]),  # an apostrophe with no letter after it ends the word
])
def test_a_word_ends_where_its_letters_stop_joining(text: str, words: list[str]) -> None:
    assert [token.text for token in build_document(text, lang="ru").words] == words


def test_tokens_carry_exact_offsets_and_kinds() -> None:
    text = "Здравствуйте, {{ name }}! Пишите на help@shop.ru или https://shop.ru/help 👍"
    document = build_document(text)
    for token in document.tokens:
        assert text[token.start : token.end] == token.text
    kinds = {token.text: token.kind for token in document.tokens}
    assert kinds["{{ name }}"] is TokenKind.PLACEHOLDER
    assert kinds["help@shop.ru"] is TokenKind.EMAIL
    assert kinds["https://shop.ru/help"] is TokenKind.URL
    assert kinds["👍"] is TokenKind.EMOJI


def test_lemmas_and_tags_come_from_the_draft_language() -> None:
    document = build_document("Проверили ваши номерочки и заказы.")
    morph = document.morph
    assert morph.lemma("номерочки") == morph.lemma("номерочек")
    assert "заказ" in morph.lemmas("заказы")
    assert morph.parse("заказы") is morph.parse("заказы"), "parses are cached"


def test_sentences_follow_lines_and_punctuation() -> None:
    document = build_document(
        "Анна, добрый день\nВаш заказ готов. Забрать можно\nзавтра после 10:00.\n\nС уважением, Мария")
    assert [sentence.text for sentence in document.sentences][:3] == [
        "Анна, добрый день", "Ваш заказ готов.", "Забрать можно\nзавтра после 10:00."]


@pytest.mark.parametrize("name", ["ru-quoted-history.txt", "uk-quoted-gmail.txt"])
def test_quoted_history_is_its_own_zone(name: str) -> None:
    text = (DATA / "drafts" / name).read_text(encoding="utf-8")
    document = analyse(text)
    assert document.quote is not None
    assert all(token.start < document.quote.start for token in document.tokens)
    # call-to-action aside: these replies end on information, a finding about our own text
    assert lint(text, ignore=["call-to-action"]) == [], (
        "the client's caps, «ты» and smileys in the history are not ours")


@pytest.mark.parametrize("header", [
    "-----Original Message-----", "-----Исходное сообщение-----", "On Mon, 23 Nov 2026 at 10:14, Anna <a@b.ru> wrote:",
    "23.11.2026, 10:14, \"Анна\" <anna@example.ru> написал(а):", "пн, 23 лист. 2026 р. о 09:12 Олена <o@e.ua> пише:",
])
def test_quote_headers(header: str) -> None:
    document = analyse(f"Здравствуйте!\nГотово.\nС уважением, Мария\n\n{header}\nТы где?")
    assert document.quote is not None and document.text[document.quote.start :].startswith(header)


def test_a_quoted_line_inside_the_reply_is_not_history() -> None:
    document = analyse("Здравствуйте!\n> Где мой заказ?\nЗаказ уже в пути.\nС уважением, Мария")
    assert document.quote is None


def test_signature_block_after_the_farewell() -> None:
    text = (DATA / "drafts" / "ru-good-signature.txt").read_text(encoding="utf-8")
    document = analyse(text)
    assert document.signature is not None
    assert document.text[document.signature.start :].startswith("Игорь Васильев")
    assert document.closing[-1].text == "С уважением,"
    assert [token.text for token in document.signature_tokens][:2] == ["Игорь", "Васильев"]


def test_contact_lines_form_a_signature_without_a_farewell() -> None:
    document = analyse("Здравствуйте!\nЗаказ готов.\n\nтел. +7 999 123-45-67\nsupport@shop.ru")
    assert document.signature is not None
    assert document.text[document.signature.start :].startswith("тел.")


def test_a_short_last_sentence_is_not_a_signature() -> None:
    document = analyse("Здравствуйте!\nЗаказ готов.\nЖдём вас.")
    assert document.signature is None and document.closing[-1].text == "Ждём вас."


@pytest.mark.parametrize(("text", "language"), [
    ("Здравствуйте! Ваш заказ уже в пути, ждите курьера завтра.", "ru"),
    ("Добрий день! Ваше замовлення вже в дорозі, чекайте кур'єра завтра.", "uk"),
    ("Дякуємо за звернення. Кошти повернуто.", "uk"),
    ("Спасибо за обращение. Деньги вернули.", "ru"),
    ("Добрий день! Ваше замовлення готове.\n\n> Здравствуйте, где мой заказ? Это уже третье письмо.", "uk"),
])
def test_language_detection(text: str, language: str) -> None:
    assert analyse(text).language == language


def test_only_the_needed_analyzer_is_loaded() -> None:
    from replylint.document.morphology import morphology_for

    document = analyse("Добрий день! Замовлення готове, кур'єр уже їде.")
    assert document.language == "uk"
    assert morphology_for("uk").parse("замовлення")
    assert document.morph is morphology_for("uk")


def test_a_greeting_that_is_also_a_farewell_formula_does_not_open_the_signature() -> None:
    document = analyse("Доброго дня!\nЗамовлення відправлено, ТТН надішлемо сьогодні.\nЗ повагою, Марія")
    assert document.closing_line == 2
    assert [token.text for token in document.words][:2] == ["Доброго", "дня"]
    assert "Замовлення" in [token.text for token in document.words]


@pytest.mark.parametrize(("lang", "known", "unknown"), [
    ("ru", ["еще", "ещё", "ежик", "елка", "заказ", "подписка"], ["ешё", "заказк", "подпска"]),
    ("uk", ["гудзик", "ґудзик", "гирлига", "замовлення"], ["замовленя", "гудзк"]),
])
def test_the_dictionary_reads_e_as_yo_and_g_as_ghe_but_nothing_else(lang: str, known: list[str],
                                                                    unknown: list[str]) -> None:
    """«еще» is «ещё» and «гирлига» is «ґирлиґа» to the dictionary (as pymorphy3 allows), so neither is
    a typo; a slip stays unknown."""
    from replylint.document.morphology import morphology_for

    morph = morphology_for(lang)
    assert [word for word in known if not morph.is_known(word)] == []
    assert [word for word in unknown if morph.is_known(word)] == []


@given(st.lists(st.sampled_from(["Пишите на ", "support@shop.ua", " або ", "https://shop.ua/faq?id=7", " ",
                                 "{{client.name}}", "%NAME%", "[Имя клиента]", "user.name@", "@", "www.example.com",
                                 ", ", "вул. Шевченка, 5", "$sum", "{name}", "\n", "tel: +380 44 000 00 00"]),
                max_size=12))
def test_links_emails_and_placeholders_are_single_tokens_with_or_without_an_at_sign(parts: list[str]) -> None:
    """The tokenizer skips the e-mail search where the text has no «@»: the atoms it finds are the
    ones the full pattern finds, wherever they stand."""
    from replylint.document.placeholders import DEFAULT_ATOMS
    from replylint.document.tokens import tokenize

    text = "".join(parts)
    atoms = [(token.start, token.end, token.kind.value) for token in tokenize(text, 0, len(text), DEFAULT_ATOMS)
             if token.kind in (TokenKind.URL, TokenKind.EMAIL, TokenKind.PLACEHOLDER)]
    assert atoms == [(match.start(), match.end(), match.lastgroup) for match in DEFAULT_ATOMS.finditer(text)]
