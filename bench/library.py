"""How fast replylint checks a whole template library, and how the cost grows with its size.

Usage:
    python bench/library.py                      # 2,000 templates; CLI and in-process; scaling table
    python bench/library.py --runs 5 --sizes 500,1000,2000,4000
    python bench/library.py --install-textlint   # also install textlint locally (bench/.textlint/)
    python bench/library.py --quick              # one run, small sizes: a smoke test
    python bench/library.py --only real --runs 3 # the real-text corpus: replylint, textlint, the floor
    python bench/library.py --only real --compare ../other-checkout   # ... and another, in turns

It writes a library of realistic Russian and Ukrainian reply templates, generated deterministically
from the fragments below (greetings, bodies about orders, delivery, refunds, banking and
subscriptions, closings, signatures, placeholders, and deliberate problems a linter should find),
spread over .txt, .md, YAML collections and JSON collections, into a folder outside the repository
(--out, default $TMPDIR/replylint-bench: replylint skips gitignored folders inside one). Then it
times `replylint check` end to end (the console script, process start to exit) and in-process
(`run_check`), and prints files/s, templates/s and MB/s, each the median of --runs runs.

When textlint is installed in bench/.textlint/ (or --install-textlint installs it there with npm),
it runs textlint with equivalent lexicon rules on the same plain-text files (textlint reads no YAML
or JSON collections, so that comparison uses a library of .txt and .md files only) and prints the
throughput ratio. Without textlint that part is skipped.

The `real` section uses real support replies instead: the 851 replies of `shared/data/real/` (beside
the checkout, or $REPLYLINT_REAL_DATA; not stored in the repository, and the section is skipped
without them), each written three times as a .txt file (2,553 files). In one run, taking turns, it
times replylint, textlint with five rules, and the floor: what any Python linter built on razdel and
pymorphy3 must do (read every file, split it into tokens and sentences, parse each distinct word
once, one process). It prints the ratios, the peak memory, and the cost at 1x, 2x and 4x the corpus.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(tempfile.gettempdir()) / "replylint-bench"
TEXTLINT_DIR = ROOT / "bench" / ".textlint"
TEXTLINT_PACKAGES = ("textlint@15.8.0", "textlint-rule-ng-word", "textlint-rule-prh", "textlint-rule-sentence-length",
                     "textlint-rule-no-exclamation-question-mark", "textlint-rule-max-comma")
_ITEMS_PER_COLLECTION = 25

# ---------------------------------------------------------------------------------------------------
# Fragments. Written for this benchmark; `{name}`-style braces are replylint placeholders, kept as is.
# Each language: greetings (good, then informal/missing), bodies per topic, problems, closings, signatures.

_GREETINGS = {
    "ru": ["Здравствуйте!", "Добрый день!", "Здравствуйте, {{client.first_name}}!", "Добрый день, [Имя клиента]!",
           "Доброе утро!", "Добрый вечер, %CLIENT_NAME%!", "Анна, добрый день!", "Здравствуйте, {name}."],
    "uk": ["Добрий день!", "Вітаю!", "Доброго дня, {{client.first_name}}!", "Шановний [Ім'я клієнта]!",
           "Добрий вечір!", "Вітаю, %CLIENT_NAME%!", "Олено, добрий день!", "Доброго ранку, {name}."],
}
_INFORMAL_GREETINGS = {"ru": ["Привет!", "Хай!", "Привет, {name}!"], "uk": ["Привіт!", "Привіт, {name}!"]}

_BODIES = {
    "ru": {
        "orders": [
            "Спасибо, что написали нам.",
            "Ваш заказ № {{order.id}} собран и передан в службу доставки.",
            "Мы проверили заказ: все позиции в наличии, оплата прошла успешно.",
            "К сожалению, одна позиция из заказа закончилась на складе.",
            "Мы можем заменить её на аналог той же стоимости или вернуть деньги за неё.",
            "Состав заказа можно изменить до передачи его курьеру.",
            "Статус заказа обновляется в личном кабинете в разделе «Мои заказы».",
            "Если удобнее, оформим заказ заново с другим адресом — это займёт пару минут.",
        ],
        "delivery": [
            "Курьер привезёт посылку завтра с 10:00 до 14:00.",
            "Трек-номер для отслеживания: {{shipment.tracking}}.",
            "Посылка прибыла в пункт выдачи и будет храниться там семь дней.",
            "Доставка задерживается из-за погодных условий, приносим извинения за ожидание.",
            "Мы связались со службой доставки и попросили ускорить отправку.",
            "Перенести доставку на другой день можно по ссылке https://example.com/delivery.",
            "Курьер позвонит за час до приезда, чтобы уточнить время.",
            "Стоимость доставки мы вернём на карту, с которой оплачивали заказ.",
        ],
        "refunds": [
            "Мы оформили возврат на сумму {{refund.amount}} рублей.",
            "Деньги вернутся на карту в течение 3–5 рабочих дней, срок зависит от вашего банка.",
            "Чтобы оформить возврат, пришлите, пожалуйста, фотографию товара и чека.",
            "Заявку на возврат мы рассмотрим за два рабочих дня и сообщим результат письмом.",
            "Товар надлежащего качества можно вернуть в течение 14 дней после покупки.",
            "Возврат за отменённый заказ уже отправлен, номер операции — %REFUND_ID%.",
            "Если деньги не пришли через пять дней, напишите нам, и мы запросим подтверждение у банка.",
        ],
        "banking": [
            "Мы проверили операцию по вашей карте: платёж обработан банком-получателем.",
            "Карту можно заблокировать в мобильном приложении в разделе «Карты».",
            "Лимит на переводы можно изменить в настройках приложения.",
            "Комиссия за перевод по номеру телефона не взимается до 100 000 рублей в месяц.",
            "Для безопасности мы не запрашиваем коды из СМС и пароли, никому их не сообщайте.",
            "Выписку по счёту можно заказать в приложении, она придёт на почту {email}.",
            "Перевыпуск карты займёт до пяти рабочих дней, доставка бесплатная.",
        ],
        "subscriptions": [
            "Подписка продлевается автоматически в день списания, указанный в личном кабинете.",
            "Мы отключили автопродление, доступ сохранится до конца оплаченного периода.",
            "Пробный период длится 14 дней, после него спишется плата по тарифу.",
            "Сменить тариф можно в настройках профиля, разница пересчитается автоматически.",
            "Промокод {{promo.code}} действует до конца месяца на любой тариф.",
            "Деньги за неиспользованные дни вернутся на карту после отмены подписки.",
            "Семейную подписку можно подключить для пяти человек.",
        ],
    },
    "uk": {
        "orders": [
            "Дякуємо, що написали нам.",
            "Ваше замовлення № {{order.id}} зібране та передане службі доставки.",
            "Ми перевірили замовлення: усі позиції є в наявності, оплата пройшла успішно.",
            "На жаль, одна позиція із замовлення закінчилася на складі.",
            "Ми можемо замінити її на аналог тієї ж вартості або повернути за неї кошти.",
            "Склад замовлення можна змінити до передачі кур'єру.",
            "Статус замовлення оновлюється в особистому кабінеті в розділі «Мої замовлення».",
            "Якщо зручніше, оформимо замовлення заново з іншою адресою — це займе кілька хвилин.",
        ],
        "delivery": [
            "Кур'єр привезе посилку завтра з 10:00 до 14:00.",
            "Номер для відстеження: {{shipment.tracking}}.",
            "Посилка прибула у відділення і зберігатиметься там сім днів.",
            "Доставка затримується через погодні умови, перепрошуємо за очікування.",
            "Ми зв'язалися зі службою доставки та попросили пришвидшити відправлення.",
            "Перенести доставку на інший день можна за посиланням https://example.com/delivery.",
            "Кур'єр зателефонує за годину до приїзду, щоб уточнити час.",
            "Вартість доставки ми повернемо на картку, якою оплачували замовлення.",
        ],
        "refunds": [
            "Ми оформили повернення на суму {{refund.amount}} гривень.",
            "Кошти повернуться на картку протягом 3–5 робочих днів, строк залежить від вашого банку.",
            "Щоб оформити повернення, надішліть, будь ласка, фото товару та чека.",
            "Заявку на повернення ми розглянемо за два робочі дні й повідомимо результат листом.",
            "Товар належної якості можна повернути протягом 14 днів після купівлі.",
            "Повернення за скасоване замовлення вже надіслано, номер операції — %REFUND_ID%.",
            "Якщо кошти не надійшли за п'ять днів, напишіть нам, і ми запросимо підтвердження в банку.",
        ],
        "banking": [
            "Ми перевірили операцію за вашою карткою: платіж оброблено банком-отримувачем.",
            "Картку можна заблокувати в мобільному застосунку в розділі «Картки».",
            "Ліміт на перекази можна змінити в налаштуваннях застосунку.",
            "Комісія за переказ за номером телефону не стягується до 30 000 гривень на місяць.",
            "З міркувань безпеки ми не запитуємо коди з СМС і паролі, нікому їх не повідомляйте.",
            "Виписку за рахунком можна замовити в застосунку, вона надійде на пошту {email}.",
            "Перевипуск картки займе до п'яти робочих днів, доставка безкоштовна.",
        ],
        "subscriptions": [
            "Підписка подовжується автоматично в день списання, зазначений в особистому кабінеті.",
            "Ми вимкнули автоподовження, доступ збережеться до кінця оплаченого періоду.",
            "Пробний період триває 14 днів, після нього спишеться плата за тарифом.",
            "Змінити тариф можна в налаштуваннях профілю, різниця перерахується автоматично.",
            "Промокод {{promo.code}} діє до кінця місяця на будь-який тариф.",
            "Кошти за невикористані дні повернуться на картку після скасування підписки.",
            "Сімейну підписку можна підключити для п'яти людей.",
        ],
    },
}

# Deliberate problems: «ты», CAPS, emoji, «!!!», «....», slang, bureaucratese, blame.
_PROBLEMS = {
    "ru": [
        "Твой заказ УЖЕ отправлен))",
        "Если что — пиши, поможем!!!",
        "Ок, деньги вернём....",
        "Доводим до вашего сведения, что данный вопрос находится в работе.",
        "Вы неправильно указали адрес, поэтому курьер не смог приехать.",
        "Спасибо за терпение 😊",
        "Щас всё проверим и отпишемся.",
        "Проверь, пожалуйста, папку «Спам».",
        "Это ОЧЕНЬ важно, не пропустите письмо?!",
    ],
    "uk": [
        "Твоє замовлення ВЖЕ відправлене))",
        "Якщо що — пиши, допоможемо!!!",
        "Ок, кошти повернемо....",
        "Доводимо до вашого відома, що дане питання перебуває в роботі.",
        "Ви неправильно вказали адресу, тому кур'єр не зміг приїхати.",
        "Дякуємо за терпіння 😊",
        "Перевір, будь ласка, папку «Спам».",
        "Це ДУЖЕ важливо, не пропустіть лист?!",
    ],
}

_CLOSINGS = {
    "ru": ["С уважением,", "Хорошего дня!", "Всего доброго!", "Если остались вопросы, напишите нам — поможем.",
           "Будем рады помочь, если появятся вопросы.", "Спасибо, что вы с нами!"],
    "uk": ["З повагою,", "Гарного дня!", "Усього найкращого!", "Якщо залишилися запитання, напишіть нам — допоможемо.",
           "Будемо раді допомогти, якщо з'являться запитання.", "Дякуємо, що ви з нами!"],
}
_SIGNATURES = {
    "ru": ["Анна, служба поддержки", "{{agent.name}}\nСлужба заботы о клиентах", "Команда поддержки «Ромашки»",
           "Игорь Петров\nотдел возвратов\n8 800 555-35-35", ""],
    "uk": ["Олена, служба підтримки", "{{agent.name}}\nСлужба турботи про клієнтів", "Команда підтримки «Ромашки»",
           "Ігор Петренко\nвідділ повернень\n0 800 500-500", ""],
}
_QUOTE_HEADERS = {"ru": "{{ticket.date}}, {{client.name}} написал(а):", "uk": "{{ticket.date}}, {{client.name}} пише:"}
_CLIENT_LINES = {
    "ru": ["Где мой заказ? Жду уже неделю.", "Верните деньги, товар пришёл сломанным.",
           "Почему с карты списали деньги дважды?", "Как отменить подписку?"],
    "uk": ["Де моє замовлення? Чекаю вже тиждень.", "Поверніть кошти, товар прийшов зламаним.",
           "Чому з картки списали кошти двічі?", "Як скасувати підписку?"],
}
TOPICS = ("orders", "delivery", "refunds", "banking", "subscriptions")
_SECTIONS = ("library", "single", "scaling", "textlint", "real")


def template_text(rng: random.Random, lang: str, topic: str) -> str:
    """One reply template: greeting, 2–5 body sentences in one or two paragraphs, a closing, often a
    signature, sometimes quoted history. About a third carry a deliberate problem."""
    troubled = rng.random() < 0.35
    if troubled and rng.random() < 0.25:
        greeting = rng.choice(_INFORMAL_GREETINGS[lang])
    elif rng.random() < 0.04:
        greeting = ""  # a missing greeting is a finding too
    else:
        greeting = rng.choice(_GREETINGS[lang])
    sentences = rng.sample(_BODIES[lang][topic], rng.randint(2, 5))
    if troubled:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(_PROBLEMS[lang]))
    cut = rng.randint(1, len(sentences))
    paragraphs = [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    parts = [greeting, *(paragraph for paragraph in paragraphs if paragraph)]
    if rng.random() > 0.05:
        closing = rng.choice(_CLOSINGS[lang])
        signature = rng.choice(_SIGNATURES[lang])
        parts.append(f"{closing}\n{signature}".rstrip() if closing.endswith(",") or signature else closing)
    if rng.random() < 0.15:
        parts.append(_QUOTE_HEADERS[lang] + "\n> " + rng.choice(_CLIENT_LINES[lang]))
    return "\n\n".join(part for part in parts if part) + "\n"


@dataclass(frozen=True)
class Template:
    item: str
    lang: str
    topic: str
    text: str


def templates(count: int, seed: int = 2024) -> list[Template]:
    """`count` templates, the same ones for the same seed; Russian and Ukrainian about 3:2."""
    rng = random.Random(seed)
    result = []
    for index in range(count):
        lang = "ru" if rng.random() < 0.6 else "uk"
        topic = TOPICS[index % len(TOPICS)]
        result.append(Template(f"{topic}-{index:05d}", lang, topic, template_text(rng, lang, topic)))
    return result


# ---------------------------------------------------------------------------------------------------
# Writing a library to disk.


def write_library(folder: Path, count: int, *, plain_only: bool = False, seed: int = 2024) -> Path:
    """Templates spread over formats: 40 % .txt, 20 % .md (half with front matter), 20 % in YAML
    collections and 20 % in JSON collections of 25 items each — or only .txt/.md with `plain_only`
    (the files textlint can read). Folders by language and topic, as teams keep them."""
    if folder.exists():
        shutil.rmtree(folder)
    pending: dict[tuple[str, str, str], list[Template]] = {}
    for index, template in enumerate(templates(count, seed)):
        kind = ("txt", "txt", "md", "txt", "md")[index % 5] if plain_only else ("txt", "txt", "md", "yaml", "json")[
            index % 5]
        target = folder / template.lang / template.topic
        target.mkdir(parents=True, exist_ok=True)
        if kind == "txt":
            (target / f"{template.item}.txt").write_text(template.text, encoding="utf-8")
        elif kind == "md":
            (target / f"{template.item}.md").write_text(_markdown(template, index), encoding="utf-8")
        else:
            batch = pending.setdefault((kind, template.lang, template.topic), [])
            batch.append(template)
            if len(batch) == _ITEMS_PER_COLLECTION:
                _write_collection(target, kind, batch)
                batch.clear()
    for (kind, lang, topic), batch in pending.items():
        if batch:
            _write_collection(folder / lang / topic, kind, batch)
    return folder


def write_single_yaml(path: Path, count: int, *, seed: int = 7) -> Path:
    """One big YAML collection of `count` items: the "single large file" case."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_yaml(templates(count, seed)), encoding="utf-8")
    return path


