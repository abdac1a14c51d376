"""spelling: typos with suggestions, layout slips, mixed scripts; and everything that is not a typo."""

from __future__ import annotations

import pytest

from replylint import lint
from replylint.engine.runner import lint_draft
from replylint.engine.settings import Settings
from replylint.sources.draft import Draft

from lintkit import excerpts, load_bench


def spelling(text: str, **options: object) -> list[tuple[str, str | None]]:
    """(excerpt, best suggestion) of every spelling finding."""
    return [(text[f.start:f.end], f.suggestion) for f in lint(text, **options) if f.rule == "spelling"]


# -- what it flags ----------------------------------------------------------------------------------

def test_russian_typos_get_dictionary_suggestions() -> None:
    text = "Здравствуйте, Ирина! Извените за задержку. Пришлте, пожалуйтса, фото упаковки.\n\nС уважением,\nОльга"
    found = [f for f in lint(text) if f.rule == "spelling"]
    assert [text[f.start:f.end] for f in found] == ["Извените", "Пришлте", "пожалуйтса"]
    assert [found[0].suggestion, found[2].suggestion] == ["Извините", "пожалуйста"]
    # «Пришлте» is one slip from «Пришлет» and from «Пришлите»: both are offered.
    assert "«Пришлите»" in found[1].message and "«Пришлет»" in found[1].message
    assert "«Извините»" in found[0].message and found[0].fix is None  # a guess: a suggestion, no fix


def test_ukrainian_typos_get_dictionary_suggestions() -> None:
    text = "Доброго дня! Ми перевирили ваше замовленя, посилка вже в дорозі.\n\nЗ повагою,\nОксана"
    assert spelling(text) == [("перевирили", "перевірили"), ("замовленя", "замовлення")]


def test_wrong_keyboard_layout_both_ways() -> None:
    assert spelling("Ghbdtn! Ваш заказ готов, cgfcb,j за ожидание.") == [("Ghbdtn", "Привет"), ("cgfcb,j", "спасибо")]
    assert spelling("Здравствуйте! Руддщ, ваш заказ готов.") == [("Руддщ", "Hello")]
    # Ukrainian typed on the Russian layout, a Russian word typed on the Ukrainian one.
    assert spelling("Доброго дня! Дякуємо за терпыння.", lang="uk") == [("терпыння", "терпіння")]
    assert spelling("Здравствуйте! Мі проверили ваш платёж.", lang="ru") == [("Мі", "Мы")]


def test_look_alike_letters_of_the_other_script() -> None:
    text = "Здравствуйте! Оплатa прошла, приложение для Аndroid работает c 9:00."
    found = [f for f in lint(text) if f.rule == "spelling"]
    assert [(text[f.start:f.end], f.suggestion) for f in found] == [
        ("Оплатa", "Оплата"), ("Аndroid", "Android"), ("c", "с")]
    assert all(f.fix is not None and f.fix.safe for f in found)  # the word reads the same: a safe fix
    assert spelling("Доброго дня! Чекаємо у вiддiленнi.", lang="uk") == [("вiддiленнi", "відділенні")]


# -- what it must not flag --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # names, brands and Latin words, links, e-mails, numbers, placeholders
    "Здравствуйте, Хабибуллина Алсу! Документы можно подписать в Диадоке или СБИС, оплатить через ЮMoney.",
    "Добрый день, {{ticket.requester.first_name}}! Заказ WB-48213977 на Wildberries: https://wb.ru/x?a=1, "
    "пишите на help@shop-example.ru или звоните по доб. 305.",
    "Здравствуйте! Справка 2-НДФЛ готова, трек-номер и QR-код пришлём в СМС, автоплатёж и кешбэком займёмся сами.",
    "Добрый день! Параметры аудио: bitrate 128 kbps, видео 6000 Kbps.",
    "Здравствуйте! Кредит «На ро́днае» оформляется в отделении.",
])
def test_russian_near_misses(text: str) -> None:
    assert spelling(text, lang="ru") == []


