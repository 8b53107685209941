"""Import article files: find them, parse each (archive.parsing), and write it all or nothing.

Each file is keyed by a stable source key and a content hash. A file whose bytes are unchanged
since the last import is skipped without parsing; a changed file updates its article and keeps
the previous text as a revision, then sends ``article_text_changed`` inside the same
transaction. A file that fails leaves no rows behind and does not stop the others: files are
written in batches, one transaction each, every file in a savepoint of its own.

From ``PARALLEL_FROM`` changed files on, worker processes parse while this process writes
(archive.parallel); the workers never touch the database and end with the import, so an import
killed half-way leaves the files of its committed batches imported, no partial article, and
nothing that holds up the next import.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial

from django.db import connection, transaction

from .frontmatter import ArticleFileError
from .models import Article
from .parallel import PARALLEL_FROM, ParseResult, parse_all
from .parsing import ParsedArticle, file_hash, read_text
from .registry_generation import registry_changes_collected
from .services import ImportCache, Outcome, article_apply
from .sources import Failure, Source, find_sources
from .tasks import discovery_enqueue

# Files written in one transaction: fewer commits, and a write lock held for well under a
# second (other writers, such as readers' annotations, wait for it); fewer files if large.
BATCH_FILES = 50
BATCH_CHARS = 2_000_000


@dataclass
class Report:
    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what receivers of text changes reported

    @property
    def created(self) -> int:
        return self.counts[Outcome.CREATED]

    @property
    def updated(self) -> int:
        return self.counts[Outcome.UPDATED]

    @property
    def unchanged(self) -> int:
        return self.counts[Outcome.UNCHANGED]

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def files_with_warnings(self) -> int:
        return len({warning.split(": ", 1)[0] for warning in self.warnings})

    def summary(self) -> str:
        counts = ", ".join(f"{outcome} {count}" for outcome, count in self.counts.items())
        return f"{counts}, failed {self.failed}, warnings {len(self.warnings)}"


OnFile = Callable[[Source, Outcome, list[str], list[str]], None]  # warnings, then notes
OnFailure = Callable[[Failure], None]


def import_paths(
    arguments: Iterable[str],
    *,
    dry_run: bool = False,
    on_file: OnFile | None = None,
    on_failure: OnFailure | None = None,
) -> Report:
    """Import every article file named by ``arguments``; return what happened to each."""
    sources, missing = find_sources(arguments)
    run = ImportRun(dry_run=dry_run, on_file=on_file, on_failure=on_failure)
    for failure in missing:
        run.fail(failure)
    changed = run.skip_unchanged(sources)
    with _sqlite_tuned(large=len(changed) >= PARALLEL_FROM):
        run.import_changed(changed)
    if run.written:
        transaction.on_commit(partial(_discover_names, run.written))
    return run.report


def _discover_names(source_keys: list[str]) -> None:
    """Queue the recognition of people and organisations in what the run wrote (the import
    itself only links what the registry knows): a few rows, the work is the workers'."""
    ids: list[int] = []
    for first in range(0, len(source_keys), 500):
        keys = source_keys[first : first + 500]
        ids += Article.objects.filter(source_key__in=keys).values_list("pk", flat=True)
    discovery_enqueue(ids)


@contextmanager
def _sqlite_tuned(*, large: bool):
    """A large import on SQLite, tuned for writing batches of large rows, then set back.

    SQLite copies its write-ahead log into the database (and syncs the disk) every 1,000
    pages by default: a few dozen articles; a large import does that far less often, and the
    log is checkpointed as usual when the import ends.

    The ORM's INSERT ... RETURNING makes SQLite open a statement journal, and so a savepoint
    in the search index's FTS5 table, which then writes the terms it holds in memory out as a
    segment of their own: one per article, each merged again later. Without RETURNING (the
    ORM takes the new row's id from the connection, as on SQLite before 3.35) a batch's terms
    go out together at its commit (measured on 10,000 files: the article INSERTs took 3.5 of
    the 19 CPU seconds this process spent; 0.5 without RETURNING). A page cache larger than
    SQLite's 2 MB saved another 0.3 s and added 6.5 MiB to the peak memory: not done.
    """
    sqlite = large and connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint = 25000")
        # A cached property of this connection's features: set here, deleted after.
        connection.features.can_return_columns_from_insert = False
    try:
        yield
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_autocheckpoint = 1000")
            del connection.features.can_return_columns_from_insert


class _WriteAgain(Exception):
    """A file failed while its batch was written without savepoints: roll the batch back."""


