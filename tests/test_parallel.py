"""Many drafts on several processes: the same findings, in the same order, as one process gives."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.engine import parallel
from replylint.engine.parallel import LintTask, default_jobs, lint_all
from replylint.engine.runner import DraftResult
from replylint.engine.settings import Settings
from replylint.sources.formats import parse_file

from clikit import ROOT, run

BAD_RU = "Привет!!! Твой заказ УЖЕ отправлен)) Если что — пиши :)\n"
BAD_UK = "Привіт!!! Твоє замовлення ВЖЕ відправлене)) Якщо що — пиши :)\n"


def _bench_library():  # type: ignore[no-untyped-def]
    """bench/library.py's generator of realistic templates (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_library", ROOT / "bench" / "library.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """160 templates in .txt, .md, YAML and JSON collections, Russian and Ukrainian, some with problems."""
    return _bench_library().write_library(tmp_path_factory.mktemp("library") / "templates", 160)


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_several_workers_print_exactly_what_one_prints(library: Path, output_format: str) -> None:
    one = run("check", str(library), "--format", output_format, "--jobs", "1")
    two = run("check", str(library), "--format", output_format, "--jobs", "2")
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr == ""
    if output_format == "json":
        summary = json.loads(one.stdout)["summary"]
        assert summary["items"] == 160
        assert summary["findings"] > 0


def test_json_encoded_while_linting_is_the_report_of_the_final_results(library: Path) -> None:
    """The JSON reporter encodes each draft while the workers lint the rest; what it writes at the
    end is the report of the results it is given, even when they are not the ones it was told of
    (a baseline or a fix changed them)."""
    import io

    from replylint.config import CliOverrides, ConfigResolver
    from replylint.reporters.json import JsonReporter, json_document, write_document
    from replylint.sources.read import read_drafts

    config = ConfigResolver(CliOverrides())
    tasks = [LintTask(draft, config.settings_for(draft.path)) for draft in read_drafts(config.files([str(library)]))]
    ahead = JsonReporter()
    results = lint_all(tasks, jobs=2, listener=ahead.advance)

    def written(reporter: JsonReporter, given: list[DraftResult]) -> str:
        out = io.StringIO()
        reporter(given, out)
        return out.getvalue()

    fresh = io.StringIO()
    write_document(json_document(results), fresh)
    assert written(ahead, results) == fresh.getvalue()
    assert json.loads(fresh.getvalue())["summary"]["items"] == 160
    fewer = [DraftResult(result.draft, result.language, result.findings[1:]) for result in results]
    expected = io.StringIO()
    write_document(json_document(fewer), expected)
    assert written(ahead, fewer) == expected.getvalue() != fresh.getvalue()


def test_default_jobs_uses_every_cpu_only_when_there_is_enough_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cpu_count", lambda: 8)
    assert default_jobs(1) == 1
    assert default_jobs(parallel.MIN_DRAFTS_PER_WORKER) == 1
    assert default_jobs(3 * parallel.MIN_DRAFTS_PER_WORKER) == 3
    assert default_jobs(100 * parallel.MIN_DRAFTS_PER_WORKER) == 8


def _collection(tmp_path: Path, count: int) -> Path:
    """One YAML collection: Russian and Ukrainian items with problems, and clean ones between."""
    lines = ["templates:"]
    for index in range(count):
        text = (BAD_RU, BAD_UK, "Добрый день!\n\nЗаказ отправлен.\n\nС уважением,\nАнна\n")[index % 3]
        lines += [f"  - id: item-{index}", "    text: |", *(f"      {line}" for line in text.splitlines())]
    path = tmp_path / "macros.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _where(results):  # type: ignore[no-untyped-def]
    """Every finding as the reporters show it: item, rule, line and column in the file."""
    return [(result.draft.item, finding.rule, result.draft.locate(finding.start))
            for result in results for finding in result.findings]