@pytest.mark.parametrize("text", [
    "Доброго дня! Пам’ятайте: ми вже перевірили ТТН, зв’язку теж немає, ще раз Памʼятайте про поштомат.",
    "Добрий день! У застосунку Приват24 та єОселя переказ є, вул. Саксаганського, 3-ї групи ФОП.",
    "Доброго дня! Чек-лист і SIM-картку видамо у відділенні, QR-кодом теж можна.",
])
def test_ukrainian_near_misses(text: str) -> None:
    assert spelling(text, lang="uk") == []


def test_mixed_language_draft_is_not_a_typo_list() -> None:
    text = "Доброго дня! Ваш запит прийнято. Обратите внимание на последний раздел, мы его обновили."
    assert spelling(text, lang="uk") == []


def test_quoted_history_signature_and_client_words_are_not_checked() -> None:
    text = ("Здравствуйте! Ваш заказ передан в Кинопоиск-поддержку, ответ придёт сегодня.\n\n"
            "С уважением,\nАнтон Заворотнюк\nтел. 8 800 555-35-35\n\n"
            "> Извените, када будет заказ?\n")
    assert spelling(text) == []
    client = "Здравствуйте! Подключите мне сберкот, пожалуйста."
    reply = "Здравствуйте! Сберкот подключён, проверьте приложение."
    assert excerpts(reply, "spelling", client=client) == []
    assert excerpts(reply, "spelling") == ["Сберкот"]


def test_user_accept_list_extends_the_vocabulary() -> None:
    text = "Здравствуйте! Промобот проверит сделку, промоботом пользуются тысячи клиентов."

    def found(options: dict[str, object]) -> list[str]:
        settings = Settings(options={"spelling": options} if options else {}, lang="ru")
        result = lint_draft(Draft("<t>", text), settings)
        return [text[f.start:f.end] for f in result.findings if f.rule == "spelling"]

    assert found({}) == ["Промобот", "промоботом"]
    assert found({"accept": ["промобот"]}) == []


# -- measured on the labelled set ------------------------------------------------------------------

def _bench():  # type: ignore[no-untyped-def]
    return load_bench("accuracy_spelling")


def test_precision_recall_and_suggestions_on_the_labelled_set() -> None:
    bench = _bench()
    result = bench.score(bench.load())
    assert result.true_positives + result.false_negatives >= 100  # the set is the one described
    assert result.precision >= 0.95, result.false_alarms
    assert result.recall >= 0.9, result.misses
    assert result.suggestion_accuracy >= 0.9, result.wrong_suggestions


# -- two edits away, words in capitals, ranking by frequency ---------------------------------------

def test_words_two_edits_away_and_long_words_in_capitals_get_suggestions() -> None:
    text = ("Здравствуйте! Аккаунт пока неверифецированный, карты платёжной стсемы «Мир» принимаем.\n"
            "3.2 ФИЛЬТР МАСШАБИРОВАНИЯ\nСтавим метод Ланцоша.")
    assert spelling(text, lang="ru") == [("неверифецированный", "неверифицированный"), ("стсемы", "системы"),
                                         ("МАСШАБИРОВАНИЯ", "МАСШТАБИРОВАНИЯ")]
    assert spelling("Доброго дня! УВАГА: ПОВІДОМЛЕНЯ прийде на пошту.", lang="uk") == [
        ("ПОВІДОМЛЕНЯ", "ПОВІДОМЛЕННЯ")]


def test_the_commonest_word_is_suggested_first() -> None:
    # «ещ» is one letter from «её», «еще» and «ещё»: the common one, in its careful spelling.
    assert spelling("Здравствуйте! Подайте заявку ещ раз.", lang="ru") == [("ещ", "ещё")]
    # «стемы» is one edit away but rare; «системы», two edits away, is what people write.
    assert spelling("Здравствуйте! Карты стсемы «Мир» принимаем.", lang="ru")[0][1] == "системы"