def _markdown(template: Template, index: int) -> str:
    if index % 2:
        return template.text
    return f"---\nid: {template.item}\nlang: {template.lang}\nchannel: email\n---\n{template.text}"


def _write_collection(folder: Path, kind: str, batch: list[Template]) -> None:
    name = f"{batch[0].item}-collection.{kind}"
    if kind == "yaml":
        (folder / name).write_text(_yaml(batch), encoding="utf-8")
    else:
        items = [{"id": t.item, "lang": t.lang, "first_contact": True, "text": t.text} for t in batch]
        (folder / name).write_text(json.dumps({"templates": items}, ensure_ascii=False, indent=2), encoding="utf-8")


def _yaml(batch: Sequence[Template]) -> str:
    lines = ["# Canned replies, one item per template.", "templates:"]
    for template in batch:
        lines += [f"  - id: {template.item}", f"    lang: {template.lang}", "    text: |"]
        lines += [f"      {line}" if line else "" for line in template.text.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Timing.


@dataclass(frozen=True)
class Library:
    """What one measurement checks: `target` (a folder, or one file) holding `files` and `templates`."""

    target: Path
    files: list[Path]
    templates: int

    @property
    def megabytes(self) -> float:
        return sum(file.stat().st_size for file in self.files) / 1e6


def library(target: Path, count: int) -> Library:
    files = [target] if target.is_file() else sorted(path for path in target.rglob("*") if path.is_file())
    return Library(target, files, count)


@dataclass(frozen=True)
class Timing:
    """Medians over the runs: wall-clock seconds, and CPU seconds of this process and its children
    (the CPU figure hardly moves when other work loads the machine; the wall figure does)."""

    wall: float
    cpu: float


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def medians(actions: Sequence[Callable[[], object]], runs: int) -> list[Timing]:
    """Each action timed `runs` times; the actions take turns within a round, so a burst of load from
    elsewhere on the machine hits them alike."""
    walls: list[list[float]] = [[] for _ in actions]
    cpus: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, wall, cpu in zip(actions, walls, cpus, strict=True):
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            action()
            wall.append(time.perf_counter() - started)
            cpu.append(_cpu_seconds() - cpu_started)
    return [Timing(statistics.median(wall), statistics.median(cpu)) for wall, cpu in zip(walls, cpus, strict=True)]


def in_process_run(lib: Library, jobs: int | None) -> Callable[[], object]:
    """`run_check` in this process: no interpreter start-up, imports or dictionary loading (warmed once)."""
    from replylint.config import CliOverrides
    from replylint.pipeline import CheckOptions, run_check

    options = CheckOptions(paths=(str(lib.target),), output_format="json", overrides=CliOverrides(fail_on="never"),
                           jobs=jobs)
    run_check(options, out=io.StringIO())
    return lambda: run_check(options, out=io.StringIO())


def rates(lib: Library, timing: Timing) -> str:
    seconds = timing.wall
    return (f"{seconds:6.2f} s  {len(lib.files) / seconds:6.1f} files/s  {lib.templates / seconds:6.1f} templates/s  "
            f"{lib.megabytes / seconds:5.3f} MB/s  {1000 * seconds / lib.templates:5.2f} ms/template  "
            f"(CPU {timing.cpu:6.2f} s)")


# ---------------------------------------------------------------------------------------------------
# textlint: the same plain-text files with equivalent lexicon rules.


def textlint_binary() -> Path | None:
    binary = TEXTLINT_DIR / "node_modules" / ".bin" / "textlint"
    return binary if binary.is_file() else None


def install_textlint() -> None:
    if shutil.which("npm") is None:
        print("npm is not installed: cannot install textlint")
        return
    TEXTLINT_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(TEXTLINT_DIR), "--no-save", "--no-audit", "--no-fund",
                    *TEXTLINT_PACKAGES], check=True)


