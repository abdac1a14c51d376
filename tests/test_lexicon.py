"""The lexicon mechanism: lemma matching, phrases with a word between, overlaps, user overrides, fixes."""


import pytest

from replylint.engine.runner import analyse, lint_draft
from replylint.engine.settings import Settings, SettingsError
from replylint.mechanisms.lexicon import document_slots, load, replacement
from replylint.sources.draft import Draft


def matched(text: str, name: str, lang: str, lexicons: dict | None = None) -> list[str]:
    document = analyse(text, lang)
    return [text[match.start : match.end]
            for match in load(name, lang, lexicons).find(document_slots(document))]


def test_one_entry_matches_every_case_of_the_word() -> None:
    text = "Подскажите, пожалуйста, обедик. Не было обедика, пришлите справочку, справочкой, справочке."
    assert matched(text, "diminutive", "ru") == ["обедик", "обедика", "справочку", "справочкой", "справочке"]


def test_a_phrase_matches_with_a_possessive_between_its_words() -> None:
    assert matched("Доводим до вашего сведения, что доставка возобновлена.", "bureaucratese", "ru") == [
        "Доводим до вашего сведения"]
    # Ukrainian possessives are pronouns in pymorphy3, not adjectives: they may stand between words too.
    assert matched("Доводимо до вашого відома, що доставку відновлено.", "bureaucratese", "uk") == [
        "Доводимо до вашого відома"]


def test_a_phrase_does_not_match_across_other_words_or_sentences() -> None:
    assert matched("Доводим до сведения отдела. Сведения вашего запроса сохранены.", "bureaucratese", "ru") == [
        "Доводим до сведения"]
    assert matched("Мы доводим. До сведения, пожалуйста.", "bureaucratese", "ru") == []


def test_only_the_longest_of_overlapping_matches_is_reported() -> None:
    assert matched("На данный момент данный тариф закрыт.", "bureaucratese", "ru") == ["На данный момент", "данный"]


def test_the_first_parse_decides_not_every_possible_one() -> None:
    # «благодаря» could be a gerund of «благодарить», «внимательно» an adjective form of «внимательный».
    assert matched("Благодаря вашему отзыву мы всё исправили.", "thanks", "ru") == []
    assert matched("Внимательно прочитайте условия акции.", "blame", "ru") == []
    assert matched("Ваши данные сохранены, данных о платеже нет.", "bureaucratese", "ru") == []


def test_quoted_interface_labels_are_not_matched() -> None:
    assert matched("Нажмите «Ок» внизу окна.", "slang", "ru") == []
    assert matched("Ок, проверим.", "slang", "ru") == ["Ок"]


def test_user_entries_extend_a_lexicon_written_as_they_read() -> None:
    lexicons = {"jargon": {"ru": {"extend": [{"phrase": "смёржить", "suggest": ["объединить"]}, "прод сервер"]}}}
    text = "Мы смёржили ветки и выложили на прод сервера."
    assert matched(text, "jargon", "ru") == []
    assert matched(text, "jargon", "ru", lexicons) == ["смёржили", "прод сервера"]


def test_user_entries_replace_or_remove_a_lexicon() -> None:
    text = "Ваш тикет передан инженеру, юзер получит ответ."
    assert matched(text, "jargon", "ru") == ["тикет", "юзер"]
    assert matched(text, "jargon", "ru", {"jargon": {"ru": {"remove": ["тикет"]}}}) == ["юзер"]
    assert matched(text, "jargon", "ru", {"jargon": {"ru": {"replace": ["инженер"]}}}) == ["инженеру"]
    # another language's override leaves this one alone
    assert matched(text, "jargon", "ru", {"jargon": {"uk": {"replace": []}}}) == ["тикет", "юзер"]


def test_settings_lexicons_reach_the_rules() -> None:
    draft = Draft("t", "Добрый день! Мы смёржили ваши правки.\nС уважением, Анна")
    settings = Settings(lexicons={"jargon": {"ru": {"extend": ["смёржить"]}}}, lang="ru")
    findings = lint_draft(draft, settings).findings
    assert [draft.text[f.start : f.end] for f in findings if f.rule == "jargon"] == ["смёржили"]
    assert not [f for f in lint_draft(draft, Settings(lang="ru")).findings if f.rule == "jargon"]


@pytest.mark.parametrize("lexicons", [
    {"jargonn": {"ru": {"extend": ["x"]}}},
    {"jargon": {"by": {"extend": ["x"]}}},
    {"jargon": {"ru": {"add": ["x"]}}},
    {"jargon": {"ru": {"extend": [{"phrase": ""}]}}},
    {"jargon": {"ru": {"extend": [{"phrase": "x", "sugest": ["y"]}]}}},
])
def test_a_bad_lexicon_setting_is_a_settings_error(lexicons: dict) -> None:
    with pytest.raises(SettingsError):
        Settings(lexicons=lexicons)


def _replacement(text: str, name: str, lang: str, *, swap_is_safe: bool = False) -> tuple[str, bool] | None:
    document = analyse(text, lang)
    (match,) = load(name, lang).find(document_slots(document))
    found = replacement(document, match, swap_is_safe=swap_is_safe)
    return (found.text, found.safe) if found else None


