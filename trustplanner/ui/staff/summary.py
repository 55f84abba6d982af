"""The Staff page's summary: headline workforce figures and three charts.

Every number comes from services.workforce (figures_for, grouped, transfer_waves), the same
functions the briefing uses, so the page and the briefing always agree. Aggregates only here:
no name and no one person's salary.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from trustplanner.domain.figures import decimal_text
from trustplanner.domain.money import format_compact, format_pounds
from trustplanner.domain.staff import Employment, StaffRecord
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.tupe_milestones import PREFIX
from trustplanner.services.workforce import (
    TransferWave,
    WorkforceFigures,
    figures_for,
    fte_text,
    grouped,
    percent,
    transfer_waves,
)
from trustplanner.ui.overview.cards import CARD_STYLE, Tile
from trustplanner.ui.staff.charts import (
    FteByServiceChart,
    TransferWavesChart,
    TupeProgressChart,
    people,
)
from trustplanner.ui.summary_tiles import chart_card, tile_row

PROGRAMME = "Programme"
ELI_PREFIX = f"{PREFIX}ELI-"


def headline(figures: WorkforceFigures) -> dict[str, tuple[str, str, str]]:
    """Tile title -> (value, caption, tooltip), each measure as the DfE defines it."""
    agency = figures.fte[Employment.AGENCY]
    vacant = figures.fte[Employment.VACANCY]
    caseload = figures.average_caseload
    return {
        "Headcount": (f"{figures.total_headcount:,}", f"{figures.transferring:,} transfer",
                      (f"{people(figures.total_headcount)} (vacancies not counted); {people(figures.transferring)} "
                       f"({fte_text(figures.transferring_fte)} FTE) transfer under TUPE")),
        "FTE": (fte_text(figures.in_post_fte + agency), f"{fte_text(figures.in_post_fte)} in post",
                (f"{fte_text(figures.in_post_fte)} FTE in post (permanent, fixed-term, seconded), "
                 f"{fte_text(agency)} agency; {fte_text(vacant)} FTE vacant")),
        "Agency rate": (percent(figures.agency_rate), f"{fte_text(agency)} agency FTE",
                        "Agency FTE ÷ (in-post FTE + agency FTE), as the DfE reports it"),
        "Vacancy rate": (percent(figures.vacancy_rate), f"{fte_text(vacant)} vacant FTE",
                         "Vacant FTE ÷ (in-post FTE + vacant FTE), as the DfE reports it"),
        "Caseload": ("—" if caseload is None else decimal_text(caseload, 1),
                     f"{figures.case_holders:,} case-holders",
                     f"Average caseload: {figures.cases:,} cases ÷ {figures.case_holders:,} case-holding workers"),
        "Agency premium": (format_compact(figures.agency_premium), "extra a year",
                           (f"Agency staff cost {format_pounds(figures.agency_cost, decimals=False)} a year, "
                            f"{format_pounds(figures.agency_premium, decimals=False)} more than the same FTE at the "
                            "average permanent cost")),
    }


def staying_text(figures: WorkforceFigures) -> str:
    """Who does not transfer, in words: agency workers, people out of scope, vacant posts."""
    agency = figures.headcount[Employment.AGENCY]
    out_of_scope = figures.total_headcount - figures.transferring - agency
    vacant = figures.headcount[Employment.VACANCY]
    if not (agency or out_of_scope or vacant):
        return ""
    parts = [f"{agency:,} agency" if agency else "", f"{out_of_scope:,} not in scope" if out_of_scope else "",
             f"{vacant:,} vacant post{'s' if vacant != 1 else ''}" if vacant else ""]
    return "Not transferring: " + " · ".join(part for part in parts if part)


def eli_deadlines(snapshot: PlanSnapshot) -> dict[date, date]:
    """Transfer date -> ELI deadline, read from the derived TUPE-ELI-yyyymmdd milestones."""
    deadlines = {}
    for milestone in snapshot.milestones:
        if milestone.derived and milestone.ref.startswith(ELI_PREFIX):
            try:
                deadlines[datetime.strptime(milestone.ref[len(ELI_PREFIX):], "%Y%m%d").date()] = milestone.forecast
            except ValueError:
                continue
    return deadlines


class StaffSummary(QWidget):
    """Tiles over three chart cards; :meth:`show_staff` fills them from plain records."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(CARD_STYLE)
        self.figures: WorkforceFigures | None = None
        self.by_service: list[WorkforceFigures] = []
        self.waves: list[TransferWave] = []
        self.eli_due: dict[date, date] = {}

        tiles, self.tiles = tile_row(headline(figures_for(PROGRAMME, [])), Tile)

        self.fte_chart = FteByServiceChart()
        self.waves_chart = TransferWavesChart()
        self.progress_chart = TupeProgressChart()
        self.fte_card = chart_card("FTE by employment type per service", self.fte_chart)
        self.waves_card = chart_card("Transfers by date", self.waves_chart)
        self.progress_card = chart_card("TUPE steps by transfer date", self.progress_chart)
        self.staying = QLabel()
        self.staying.setObjectName("tileCaption")
        self.staying.setWordWrap(True)
        self.waves_card.body.setStretchFactor(self.waves_chart, 0)
        self.waves_card.body.addWidget(self.staying)
        self.waves_card.body.addStretch(1)
        charts = QHBoxLayout()
        charts.setSpacing(8)
        charts.addWidget(self.fte_card, 6)
        charts.addWidget(self.waves_card, 3)
        charts.addWidget(self.progress_card, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(tiles)
        layout.addLayout(charts, 1)

    def show_staff(self, records: Sequence[StaffRecord], snapshot: PlanSnapshot) -> None:
        self.figures = figures_for(PROGRAMME, records)
        self.by_service = grouped(records, lambda record: record.service)
        order = {service.name: n for n, service in enumerate(snapshot.services)}
        self.by_service.sort(key=lambda f: (order.get(f.group, len(order)), f.group))
        self.waves = transfer_waves(snapshot, records)
        self.eli_due = eli_deadlines(snapshot)
        for title, (value, caption, tip) in headline(self.figures).items():
            self.tiles[title].set_figure(value, caption)
            self.tiles[title].setToolTip(tip)
        self.staying.setText(staying_text(self.figures))
        self.fte_chart.set_figures(self.by_service)
        self.waves_chart.set_waves(self.waves)
        self.progress_chart.set_waves(self.waves, self.eli_due)
