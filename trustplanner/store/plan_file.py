"""Opening, creating and migrating plan files.

A plan is one SQLite file (``.tplan``). It carries ``PRAGMA application_id`` so that any other
SQLite file is recognised as "not a plan", and an Alembic revision so that older files are
backed up and migrated on open and newer ones are refused.
"""

from __future__ import annotations

import logging
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

log = logging.getLogger(__name__)

PLAN_SUFFIX = ".tplan"
APPLICATION_ID = 0x54504C4E  # "TPLN"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


#: The newest schema revision. Opening a plan at this revision needs no Alembic at all (it is
#: slow to import); a test keeps this equal to the head of the migration scripts.
HEAD_REVISION = "0006"


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
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writers = sessionmaker(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A database transaction for writing: committed whole on success, rolled back whole on any error.

        Only the change history (``trustplanner.services.history.change``) calls this: every write
        to a plan is a unit of work there, so that it is recorded and can be undone.
        """
        if self.read_only:
            raise PlanFileError(f"{self.path.name} is open read-only; nothing can be changed")
        with self._writers() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
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

    ``read_only`` plans refuse every transaction (and are never migrated).
    """
    path = Path(path)
    _check_looks_like_sqlite(path)
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
            backup = backup_plan_file(path, revision)
            log.info("migrating plan file from %s to %s (backup %s)", revision, head_revision(), backup.name)
            with engine.begin() as connection:
                _upgrade(connection)
    except PlanFileError:
        engine.dispose()
        raise
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        raise PlanFileError(f"{path}: is damaged or not a TrustPlanner plan ({_reason(exc)})") from None
    return PlanFile(path, engine, read_only=read_only)


def backup_plan_file(path: Path, revision: str) -> Path:
    """Copy the plan beside itself with the SQLite backup API, named by date and old revision."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return copy_plan_file(path, path.with_name(f"{path.stem}.backup-{stamp}-rev{revision}{path.suffix}"))


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
        raise PlanFileError(f"{path}: is not a TrustPlanner plan file")
    if len(header) < 100:
        raise PlanFileError(f"{path}: is damaged (the file is truncated)")


def _check_is_plan(engine: Engine, path: Path) -> str:
    try:
        with engine.connect() as connection:
            app_id = connection.execute(text("PRAGMA application_id")).scalar_one()
            if app_id != APPLICATION_ID:
                raise PlanFileError(f"{path}: is an SQLite database but not a TrustPlanner plan file")
            check = connection.execute(text("PRAGMA quick_check")).scalar_one()
            if check != "ok":
                raise PlanFileError(f"{path}: is damaged ({check})")
            revision = _stored_revision(connection)
    except OperationalError as exc:
        raise PlanFileError(f"{path}: cannot be opened ({_reason(exc)})") from None
    if revision is None:
        raise PlanFileError(f"{path}: is damaged (it has no plan format revision)")
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