def write_textlint_config(folder: Path) -> Path:
    """A .textlintrc.json and prh.yml built from replylint's own lexicons: every lexicon phrase is an
    ng-word, every phrase with a suggestion a prh rule, and long sentences are flagged as replylint's
    long-sentence does (textlint counts characters, so 25 words ≈ 200 characters); «!»/«?» and more
    than four commas in a sentence are flagged as replylint's typography and long-sentence rules do."""
    from replylint.data import load_toml, rules_dir

    words: set[str] = set()
    rules: list[str] = ["version: 1", "rules:"]
    for lexicon in sorted((rules_dir() / "ru").glob("*.toml")) + sorted((rules_dir() / "uk").glob("*.toml")):
        for entry in load_toml(f"{lexicon.parent.name}/{lexicon.name}").get("entry", []):
            phrase = entry.get("phrase") if isinstance(entry, dict) else None
            if not isinstance(phrase, str) or not phrase.strip() or phrase in words:
                continue
            words.add(phrase)
            suggestions = entry.get("suggest") or []
            if suggestions and isinstance(suggestions[0], str):
                rules += [f"  - expected: {json.dumps(suggestions[0], ensure_ascii=False)}",
                          f"    pattern: {json.dumps(phrase, ensure_ascii=False)}"]
    folder.mkdir(parents=True, exist_ok=True)
    prh = folder / "prh.yml"
    prh.write_text("\n".join(rules) + "\n", encoding="utf-8")
    config = {"rules": {"ng-word": {"words": sorted(words)}, "prh": {"rulePaths": [str(prh)]},
                        "sentence-length": {"max": 200}, "no-exclamation-question-mark": True,
                        "max-comma": {"max": 4}}}
    path = folder / ".textlintrc.json"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------