def test_items_of_one_big_file_spread_over_workers_and_keep_their_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _collection(tmp_path, 120)
    drafts = parse_file(str(path), path.read_text(encoding="utf-8"))
    tasks = [LintTask(draft, Settings()) for draft in drafts]

    original = parallel.lint_draft

    def tagged(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = original(*args, **kwargs)
        result.language += f"@{os.getpid()}"  # which process linted it: a worker sends the language back
        return result

    def worker(result: DraftResult) -> int:
        return int(result.language.partition("@")[2])

    monkeypatch.setattr(parallel, "lint_draft", tagged)
    sequential = lint_all(tasks, jobs=1)
    spread = lint_all(tasks, jobs=2)

    assert {worker(result) for result in sequential} == {os.getpid()}
    workers = {worker(result) for result in spread}
    assert len(workers) == 2 and os.getpid() not in workers
    assert [result.draft for result in spread] == drafts  # the drafts as read, line maps included
    assert _where(spread) == _where(sequential)
    # Item 1 is the Ukrainian draft: its «Твоє» stands on line 7 of the file, after «      Привіт!!! ».
    assert ("item-1", "ty-form", (7, 17)) in _where(spread)


def test_each_draft_keeps_its_own_settings_in_a_worker() -> None:
    from replylint.sources.draft import Draft

    caps_only = Settings(select=frozenset({"caps"}), lang="ru")
    ty_only = Settings(select=frozenset({"ty-form"}), lang="ru")
    tasks = [LintTask(Draft(f"draft-{index}.txt", BAD_RU), caps_only if index % 2 else ty_only)
             for index in range(100)]
    results = lint_all(tasks, jobs=2)
    assert [{finding.rule for finding in result.findings} for result in results] == [
        {"caps"} if index % 2 else {"ty-form"} for index in range(100)]


def test_an_error_in_a_worker_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    from replylint.sources.draft import Draft

    original = parallel.lint_draft

    def broken(draft, settings, **options):  # type: ignore[no-untyped-def]
        if draft.path == "draft-7.txt":
            raise ValueError(f"cannot lint {draft.path}")
        return original(draft, settings, **options)

    monkeypatch.setattr(parallel, "lint_draft", broken)
    tasks = [LintTask(Draft(f"draft-{index}.txt", BAD_RU), Settings()) for index in range(10)]
    with pytest.raises(ValueError, match=r"cannot lint draft-7\.txt"):
        lint_all(tasks, jobs=2)


@pytest.mark.parametrize("value", ["-1", "many"])
def test_bad_jobs_value_is_a_one_line_usage_error(value: str) -> None:
    result = run("check", "examples/draft.txt", "--jobs", value)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--jobs" in result.stderr


def test_a_file_that_cannot_be_read_stops_a_parallel_run_with_one_line(tmp_path: Path) -> None:
    """Workers start on the first drafts while the rest are read: a bad file read late still ends
    the run with one line and exit 2, and no report."""
    for index in range(2 * parallel.MIN_DRAFTS_PER_WORKER + 10):
        (tmp_path / f"a{index:03d}.txt").write_text(BAD_RU, encoding="utf-8")
    (tmp_path / "z-last.txt").write_bytes(b"\x00\x01binary")
    result = run("check", str(tmp_path), "--jobs", "2", "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"replylint: error: {tmp_path / 'z-last.txt'}: binary file, not text"]


def test_a_report_written_to_a_file_is_whole_despite_the_immediate_exit(library: Path, tmp_path: Path) -> None:
    """`replylint` ends with os._exit (no interpreter teardown): a report sent to a file, which is
    block-buffered, must still reach it whole, and the exit code must survive."""
    report = tmp_path / "report.json"
    with report.open("wb") as out:
        completed = subprocess.run([sys.executable, "-m", "replylint", "check", str(library), "--format", "json"],
                                   stdout=out, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                   timeout=120, check=False)
    assert completed.returncode == 1, completed.stderr
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["summary"]["items"] == 160
    assert len(report.read_bytes()) > 65536  # more than one buffer's worth: the last flush counted
