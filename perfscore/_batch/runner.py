"""Scoring a batch table or folder in chunks: the compiled loop for most rows, perfscore.score for the rest.

A table's rows are read a chunk at a time (:mod:`perfscore._inputs.tablestream`); each
chunk's rows become records (:class:`~perfscore._batch.fastrows.RowReader`) that the
compiled loop (:func:`perfscore.compiled.kernel.run`) scores into flat buffers. A row
that cannot be a record, or that the loop hands back, is scored by :func:`perfscore.score`
from its cells as before (its diagnostics located at its row and column), and keeps the
reason. A folder's figures files are read without locations (:mod:`perfscore._batch.files`); those that
hold only what a table row holds go through the same loop (:mod:`perfscore._batch.filerows`), the others
to :func:`perfscore.score` with their reason.

With ``jobs`` above 1 the chunks go to that many worker processes and come back in
input order (:mod:`perfscore._batch.inorder`), so the output does not depend on the
number of processes.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, NamedTuple

import attrs

from perfscore._batch import reasons
from perfscore._batch.fastrows import RowReader
from perfscore._batch.filerows import FileReader
from perfscore._batch.files import Item, read_lean, score_file
from perfscore._batch.inorder import process_pool, results_in_order
from perfscore._batch.many import score_many
from perfscore._batch.report import batch_row
from perfscore._batch.table import BatchTable
from perfscore._core.diagnostics import FiguresError, Lang, diagnostic
from perfscore._core.model import Pack
from perfscore._files.sheets import Sheet
from perfscore._inputs.batchtable import RowFigures, table_columns
from perfscore._inputs.tablestream import Row, TableStream
from perfscore._yaml.source import SourceDocument
from perfscore.compiled.kernel import run
from perfscore.compiled.plan import CompiledPack, compile_pack

TABLE_CHUNK = 4096  # rows per chunk: large enough to amortise a process hop, small enough to stream
FILE_CHUNK = 32  # figures files per chunk
Progress = Callable[[int], None]


@attrs.frozen(kw_only=True)
class TableJob:
    """What a worker needs to score chunks of one table (sent once per worker)."""

    pack: Pack
    where: str  # the table as diagnostics name it: file, or file[sheet]
    file: str
    sheet: str | None
    columns: dict[int, tuple[str, ...]]
    headers: dict[int, str]
    lang: Lang


class _Outputs:
    """The buffers the compiled loop appends to."""

    def __init__(self) -> None:
        self.totals: array[float] = array("d")
        self.groups: array[float] = array("d")
        self.grades = bytearray()
        self.points: array[float] | None = None


class _Compiled(NamedTuple):
    """A department the compiled loop scored: its record and numbers."""

    record: dict[str, Any]
    total: float
    grade: int
    groups: array[float]


def _in_plan_order(
    compiled: CompiledPack, plan: list[Any], records: list[dict[str, Any]]
) -> Iterator[tuple[Any, _Compiled | tuple[str, str]]]:
    """Each planned department in order, with its compiled numbers or the reason it leaves the loop.

    A plan entry ends with how the department is scored: the index of its record (the
    compiled loop takes it, unless the loop hands it back) or the reason it never reached
    the loop. Tables and folders plan differently and share this, so both count reasons alike.
    """
    out = _Outputs()
    handed_back: set[int] = set()
    run(compiled, records, out, lambda index, _record: handed_back.add(index))
    width = len(compiled.groups)
    done = 0
    for entry in plan:
        how = entry[-1]
        if isinstance(how, int) and how not in handed_back:
            groups = out.groups[done * width : (done + 1) * width]
            yield entry, _Compiled(records[how], out.totals[done], out.grades[done], groups)
            done += 1
        else:
            yield entry, (reasons.LOOP, "") if isinstance(how, int) else how


class _TableWorker:
    """Scores chunks of rows of one table (one per process)."""

    def __init__(self, job: TableJob) -> None:
        self.job = job
        self.compiled: CompiledPack = compile_pack(job.pack)
        self.reader = RowReader(self.compiled, job.columns, job.headers)
        self.stub = Sheet(file=job.file, name=job.sheet, rows=())
        self.width = max(job.columns, default=0)

    def score(self, rows: list[tuple[int, Row]]) -> BatchTable:
        """One chunk: the loop for the rows it takes, perfscore.score for the others, in row order."""
        job, compiled = self.job, self.compiled
        table = BatchTable(job.pack, where=job.where)
        records: list[dict[str, Any]] = []
        plan: list[tuple[int, Row, int | tuple[str, str]]] = []
        engine_only = compiled.engine_only
        for line, raw in rows:
            cells = raw + (None,) * (self.width - len(raw)) if len(raw) < self.width else raw
            if engine_only is not None:
                plan.append((line, cells, (reasons.PACK, engine_only)))
                continue
            found = self.reader.read(cells)
            if isinstance(found, dict):
                plan.append((line, cells, len(records)))
                records.append(found)
            else:
                plan.append((line, cells, found))
        for (line, cells, _), compiled_as in _in_plan_order(compiled, plan, records):
            if isinstance(compiled_as, _Compiled):
                record, total, grade, groups = compiled_as
                table.add_compiled(line, record.get("department"), record.get("year"), total, grade, groups)
            else:
                table.add_row(self._exact(line, cells), compiled_as)
        return table

    def _exact(self, line: int, cells: Row) -> Any:  # noqa: ANN401 - a BatchRow
        source = f"{self.job.where}:{line}"
        loader = RowFigures(
            sheet=self.stub,
            row=line,
            columns=self.job.columns,
            cells={column: cells[column - 1] for column in self.job.columns},
            source=source,
        )
        return batch_row(next(iter(score_many(self.job.pack, [(source, loader)]))), self.job.lang)


def score_table(
    pack: Pack, stream: TableStream, *, lang: Lang, jobs: int = 1, progress: Progress | None = None
) -> BatchTable:
    """Score every department row of ``stream``; raises ``FiguresError`` for unknown columns or no rows."""
    head = stream.head
    header_row, columns = table_columns(pack, head)
    header = head.rows[header_row - 1]
    headers = {column: (header[column - 1] or "").strip() for column in columns}
    job = TableJob(
        pack=pack, where=head.where, file=head.file, sheet=head.name, columns=columns, headers=headers, lang=lang
    )
    mapped = tuple(column - 1 for column in columns)
    rows = ((line, cells) for line, cells in stream.rows if any(cells[i] for i in mapped if i < len(cells)))
    table = _collect(job, _TableWorker, _chunks(rows, TABLE_CHUNK), jobs, progress, pack)
    if not len(table):
        raise FiguresError([diagnostic("BATCH_EMPTY", location=head.location(header_row), source=head.where)])
    return table


@attrs.frozen(kw_only=True)
class FolderJob:
    """What a worker needs to score figures files."""

    pack: Pack
    folder: str
    lang: Lang


class _FolderWorker:
    """Scores chunks of figures files: the compiled loop for those that are rows, perfscore.score for the rest."""

    def __init__(self, job: FolderJob) -> None:
        self.job = job
        self.compiled: CompiledPack = compile_pack(job.pack)
        self.files = FileReader(self.compiled)

    def score(self, paths: list[str]) -> BatchTable:
        """One chunk, in order; each file read once without locations (again with them only to report a problem)."""
        from perfscore._commands.safety import confined  # noqa: PLC0415 - a file linking outside the folder is refused

        job, compiled = self.job, self.compiled
        table = BatchTable(job.pack)
        records: list[dict[str, Any]] = []
        plan: list[tuple[Item, SourceDocument | None, int | tuple[str, str]]] = []
        for path in paths:
            item = confined(job.folder, path)
            doc = read_lean(item) if isinstance(item, str) else None
            if doc is None:
                plan.append((item, None, (reasons.READ, "")))
            elif compiled.engine_only is not None:
                plan.append((item, doc, (reasons.PACK, compiled.engine_only)))
            else:
                found = self.files.read(doc.data)
                if isinstance(found, dict):
                    plan.append((item, doc, len(records)))
                    records.append(found)
                else:
                    plan.append((item, doc, found))
        for (item, doc, _), compiled_as in _in_plan_order(compiled, plan, records):
            if isinstance(compiled_as, _Compiled):
                record, total, grade, groups = compiled_as
                source = doc.name if doc is not None else None
                table.add_compiled(
                    -1, record.get("department"), record.get("year"), total, grade, groups, source=source
                )
            else:
                result = score_file(job.pack, item, doc, lean=doc is not None)
                table.add_row(batch_row(result, job.lang), compiled_as)
        return table


def score_folder(
    pack: Pack, folder: str, paths: list[str], *, lang: Lang, jobs: int = 1, progress: Progress | None = None
) -> BatchTable:
    """Score every figures file of ``folder`` (in the order given), each confined to the folder."""
    job = FolderJob(pack=pack, folder=folder, lang=lang)
    return _collect(job, _FolderWorker, _chunks(iter(paths), FILE_CHUNK), jobs, progress, pack)


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(items, size)):
        yield chunk


_WORKER: Any = None


def _start(factory: Callable[[Any], Any], job: object) -> None:
    global _WORKER  # noqa: PLW0603 - one worker object per process, made once
    _WORKER = factory(job)


def _work(chunk: list[Any]) -> dict[str, Any]:
    """A chunk scored in a worker, sent back without its pack (the parent has it; pickling it cost each chunk)."""
    found: BatchTable = _WORKER.score(chunk)
    state = dict(vars(found))
    del state["pack"]
    return state


def _received(pack: Pack, state: dict[str, Any]) -> BatchTable:
    """The chunk a worker sent back, with the parent's pack again."""
    part: BatchTable = BatchTable.__new__(BatchTable)
    vars(part).update(state)
    part.pack = pack
    return part


def _collect(
    job: object,
    factory: Callable[[Any], Any],
    chunks: Iterator[list[Any]],
    jobs: int,
    progress: Progress | None,
    pack: Pack,
) -> BatchTable:
    """Score the chunks here or in ``jobs`` processes, appending them in input order."""
    table = BatchTable(pack)
    first = next(chunks, None)
    if first is None:
        return table.finish()
    second = next(chunks, None)
    results: Iterable[BatchTable]
    if jobs <= 1 or second is None:
        worker = factory(job)
        pending = [first] if second is None else [first, second]
        results = map(worker.score, _chain(pending, chunks))
        return _append(table, results, progress)
    with process_pool(jobs, _start, (factory, job)) as pool:
        states = results_in_order(pool, _work, _chain([first, second], chunks), ahead=2 * jobs)
        return _append(table, (_received(pack, state) for state in states), progress)


def _chain(first: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest


def _append(table: BatchTable, results: Iterable[BatchTable], progress: Progress | None) -> BatchTable:
    for part in results:
        if table.where is None:
            table.where = part.where
        table.extend(part)
        if progress is not None:
            progress(len(part))
    return table.finish()


def default_jobs() -> int:
    """The machine's cores available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
