"""Import article files: find them, parse each (archive.parsing), and write it in one transaction.

Each file is keyed by a stable source key and a content hash. A file whose bytes are unchanged
since the last import is skipped without parsing; a changed file updates its article and keeps
the previous text as a revision, then sends ``article_text_changed`` inside the same
transaction. A file that fails leaves no rows behind and does not stop the others.
"""

import glob
import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from .frontmatter import ArticleFileError
from .models import Article
from .parallel import PARALLEL_FROM, parse_all
from .parsing import ParsedArticle, file_hash, read_text
from .services import ImportCache, article_apply

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


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what receivers of text changes reported

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, failed {self.failed}"
        )


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
            for path in files:
                sources.setdefault(path.resolve(), Source(path, _relative(path, root)))
        elif os.path.isdir(argument):
            root = Path(argument)
            for path in _walk(root):
                sources.setdefault(path.resolve(), Source(path, _relative(path, root)))
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


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def import_paths(
    arguments: Iterable[str],
    *,
    dry_run: bool = False,
    on_file: Callable[[Source, str, list[str], list[str]], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> Report:
    """Import every article file named by ``arguments``; return what happened to each."""
    sources, missing = find_sources(arguments)
    report = Report(failures=list(missing))
    for failure in missing:
        if on_failure:
            on_failure(failure)
    claimed: dict[str, Source] = {}
    changed = _changed_sources(sources, claimed, report, on_file, on_failure)
    cache = ImportCache()
    with _fewer_checkpoints(large=len(changed) >= PARALLEL_FROM):
        _import_changed(changed, claimed, report, cache, dry_run, on_file, on_failure)
    return report


@contextmanager
def _fewer_checkpoints(*, large: bool):
    """SQLite copies its write-ahead log into the database (and syncs the disk) every 1,000
    pages by default: a few dozen articles. A large import does that far less often; the
    log is checkpointed as usual when the import ends. One transaction per file stays."""
    sqlite = large and connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint = 25000")
    try:
        yield
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_autocheckpoint = 1000")


def _import_changed(
    changed, claimed: dict[str, Source], report: Report, cache, dry_run: bool, on_file, on_failure
) -> None:
    jobs = [(str(source.path), source.relative) for source in changed]
    results = parse_all(jobs, linker=cache.linker() if changed else None)
    for source, result in zip(changed, results, strict=True):
        try:
            if result.parsed is None:
                raise ArticleFileError(result.error, line=result.line)
            _claim(claimed, result.parsed.source_key, source)
            notes: list[str] = []
            outcome = _apply(result.parsed, cache=cache, dry_run=dry_run, notes=notes)
        except ArticleFileError as exc:
            _fail(report, Failure(str(source.path), exc.message, exc.line), on_failure)
            cache.clear()  # it may hold rows that the rolled-back transaction never kept
            continue
        _done(report, source, outcome, result.parsed.warnings, on_file, notes=notes)


def _claim(claimed: dict[str, Source], key: str, source: Source) -> None:
    """Two files of one import must not be one article: each would overwrite the other."""
    other = claimed.setdefault(key, source)
    if other is not source:
        kind, _, value = key.partition(":")
        what = f"the {kind} {value!r}" if kind != "path" else f"the relative path {value!r}"
        raise ArticleFileError(
            f"{what} is also used by {other.path} in this import: give one of them its own slug"
        )


def _changed_sources(sources, claimed, report: Report, on_file, on_failure) -> list[Source]:
    """The sources whose bytes differ from their last import; the others count as unchanged.

    An unchanged file keeps its article's key in ``claimed``, so that a new file with the same
    slug fails instead of taking that article over.
    """
    known = {
        path: (digest, key)
        for path, digest, key in Article.objects.values_list(
            "source_path", "file_hash", "source_key"
        )
    }
    changed = []
    for source in sources:
        if source.relative not in known:
            changed.append(source)  # new: its worker reads it; no need to read it twice
            continue
        try:
            raw = read_text(source.path)
        except ArticleFileError as exc:
            _fail(report, Failure(str(source.path), exc.message, exc.line), on_failure)
            continue
        except OSError as exc:
            message = f"cannot read the file: {exc.strerror or exc}"
            _fail(report, Failure(str(source.path), message), on_failure)
            continue
        stored_hash, key = known[source.relative]
        if stored_hash == file_hash(raw) and claimed.setdefault(key, source) is source:
            _done(report, source, "unchanged", [], on_file)
        else:
            changed.append(source)
    return changed


def _fail(report: Report, failure: Failure, on_failure) -> None:
    report.failures.append(failure)
    if on_failure:
        on_failure(failure)


def _done(report: Report, source, outcome: str, warnings, on_file, *, notes=()) -> None:
    setattr(report, outcome, getattr(report, outcome) + 1)
    report.warnings.extend(f"{source.path}: {warning}" for warning in warnings)
    report.notes.extend(f"{source.path}: {note}" for note in notes)
    if on_file:
        on_file(source, outcome, warnings, list(notes))


def _apply(parsed: ParsedArticle, *, cache: ImportCache, dry_run: bool, notes: list[str]) -> str:
    """Write one parsed file in its own transaction; any refusal names the file."""
    if dry_run:
        return _dry_run_outcome(parsed)
    try:
        with transaction.atomic():
            return article_apply(parsed=parsed, cache=cache, notes=notes)
    except Exception as exc:  # a database refusal or a failing receiver: the others go on
        raise ArticleFileError(f"could not be saved: {exc}") from exc


def _dry_run_outcome(parsed: ParsedArticle) -> str:
    current = (
        Article.objects.filter(source_key=parsed.source_key)
        .values_list("file_hash", flat=True)
        .first()
    )
    if current is None:
        return "created"
    return "unchanged" if current == parsed.file_hash else "updated"