# Real text: the replies of ../shared/data/real/ (not stored in the repository), and the floor a
# Python linter of the same design cannot go below.

# The texts and the field that holds the reply in each file.
_REAL_FILES = (("exchanges.jsonl", "reply"), ("rutube_faq.jsonl", "answer"), ("vtb_faq.jsonl", "answer"))
_REAL_COPIES = 3


def real_data_dir() -> Path | None:
    """`shared/data/real/` beside the checkout (or beside a folder above it: a git worktree), if any."""
    explicit = os.environ.get("REPLYLINT_REAL_DATA")
    candidates = [Path(explicit)] if explicit else [parent / "shared" / "data" / "real" for parent in ROOT.parents]
    return next((folder for folder in candidates if all((folder / name).is_file() for name, _ in _REAL_FILES)), None)


def real_texts(folder: Path) -> list[tuple[str, str]]:
    """(id, reply) for every real text with a non-empty reply."""
    texts = []
    for name, field_name in _REAL_FILES:
        with (folder / name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    if (record.get(field_name) or "").strip():
                        texts.append((str(record["id"]), record[field_name]))
    return texts


def write_real_corpus(folder: Path, texts: Sequence[tuple[str, str]], copies: int) -> Library:
    """Every text written `copies` times as a .txt file, one folder per copy."""
    if folder.exists():
        shutil.rmtree(folder)
    for copy in range(copies):
        target = folder / f"copy-{copy + 1}"
        target.mkdir(parents=True)
        for item, text in texts:
            (target / f"{item}.txt").write_text(text, encoding="utf-8")
    return library(folder, copies * len(texts))


def floor(paths: Sequence[str]) -> int:
    """The least a Python linter built on razdel and pymorphy3 does: read every file, split it into
    tokens and sentences, and parse each distinct word once (Russian dictionary), in one process.
    Returns the number of distinct words parsed."""
    import pymorphy3
    import pymorphy3_dicts_ru
    from razdel import sentenize, tokenize

    morph = pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")
    seen: set[str] = set()
    sentences = 0
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        sentences += sum(1 for _ in sentenize(text))
        for token in tokenize(text):
            word = token.text.lower()
            if word not in seen and word.isalpha():
                seen.add(word)
                morph.parse(word)
    return len(seen)


def floor_run(lib: Library) -> Callable[[], object]:
    """The floor in its own process, start to exit, as the linters are timed."""
    return _measured([sys.executable, str(Path(__file__).resolve()), "--floor", str(lib.target)], lambda _: None)


@dataclass
class Peak:
    """The largest resident set of any one process of the last run of a command, in MB."""

    megabytes: float = 0.0


def _measured(command: Sequence[str], check: Callable[[bytes], None], cwd: Path | None = None,
              peak: Peak | None = None, env: dict[str, str] | None = None) -> Callable[[], object]:
    """Run `command`, check its output, and note its peak memory (os.wait4 reports the child's, its
    own children included: the largest of them, not their sum)."""

    def once() -> None:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            if process.returncode not in (0, 1):
                raise SystemExit(f"{command[0]} failed ({process.returncode}): {err.read().decode()[:500]}")
            if peak is not None:
                peak.megabytes = usage.ru_maxrss / 1024  # Linux: kilobytes
            check(out.read())

    return once


def cli_run(lib: Library, extra: Sequence[str] = (), *, peak: Peak | None = None,
            checkout: Path | None = None) -> Callable[[], object]:
    """`replylint check` on the library as CI would run it (the installed console script), checking
    that it saw every template; with `checkout`, that checkout's code (PYTHONPATH) instead of this one's."""
    from startup import entry_point  # bench/startup.py, beside this script: the installed console script

    def check(stdout: bytes) -> None:
        checked = json.loads(stdout)["summary"]["items"]
        if checked != lib.templates:  # e.g. a library under a gitignored folder: replylint skips it
            raise SystemExit(f"replylint checked {checked} of the {lib.templates} templates in {lib.target}")

    env = {**os.environ, "PYTHONPATH": str(checkout)} if checkout else None
    return _measured([*entry_point(), "check", str(lib.target), "--format", "json", "--fail-on", "never", *extra],
                     check, peak=peak, env=env)


def textlint_run(lib: Library, config: Path, peak: Peak | None = None) -> Callable[[], object]:
    binary = textlint_binary()
    assert binary is not None

    def check(stdout: bytes) -> None:
        if len(json.loads(stdout)) != len(lib.files):
            raise SystemExit("textlint did not check every file")

    command = [str(binary), "--config", str(config), "--rules-base-directory", str(TEXTLINT_DIR / "node_modules"),
               "--format", "json", *map(str, lib.files)]
    return _measured(command, check, cwd=TEXTLINT_DIR, peak=peak)


def _real_section(out: Path, runs: int, scales: Sequence[int], with_textlint: bool,
                  compare: Path | None = None) -> None:
    data = real_data_dir()
    if data is None:
        print("\nreal text: shared/data/real/ not found beside the checkout (or set REPLYLINT_REAL_DATA); skipped")
        return
    texts = real_texts(data)
    corpus = write_real_corpus(out / "real-1", texts, _REAL_COPIES)
    characters = sum(len(text) for _, text in texts) * _REAL_COPIES
    print(f"\nreal text: the {len(texts)} replies of {data} written {_REAL_COPIES} times as .txt files "
          f"({len(corpus.files)} files, {characters / 1e6:.2f} M characters, {corpus.megabytes:.2f} MB)")
    ours_peak, theirs_peak = Peak(), Peak()
    actions = [cli_run(corpus, peak=ours_peak), floor_run(corpus)]
    textlint = with_textlint and textlint_binary() is not None
    if textlint:
        actions.append(textlint_run(corpus, write_textlint_config(out / "textlint"), theirs_peak))
    other_peak = Peak()
    if compare:
        actions.append(cli_run(corpus, peak=other_peak, checkout=compare))
    timings = medians(actions, runs)
    ours, floor_timing = timings[0], timings[1]
    print(f"  replylint check --format json  {rates(corpus, ours)}  peak {ours_peak.megabytes:.0f} MB")
    print(f"  the Python floor               {rates(corpus, floor_timing)}")
    if compare:
        other = timings[-1]
        print(f"  replylint of {compare}  {rates(corpus, other)}  peak {other_peak.megabytes:.0f} MB")
        print(f"  this checkout takes {ours.wall / other.wall:.2f}x the time of {compare} "
              f"(CPU {ours.cpu / other.cpu:.2f}x)")
    if textlint:
        theirs = timings[2]
        print(f"  textlint, 5 rules              {rates(corpus, theirs)}  peak {theirs_peak.megabytes:.0f} MB")
        print(f"  replylint's throughput is {theirs.wall / ours.wall:.2f}x textlint's (target >= 3)")
    else:
        print("  textlint: not installed in bench/.textlint (run with --install-textlint); comparison skipped")
    print(f"  replylint takes {ours.wall / floor_timing.wall:.2f}x the floor's time (target <= 2.5); "
          f"load average now {os.getloadavg()[0]:.2f}")
    print("\n  scaling (replylint check, default --jobs; the same texts written more times):")
    print(f"  {'copies':>6}  {'files':>6}  {'seconds':>8}  {'ms/file':>8}  {'CPU ms/file':>11}  {'peak MB':>7}")
    for scale in scales:
        sized = corpus if scale == 1 else write_real_corpus(out / f"real-{scale}", texts, scale * _REAL_COPIES)
        peak = Peak()
        (timing,) = medians([cli_run(sized, peak=peak)], runs)
        print(f"  {scale * _REAL_COPIES:>6}  {len(sized.files):>6}  {timing.wall:>8.2f}  "
              f"{1000 * timing.wall / len(sized.files):>8.2f}  {1000 * timing.cpu / len(sized.files):>11.2f}  "
              f"{peak.megabytes:>7.0f}")
    print(f"  (load average now {os.getloadavg()[0]:.2f})")


# ---------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--templates", type=int, default=2000, help="library size for the throughput figures")
    parser.add_argument("--sizes", default="500,1000,2000,4000", help="library sizes for the scaling table")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is printed)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the libraries are written (default {OUT})")
    parser.add_argument("--install-textlint", action="store_true", help="npm-install textlint into bench/.textlint")
    parser.add_argument("--no-textlint", action="store_true", help="skip the textlint comparison")
    parser.add_argument("--quick", action="store_true", help="one run, sizes 200,400: a smoke test")
    parser.add_argument("--real-scales", default="1,2,4",
                        help="corpus sizes for the real-text scaling table, in multiples of the corpus")
    parser.add_argument("--compare", metavar="CHECKOUT", type=Path,
                        help="real section: also time another checkout of replylint (PYTHONPATH), in turns")
    parser.add_argument("--floor", metavar="FOLDER", help=argparse.SUPPRESS)  # the floor's own process
    parser.add_argument("--only", default=",".join(_SECTIONS),
                        help=f"comma-separated sections to run (default: all of {','.join(_SECTIONS)})")
    args = parser.parse_args(argv)
    if args.floor:
        floor(sorted(str(path) for path in Path(args.floor).rglob("*.txt")))
        return
    if args.quick:
        args.runs, args.templates, args.sizes = 1, 400, "200,400"
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    out: Path = args.out
    if args.install_textlint and textlint_binary() is None:
        install_textlint()

    from replylint.engine.parallel import cpu_count

    print(f"machine: {cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start; "
          f"each figure the median of {args.runs} run(s)\n")

    sections = set(args.only.split(","))
    if "library" in sections:
        _library_section(out, args.templates, args.runs)
    if "single" in sections:
        _single_file_section(out, args.templates, args.runs)
    if "scaling" in sections:
        _scaling_section(out, sizes, args.runs)
    if "textlint" in sections and not args.no_textlint:
        _textlint_section(out, args.templates, args.runs)
    if "real" in sections:
        _real_section(out, args.runs, [int(scale) for scale in args.real_scales.split(",") if scale.strip()],
                      not args.no_textlint, args.compare.resolve() if args.compare else None)


