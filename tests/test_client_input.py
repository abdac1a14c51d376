"""The client's message on the command line: --client FILE (text or .eml) and --client-text."""

import json

import pytest

from clikit import run

DRAFT = "Женя, добрый день!\nЗаказ 4821 передан курьеру)) Привезёт завтра до 18:00.\nС уважением, Ольга\n"
CLIENT = "Здравствуйте! Где мой заказ 4821? Жду уже неделю.\nЕвгений Александрович\n"
CLIENT_EML = """From: Evgeny <evgeny@example.com>
To: support@example.com
Subject: Re: Заказ 4821
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Здравствуйте! Где мой заказ 4821? Жду уже неделю.
Евгений Александрович

On Mon, 3 Jun 2024 at 10:00, Support <support@example.com> wrote:
> Привет, Женя! Заказ УЖЕ собираем)))
> С уважением, Ольга
"""


def findings(completed) -> dict[str, str]:
    assert completed.returncode in (0, 1), completed.stderr
    report = json.loads(completed.stdout)
    return {finding["rule"]: finding["severity"] for file in report["files"] for finding in file["findings"]}


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_client_text_is_the_clients_message(draft) -> None:
    found = findings(run("check", str(draft), "--client-text", CLIENT, "--format", "json"))
    assert found["name-diminutive"] == "error"
    assert found["emoji"] == "error"
    assert "name-diminutive" not in findings(run("check", str(draft), "--format", "json"))


def test_client_file_as_text(draft, tmp_path) -> None:
    client = tmp_path / "client.txt"
    client.write_text(CLIENT, encoding="utf-8")
    assert findings(run("check", str(draft), "--client", str(client), "--format", "json"))["name-diminutive"] == "error"


def test_client_eml_is_read_without_its_quoted_history(draft, tmp_path) -> None:
    client = tmp_path / "client.eml"
    client.write_text(CLIENT_EML, encoding="utf-8")
    found = findings(run("check", str(draft), "--client", str(client), "--format", "json"))
    assert found["name-diminutive"] == "error"  # the name from the client's own signature
    # «)))» is only in the history the client quotes: their own message has no smileys to mirror
    assert found["emoji"] == "error"


def test_client_and_client_text_exclude_each_other(draft, tmp_path) -> None:
    client = tmp_path / "client.txt"
    client.write_text(CLIENT, encoding="utf-8")
    completed = run("check", str(draft), "--client", str(client), "--client-text", CLIENT)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1 and "--client-text" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--client-text", "  "), "--client-text is empty"),
    (("--client", "no-such-client.txt"), "no such file"),
])
def test_bad_client_input_is_a_one_line_error(draft, args: tuple[str, ...], message: str) -> None:
    completed = run("check", str(draft), *args)
    assert completed.returncode == 2
    assert message in completed.stderr
    assert completed.stderr.count("\n") == 1
