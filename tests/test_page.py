"""The page of `replylint serve` in a real headless Chromium (Debian's chromium + chromedriver,
driven by Selenium): typing shows findings, a fix click changes the text. Writes a screenshot to
build/screenshots/ for a person to look at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette, uvicorn) is not installed")
pytest.importorskip("selenium", reason="selenium is not installed (the dev extra has it)")
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from clikit import ROOT
from servekit import Served, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if (CHROMIUM is None or CHROMEDRIVER is None) and os.environ.get("CI"):
    pytest.fail("Chromium or chromedriver is missing in CI: .ci/run installs Debian's chromium and "
                "chromium-driver", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                                reason="Chromium is absent: apt-get install chromium chromium-driver (.ci/run does)")

SCREENSHOTS = ROOT / "build" / "screenshots"
CLIENT = ("Здравствуйте! Подскажите, когда придёт мой заказ №48213 и сколько стоит доставка в Казань?\n"
          "Евгений Александрович")
DRAFT = ("Здравствуйте, Евгений Александрович!\n\nТвой заказ УЖЕ отправлен, курьер приедет завтра "
         "с 10:00 до 14:00, ок?\n\nС уважением,\nОльга, служба поддержки")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(cwd=tmp_path_factory.mktemp("page")) as served:
        yield served


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=ru",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: WebDriver, server: Served, lang: str = "ru") -> None:
    browser.get(f"{server.url}/?lang={lang}")
    browser.execute_script("localStorage.clear()")
    browser.get(f"{server.url}/?lang={lang}")


def _wait(browser: WebDriver, condition: Any, timeout: float = 30) -> Any:
    """Until `condition()` holds; the list is redrawn on every answer, so an element read while
    it is replaced is just read again."""
    return WebDriverWait(browser, timeout, poll_frequency=0.05,
                         ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(
        lambda _: condition())


def _settled(browser: WebDriver) -> None:
    """Until the page has the answer for the text as it is now (no check due or out)."""
    _wait(browser, lambda: browser.find_element(By.ID, "status").get_attribute("data-busy") == "false")


def _rules(browser: WebDriver) -> list[str]:
    """The rule ids listed, in order, read in one go (the list may be redrawn between two reads)."""
    rules: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('#findings li')].map((item) => item.dataset.rule);")
    return rules


def _marks(browser: WebDriver, selector: str) -> list[str]:
    texts: list[str] = browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map((mark) => mark.textContent);", selector)
    return texts


def _set(browser: WebDriver, element_id: str, text: str) -> None:
    """Put text in a box as a paste does (send_keys cannot type emoji), firing the input event."""
    browser.execute_script(
        "const box = document.getElementById(arguments[0]); box.value = arguments[1];"
        "box.dispatchEvent(new Event('input', {bubbles: true}));", element_id, text)


def test_typing_a_draft_shows_findings_underlined_listed_and_explained(browser: WebDriver, server: Served) -> None:
    _open(browser, server)
    assert browser.find_element(By.ID, "findings-title").text == "Замечания"
    browser.find_element(By.ID, "client").send_keys(CLIENT)
    draft = browser.find_element(By.ID, "draft")
    draft.click()
    draft.send_keys(DRAFT)  # typed key by key, as an agent does
    _settled(browser)
    assert {"ty-form", "caps", "slang"} <= set(_rules(browser))
    marks = set(_marks(browser, "#draft-highlights mark"))
    assert {"Твой", "УЖЕ", "ок"} <= marks
    ty_form = '#findings li[data-rule="ty-form"]'
    item = browser.find_element(By.CSS_SELECTOR, ty_form)
    assert "«Твой»" in item.text and "ty-form" in item.text
    item.find_element(By.CSS_SELECTOR, "button.why").click()
    explain = browser.find_element(By.CSS_SELECTOR, f"{ty_form} .explain").text
    assert "ty-form (error" in explain and "004" in explain
    draft.send_keys(" ")  # typing on redraws the list: the explanation the agent opened stays
    _settled(browser)
    assert browser.find_elements(By.CSS_SELECTOR, f"{ty_form} .explain")
    browser.find_element(By.CSS_SELECTOR, f"{ty_form} button.why").click()  # and closed again
    assert not browser.find_elements(By.CSS_SELECTOR, f"{ty_form} .explain")
    # The price question is not answered: it is highlighted in the client's message.
    assert "unanswered-question" in _rules(browser)
    questions = _marks(browser, "#client-highlights mark.question")
    assert any("сколько стоит доставка" in question for question in questions)
    assert not any("когда придёт" in question for question in questions)  # that one is answered
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "page-ru.png"))


def test_a_click_on_a_safe_fix_changes_the_text_at_the_right_place(browser: WebDriver, server: Served) -> None:
    _open(browser, server)
    text = "Добрый день, Анна!\n\nВаш заказ отправлен 😀, ок? Курьер приедет завтра до 18:00.\n\nС уважением,\nОльга"
    _set(browser, "draft", text)
    _settled(browser)
    assert "slang" in _rules(browser)
    # Offsets count code points, the page UTF-16 units: the emoji before «ок» must not shift the mark.
    assert "ок" in _marks(browser, "#draft-highlights mark")
    item = browser.find_element(By.CSS_SELECTOR, '#findings li[data-rule="slang"]')
    fix = item.find_element(By.CSS_SELECTOR, "button.fix")
    assert fix.text == "Исправить: «ок» → «хорошо»"
    fix.click()
    value = browser.find_element(By.ID, "draft").get_attribute("value")
    assert value == text.replace("😀, ок?", "😀, хорошо?")
    _settled(browser)
    assert "slang" not in _rules(browser) and "emoji" in _rules(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, '#findings li[data-rule="emoji"] button.fix')


def test_the_page_switches_language_and_is_keyboard_driven(browser: WebDriver, server: Served) -> None:
    _open(browser, server)
    _set(browser, "draft", "Добрий день!\n\nВаше замовлення ВІДПРАВЛЕНЕ, чекайте.\n\nЗ повагою,\nМарія")
    _settled(browser)
    assert "caps" in _rules(browser)
    browser.find_element(By.CSS_SELECTOR, '#languages button[data-lang="en"]').click()
    _wait(browser, lambda: browser.find_element(By.ID, "findings-title").text == "Findings")
    _wait(browser, lambda: "is written in capitals" in
          browser.find_element(By.CSS_SELECTOR, '#findings li[data-rule="caps"] .message').text)
    browser.find_element(By.CSS_SELECTOR, '#languages button[data-lang="uk"]').click()
    _wait(browser, lambda: browser.find_element(By.ID, "findings-title").text == "Зауваження")
    _wait(browser, lambda: "великими літерами" in
          browser.find_element(By.CSS_SELECTOR, '#findings li[data-rule="caps"] .message').text)
    # Alt+↓ from the draft selects the next finding's words in the draft itself.
    draft = browser.find_element(By.ID, "draft")
    draft.click()
    caps_index = _rules(browser).index("caps")
    for _ in range(caps_index + 1):
        draft.send_keys(Keys.ALT, Keys.ARROW_DOWN)
    selected = browser.execute_script(
        "const d = document.getElementById('draft'); return d.value.slice(d.selectionStart, d.selectionEnd);")
    assert selected == "ВІДПРАВЛЕНЕ"
    # Every control is a real button: Tab reaches them, Enter presses them.
    assert all(button.tag_name == "button" for button in browser.find_elements(By.CSS_SELECTOR, "#findings button"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "page-uk.png"))


def test_screenshots_are_written(browser: WebDriver) -> None:
    shots = sorted(path.name for path in Path(SCREENSHOTS).glob("page-*.png"))
    assert {"page-ru.png", "page-uk.png"} <= set(shots)
