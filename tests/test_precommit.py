"""The pre-commit hook as a team meets it: their .pre-commit-config.yaml names this checkout.

pre-commit clones a repository's committed state at a rev and pip-installs it into an environment
of its own, so the working tree (with whatever is not committed yet) is copied into a temporary
repository and committed there first. Installing the project needs the package index (as CI has).
The team's config names that repository and commit, and every test runs `pre-commit run` with one
store (PRE_COMMIT_HOME): the environment is built once, by the first test, and reused by the
others, as it is on a developer's machine (`try-repo` would build it afresh on every call).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clikit import ROOT

BAD = "Привет!!! Твой заказ УЖЕ отправлен)) Если что — пиши :)\n"
GOOD = ("Анна, добрый день!\n\nЗаказ отправлен, курьер приедет завтра с 10 до 14. Трек-номер пришлём в СМС.\n\n"
        "С уважением,\nМария, служба поддержки\n")
GOOD_UK = ("Олено, добрий день!\n\nЗамовлення відправлене, кур'єр приїде завтра з 10 до 14. "
           "Номер для відстеження надішлемо в СМС.\n\nЗ повагою,\nМарія, служба підтримки\n")
# The team's own hooks: YAML, but no templates (replylint, handed it, says so and exits 2).
_TEAM_CONFIG = """repos:
  - repo: local
    hooks:
      - id: json
        name: json syntax
        entry: python -m json.tool
        language: system
        types: [json]
"""
# Each call builds the hook's environment: a virtualenv, replylint and its dependencies installed.
_TIMEOUT = 900
_IDENTITY = ["-c", "user.name=replylint tests", "-c", "user.email=tests@replylint.invalid",
             "-c", "commit.gpgsign=false"]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *_IDENTITY, *args], cwd=cwd, check=True, capture_output=True, timeout=120)


def _checkout_files() -> list[Path]:
    """The checkout's files as git sees them: tracked and untracked, without what .gitignore drops."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:  # not a git checkout (an unpacked sdist): everything but caches
        return [path.relative_to(ROOT) for path in ROOT.rglob("*")
                if path.is_file() and not any(part.startswith((".", "__pycache__")) for part in path.parts)]
    return [Path(name) for name in listed.stdout.decode().split("\0") if name]


def _revision(repo: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree, committed into a repository of its own."""
    repo = tmp_path_factory.mktemp("replylint-repo")
    for relative in _checkout_files():
        source = ROOT / relative
        if source.is_file():  # listed but deleted in the working tree: gone
            (repo / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / relative)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "replylint under test", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def project(hook_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A team's repository of templates: one with problems, two clean ones, one not a template; its
    .pre-commit-config.yaml has the team's own hook and replylint's."""
    root = tmp_path_factory.mktemp("support-templates")
    templates = root / "templates"
    templates.mkdir()
    (templates / "bad.txt").write_text(BAD, encoding="utf-8")
    (templates / "good.txt").write_text(GOOD, encoding="utf-8")
    (templates / "good-uk.md").write_text(GOOD_UK, encoding="utf-8")
    replylint_hook = (f"  - repo: {hook_repo.as_uri()}\n    rev: {_revision(hook_repo)}\n"
                      "    hooks:\n      - id: replylint\n")
    (root / ".pre-commit-config.yaml").write_text(_TEAM_CONFIG + replylint_hook, encoding="utf-8")
    _git("init", "-q", cwd=root)
    _git("add", "-A", cwd=root)
    return root


@pytest.fixture(scope="module")
def run_hook(project: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    pytest.importorskip("pre_commit", reason="pre-commit is in the dev extra: pip install -e '.[dev]'")
    home = tmp_path_factory.mktemp("pre-commit-home")  # nothing of the tests' lands in ~/.cache/pre-commit
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    environment.pop("PYTHONPATH", None)  # the hook must run the replylint it installed, not this checkout

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "run", "replylint", "--verbose", "--files", *files]
        return subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True,
                              timeout=_TIMEOUT, check=False)

    return run


@pytest.mark.slow  # builds a virtualenv and pip-installs replylint: tens of seconds
def test_hook_fails_on_a_template_with_problems(run_hook) -> None:  # type: ignore[no-untyped-def]
    result = run_hook("templates/bad.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"replylint\.*Failed", result.stdout), result.stdout
    assert "exit code: 1" in result.stdout, result.stdout  # findings, not a usage error (2)
    for rule in ("informal-greeting", "ty-form", "caps", "farewell"):
        assert rule in result.stdout, result.stdout
    assert "templates/bad.txt" in result.stdout


@pytest.mark.slow  # builds the environment when run alone: tens of seconds
def test_hook_passes_clean_templates_and_leaves_other_files_alone(run_hook) -> None:  # type: ignore[no-untyped-def]
    """The team's .pre-commit-config.yaml is YAML but no template collection: were it handed to
    replylint, it would fail ("no templates found"), so passing shows the hook's filter kept it out."""
    result = run_hook("templates/good.txt", "templates/good-uk.md", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"replylint\.*Passed", result.stdout), result.stdout


def test_hook_definition_matches_the_formats_replylint_reads() -> None:
    from replylint.sources.formats import SUPPORTED_EXTENSIONS

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "replylint check"
    included = re.compile(hook["files"])
    assert all(included.search(f"templates/reply.{extension}") for extension in SUPPORTED_EXTENSIONS)
    excluded = re.compile(hook["exclude"])
    for tooling in (".pre-commit-config.yaml", ".github/workflows/ci.yml", "package.json", "README.md",
                    "requirements.txt", "docker-compose.yml"):
        assert excluded.search(tooling), tooling
    for template in ("templates/ru/refund.txt", "macros/delivery.yaml", "readme-reply.md", "compose-reply.json"):
        assert not excluded.search(template), template
