"""pytest fixtures for tests/test_languagetool.py (loaded there through `pytest_plugins`)."""

from __future__ import annotations

import pathlib
import socket
from collections.abc import Callable, Iterator

import pytest

from replylint.integrations.languagetool import LanguageToolClient

from fake_languagetool import FakeLanguageTool

MISSPELLINGS: dict[str, list[str]] = {
    "праверили": ["проверили", "поверили"],  # ru
    "ашибка": ["ошибка"],  # ru, used inside masked spans
    "перевирили": ["перевірили"],  # uk
    "замовленя": ["замовлення"],  # uk
}

ClientFactory = Callable[..., LanguageToolClient]


@pytest.fixture
def fake_lt(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLanguageTool]:
    # A proxy from the environment must not swallow requests meant for the fake.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    fake = FakeLanguageTool(misspellings=dict(MISSPELLINGS)).start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def lt_cache_dir(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / "cache"


@pytest.fixture
def make_lt_client(fake_lt: FakeLanguageTool, lt_cache_dir: pathlib.Path) -> ClientFactory:
    def make(url: str | None = None, *, timeout: float = 5.0) -> LanguageToolClient:
        return LanguageToolClient(url or fake_lt.url, timeout=timeout, cache_dir=lt_cache_dir)

    return make


@pytest.fixture
def closed_port_url() -> str:
    """A 127.0.0.1 URL nobody listens on (the port was free a moment ago)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