def _library_section(out: Path, templates: int, runs: int) -> None:
    lib = library(write_library(out / f"library-{templates}", templates), templates)
    print(f"library: {lib.templates} templates in {len(lib.files)} files, {lib.megabytes:.2f} MB "
          "(.txt, .md, YAML and JSON collections)")
    cli, cli_one, warm, warm_one = medians(
        [cli_run(lib), cli_run(lib, ["--jobs", "1"]), in_process_run(lib, None), in_process_run(lib, 1)], runs)
    print(f"  replylint check (default --jobs)  {rates(lib, cli)}")
    print(f"  replylint check --jobs 1          {rates(lib, cli_one)}")
    print(f"  in-process run_check (default)    {rates(lib, warm)}")
    print(f"  in-process run_check, jobs=1      {rates(lib, warm_one)}")


def _single_file_section(out: Path, templates: int, runs: int) -> None:
    big = library(write_single_yaml(out / "single" / f"collection-{templates}.yaml", templates), templates)
    print(f"\none YAML collection of {big.templates} items, {big.megabytes:.2f} MB:")
    big_cli, big_one = medians([cli_run(big), cli_run(big, ["--jobs", "1"])], runs)
    print(f"  replylint check (default --jobs)  {rates(big, big_cli)}")
    print(f"  replylint check --jobs 1          {rates(big, big_one)}")


