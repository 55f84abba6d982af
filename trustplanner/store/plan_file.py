"""Opening, creating and migrating plan files.

A plan is one SQLite file (``.tplan``). It carries ``PRAGMA application_id`` so that any other
SQLite file is recognised as "not a plan", and an Alembic revision so that older files are
backed up and migrated on open and newer ones are refused.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from trustplanner.domain.problems import PlanFileError
from trustplanner.store import disk
from trustplanner.store.integrity import (
    BACKUP_INFIX,
    DAILY_BACKUPS_KEPT,
    PlanDamaged,
    backups_of,
    check_connection,
    check_file,
    damage_reason,
    is_daily_backup,
    is_damage,
)

log = logging.getLogger(__name__)

PLAN_SUFFIX = ".tplan"
APPLICATION_ID = 0x54504C4E  # "TPLN"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


#: The newest schema revision. Opening a plan at this revision needs no Alembic at all (it is
#: slow to import); a test keeps this equal to the head of the migration scripts.
HEAD_REVISION = "0014"


def _alembic_config():  # noqa: ANN202
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return HEAD_REVISION


def script_head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _engine_for(path: Path, *, read_only: bool = False) -> Engine:
    """An engine whose transactions are real SQLite transactions.

    The driver's own transaction handling is switched off (it begins only before DML, so reads
    would not be isolated) and BEGIN is issued here: ``BEGIN IMMEDIATE`` for a write, so that two
    writers queue for the write lock (up to the busy timeout) rather than both reading and then
    one failing. A read-only plan is opened with ``mode=ro``, which also works on read-only media.
    """
    # hide_parameters: an error's text (and so a log) never holds the values of a row
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
                               future=True, hide_parameters=True)
    else:
        engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)

    @event.listens_for(engine, "handle_error")
    def _on_error(context):  # noqa: ANN001, ANN202
        # a full or read-only disk, a lock held too long: one line naming the cause (store.disk)
        return disk.sqlite_error(context.original_exception, path)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA temp_store=MEMORY")  # the change history's row capture (store.capture)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        write = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


WRITE_OPTION = "trustplanner_write"
#: how long one statement waits for another connection's lock before SQLite reports the plan busy
BUSY_TIMEOUT_MS = 5000


class PlanNeedsUpgrade(PlanFileError):
    """The plan is in an older format and was opened in a way that may not upgrade it."""


class PlanFile:
    """An open plan. Services take their transactions from :meth:`transaction`."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        #: the edit lock this process holds on the plan (set by :func:`trustplanner.store.access.open_for_writing`)
        self.lock = None
        #: set when reading found damage: such a plan is never copied as a backup
        self.damaged = False
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writers = sessionmaker(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
        #: a read-only plan opened for review writes its review records through a connection of its own
        self._review_engine: Engine | None = None

    def allow_review_writes(self) -> None:
        """Let this read-only plan write review records (only), without the edit lock (store.access.open_for_review)."""
        if self.read_only and self._review_engine is None:
            self._review_engine = _engine_for(self.path)

    @property
    def review_writes(self) -> bool:
        return not self.read_only or self._review_engine is not None

    @contextmanager
    def review_transaction(self) -> Iterator[Session]:
        """A short write transaction for review records, whether or not this process holds the edit lock.

        Only the change history's review path (``change(..., review=True)``, used by
        ``trustplanner.services.reviews`` alone) calls this; it refuses a change that touches anything
        but review records. It waits for another writer's transaction as any write does (the busy timeout).
        """
        if not self.read_only:
            with self.transaction() as session:
                yield session
            return
        if self._review_engine is None:
            raise PlanFileError(f"{self.path.name} is open read-only; nothing can be changed")
        writers = sessionmaker(self._review_engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
        with self._damage_refused(), writers() as session, session.begin():
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A database transaction for writing: committed whole on success, rolled back whole on any error.

        Only the change history (``trustplanner.services.history.change``) calls this: every write
        to a plan is a unit of work there, so that it is recorded and can be undone.
        """
        if self.read_only:
            raise PlanFileError(f"{self.path.name} is open read-only; nothing can be changed")
        with self._damage_refused(), self._writers() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._damage_refused(), self._sessions() as session:
            yield session

    @contextmanager
    def _damage_refused(self) -> Iterator[None]:
        """A stored value that cannot be read means a damaged plan: say so, never read on (store.integrity)."""
        try:
            yield
        except PlanFileError:
            raise
        except Exception as exc:
            if is_damage(exc):
                self.damaged = True
                log.warning("plan damaged: %s", type(exc).__name__)
                raise PlanDamaged(self.path, damage_reason(exc)) from None
            raise

    def close(self) -> None:
        self.engine.dispose()
        if self._review_engine is not None:
            self._review_engine.dispose()
        if self.lock is not None:
            if not self.damaged:
                keep_daily_backup(self.path)
            self.lock.release()
            self.lock = None

    def __enter__(self) -> PlanFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def create_plan_file(path: str | Path) -> PlanFile:
    """Create an empty plan at the head revision. Refuses to overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise PlanFileError(f"{path}: a file with this name already exists; choose another name")
    if not path.parent.is_dir():
        raise PlanFileError(f"{path}: folder {path.parent} does not exist")
    engine = _engine_for(path)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
            _upgrade(connection)
    except Exception:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise
    log.info("created plan file at revision %s", head_revision())
    return PlanFile(path, engine)


def open_plan_file(path: str | Path, *, migrate: bool = True, read_only: bool = False) -> PlanFile:
    """Open an existing plan, backing it up and migrating it first if it is older.

    ``read_only`` plans refuse every transaction (and are never migrated). Every open checks the
    whole file first (store.integrity); a damaged plan raises :class:`PlanDamaged`.
    """
    path = Path(path)
    _check_looks_like_sqlite(path)
    if read_only:
        _finish_interrupted_write(path)
    engine = _engine_for(path, read_only=read_only)
    try:
        revision = _check_is_plan(engine, path)
        if revision != head_revision():
            if revision not in _known_revisions():
                raise PlanFileError(
                    f"{path}: was saved by a newer version of TrustPlanner (plan format {revision}); "
                    "install the latest TrustPlanner to open it"
                )
            if not migrate or read_only:
                raise PlanNeedsUpgrade(f"{path}: plan format {revision} needs upgrading before it can be opened")
            try:
                backup = backup_plan_file(path, revision)
            except (OSError, sqlite3.Error) as exc:
                error = disk.os_error(exc, path) if isinstance(exc, OSError) else disk.sqlite_error(exc, path)
                raise (error or PlanFileError(f"{path}: could not be backed up before its upgrade "
                                              f"({_reason(exc)}); it is unchanged")) from None
            log.info("migrating plan file from %s to %s (backup %s)", revision, head_revision(), backup.name)
            try:
                with engine.begin() as connection:  # one transaction: a failure or a kill changes nothing
                    _upgrade(connection)
            except (DatabaseError, sqlite3.DatabaseError) as exc:
                if is_damage(exc):
                    raise
                log.error("upgrade from %s failed (%s)", revision, type(exc).__name__)
                raise PlanFileError(
                    f"{path}: could not be upgraded from plan format {revision} ({_reason(exc)}); it is unchanged "
                    f"and a copy was kept as {backup.name}; please report this to TrustPlanner's support") from None
    except PlanFileError:
        engine.dispose()
        raise
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        raise PlanDamaged(path, _reason(exc)) from None
    return PlanFile(path, engine, read_only=read_only)


def _finish_interrupted_write(path: Path) -> None:
    """Roll back what a writer killed part-way left in the file, so that a reader can open it.

    A killed writer leaves a "hot" journal beside the plan; SQLite puts the last committed state back
    on the next open that may write, but a read-only open cannot, and fails. Opening the file
    read-write once does only that rollback (a live writer's journal is not hot and is left alone).
    Where the folder cannot be written, the read-only open reports it as before.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return
        connection = sqlite3.connect(path, timeout=5)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
        log.info("rolled back a change left part-way by a writer that stopped")
    except (OSError, sqlite3.Error) as exc:
        log.warning("could not roll back a change left part-way (%s)", type(exc).__name__)


def backup_plan_file(path: Path, revision: str) -> Path:
    """Copy the plan beside itself with the SQLite backup API, named by date and old revision."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return copy_plan_file(path, path.with_name(f"{path.stem}{BACKUP_INFIX}{stamp}-rev{revision}{path.suffix}"))


def keep_daily_backup(path: Path, now: datetime | None = None) -> Path | None:
    """Copy the plan beside itself as today's backup, replacing today's earlier one.

    Called as an editor closes the plan, so each day's backup is the plan as that day's last
    editor left it. Keeps the newest :data:`DAILY_BACKUPS_KEPT` days; backups made before an
    upgrade are never pruned. A plan that fails its check is not copied (the backups must stay
    whole), and a folder that refuses the copy is logged, never a reason the close fails.
    Returns the backup, or None.
    """
    now = now or datetime.now()
    if check_file(path) is not None:
        log.warning("no daily backup made: the plan failed its check")
        return None
    target = path.with_name(f"{path.stem}{BACKUP_INFIX}{now:%Y%m%d}{path.suffix}")
    temporary = target.with_name(target.name + ".tmp")
    try:
        copy_plan_file(path, temporary)
        temporary.replace(target)
    except (OSError, sqlite3.Error) as exc:
        log.warning("no daily backup made (%s)", type(exc).__name__)
        temporary.unlink(missing_ok=True)
        return None
    timestamp = now.timestamp()
    os.utime(target, (timestamp, timestamp))
    daily = sorted((b for b in backups_of(path) if is_daily_backup(b)), key=lambda b: b.name, reverse=True)
    for old in daily[DAILY_BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def restore_plan_file(path: Path, backup: Path) -> Path:
    """Put ``backup`` in place of the plan at ``path``, keeping the file it replaces.

    The backup must itself be a whole plan. The replaced file (damaged or not) is renamed
    ``PLAN.replaced-STAMP.tplan`` beside it, never deleted. The caller holds the plan's edit lock.
    Returns where the replaced file was kept (None if there was no file).
    """
    path, backup = Path(path), Path(backup)
    _check_looks_like_sqlite(backup)
    problem = check_file(backup)
    if problem is not None:
        raise PlanFileError(f"{backup}: cannot be restored: it is damaged too ({problem})")
    probe = _engine_for(backup, read_only=True)
    try:
        _check_is_plan(probe, backup)
    finally:
        probe.dispose()
    temporary = path.with_name(path.name + ".restoring")
    try:
        temporary.unlink(missing_ok=True)
        copy_plan_file(backup, temporary)  # first the copy, so a full disk leaves the plan where it was
    except (OSError, sqlite3.Error) as exc:
        temporary.unlink(missing_ok=True)
        error = disk.os_error(exc, path) if isinstance(exc, OSError) else disk.sqlite_error(exc, path)
        raise (error or PlanFileError(f"{backup}: cannot be restored ({_reason(exc)})")) from None
    kept = None
    try:
        if path.exists():
            kept = path.with_name(f"{path.stem}.replaced-{datetime.now():%Y%m%d-%H%M%S}{path.suffix}")
            path.replace(kept)
            for sidecar in ("-journal", "-wal", "-shm"):  # SQLite's own files belong to the replaced plan
                extra = path.with_name(path.name + sidecar)
                if extra.exists():
                    extra.replace(kept.with_name(kept.name + sidecar))
        temporary.replace(path)
    except OSError as exc:
        raise disk.os_error(exc, path) from None
    return kept


def copy_plan_file(path: Path, target: Path) -> Path:
    """A consistent copy of a plan (safe while it is open), via the SQLite backup API."""
    if Path(target).resolve() == Path(path).resolve():
        raise PlanFileError(f"{target}: a copy must have a different name from the plan")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def _check_looks_like_sqlite(path: Path) -> None:
    if not path.exists():
        raise PlanFileError(f"{path}: no such plan file")
    if not path.is_file():
        raise PlanFileError(f"{path}: is a folder, not a plan file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot be read ({exc.strerror})") from None
    if not header.startswith(SQLITE_HEADER):
        if path.suffix == PLAN_SUFFIX and len(header) == 100 and backups_of(path):
            raise PlanDamaged(path, "its first bytes are not a plan's")
        raise PlanFileError(f"{path}: is not a TrustPlanner plan file")
    if len(header) < 100:
        raise PlanDamaged(path, "the file was cut short")


def _check_is_plan(engine: Engine, path: Path) -> str:
    try:
        with engine.connect() as connection, connection.begin():
            app_id = connection.execute(text("PRAGMA application_id")).scalar_one()
            if app_id != APPLICATION_ID:
                raise PlanFileError(f"{path}: is an SQLite database but not a TrustPlanner plan file")
            problem = check_connection(connection.connection.driver_connection, path)
            if problem is not None:
                raise PlanDamaged(path, problem)
            revision = _stored_revision(connection)
    except OperationalError as exc:
        if is_damage(exc):
            raise PlanDamaged(path, _reason(exc)) from None
        raise PlanFileError(f"{path}: cannot be opened ({_reason(exc)})") from None
    if revision is None:
        raise PlanDamaged(path, "it has no plan format revision")
    return revision


def _stored_revision(connection) -> str | None:  # noqa: ANN001
    has_table = connection.execute(
        text("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'")).scalar_one()
    if not has_table:
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def _upgrade(connection) -> None:  # noqa: ANN001
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).splitlines()[0]
