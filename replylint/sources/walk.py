"""Which files to lint: paths named on the command line, and the supported files under folders."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from pathspec import GitIgnoreSpec

from replylint.sources.errors import MAX_FOLDER_DEPTH, SourceError
from replylint.sources.formats import SUPPORTED_EXTENSIONS

DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*.{extension}" for extension in SUPPORTED_EXTENSIONS)
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})

# (the folder a .gitignore sits in, its patterns); deeper files come later in the list.
_Ignores = list[tuple[str, GitIgnoreSpec]]


def discover(
    paths: Sequence[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
) -> list[str]:
    """Files to lint, without duplicates, in a stable order.

    Files named directly are always taken. Folders are walked recursively in name order for files
    matching `include` and not `exclude` (gitignore-style patterns relative to the walked folder,
    `**` allowed; a custom `include` replaces the default list of supported extensions), skipping
    hidden entries, node_modules, __pycache__ and virtualenvs, and, unless `respect_gitignore` is
    false, anything ignored by a .gitignore in the folder, below it or above it up to the git root.
    """
    # "*" takes every file and no `exclude` drops none: no pattern is asked per file then (a
    # library of thousands of files asked pathspec twice a file for nothing).
    walker = _Walker(None if tuple(include) == ("*",) else GitIgnoreSpec.from_lines(include),
                     GitIgnoreSpec.from_lines(exclude) if exclude else None, respect_gitignore)
    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            candidates: Iterator[tuple[str, str]] | list[tuple[str, str]] = walker.walk(path)
        elif os.path.exists(path):
            candidates = [(path, os.path.realpath(path))]
        else:
            raise SourceError(path, "no such file or directory")
        for candidate, real in candidates:
            key = os.path.normcase(real)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


class _Walker:
    def __init__(self, include: GitIgnoreSpec | None, exclude: GitIgnoreSpec | None, respect_gitignore: bool) -> None:
        self.include = include  # None: every file
        self.exclude = exclude  # None: no file
        self.respect_gitignore = respect_gitignore

    def walk(self, root: str) -> Iterator[tuple[str, str]]:
        """(path, its real path) of each file to lint under `root`."""
        ignores = self._ancestor_ignores(root) if self.respect_gitignore else []
        yield from self._visit(root, os.path.realpath(root), "", ignores, 0)

    def _visit(self, folder: str, real: str, relative: str, ignores: _Ignores, depth: int
               ) -> Iterator[tuple[str, str]]:
        """`real`: the folder's real path. An entry that is no symlink is `real`/name: the real
        path of each file without a system call per folder above it (os.path.realpath's cost)."""
        if depth > MAX_FOLDER_DEPTH:
            raise SourceError(folder, f"folders nested deeper than {MAX_FOLDER_DEPTH} levels; not walked further")
        if self.respect_gitignore and (spec := _read_gitignore(folder)) is not None:
            ignores = [*ignores, (folder, spec)]
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            name = f"{relative}{entry.name}"
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):  # symlinked folders could loop
                skipped = _is_tool_dir(entry) or self._excluded(f"{name}/")
                if not (skipped or _ignored(entry.path, ignores, True)):
                    yield from self._visit(entry.path, os.path.join(real, entry.name), f"{name}/", ignores, depth + 1)
            elif (
                entry.is_file()
                and (self.include is None or self.include.match_file(name))
                and not self._excluded(name)
                and not _ignored(entry.path, ignores, False)
            ):
                yield entry.path, os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real, entry.name)

    def _excluded(self, name: str) -> bool:
        return self.exclude is not None and self.exclude.match_file(name)

    @staticmethod
    def _ancestor_ignores(root: str) -> _Ignores:
        """The .gitignore files above `root` that git applies to it: those up to the repository top
        (none when `root` is not inside a repository)."""
        folder = os.path.abspath(root)
        above: list[str] = []
        while not os.path.exists(os.path.join(folder, ".git")):
            parent = os.path.dirname(folder)
            if parent == folder:
                return []
            folder = parent
            above.append(folder)
        return [(folder, spec) for folder in reversed(above) if (spec := _read_gitignore(folder)) is not None]


def _read_gitignore(folder: str) -> GitIgnoreSpec | None:
    path = os.path.join(folder, ".gitignore")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as file:
        return GitIgnoreSpec.from_lines(file.read().splitlines())


def _is_tool_dir(entry: os.DirEntry[str]) -> bool:
    return entry.name in _SKIPPED_DIRS or os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))


def _ignored(path: str, ignores: _Ignores, is_dir: bool) -> bool:
    """Git semantics: the deepest .gitignore with a matching pattern decides (`!` re-includes)."""
    for folder, spec in reversed(ignores):
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder)).replace(os.sep, "/")
        result = spec.check_file(f"{relative}/" if is_dir else relative)
        if result.include is not None:
            return result.include
    return False
