"""Where each workstream group and milestone row goes, and each service's stage periods.

Rows are grouped by workstream (the standard order first, then any others by name) and sorted
by baseline within a group, so a changed forecast moves a marker along its row but never makes
rows jump about.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from trustplanner.domain.enums import Stage, Workstream
from trustplanner.domain.model import Programme, Service
from trustplanner.services.milestone_lines import MilestoneLine
from trustplanner.services.snapshot import PlanSnapshot

GROUP_HEIGHT = 26.0
ROW_HEIGHT = 22.0
BOTTOM_PADDING = 12.0
_WORKSTREAM_ORDER = {w.value: i for i, w in enumerate(Workstream)}


@dataclass(frozen=True)
class Group:
    name: str
    index: int
    top: float
    height: float
    count: int


@dataclass(frozen=True)
class Row:
    """A milestone's row: ``top`` in scene coordinates, ``group`` the index of its workstream."""

    line: MilestoneLine
    top: float
    group: int

    @property
    def ref(self) -> str:
        return self.line.ref

    @property
    def centre(self) -> float:
        return self.top + ROW_HEIGHT / 2


@dataclass(frozen=True)
class StagePeriod:
    stage: Stage
    start: date | None  # None: open at the left (before the plan's first date)
    end: date | None  # last day; None: open at the right

    @property
    def text(self) -> str:
        if self.stage is Stage.RETAINED:
            return "Retained by council throughout"
        if self.start is None:
            return f"{self.stage.label} until {self.end:%d/%m/%Y}"
        if self.end is None:
            return f"{self.stage.label} from {self.start:%d/%m/%Y}"
        return f"{self.stage.label} {self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


@dataclass(frozen=True)
class ServiceBand:
    service: str
    retained: bool
    periods: tuple[StagePeriod, ...]


@dataclass
class TimelineLayout:
    groups: list[Group] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    bands: list[ServiceBand] = field(default_factory=list)
    first: date = date(2000, 1, 1)
    last: date = date(2000, 1, 1)
    height: float = 0.0
    total: int = 0  # milestones in the plan, shown or not
    by_ref: dict[str, Row] = field(default_factory=dict)

    def row_at(self, y: float) -> Row | None:
        """The milestone row under scene y (None over a group heading or past the end)."""
        low, high = 0, len(self.rows) - 1
        while low <= high:
            middle = (low + high) // 2
            row = self.rows[middle]
            if y < row.top:
                high = middle - 1
            elif y >= row.top + ROW_HEIGHT:
                low = middle + 1
            else:
                return row
        return None

    def visible_rows(self, y_from: float, y_to: float) -> list[Row]:
        """Rows overlapping scene y ``y_from``..``y_to``, found by bisection."""
        low, high = 0, len(self.rows)
        while low < high:
            middle = (low + high) // 2
            if self.rows[middle].top + ROW_HEIGHT <= y_from:
                low = middle + 1
            else:
                high = middle
        end = low
        while end < len(self.rows) and self.rows[end].top < y_to:
            end += 1
        return self.rows[low:end]


def workstream_key(name: str) -> tuple[int, str]:
    return _WORKSTREAM_ORDER.get(name, len(_WORKSTREAM_ORDER)), name.casefold()


def build_layout(snapshot: PlanSnapshot, lines: list[MilestoneLine], *, workstream: str | None = None,
                 service: str | None = None) -> TimelineLayout:
    """Lay out ``lines`` (optionally only one workstream and/or service) in groups of rows."""
    grouped: defaultdict[str, list[MilestoneLine]] = defaultdict(list)
    for line in lines:
        m = line.milestone
        if (workstream is None or m.workstream == workstream) and (service is None or m.service == service):
            grouped[m.workstream].append(line)
    layout = TimelineLayout(total=len(lines))
    y = 0.0
    for index, name in enumerate(sorted(grouped, key=workstream_key)):
        members = sorted(grouped[name], key=lambda line: (line.milestone.baseline, line.ref))
        top = y
        y += GROUP_HEIGHT
        for line in members:
            row = Row(line, y, index)
            layout.rows.append(row)
            layout.by_ref[line.ref] = row
            y += ROW_HEIGHT
        layout.groups.append(Group(name, index, top, y - top, len(members)))
    layout.height = y + BOTTOM_PADDING
    layout.first, layout.last = _date_span(snapshot, [row.line for row in layout.rows] or lines)
    layout.bands = [service_band(s, snapshot.programme) for s in snapshot.services]
    return layout


def _date_span(snapshot: PlanSnapshot, lines: list[MilestoneLine]) -> tuple[date, date]:
    programme = snapshot.programme
    days = [snapshot.status_date, programme.go_live]
    days += [d for d in (programme.shadow_start,) if d]
    for line in lines:
        m = line.milestone
        days += [m.baseline, m.forecast]
        if m.actual:
            days.append(m.actual)
    return min(days), max(days)


def service_band(service: Service, programme: Programme) -> ServiceBand:
    """The service's council, shadow and independent periods (or retained throughout)."""
    if service.retained:
        return ServiceBand(service.name, True, (StagePeriod(Stage.RETAINED, None, None),))
    go_live = service.go_live or programme.go_live
    shadow = service.shadow or programme.shadow_start or go_live
    periods = []
    if shadow < go_live:
        periods.append(StagePeriod(Stage.COUNCIL, None, shadow - timedelta(days=1)))
        periods.append(StagePeriod(Stage.SHADOW, shadow, go_live - timedelta(days=1)))
    else:
        periods.append(StagePeriod(Stage.COUNCIL, None, go_live - timedelta(days=1)))
    periods.append(StagePeriod(Stage.INDEPENDENT, go_live, None))
    return ServiceBand(service.name, False, tuple(periods))
