"""The Overview page: the programme at a glance, for the first minute of a programme board.

Overall status, time to go-live, the headline counts, where each service is on its way to the
trust, what comes next, and the last briefing issued. Figures come from services.overview.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.enums import Rag
from trustplanner.domain.figures import percent_text, share
from trustplanner.domain.windows import OVERVIEW_DUE_DAYS
from trustplanner.services.briefings import BriefingRecord, list_briefings
from trustplanner.services.milestone_lines import MilestoneLine
from trustplanner.services.overview import ProgrammeOverview, programme_overview
from trustplanner.services.position import area_statuses
from trustplanner.ui.overview.cards import (
    CARD_STYLE,
    Card,
    RagBadge,
    RagBreakdown,
    Tile,
)
from trustplanner.ui.overview.stage_strip import StageStrip
from trustplanner.ui.overview.tables import (
    RECORD_ROLE,
    RagBadgeDelegate,
    RecordColumn,
    RecordTableModel,
)
from trustplanner.ui.pages.base import Page
from trustplanner.ui.palette import RAG_TEXT
from trustplanner.ui.table_menu import add_table_menu

log = logging.getLogger(__name__)
COMPACT_WIDTH = 900  # below this the next-milestones table drops its owner column

NEXT_COLUMNS = (
    RecordColumn("RAG", lambda line: line.rag.letter, rag=lambda line: line.rag,
                 tooltip=lambda line: line.rag.label + (" — overdue" if line.overdue else "")),
    RecordColumn("Ref", lambda line: line.ref),
    RecordColumn("Milestone", lambda line: line.milestone.title),
    RecordColumn("Owner", lambda line: line.milestone.owner),
    RecordColumn("Forecast", lambda line: f"{line.milestone.forecast:%d/%m/%Y}",
                 tooltip=lambda line: f"Baseline {line.milestone.baseline:%d/%m/%Y}"
                                      + (f", {line.slip_days:+d} working days" if line.slip_days else "")),
)


class OverviewPage(Page):
    title = "Overview"
    icon = "overview.svg"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.overview: ProgrammeOverview | None = None
        self.setStyleSheet(CARD_STYLE)

        self.heading = QLabel()
        self.heading.setObjectName("overviewHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setWordWrap(True)
        self.subheading.setStyleSheet("color: #4d5666;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(10)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.heading)
        header.addWidget(self.subheading)
        layout.addLayout(header)
        layout.addLayout(self._build_tiles())
        layout.addWidget(self._build_stages())
        bottom = QHBoxLayout()
        bottom.setSpacing(10)
        bottom.addWidget(self._build_next(), 3)
        bottom.addWidget(SideColumn(self._build_breakdown(), self._build_briefing()), 1)
        layout.addLayout(bottom, 1)

    # building ---------------------------------------------------------------------------------
    def _build_tiles(self) -> QGridLayout:
        self.status_tile = QFrame()
        self.status_tile.setObjectName("tile")
        title = QLabel("Overall status")
        title.setObjectName("tileTitle")
        self.rag_badge = RagBadge()
        self.rag_caption = QLabel()
        self.rag_caption.setObjectName("tileCaption")
        self.rag_caption.setWordWrap(True)
        status_layout = QVBoxLayout(self.status_tile)
        status_layout.setContentsMargins(12, 8, 12, 10)
        status_layout.setSpacing(4)
        status_layout.addWidget(title)
        status_layout.addWidget(self.rag_badge)
        status_layout.addWidget(self.rag_caption, 1)

        self.go_live_tile = Tile("Go-live")
        self.overdue_tile = Tile("Overdue")
        self.due_tile = Tile(f"Due in {OVERVIEW_DUE_DAYS} days")
        self.slipped_tile = Tile("Slipped")
        self.complete_tile = Tile("Complete")
        self.count_tiles = {"overdue": self.overdue_tile, "due": self.due_tile, "slipped": self.slipped_tile,
                            "complete": self.complete_tile}
        for kind, tile in self.count_tiles.items():
            tile.clicked.connect(lambda k=kind: self.show_in_milestones(k))
        grid = QGridLayout()
        grid.setSpacing(10)
        tiles = [self.status_tile, self.go_live_tile, *self.count_tiles.values()]
        for column, tile in enumerate(tiles):
            grid.addWidget(tile, 0, column)
            grid.setColumnStretch(column, 1)
        grid.setColumnStretch(0, 2)  # the status badge needs room for its word
        return grid

    def _build_stages(self) -> Card:
        card = Card("Services by stage")
        self.stage_strip = StageStrip()
        card.body.addWidget(self.stage_strip)
        return card

    def _build_next(self) -> Card:
        card = Card("Next milestones")
        self.next_model = RecordTableModel(NEXT_COLUMNS, self)
        self.next_table = QTableView()
        self.next_table.setObjectName("nextMilestones")
        self.next_table.setAccessibleName("Next milestones")
        self.next_table.setModel(self.next_model)
        self.next_table.setItemDelegateForColumn(0, RagBadgeDelegate(parent=self.next_table))
        self.next_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.next_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.next_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.next_table.setAlternatingRowColors(True)
        self.next_table.setWordWrap(False)
        self.next_table.setShowGrid(False)
        self.next_table.verticalHeader().hide()
        self.next_table.verticalHeader().setDefaultSectionSize(24)
        self.next_table.setToolTip("Double-click a milestone to open it in the Milestones page")
        header = self.next_table.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in ((0, 44), (1, 64), (3, 170), (4, 86)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.next_table.activated.connect(self._next_activated)
        show = QAction("&Show in Milestones", self.next_table)
        show.triggered.connect(lambda: self._next_activated(self.next_table.currentIndex()))
        add_table_menu(self.next_table, [show])
        card.body.addWidget(self.next_table, 1)
        return card

    def _build_breakdown(self) -> Card:
        self.breakdown_card = Card("Milestones by status")
        self.breakdown = RagBreakdown()
        self.breakdown_card.body.addWidget(self.breakdown)
        return self.breakdown_card

    def _build_briefing(self) -> Card:
        card = Card("Last briefing")
        card.setMinimumWidth(230)
        self.briefing_text = QLabel()
        self.briefing_text.setWordWrap(True)
        self.briefing_text.setTextFormat(Qt.TextFormat.RichText)
        self.briefing_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.open_briefing_button = QPushButton("Open")
        self.open_briefing_button.setToolTip("Open the briefing PDF in your PDF viewer")
        self.open_briefing_button.clicked.connect(self.open_last_briefing)
        self.go_briefings_button = QPushButton("Briefings…")
        self.go_briefings_button.setToolTip("Prepare a new briefing or see earlier ones")
        self.go_briefings_button.clicked.connect(lambda: self._go_to_page("Briefings"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_briefing_button)
        buttons.addWidget(self.go_briefings_button)
        buttons.addStretch(1)
        card.body.addWidget(self.briefing_text)
        card.body.addStretch(1)
        card.body.addLayout(buttons)
        return card

    # refreshing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.document is None:
            return
        try:
            briefings = list_briefings(self.document.plan)
        except Exception:  # a damaged briefing record must not hide the rest of the overview
            log.exception("could not list the plan's briefings")
            briefings = []
        try:
            areas = area_statuses(self.document.plan, self.document.snapshot)
        except Exception:  # the milestone picture still shows if staff or finance data cannot be read
            log.exception("could not work out the workforce and finance statuses")
            areas = []
        self.show_overview(programme_overview(self.document.snapshot, briefings=briefings, areas=areas))

    def show_overview(self, overview: ProgrammeOverview) -> None:
        self.overview = overview
        self.heading.setText(overview.trust)
        self.subheading.setText(f"{overview.council} · {overview.delivery_model} · position at "
                                f"{overview.status_date:%d/%m/%Y} · go-live {overview.go_live:%d/%m/%Y}")
        self._show_status(overview)
        self._show_counts(overview)
        self.stage_strip.set_services(overview.services, overview.timeline_start, overview.timeline_end,
                                      overview.status_date)
        self.next_model.set_records(overview.next_milestones)
        self._show_briefing(overview.last_briefing)

    def _show_status(self, overview: ProgrammeOverview) -> None:
        self.rag_badge.set_rag(overview.overall)
        counts = overview.rag_counts
        open_count = overview.total - overview.complete
        parts = [f"{counts.get(rag, 0)} {rag.value}" for rag in (Rag.RED, Rag.AMBER) if counts.get(rag)]
        caption = (f"{', '.join(parts)} of {open_count} open milestones" if parts and open_count
                   else f"{open_count} open milestones")
        if overview.areas:
            areas = [("Milestones", overview.milestones_rag), *overview.areas]
            caption = " · ".join(f"{name} {rag.letter}" for name, rag in areas) + f"<br>{caption}"
        self.rag_caption.setText(caption)
        self.breakdown.set_counts(overview.rag_counts)
        if overview.live:
            self.go_live_tile.title.setText("Go-live")
            self.go_live_tile.set_figure("Live", f"since {overview.go_live:%d/%m/%Y}", "#1f7a80")
        else:
            days = overview.working_days_to_go_live
            self.go_live_tile.title.setText("Go-live")
            self.go_live_tile.set_figure(str(days), f"working day{'' if days == 1 else 's'} to "
                                                    f"{overview.go_live:%d/%m/%Y}")
        self.go_live_tile.setToolTip(overview.go_live_text)

    def _show_counts(self, overview: ProgrammeOverview) -> None:
        red, amber = RAG_TEXT[Rag.RED].name(), RAG_TEXT[Rag.AMBER].name()
        self.overdue_tile.set_figure(str(len(overview.overdue)), "past their forecast date",
                                     red if overview.overdue else None)
        self.due_tile.set_figure(str(len(overview.due_soon)), f"forecast by {overview.due_soon_until:%d/%m/%Y}")
        self.slipped_tile.set_figure(str(len(overview.slipped)), "open and later than baseline",
                                     amber if overview.slipped else None)
        complete = percent_text(share(overview.complete, overview.total), places=0, missing="0%")
        self.complete_tile.set_figure(str(overview.complete), f"of {overview.total} milestones ({complete})")
        for kind, tile in self.count_tiles.items():
            refs = self._refs_for(kind)
            tile.set_clickable(True)
            tile.setToolTip((", ".join(refs) if refs else "None") + "\nClick to list them in the Milestones page.")

    def _show_briefing(self, record: BriefingRecord | None) -> None:
        self.open_briefing_button.setVisible(record is not None)
        if record is None:
            self.briefing_text.setText("No briefing issued yet.<br><span style='color:#5b6472'>Prepare one "
                                       "for the next cabinet or programme board from the Briefings page."
                                       "</span>")
            return
        colour = RAG_TEXT[record.overall].name()
        missing = "" if record.file_exists else "<br><span style='color:#b3261e'>The file is no longer there.</span>"
        self.briefing_text.setText(
            f"<b>{_escape(record.path.name)}</b>{missing}<br>"
            f"Issued {record.produced_at:%d/%m/%Y %H:%M}<br>"
            f"Meeting {record.meeting:%d/%m/%Y}<br>Position at {record.as_of:%d/%m/%Y}<br>"
            f"Overall <b style='color:{colour}'>{record.overall.label.upper()}</b> · {_escape(record.marking)}")
        self.briefing_text.setToolTip(str(record.path))
        self.open_briefing_button.setEnabled(record.file_exists)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.next_table.setColumnHidden(3, self.width() < COMPACT_WIDTH)

    # acting -------------------------------------------------------------------------------------
    def _next_activated(self, index: QModelIndex) -> None:
        line: MilestoneLine | None = index.data(RECORD_ROLE)
        if line is not None:
            self.milestone_selected.emit(line.ref)

    def open_last_briefing(self) -> None:
        if self.overview is not None and self.overview.last_briefing is not None:
            self.open_in_viewer(self.overview.last_briefing.path)

    def open_in_viewer(self, path: Path) -> None:
        """Hand the PDF to the system viewer (tests replace this)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _refs_for(self, kind: str) -> Sequence[str]:
        overview = self.overview
        if overview is None:
            return ()
        if kind == "complete":
            return tuple(m.ref for m in self.document.snapshot.milestones if m.actual is not None)
        return {"overdue": overview.overdue, "due": overview.due_soon, "slipped": overview.slipped}[kind]

    def show_in_milestones(self, kind: str) -> None:
        """Ask the window to list a tile's milestones in the Milestones page."""
        if self.overview is None:
            return
        labels = {"overdue": "overdue", "due": f"due in the next {OVERVIEW_DUE_DAYS} days", "slipped": "slipped against baseline",
                  "complete": "complete"}
        self.milestones_requested.emit(labels[kind], list(self._refs_for(kind)))

    def _go_to_page(self, title: str) -> None:
        self.page_requested.emit(title)


class SideColumn(QWidget):
    """Cards down the side of the page, both always shown: in a small window the page scrolls
    rather than hide "Milestones by status" (docs/design/0010)."""

    SPACING = 10

    def __init__(self, optional: QWidget, main: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional, self.main = optional, main
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.SPACING)
        layout.addWidget(optional)
        layout.addWidget(main, 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
