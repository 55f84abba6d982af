"""The change history: every write to a plan is one unit of work, recorded with exactly the rows it changed.

A unit of work (:func:`change`) runs in one transaction. The store captures the before and after
image of every row written (``trustplanner.store.capture``), the derived data is brought in step
(:mod:`trustplanner.services.derived`, for every change, undo and redo alike), and one history
entry is appended: when, who, what, the areas touched, and the rows. The plan's revision number
goes up by one, so other windows and processes notice.

Undo and redo are changes too: they put back exactly the rows of an entry, after checking that
no later change touched them, and are recorded themselves. The undo and redo stacks are not
stored; they are worked out by replaying the entries' kinds, so every writer sees the same ones.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from time import monotonic as time_now
from time import sleep

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from trustplanner.domain.problems import TrustPlannerError
from trustplanner.domain.words import with_article
from trustplanner.services.derived import bring_derived_in_step
from trustplanner.store import capture
from trustplanner.store.base import Base
from trustplanner.store.disk import PlanBusy
from trustplanner.store.lock import held_lock, whoami
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import HistoryEntryRow, HistoryRowRow, PlanRevisionRow

log = logging.getLogger(__name__)

CHANGE, UNDO, REDO, BASE, NOTE = "change", "undo", "redo", "base", "note"
#: a reviewer's write (``change(..., review=True)``): on its own undo stack, never on the plan's, so a
#: manager's Edit → Undo cannot take back a commissioner's challenge or sign-off
REVIEW = "review"
#: how many entries the app's Edit menu offers to undo (more are kept, and `trustplanner undo` reaches them)
STACK_LIMIT = 100


class NothingToUndo(TrustPlannerError):
    pass


class UndoRefused(TrustPlannerError):
    """A later change touched the same rows; the message names it."""


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    user: str
    host: str
    what: str
    kind: str
    target_id: int | None
    areas: tuple[str, ...]
    revision: int

    def line(self) -> str:
        """One line for `trustplanner history`: number, when, who, what."""
        return f"{self.id:>5}  {self.at:%d/%m/%Y %H:%M}  {self.user}@{self.host}  {self.what}"


class Change:
    """The open unit of work: write through :attr:`session`; :attr:`what` may be refined before it ends."""

    def __init__(self, session: Session, what: str):
        self.session = session
        self.what = what
        self.entry: Entry | None = None
        #: what the change has in hand that derived data is worked out from (see services.derived)
        self.known: dict = {}
        #: whom the history names for the change (a review write: the reviewer); None: this user's login name
        self.user: str | None = None
        self._kind, self._target = CHANGE, None


@contextmanager
def change(plan: PlanFile, what: str, *, undoable: bool = True, review: bool = False) -> Iterator[Change]:
    """One unit of work on ``plan``: committed whole and recorded as one entry, or rolled back whole.

    A change that alters no row records nothing (a preview, an unchanged import). ``undoable``
    False marks a starting point that cannot be undone past (creating a plan). ``review`` (the
    review services only): a write of review records, allowed without the edit lock (a reviewer's
    window or command, while a manager edits) and refused if it touches anything else.
    """
    with _write_transaction(plan, review=review) as session:
        connection = session.connection()
        capture.begin_capture(connection)
        unit = Change(session, what)
        if review:
            unit._kind = REVIEW
        if not undoable:
            unit._kind = BASE
        yield unit
        session.flush()
        bring_derived_in_step(session, {capture.area_of(t) for t in capture.touched_tables(connection)}, unit.known)
        session.flush()
        if review:
            _refuse_unless_review_records(connection)
        unit.entry = _record(session, unit)
        if unit.entry is not None:
            log.info("history entry %d (%s)", unit.entry.id, ",".join(unit.entry.areas))  # not what: it may name a row


#: the areas of the plan a review write may touch (store.tables' ``@area``)
REVIEW_AREAS = frozenset({"reviews", "recommendations"})  # recommendations: a judgement sets its progress RAG


class NotAReviewRecord(TrustPlannerError):
    """A review write touched the plan itself: refused, nothing changed."""


def _refuse_unless_review_records(connection) -> None:
    others = sorted({capture.area_of(t) for t in capture.touched_tables(connection)} - REVIEW_AREAS)
    if others:
        raise NotAReviewRecord(f"a reviewer writes only review records, not the plan's {', '.join(others)}; "
                               "nothing was changed")


#: how long a change waits for another connection's write (an import, an edit) to finish before it gives up
WRITE_WAIT_SECONDS = 60.0


class _Busy(Exception):
    pass


@contextmanager
def _write_transaction(plan: PlanFile, *, review: bool = False) -> Iterator[Session]:
    """A write transaction that has the plan's write lock before anything is read.

    SQLite waits up to its busy timeout for another writer; a longer writer (a big import in
    another window) is waited for here, by beginning again, up to :data:`WRITE_WAIT_SECONDS`.
    Only the BEGIN is retried: nothing has been read or written at that point.
    """
    deadline = time_now() + WRITE_WAIT_SECONDS
    while True:
        try:
            with (plan.review_transaction() if review else plan.transaction()) as session:
                try:
                    session.connection()  # BEGIN IMMEDIATE: the write lock
                except PlanBusy as busy:
                    if time_now() >= deadline:
                        raise
                    raise _Busy from busy
                _check_lock(plan)
                yield session
            return
        except _Busy:
            sleep(0.05)


def _check_lock(plan: PlanFile) -> None:
    """Refuse to write (LockTakenOver) if another copy of TrustPlanner has taken this plan's edit lock.

    Checked with SQLite's write lock held, before anything is read, for every writer alike, and for
    every connection this process has to a plan it holds the lock of (a briefing worker's too).
    """
    lock = getattr(plan, "lock", None) or held_lock(plan.path)
    if lock is not None:
        lock.verify()


def _record(session: Session, unit: Change) -> Entry | None:
    """Append the entry with the rows captured; none when nothing changed (but for a starting point)."""
    connection = session.connection()
    entries = HistoryEntryRow.__table__
    login, host = whoami()
    user = (unit.user or login)[:200]
    at = datetime.now().replace(microsecond=0)
    what = unit.what[:500]
    entry_id = connection.execute(insert(entries).values(
        at=at, user=user, host=host, what=what, kind=unit._kind, target_id=unit._target, areas="",
        revision=0)).inserted_primary_key[0]
    if capture.record_into(connection, HistoryRowRow.__tablename__, entry_id) == 0 and unit._kind not in (BASE, NOTE):
        connection.execute(delete(entries).where(entries.c.id == entry_id))
        return None
    rows = HistoryRowRow.__table__
    areas = tuple(sorted({capture.area_of(t) for (t,) in connection.execute(
        select(rows.c.table_name).where(rows.c.entry_id == entry_id).distinct())}))
    revision = _bump_revision(session)
    connection.execute(update(entries).where(entries.c.id == entry_id).values(areas=",".join(areas),
                                                                                revision=revision))
    return Entry(entry_id, at, user, host, what, unit._kind, unit._target, areas, revision)


def starting_point(plan: PlanFile, what: str) -> None:
    """Record that the plan starts here: nothing before this entry can be undone (a new plan, the demo)."""
    with change(plan, what, undoable=False):
        pass


@contextmanager
def change_or_preview(plan: PlanFile, what: str, preview: bool) -> Iterator[Change]:
    """:func:`change`, or with ``preview`` a reading session that writes nothing (an import's preview)."""
    if not preview:
        with change(plan, what) as unit:
            yield unit
        return
    with plan.reading() as session:
        yield Change(session, what)


def _bump_revision(session: Session) -> int:
    connection = session.connection()
    table = PlanRevisionRow.__table__
    if connection.execute(update(table).where(table.c.id == 1).values(revision=table.c.revision + 1)).rowcount == 0:
        connection.execute(insert(table).values(id=1, revision=1))
    return connection.execute(select(table.c.revision).where(table.c.id == 1)).scalar_one()


# -- reading ---------------------------------------------------------------------------------------

def read_revision(session: Session) -> int:
    table = PlanRevisionRow.__table__
    return session.connection().execute(select(table.c.revision).where(table.c.id == 1)).scalar() or 0


def revision(plan: PlanFile) -> int:
    """The plan's revision: it goes up by one with every change, from any process."""
    with plan.reading() as session:
        return read_revision(session)


def _entry(row) -> Entry:  # noqa: ANN001
    return Entry(row.id, row.at, row.user, row.host, row.what, row.kind, row.target_id,
                 tuple(a for a in row.areas.split(",") if a), row.revision)


def entries(plan: PlanFile, *, limit: int | None = None, after_revision: int | None = None) -> list[Entry]:
    """Entries oldest first: the last ``limit``, or those made after ``after_revision``."""
    table = HistoryEntryRow.__table__
    query = select(table).order_by(table.c.id.desc())
    if after_revision is not None:
        query = query.where(table.c.revision > after_revision)
    if limit is not None:
        query = query.limit(limit)
    with plan.reading() as session:
        rows = session.connection().execute(query).all()
    return [_entry(r) for r in reversed(rows)]


def _stacks(session: Session, review: bool = False) -> tuple[list[int], list[int]]:
    """(done, undone): ids of the changes that can be undone (newest last) and redone (next last):
    the plan's changes, or with ``review`` the review records' (each has its own stack)."""
    table = HistoryEntryRow.__table__
    done: list[int] = []
    undone: list[int] = []
    own = REVIEW if review else CHANGE
    for id_, kind, target in session.connection().execute(
            select(table.c.id, table.c.kind, table.c.target_id).order_by(table.c.id)).all():
        if kind == own:
            done.append(id_)
            undone.clear()
        elif kind == UNDO and target in done:
            done.remove(target)
            undone.append(target)
        elif kind == REDO and target in undone:
            undone.remove(target)
            done.append(target)
        elif kind == BASE:
            done.clear()
            undone.clear()
    return done, undone


def undone_ids(plan: PlanFile) -> set[int]:
    """The changes whose effect is undone now (undone and not redone), whatever came after."""
    table = HistoryEntryRow.__table__
    undone: set[int] = set()
    with plan.reading() as session:
        for kind, target in session.connection().execute(
                select(table.c.kind, table.c.target_id).order_by(table.c.id)).all():
            if kind == UNDO:
                undone.add(target)
            elif kind == REDO:
                undone.discard(target)
    return undone


@dataclass(frozen=True)
class Stacks:
    """What can be undone (newest last) and redone (the next redo last), as entries."""

    undo: tuple[Entry, ...]
    redo: tuple[Entry, ...]


def stacks(plan: PlanFile, limit: int = STACK_LIMIT, *, review: bool = False) -> Stacks:
    with plan.reading() as session:
        done, undone = _stacks(session, review)
        wanted = done[-limit:] + undone[-limit:]
        table = HistoryEntryRow.__table__
        by_id = {r.id: _entry(r) for r in session.connection().execute(
            select(table).where(table.c.id.in_(wanted))).all()} if wanted else {}
    return Stacks(tuple(by_id[i] for i in done[-limit:]), tuple(by_id[i] for i in undone[-limit:]))


# -- undo and redo ----------------------------------------------------------------------------------

def undo(plan: PlanFile, entry_id: int | None = None, *, review: bool = False) -> Entry:
    """Undo change ``entry_id`` (default: the latest that can be); returns the undo's own entry.
    ``review``: a review record's change, from the reviewers' own stack (no edit lock needed)."""
    return _reverse(plan, entry_id, UNDO, review)


def redo(plan: PlanFile, entry_id: int | None = None, *, review: bool = False) -> Entry:
    """Redo undone change ``entry_id`` (default: the last undone); returns the redo's own entry."""
    return _reverse(plan, entry_id, REDO, review)


def _reverse(plan: PlanFile, entry_id: int | None, kind: str, review: bool = False) -> Entry:
    with change(plan, "", review=review) as unit:
        session = unit.session
        done, undone = _stacks(session, review)
        available = done if kind == UNDO else undone
        if not available:
            raise NothingToUndo("there is nothing to undo" if kind == UNDO else "there is nothing to redo")
        target_id = available[-1] if entry_id is None else entry_id
        table = HistoryEntryRow.__table__
        target_row = session.connection().execute(select(table).where(table.c.id == target_id)).first()
        if target_row is None:
            raise NothingToUndo(f"entry {target_id} is not in this plan's history (it may have been purged)")
        target = _entry(target_row)
        if target_id not in available:
            state = "has already been undone" if kind == UNDO else "is not undone"
            raise NothingToUndo(f"entry {target_id} ({target.what}) {state}")
        rows = _rows_of(session, target_id)
        expected, wanted = ("after", "before") if kind == UNDO else ("before", "after")
        _refuse_if_changed_since(session, target, rows, expected)
        capture.apply_images(session.connection(), rows, wanted)
        unit.what = f"{'Undo' if kind == UNDO else 'Redo'} {target.what}"
        unit._kind, unit._target = kind, target_id
    if unit.entry is None:  # cannot happen for an entry that changed rows; said plainly if it does
        raise NothingToUndo(f"entry {target_id} changed nothing that could be put back")
    return unit.entry


def _rows_of(session: Session, entry_id: int) -> list[capture.RowChange]:
    table = HistoryRowRow.__table__
    return [capture.RowChange(t, k, b, a) for t, k, b, a in session.connection().execute(
        select(table.c.table_name, table.c.row_key, table.c.before, table.c.after)
        .where(table.c.entry_id == entry_id).order_by(table.c.id)).all()]


def _refuse_if_changed_since(session: Session, target: Entry, rows: list[capture.RowChange], expected: str) -> None:
    connection = session.connection()
    by_table: dict[str, list[capture.RowChange]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    changed: list[capture.RowChange] = []
    for table_name, group in by_table.items():
        now = capture.current_images(connection, table_name, [r.key for r in group])
        changed.extend(r for r in group if now.get(r.key) != r.image(expected))
    if not changed:
        return
    first = changed[0]
    label = row_label(first.table, first.image("after") or first.image("before") or {})
    table = HistoryRowRow.__table__
    entries_table = HistoryEntryRow.__table__
    later = connection.execute(
        select(entries_table).join(table, table.c.entry_id == entries_table.c.id)
        .where(table.c.table_name == first.table, table.c.row_key == first.key, entries_table.c.id > target.id)
        .order_by(entries_table.c.id.desc()).limit(1)).first()
    others = f" (and {len(changed) - 1} more row{'s' if len(changed) > 2 else ''})" if len(changed) > 1 else ""
    verb = "undo" if expected == "after" else "redo"
    if later is None:
        raise UndoRefused(f"cannot {verb} entry {target.id} ({target.what}): {label} has changed since{others}")
    later_entry = _entry(later)
    raise UndoRefused(f"{label} was changed later (entry {later_entry.id}, {later_entry.what} by {later_entry.user})"
                      f"{others}; undo that first")


def row_label(table_name: str, image: dict) -> str:
    """A row in words, from the ``label`` its table declares (e.g. a milestone's ref)."""
    table = Base.metadata.tables.get(table_name)
    template = table.info.get("label") if table is not None else None
    if not template:
        return with_article(f"{table_name.replace('_', ' ')} row")
    try:
        return template.format(**image)
    except (KeyError, IndexError, ValueError):
        return with_article(f"{table_name.replace('_', ' ')} row")


# -- retention -----------------------------------------------------------------------------------

def purge_before(plan: PlanFile, day: date) -> int:
    """Drop history entries made before ``day`` (data retention); returns how many went.

    The plan's rows are untouched; only the record of how they came to be goes, so those changes
    can no longer be undone. The purge itself is recorded (who, when, up to which date). ``day``
    may not be after today: that would drop the record of today's changes too.
    """
    if day > date.today():
        raise TrustPlannerError(f"{day:%d/%m/%Y} is after today; give a date up to today "
                                f"({date.today():%d/%m/%Y}) to purge the changes made before it")
    with plan.transaction() as session:  # the history's own rows are not themselves history
        session.connection()
        _check_lock(plan)
        table = HistoryEntryRow.__table__
        cutoff = datetime.combine(day, time.min)
        count = session.connection().execute(select(func.count()).select_from(table).where(table.c.at < cutoff)
                                             ).scalar_one()
        session.connection().execute(delete(HistoryRowRow.__table__).where(
            HistoryRowRow.__table__.c.entry_id.in_(select(table.c.id).where(table.c.at < cutoff))))
        session.connection().execute(delete(table).where(table.c.at < cutoff))
    if count:
        with change(plan, f"Purge the record of {count} change{'' if count == 1 else 's'} made before "
                          f"{day:%d/%m/%Y}") as unit:
            unit._kind = NOTE
    log.info("purged %d history entries", count)
    return count


def canonical_dump(plan: PlanFile) -> list[tuple[str, list[tuple]]]:
    """Every tracked table's rows in key order, for comparing two states of a plan."""
    dump = []
    with plan.reading() as session:
        connection = session.connection()
        for table in capture.tracked_tables():
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            dump.append((table.name, [tuple(r) for r in rows]))
    return dump


__all__ = ["Change", "Entry", "NothingToUndo", "Stacks", "UndoRefused", "canonical_dump", "change", "entries",
           "purge_before", "redo", "revision", "row_label", "stacks", "undo"]
