"""Which files an import reads: files, folders and globs expanded into article files.

Each file keeps the path relative to the root it was found under: that path is the source key
of a file without a slug of its own, so the same folder imported from elsewhere is the same
articles.
"""

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"}
GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Source:
    path: Path
    relative: str  # relative to the import root; the source key of files without a slug


@dataclass(frozen=True)
class Failure:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def find_sources(arguments: Iterable[str]) -> tuple[list[Source], list[Failure]]:
    """Expand files, folders and globs into article files, each with its import root."""
    sources: dict[Path, Source] = {}
    missing: list[Failure] = []
    for argument in arguments:
        if GLOB_CHARS & set(argument):
            root = _glob_root(argument)
            matches = [Path(p) for p in sorted(glob.glob(argument, recursive=True))]
            files = [p for p in matches if p.is_file()]  # regular files: not FIFOs or devices
            if not files:
                missing.append(Failure(argument, "no files match this pattern"))
            _add_found(sources, files, root)
        elif os.path.isdir(argument):
            _add_found(sources, _walk(Path(argument)), Path(argument))
        elif os.path.isfile(argument):
            path = Path(argument)
            sources.setdefault(path.resolve(), Source(path, path.name))
        else:
            missing.append(Failure(argument, "no such file or folder"))
    return list(sources.values()), missing


def _walk(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            # Regular files only: reading a FIFO or a device would wait for ever.
            if (
                not name.startswith(".")
                and path.suffix.lower() in ARTICLE_SUFFIXES
                and path.is_file()
            ):
                found.append(path)
    return found


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = []
    for part in parts:
        if GLOB_CHARS & set(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _add_found(sources: dict[Path, Source], paths: list[Path], root: Path) -> None:
    root = root.resolve()  # once: resolving costs a system call per part of the path
    for path in paths:
        resolved = path.resolve()
        sources.setdefault(resolved, Source(path, _relative(path, resolved, root)))


def _relative(path: Path, resolved: Path, root: Path) -> str:
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return path.name
