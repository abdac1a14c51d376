"""Rule data is read from rules/ through one cache that must always say what the TOML says."""

import os
import subprocess
import sys
import tomllib

from replylint.data import rules_dir

_PROBE = """
import json, sys
from replylint.data import load_toml
print(json.dumps({name: load_toml(name) for name in sys.argv[1:]}, ensure_ascii=False, sort_keys=True))
"""


def _load_in_fresh_process(cache: str, *names: str) -> dict:
    import json

    environment = {**os.environ, "REPLYLINT_CACHE_DIR": cache}
    output = subprocess.run([sys.executable, "-c", _PROBE, *names], capture_output=True, text=True,
                            env=environment, check=True).stdout
    return json.loads(output)


def test_cached_data_equals_the_toml_files_and_the_cache_is_reused(tmp_path) -> None:
    names = sorted(path.relative_to(rules_dir()).as_posix() for path in rules_dir().rglob("*.toml"))
    expected = {name: tomllib.loads((rules_dir() / name).read_text(encoding="utf-8")) for name in names}
    assert _load_in_fresh_process(str(tmp_path), *names) == expected  # parsed, then stored
    [bundle] = tmp_path.glob("rules-*.pickle")
    assert _load_in_fresh_process(str(tmp_path), *names) == expected  # read back from the bundle
    assert list(tmp_path.glob("rules-*.pickle")) == [bundle]


def test_a_corrupt_or_unwritable_cache_only_costs_speed(tmp_path) -> None:
    name = "ru/greetings.toml"
    expected = tomllib.loads((rules_dir() / name).read_text(encoding="utf-8"))
    _load_in_fresh_process(str(tmp_path), name)
    for bundle in tmp_path.glob("rules-*.pickle"):
        bundle.write_bytes(b"not a pickle")
    assert _load_in_fresh_process(str(tmp_path), name)[name] == expected
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert _load_in_fresh_process(str(blocker / "cache"), name)[name] == expected


def test_a_missing_list_is_an_error_not_an_empty_table() -> None:
    """Issue 15: no silent fallback. A language without a list ships the file with an empty table."""
    import pytest

    from replylint.data import DataError, load_toml

    with pytest.raises(DataError, match=r"rules/uk/no-such-list\.toml"):
        load_toml("uk/no-such-list.toml")


def test_a_derived_value_is_built_once_and_rebuilt_when_its_code_changes(tmp_path, monkeypatch) -> None:
    import replylint.data as data

    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path / "cache"))
    code = tmp_path / "builder.py"
    code.write_text("# version 1\n")
    builds: list[int] = []

    def build() -> dict:
        builds.append(1)
        return {"lemmas": ["заказ", "доставка"]}

    assert data.derived("index", build, code_file=str(code)) == {"lemmas": ["заказ", "доставка"]}
    assert data.derived("index", build, code_file=str(code)) == {"lemmas": ["заказ", "доставка"]}
    assert len(builds) == 1
    code.write_text("# version 2, longer\n")
    data.derived("index", build, code_file=str(code))
    assert len(builds) == 2
    assert len(list((tmp_path / "cache").glob("derived-*-index-*.pickle"))) == 1, "the stale one is dropped"


_DERIVED_PROBE = """
import os, sys
from replylint.data import derived
print(derived("probe", lambda: f"built in {sys.prefix} by process {os.getpid()}", code_file=sys.argv[1]))
"""


def test_two_environments_running_one_checkout_keep_their_own_derived_values(tmp_path) -> None:
    """A checkout run from a virtual environment and from pre-commit's: neither rebuilds (a second
    and a half for the word frequencies) what the other stored, and the files stay few."""
    import venv
    from pathlib import Path

    checkout = str(Path(__file__).resolve().parent.parent)
    other = tmp_path / "other-env"
    venv.create(other, with_pip=False)
    interpreters = [sys.executable, str(other / "bin" / "python")]
    code = tmp_path / "builder.py"
    code.write_text("# the code that builds the value\n")
    environment = {**os.environ, "REPLYLINT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": checkout}

    def run(interpreter: str) -> str:
        return subprocess.run([interpreter, "-c", _DERIVED_PROBE, str(code)], capture_output=True, text=True,
                              env=environment, check=True).stdout.strip()

    first = [run(interpreter) for interpreter in interpreters]
    assert first[0] != first[1], "each environment builds its own value"
    assert [run(interpreter) for interpreter in interpreters * 2] == first * 2, "and then reads it back"
    assert len(list((tmp_path / "cache").glob("derived-*-probe-*.pickle"))) == 2


def test_a_derived_byte_table_is_mapped_back_and_a_cut_off_one_rebuilt(tmp_path, monkeypatch) -> None:
    import replylint.data as data

    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path / "cache"))
    code = tmp_path / "table.py"
    code.write_text("# builds a table\n")
    table = "заказ\nдоставка\n".encode() * 1000
    builds: list[int] = []

    def build() -> bytes:
        builds.append(1)
        return table

    assert data.derived_bytes("table", build, code_file=str(code)) == table
    read_back = data.derived_bytes("table", build, code_file=str(code))
    assert read_back == table and len(builds) == 1
    [kept] = (tmp_path / "cache").glob("derived-*-table-*.bin")
    kept.write_bytes(kept.read_bytes()[:5000])  # a disk that filled up mid-write, say
    assert data.derived_bytes("table", build, code_file=str(code)) == table and len(builds) == 2
    assert data.derived_bytes("table", build, code_file=str(code)) == table and len(builds) == 2


def test_rebuilding_a_value_tidies_the_cache_folder_but_keeps_what_is_in_use(tmp_path, monkeypatch) -> None:
    """An upgrade leaves files of the older format, removed clones and virtual environments leave
    theirs: a rebuild drops them (the newest copies of a value stay), never a file that is not ours."""
    import time

    import replylint.data as data

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(cache))
    old_format = cache / "derived-11ff021522b1-frequency-ru-15e285c4f3229941880e.pickle"
    abandoned, writing = cache / ".rules-abandoned.tmp", cache / ".rules-writing.tmp"
    mine = cache / "notes.txt"
    for path in (old_format, abandoned, writing, mine):
        path.write_bytes(b"x" * 100)
    two_hours_ago = time.time() - 7200
    os.utime(abandoned, (two_hours_ago, two_hours_ago))
    others = []  # the same value, built by twenty other checkouts or environments, five minutes apart
    for number in range(20):
        other = cache / f"derived-{number:016x}-{number:08x}-probe-{number:016x}.pickle"
        other.write_bytes(b"x")
        os.utime(other, (two_hours_ago + 300 * number,) * 2)
        others.append(other)
    code = tmp_path / "builder.py"
    code.write_text("# builds the probe\n")

    assert data.derived("probe", lambda: "value", code_file=str(code)) == "value"

    names = {path.name for path in cache.iterdir()}
    assert not old_format.exists() and not abandoned.exists()
    assert writing.exists() and mine.exists(), "a write in progress and a file not ours stay"
    copies = sorted(cache.glob("derived-*-probe-*.pickle"))
    assert len(copies) == 16, names
    assert set(others[-15:]) < set(copies), "the newest copies stay, besides the one just built"
    assert data.derived("probe", lambda: "rebuilt", code_file=str(code)) == "value", "and it is read back"