def test_replacements_are_inflected_like_the_matched_word() -> None:
    assert _replacement("Подождите минуточку.", "diminutive", "ru") == ("минуту", False)
    assert _replacement("Данного тарифа нет.", "bureaucratese", "ru") == ("Этого", False)
    assert _replacement("Напишите юзеру.", "jargon", "ru", swap_is_safe=True) == ("пользователю", False)


def test_a_plain_single_word_swap_of_slang_is_safe_and_a_phrase_is_not() -> None:
    assert _replacement("Ок, проверим.", "slang", "ru", swap_is_safe=True) == ("Хорошо", True)
    assert _replacement("Щас проверим.", "slang", "uk", swap_is_safe=True) == ("Зараз", True)
    assert _replacement("Напишите, юзер один.", "jargon", "ru", swap_is_safe=True) == ("пользователь", True)
    assert _replacement("На данный момент тарифа нет.", "bureaucratese", "ru") == ("Сейчас", False)


def test_slang_forms_pymorphy3_guesses_at_get_no_inflected_fix() -> None:
    # «инфу» is not in the dictionary: its parse is a guess, so no form of «информация» is offered.
    assert _replacement("Инфу пришлём.", "slang", "ru", swap_is_safe=True) is None
    assert _replacement("Инфа есть.", "slang", "ru", swap_is_safe=True) == ("Информация", True)


# --- the pattern language -----------------------------------------------------------------------

def user(pattern: str, text: str, lang: str = "ru", name: str = "kitchen") -> list[str]:
    """What a user's pattern (written in their config) matches, and nothing of the built-in list."""
    return matched(text, name, lang, {name: {lang: {"replace": [pattern]}}})


def test_alternatives_match_any_of_their_words_in_any_form() -> None:
    pattern = "в связи с {отпуском|больничным|переездом}"
    assert user(pattern, "В связи с отпусками ответим позже. В связи с переездом офиса — тоже.") == [
        "В связи с отпусками", "В связи с переездом"]
    assert user(pattern, "В связи с обновлением приложения ответим позже.") == []
    assert user("у зв'язку з {відпусткою|лікарняним}", "У зв'язку з відпустками відповімо пізніше.", "uk") == [
        "У зв'язку з відпустками"]


def test_an_alternative_may_be_several_words_and_the_longest_match_wins() -> None:
    pattern = "бухгалтер {в отпуске|ушла в отпуск}"
    assert user(pattern, "Бухгалтер ушла в отпуск до среды.") == ["Бухгалтер ушла в отпуск"]
    assert user(pattern, "Бухгалтер в отпуске до среды.") == ["Бухгалтер в отпуске"]


def test_an_optional_word_may_be_there_or_not() -> None:
    pattern = "ваш {звонок|обращение} очень? важ* для нас"
    assert user(pattern, "Ваше обращение очень важно для нас.", name="bot-phrase") == [
        "Ваше обращение очень важно для нас"]
    assert user(pattern, "Ваш звонок важен для нас.", name="bot-phrase") == ["Ваш звонок важен для нас"]
    assert user(pattern, "Ваш звонок крайне нежелателен для нас.", name="bot-phrase") == []


def test_a_gap_stands_for_a_few_words_of_any_kind_but_not_more() -> None:
    pattern = "с перечнем ... ознакомиться"
    assert user(pattern, "С полным перечнем вы можете ознакомиться здесь.", name="redirect-to-site") == [
        "С полным перечнем вы можете ознакомиться"]
    long = "С перечнем документов, которые мы вам отправим завтра утром, можно ознакомиться заранее."
    assert user(pattern, long, name="redirect-to-site") == []


def test_a_prefix_matches_the_written_form_or_the_lemma() -> None:
    assert user("багато робот*", "Зараз дуже багато роботи, вибачте.", "uk") == ["багато роботи"]
    assert user("багато робот*", "Зараз багато замовлень.", "uk") == []


def test_grammemes_narrow_a_word_to_a_form() -> None:
    # the agent's past («писал», one person) — not the client's («вы писали», plural)
    pattern = "уже {писать|говорить}:past,sing"
    assert user(pattern, "Я уже писала это выше.", name="blame") == ["уже писала"]
    assert user(pattern, "Вы уже писали нам об этом.", name="blame") == []
    assert user("вже писати:past,!plur", "Я вже писав про це.", "uk", name="blame") == ["вже писав"]
    assert user("вже писати:past,!plur", "Ви вже писали нам.", "uk", name="blame") == []


@pytest.mark.parametrize("pattern", ["{отпуск|", "отпуск}", "{}", "{a||b}", "... отпуск", "отпуск ...",
                                     "отпуск?", "{в ... отпуск}", "отпуск:past,!", "{a|b?}", "очень? ... важно"])
def test_a_broken_pattern_is_a_settings_error(pattern: str) -> None:
    with pytest.raises(SettingsError, match=r"lexicon pattern|non-empty"):
        Settings(lexicons={"kitchen": {"ru": {"extend": [pattern]}}})


def test_remove_names_a_pattern_as_written_or_as_it_reads() -> None:
    text = "Бухгалтер ушла в отпуск, у нас завал."
    assert matched(text, "kitchen", "ru") == ["Бухгалтер ушла в отпуск", "завал"]
    assert matched(text, "kitchen", "ru", {"kitchen": {"ru": {"remove": ["завал"]}}}) == ["Бухгалтер ушла в отпуск"]