@dataclass
class ImportRun:
    """One run of the importer: what it has claimed and learnt so far, and whom it tells."""

    dry_run: bool = False
    on_file: OnFile | None = None
    on_failure: OnFailure | None = None
    report: Report = field(default_factory=Report)
    claimed: dict[str, Source] = field(default_factory=dict)  # source key -> its file
    written: list[str] = field(default_factory=list)  # source keys created or updated
    cache: ImportCache = field(default_factory=ImportCache)

    def skip_unchanged(self, sources: list[Source]) -> list[Source]:
        """The sources whose bytes differ from their last import; the others count as unchanged.

        An unchanged file keeps its article's key claimed, so that a new file with the same
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
                self.fail(Failure(str(source.path), exc.message, exc.line))
                continue
            except OSError as exc:
                self.fail(Failure(str(source.path), f"cannot read the file: {exc.strerror or exc}"))
                continue
            stored_hash, key = known[source.relative]
            if stored_hash == file_hash(raw) and self.claimed.setdefault(key, source) is source:
                self.done(source, Outcome.UNCHANGED)
            else:
                changed.append(source)
        return changed

    def import_changed(self, changed: list[Source]) -> None:
        jobs = [(str(source.path), source.relative) for source in changed]
        linker = self.cache.linker() if changed else None
        results = parse_all(jobs, linker=linker, ahead=BATCH_FILES)
        batch: list[tuple[Source, ParseResult]] = []
        size = 0
        for source, result in zip(changed, results, strict=True):
            batch.append((source, result))
            size += len(result.parsed.markdown) if result.parsed else 0
            if len(batch) >= BATCH_FILES or size >= BATCH_CHARS:
                self.write_batch(batch)
                batch, size = [], 0
        self.write_batch(batch)

    def write_batch(self, batch: list[tuple[Source, ParseResult]]) -> None:
        """Write parsed files in one transaction; a file that fails leaves nothing behind.

        A commit per file costs more than the file's rows (SQLite's search index adds a
        segment per transaction), so files are written in batches, parsed first, so that the
        write lock is held only while writing. Nearly every batch writes without a failure, so
        it is first written with no savepoint per file (they cost a tenth of the writing).
        Should a file fail mid-write, the batch is rolled back and written again with each
        file in a savepoint of its own, so that the file fails alone; should the batch's
        commit itself fail, each of its files is written again in a transaction of its own.
        What happened to each file is told once it is committed.
        """
        if not batch:
            return
        events = None
        for savepoints in (False, True):
            try:
                # A dry run writes nothing, so it takes no write lock either.
                writing = nullcontext() if self.dry_run else transaction.atomic()
                with writing, registry_changes_collected():
                    written = [self.write_one(s, r, savepoint=savepoints) for s, r in batch]
                events = written  # committed
                break
            except _WriteAgain:  # rolled back: the batch again, each file on its own
                self.cache.clear()  # it may hold rows that the rollback took away
            except Exception:  # the commit failed: no file of the batch is in
                break
        if events is None:
            self.cache.clear()
            events = [self.write_one(source, result) for source, result in batch]
        for event in events:
            if isinstance(event, Failure):
                self.fail(event)
                continue
            source, outcome, warnings, notes, key = event
            # Recorded once committed: a batch written again would otherwise count twice.
            if outcome is not Outcome.UNCHANGED and not self.dry_run:
                self.written.append(key)
            self.done(source, outcome, warnings, notes)

    def write_one(
        self, source: Source, result: ParseResult, *, savepoint: bool = True
    ) -> "Failure | tuple":
        """Write one parsed file; a refusal comes back as its Failure. Without ``savepoint``,
        a failure while writing raises _WriteAgain: only its whole transaction can undo it."""
        notes: list[str] = []
        try:
            if result.parsed is None:
                raise ArticleFileError(result.error, line=result.line)
            self.claim(result.parsed.source_key, source)
            outcome = self.apply(result.parsed, notes, savepoint=savepoint)
        except ArticleFileError as exc:
            self.cache.clear()  # it may hold rows that the rolled-back savepoint never kept
            return Failure(str(source.path), exc.message, exc.line)
        return (source, outcome, result.parsed.warnings, notes, result.parsed.source_key)

    def claim(self, key: str, source: Source) -> None:
        """Two files of one import must not be one article: each would overwrite the other."""
        other = self.claimed.setdefault(key, source)
        if other is not source:
            kind, _, value = key.partition(":")
            what = f"the {kind} {value!r}" if kind != "path" else f"the relative path {value!r}"
            raise ArticleFileError(
                f"{what} is also used by {other.path} in this import: give one of them its own slug"
            )

    def apply(self, parsed: ParsedArticle, notes: list[str], *, savepoint: bool = True) -> Outcome:
        """Write one parsed file, in a savepoint of its own unless told otherwise; any
        refusal names the file."""
        if self.dry_run:
            return _dry_run_outcome(parsed)
        if not savepoint:
            try:
                return article_apply(parsed=parsed, cache=self.cache, notes=notes)
            except Exception as exc:
                raise _WriteAgain from exc
        try:
            with transaction.atomic():
                return article_apply(parsed=parsed, cache=self.cache, notes=notes)
        except Exception as exc:  # a database refusal or a failing receiver: the others go on
            raise ArticleFileError(f"could not be saved: {exc}") from exc

    def fail(self, failure: Failure) -> None:
        self.report.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)

    def done(self, source: Source, outcome: Outcome, warnings=(), notes=()) -> None:
        self.report.counts[outcome] += 1
        self.report.warnings.extend(f"{source.path}: {warning}" for warning in warnings)
        self.report.notes.extend(f"{source.path}: {note}" for note in notes)
        if self.on_file:
            self.on_file(source, outcome, list(warnings), list(notes))


def _dry_run_outcome(parsed: ParsedArticle) -> Outcome:
    current = (
        Article.objects.filter(source_key=parsed.source_key)
        .values_list("file_hash", flat=True)
        .first()
    )
    if current is None:
        return Outcome.CREATED
    return Outcome.UNCHANGED if current == parsed.file_hash else Outcome.UPDATED
