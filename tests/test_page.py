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
    return WebDriverWait(browser, timeout, poll_frequency=0.05).until(lambda _: condition())


def _rules(browser: WebDriver) -> list[str]:
    return [item.get_attribute("data-rule") or "" for item in browser.find_elements(By.CSS_SELECTOR, "#findings li")]


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
    _wait(browser, lambda: "ty-form" in _rules(browser) and "caps" in _rules(browser))
    marks = {mark.get_attribute("textContent") for mark in
             browser.find_elements(By.CSS_SELECTOR, "#draft-highlights mark")}
    assert {"Твой", "УЖЕ", "ок"} <= marks
    item = browser.find_element(By.CSS_SELECTOR, '#findings li[data-rule="ty-form"]')
    assert "«Твой»" in item.text and "ty-form" in item.text
    why = next(button for button in item.find_elements(By.TAG_NAME, "button") if button.text == "Почему?")
    why.click()
    explain = item.find_element(By.CLASS_NAME, "explain").text
    assert "ty-form (error" in explain and "004" in explain
    why.click()  # and closed again
    assert not item.find_elements(By.CLASS_NAME, "explain")
    # The price question is not answered: it is highlighted in the client's message.
    _wait(browser, lambda: "unanswered-question" in _rules(browser))
    questions = [mark.get_attribute("textContent") for mark in
                 browser.find_elements(By.CSS_SELECTOR, "#client-highlights mark.question")]
    assert any("сколько стоит доставка" in question for question in questions)
    assert not any("когда придёт" in question for question in questions)  # that one is answered
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "page-ru.png"))


def test_a_click_on_a_safe_fix_changes_the_text_at_the_right_place(browser: WebDriver, server: Served) -> None:
    _open(browser, server)
    text = "Добрый день, Анна!\n\nВаш заказ отправлен 😀, ок? Курьер приедет завтра до 18:00.\n\nС уважением,\nОльга"
    _set(browser, "draft", text)
    _wait(browser, lambda: "slang" in _rules(browser))
    # Offsets count code points, the page UTF-16 units: the emoji before «ок» must not shift the mark.
    assert "ок" in [mark.get_attribute("textContent")
                    for mark in browser.find_elements(By.CSS_SELECTOR, "#draft-highlights mark")]
    item = browser.find_element(By.CSS_SELECTOR, '#findings li[data-rule="slang"]')
    fix = item.find_element(By.CSS_SELECTOR, "button.fix")
    assert fix.text == "Исправить: «ок» → «хорошо»"
    fix.click()
    value = browser.find_element(By.ID, "draft").get_attribute("value")
    assert value == text.replace("😀, ок?", "😀, хорошо?")
    _wait(browser, lambda: "slang" not in _rules(browser) and "emoji" in _rules(browser))
    assert not browser.find_elements(By.CSS_SELECTOR, '#findings li[data-rule="emoji"] button.fix')


def test_the_page_switches_language_and_is_keyboard_driven(browser: WebDriver, server: Served) -> None:
    _open(browser, server)
    _set(browser, "draft", "Добрий день!\n\nВаше замовлення ВІДПРАВЛЕНЕ, чекайте.\n\nЗ повагою,\nМарія")
    _wait(browser, lambda: "caps" in _rules(browser))
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
