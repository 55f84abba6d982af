"""The staff table: a QAbstractTableModel over StaffRecords (never ORM rows), and its filter.

Names and salaries are personal data: the model shows them only while ``show_names`` is on, and
while they are hidden it neither sorts nor searches by them (an order would give them away).
Display text and sort keys are worked out once in set_rows(), so 20,000 rows stay quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from trustplanner.domain.money import format_pounds
from trustplanner.domain.staff import Employment, StaffRecord, fte_text, transfers
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.tupe_milestones import transfer_date_of
from trustplanner.ui.text_table import HIDDEN

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the StaffRecord of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
DEFAULTED = QColor("#7a8391")  # a transfer date that is the service's go-live, not the person's own


class Column(IntEnum):
    REF = 0
    NAME = 1
    SERVICE = 2
    TEAM = 3
    ROLE = 4
    GRADE = 5
    EMPLOYMENT = 6
    FTE = 7
    COST = 8
    TUPE = 9
    PENSION = 10
    CASELOAD = 11
    TRANSFER_DATE = 12
    ELI_SENT = 13
    CONSULTATION = 14


HEADERS = {
    Column.REF: "Ref", Column.NAME: "Name", Column.SERVICE: "Service", Column.TEAM: "Team", Column.ROLE: "Role",
    Column.GRADE: "Grade", Column.EMPLOYMENT: "Employment", Column.FTE: "FTE", Column.COST: "Annual cost",
    Column.TUPE: "Transfers", Column.PENSION: "Pension", Column.CASELOAD: "Caseload",
    Column.TRANSFER_DATE: "Transfer date", Column.ELI_SENT: "ELI sent", Column.CONSULTATION: "Consultation",
}
HEADER_TIPS = {
    Column.TUPE: "Whether TUPE moves this person to the trust: agency workers and vacancies never do; "
                 "secondees only when marked in scope",
    Column.TRANSFER_DATE: "Grey: no date of its own, so the service's go-live",
    Column.ELI_SENT: "When employee liability information was sent to the trust (due 28 days before transfer)",
    Column.COST: "Annual cost: personal data, shown only with 'Show names and salaries'",
    Column.NAME: "Personal data, shown only with 'Show names and salaries'",
}
PERSONAL = frozenset({Column.NAME, Column.COST})
NUMERIC = frozenset({Column.FTE, Column.COST, Column.CASELOAD})
COLUMN_COUNT = len(Column)
DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _uk(value: date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def _transfer_reason(record: StaffRecord) -> str:
    if record.employment is Employment.AGENCY:
        return "No: agency workers never transfer under TUPE"
    if record.employment is Employment.VACANCY:
        return "No: a vacant post does not transfer"
    if transfers(record):
        return "Yes: in TUPE scope"
    if record.employment is Employment.SECONDEE:
        return "No: a secondee transfers only when marked in TUPE scope"
    return "No: not in TUPE scope"


class StaffTableModel(QAbstractTableModel):
    """Rows of StaffRecords as at one date; sorted here, filtered by :class:`StaffFilter`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list[StaffRecord] = []
        self._text: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self._defaulted: list[bool] = []
        self._filter: list[tuple] = []
        self._sort: tuple[int, bool] = (Column.REF, False)
        self.show_names = False

    # rows -------------------------------------------------------------------------------------
    def set_rows(self, records: Sequence[StaffRecord], snapshot: PlanSnapshot) -> None:
        """Show ``records`` in the current sort order; resets only when the refs differ."""
        text, keys, defaulted, filters = [], [], [], []
        for record in records:
            day = transfer_date_of(record, snapshot)
            moves = transfers(record)
            row = (record.ref, record.name, record.service, record.team, record.role, record.grade,
                   record.employment.label, fte_text(record.fte), format_pounds(record.annual_cost, decimals=False),
                   "Yes" if moves else "No", record.pension.label,
                   "" if record.caseload is None else str(record.caseload), _uk(day), _uk(record.eli_sent),
                   record.consultation.label)
            text.append(row)
            folded = [value.casefold() for value in row]
            folded[Column.FTE], folded[Column.COST] = record.fte, record.annual_cost
            folded[Column.CASELOAD] = -1 if record.caseload is None else record.caseload
            folded[Column.TRANSFER_DATE] = day.isoformat()
            folded[Column.ELI_SENT] = record.eli_sent.isoformat() if record.eli_sent else "9999"
            keys.append(tuple(folded))
            defaulted.append(record.transfer_date is None)
            filters.append((record.service, record.team, record.employment, moves,
                            f"{folded[Column.REF]}\n{folded[Column.ROLE]}\n{folded[Column.TEAM]}",
                            folded[Column.NAME]))
        records = list(records)
        order = self._order(keys)
        refs_before = [r.ref for r in self._records]
        same = len(refs_before) == len(records) and refs_before == [records[i].ref for i in order]
        if not same:
            self.beginResetModel()
        self._records = [records[i] for i in order]
        self._text = [text[i] for i in order]
        self._keys = [keys[i] for i in order]
        self._defaulted = [defaulted[i] for i in order]
        self._filter = [filters[i] for i in order]
        if not same:
            self.endResetModel()
        elif records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(records) - 1, COLUMN_COUNT - 1))

    def set_show_names(self, show: bool) -> None:
        """Show (or hide) names and salaries; a sort on either column follows."""
        if show == self.show_names:
            return
        self.show_names = show
        if self._records:
            for column in PERSONAL:
                self.dataChanged.emit(self.index(0, column), self.index(len(self._records) - 1, column))
        if self._sort[0] in PERSONAL:
            self.sort(self._sort[0], Qt.SortOrder.DescendingOrder if self._sort[1] else Qt.SortOrder.AscendingOrder)

    def record(self, row: int) -> StaffRecord:
        return self._records[row]

    def records(self) -> list[StaffRecord]:
        return list(self._records)

    def row_of(self, ref: str) -> int:
        return next((i for i, record in enumerate(self._records) if record.ref == ref), -1)

    def filter_key(self, row: int) -> tuple:
        """(service, team, employment, transfers, folded ref/role/team, folded name) of a row."""
        return self._filter[row]

    # sorting ----------------------------------------------------------------------------------
    def _order(self, keys: list[tuple]) -> list[int]:
        column, descending = self._sort
        if column in PERSONAL and not self.show_names:
            column = Column.REF  # hidden values must not be revealed by their order
        if column == Column.REF:
            return sorted(range(len(keys)), key=lambda i: keys[i][Column.REF], reverse=descending)
        return sorted(range(len(keys)), key=lambda i: (keys[i][column], keys[i][Column.REF]), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens here on plain Python keys (a sorting proxy would call data() for every cell)."""
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        order_ = self._order(self._keys)
        new_row = [0] * len(order_)
        for new, old in enumerate(order_):
            new_row[old] = new
        for name in ("_records", "_text", "_keys", "_defaulted", "_filter"):
            values = getattr(self, name)
            setattr(self, name, [values[i] for i in order_])
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [self.index(new_row[p.row()], p.column()) for p in persistent])
        self.layoutChanged.emit()

    # Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == DISPLAY:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < len(self._records):
            return None
        hidden = column in PERSONAL and not self.show_names
        if role == DISPLAY:
            return HIDDEN if hidden else self._text[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in NUMERIC and not hidden else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.TRANSFER_DATE and self._defaulted[row]:
                return QBrush(DEFAULTED)
            if hidden:
                return QBrush(DEFAULTED)
            return None
        if role == RECORD_ROLE:
            return self._records[row]
        if role == SORT_ROLE:
            return None if hidden else self._keys[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, hidden)
        if role == Qt.ItemDataRole.AccessibleTextRole and hidden:
            return "hidden"
        return None

    def _tooltip(self, row: int, column: int, hidden: bool) -> str | None:
        record = self._records[row]
        if hidden:
            return "Hidden: tick 'Show names and salaries' to see it"
        if column == Column.TUPE:
            return _transfer_reason(record)
        if column == Column.TRANSFER_DATE and self._defaulted[row]:
            return f"The go-live of {record.service}: no transfer date of its own"
        return None


class StaffFilter(QSortFilterProxyModel):
    """Filters by service, team, employment, whether people transfer, and text.

    Text matches ref, role and team, and the name only while names are shown.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.service: str | None = None
        self.team: str | None = None
        self.employment: Employment | None = None
        self.transfers: bool | None = None
        self.text = ""
        self.names = False

    def set_filters(self, *, service: str | None = None, team: str | None = None,
                    employment: Employment | None = None, transfers: bool | None = None, text: str = "",
                    names: bool = False) -> None:
        self.beginFilterChange()
        self.service, self.team, self.transfers = service, team, transfers
        self.employment = Employment(employment) if employment else None  # a combo hands back a plain str
        self.text, self.names = text.strip().casefold(), names
        self.endFilterChange()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: ANN001
        """The source model sorts (fast, on plain keys); this proxy keeps its order and filters."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        service, team, employment, moves, haystack, name = self.sourceModel().filter_key(source_row)
        if self.service is not None and service != self.service:
            return False
        if self.team is not None and team != self.team:
            return False
        if self.employment is not None and employment != self.employment:
            return False
        if self.transfers is not None and moves != self.transfers:
            return False
        if self.text:
            return self.text in haystack or (self.names and self.text in name)
        return True