def _scaling_section(out: Path, sizes: Sequence[int], runs: int) -> None:
    print("\nscaling (replylint check, default --jobs):")
    print(f"  {'templates':>9}  {'files':>6}  {'MB':>5}  {'seconds':>8}  {'ms/template':>11}  {'CPU ms/template':>15}")
    for size in sizes:
        sized = library(write_library(out / f"library-{size}", size), size)
        (timing,) = medians([cli_run(sized)], runs)
        print(f"  {size:>9}  {len(sized.files):>6}  {sized.megabytes:>5.2f}  {timing.wall:>8.2f}  "
              f"{1000 * timing.wall / size:>11.2f}  {1000 * timing.cpu / size:>15.2f}")
    print(f"  (load average now {os.getloadavg()[0]:.2f})")


def _textlint_section(out: Path, templates: int, runs: int) -> None:
    if textlint_binary() is None:
        print("\ntextlint: not installed in bench/.textlint (run with --install-textlint); comparison skipped")
        return
    plain = library(write_library(out / f"plain-{templates}", templates, plain_only=True), templates)
    config = write_textlint_config(out / "textlint")
    print(f"\nthe same {plain.templates} templates as .txt/.md files only ({len(plain.files)} files, "
          f"{plain.megabytes:.2f} MB): replylint, every default rule, against textlint with ng-word, prh and "
          "sentence-length built from replylint's lexicons:")
    ours, theirs = medians([cli_run(plain), textlint_run(plain, config)], runs)
    print(f"  replylint check  {rates(plain, ours)}")
    print(f"  textlint         {rates(plain, theirs)}")
    print(f"  replylint's throughput is {theirs.wall / ours.wall:.1f}x textlint's "
          f"(per CPU second: {theirs.cpu / ours.cpu:.1f}x); load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