@pytest.mark.parametrize(("text", "lang"), [
    ("ВНИМАНИЕ! СБЕРБАНК, ВКОНТАКТЕ, ГОСУСЛУГИ, РОСРЕЕСТР и ТЕХПОДДЕРЖКА RUTUBE работают без выходных.", "ru"),
    ("Здравствуйте! Используйте OBS Studio, vMix, XSplit, кодек H.264, Wi-Fi, VK Видео, Дзен и Telegram.", "ru"),
    ("Добрий день! ЗВЕРНІТЬ УВАГУ: ПРИВАТБАНК і МОНОБАНК приймають картки, ДОВІДКУ видає МВС.", "uk"),
    ("Доброго дня! Код ЄДРПОУ та РНОКПП вкажіть у ЗАЯВІ, ТОВ «Нова Пошта» відповість.", "uk"),
])
def test_capitals_brands_and_terms_stay_quiet(text: str, lang: str) -> None:
    assert spelling(text, lang=lang) == []


def test_suggestions_use_only_public_pymorphy3_apis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whichever DAWG reader pymorphy3 runs on (pure Python or the DAWG2 C extension), only its
    public analyzer API is used: with everything else hidden, the suggestions are the same."""
    from replylint.document import morphology
    from replylint.mechanisms import suggest

    word = "пиьсмо"
    expected = suggest.dictionary_suggestions("ru", word)
    real = morphology.morphology_for("ru").analyzer

    class PublicOnly:
        def __init__(self, analyzer: object) -> None:
            self._analyzer = analyzer

        def __getattr__(self, name: str) -> object:
            if name.startswith("_") or name not in {"parse", "word_is_known", "tag", "normal_forms", "lang"}:
                raise AttributeError(f"private or unexpected pymorphy3 attribute: {name}")
            return getattr(self._analyzer, name)

    fresh = morphology.Morphology("ru")
    fresh._analyzer = PublicOnly(real)  # type: ignore[assignment]
    monkeypatch.setattr(morphology, "morphology_for", lambda lang: fresh)
    monkeypatch.setattr(suggest, "morphology_for", lambda lang: fresh)
    suggest.dictionary_suggestions.cache_clear()
    suggest._dictionary.cache_clear()
    try:
        assert suggest.dictionary_suggestions("ru", word) == expected == ("письмо",)
        assert suggest.dictionary_suggestions("ru", "масшабирования") == ("масштабирования",)
    finally:
        suggest.dictionary_suggestions.cache_clear()
        suggest._dictionary.cache_clear()


def test_frequency_is_wordfreqs_zipf() -> None:
    from replylint.mechanisms.frequency import zipf

    assert zipf("письмо", "ru") > zipf("масштабирование", "ru") > 0.0
    assert zipf("замовлення", "uk") > 4.0 and zipf("Замовлення", "uk") == zipf("замовлення", "uk")
    assert zipf("пиьсмо", "ru") == 0.0 and zipf("письмо", "uk") < zipf("письмо", "ru")


def test_the_two_edit_search_takes_every_common_word_of_the_first_letter_and_lengths_and_no_other() -> None:
    from replylint.mechanisms.frequency import common_words, words_near_length, zipf

    for lang, first, shortest, longest in (("ru", "с", 4, 8), ("uk", "ґ", 1, 30), ("ru", "ё", 2, 5), ("uk", "я", 6, 6)):
        expected = sorted((word for word in common_words(lang) if word.startswith(first)
                           and shortest <= len(word) <= longest), key=len)
        found = words_near_length(lang, first, shortest, longest)
        assert found == expected and found
        assert all(zipf(word, lang) > 0 for word in found[:50])
    assert words_near_length("ru", "ъ", 3, 9) == []  # no word starts so: nothing, not a neighbour's group
    assert words_near_length("ru", "с", -1, 0) == [] and words_near_length("ru", "с", 9, 4) == []


