"""The Timeline page: markers, slip bars, connectors, zoom, clicks, export and refresh."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Signal  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QGraphicsSimpleTextItem  # noqa: E402

from trustplanner.domain.enums import DeliveryModel, Rag, Stage, Workstream  # noqa: E402
from trustplanner.domain.model import Milestone, Programme, Service  # noqa: E402
from trustplanner.services.demo import create_demo_plan  # noqa: E402
from trustplanner.services.milestones import update_milestone  # noqa: E402
from trustplanner.services.snapshot import PlanSnapshot  # noqa: E402
from trustplanner.ui.document import PlanDocument  # noqa: E402
from trustplanner.ui.pages.timeline import TimelinePage  # noqa: E402
from trustplanner.ui.settings import Settings  # noqa: E402
from trustplanner.ui.timeline.layout import service_band  # noqa: E402
from trustplanner.ui.timeline.scale import TimeScale, Zoom, financial_year, quarter_label  # noqa: E402


@pytest.fixture
def document(tmp_path, qapp):
    document = PlanDocument(create_demo_plan(tmp_path / "d.tplan"), None)
    yield document
    document.close()


@pytest.fixture
def page(qtbot, document):
    page = TimelinePage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.set_document(document)
    page.show()
    qtbot.waitExposed(page)
    return page


def click_point(page: TimelinePage, ref: str) -> QPoint:
    item = page.scene.markers[ref]
    page.view.centre_on_scene(item.marker_x, item.y())
    return page.view.mapFromScene(item.marker_x, item.y())


# the chart -------------------------------------------------------------------------------------

def test_scene_has_a_marker_per_milestone_and_a_connector_per_dependency(page, document):
    snapshot = document.snapshot
    assert set(page.scene.markers) == {m.ref for m in snapshot.milestones}
    links = {(dep, m.ref) for m in snapshot.milestones for dep in m.depends_on}
    assert {(c.predecessor, c.successor) for c in page.scene.connectors} == links
    assert len(page.scene.connectors) == len(links)
    assert page.count.text() == "55 milestones"  # 5 derived TUPE deadlines


def test_slipped_milestones_have_a_slip_bar_from_baseline_to_forecast(page):
    scale = page.scene.scale
    slipped = page.scene.markers["CON-02"]  # baseline 16/12/2016, forecast 13/01/2017, red
    assert slipped.slipped and slipped.rag is Rag.RED
    assert slipped.baseline_x == scale.centre(date(2016, 12, 16))
    assert slipped.marker_x == scale.centre(date(2017, 1, 13))
    on_time = page.scene.markers["CON-03"]
    assert not on_time.slipped


def test_a_completed_milestone_sits_at_its_actual_date(page):
    item = page.scene.markers["GOV-09"]  # baseline 03/10/2016, actual 01/11/2016
    assert item.rag is Rag.COMPLETE
    assert item.marker_x == page.scene.scale.centre(date(2016, 11, 1))
    assert item.slipped


def test_rows_are_grouped_by_workstream_in_the_standard_order(page):
    names = [g.name for g in page.scene.layout.groups]
    order = [w.value for w in Workstream]
    assert names == sorted(names, key=order.index)
    rows = page.scene.layout.rows
    assert all(a.top < b.top for a, b in zip(rows, rows[1:]))


def test_dependencies_can_be_hidden(page):
    page.dependencies_box.setChecked(False)
    assert page.scene.connectors == []
    assert len(page.scene.markers) == 55


def test_status_date_line_is_labelled_and_today_is_left_out_when_off_the_chart(page):
    texts = [mark.text for mark in page.scene.marks]
    assert "Status 16/01/2017" in texts
    assert "Go-live 01/04/2017" in texts
    assert not any(text.startswith("Today") for text in texts)  # the demo plan ends in 2017


def test_filters_show_one_workstream_and_select_milestone_clears_them(page):
    page.workstream_filter.setCurrentIndex(page.workstream_filter.findData("Finance"))
    assert set(page.scene.markers) == {"FIN-01", "FIN-02", "FIN-03"}
    assert page.count.text() == "3 of 55 milestones"
    page.select_milestone("HR-02")
    assert "HR-02" in page.scene.markers
    assert page.scene.selected_ref == "HR-02"
    assert page.scene.markers["HR-02"].highlighted


def test_select_milestone_centres_it(page):
    page.select_milestone("CON-05")
    item = page.scene.markers["CON-05"]
    visible = page.view.mapToScene(page.view.viewport().rect()).boundingRect()
    assert visible.contains(item.marker_x, item.y())
    assert page.scene.selection_band.isVisible()


# zoom and axis ---------------------------------------------------------------------------------

def test_zoom_changes_the_scene_width(page):
    widths = {}
    for zoom in (Zoom.WEEKS, Zoom.MONTHS, Zoom.QUARTERS):
        page.set_zoom(zoom)
        widths[zoom] = page.scene.content_width
        assert page.zoom_buttons.checkedId() == list(Zoom).index(zoom)
    assert widths[Zoom.WEEKS] > widths[Zoom.MONTHS] > widths[Zoom.QUARTERS]


def test_ctrl_wheel_steps_between_zoom_levels(page):
    page.set_zoom(Zoom.MONTHS)
    page.step_zoom(1)
    assert page.zoom is Zoom.WEEKS
    page.step_zoom(1)
    assert page.zoom is Zoom.WEEKS
    page.step_zoom(-1)
    page.step_zoom(-1)
    assert page.zoom is Zoom.QUARTERS


def test_quarters_follow_the_uk_financial_year():
    assert quarter_label(date(2017, 1, 16)) == "Q4 2016/17"
    assert quarter_label(date(2017, 4, 1)) == "Q1 2017/18"
    assert financial_year(date(2017, 3, 31)) == "2016/17"
    scale = TimeScale(date(2016, 10, 1), Zoom.QUARTERS)
    years, quarters = scale.tiers(0, scale.x(date(2017, 6, 30)))
    assert [t.label for t in quarters] == ["Q3 2016/17", "Q4 2016/17", "Q1 2017/18"]
    assert [t.label for t in years] == ["2016", "2017"]


def test_week_and_month_ticks():
    weeks = TimeScale(date(2017, 1, 2), Zoom.WEEKS)
    months, mondays = weeks.tiers(0, weeks.x(date(2017, 1, 20)))
    assert [t.start for t in mondays] == [date(2017, 1, 2), date(2017, 1, 9), date(2017, 1, 16)]
    assert mondays[2].label == "16 Jan"
    assert months[0].label == "January 2017"
    scale = TimeScale(date(2017, 1, 1), Zoom.MONTHS)
    quarters, month_ticks = scale.tiers(0, scale.x(date(2017, 4, 5)))
    assert [t.label for t in month_ticks] == ["Jan 2017", "Feb 2017", "Mar 2017", "Apr 2017"]
    assert [t.label for t in quarters] == ["Q4 2016/17", "Q1 2017/18"]


def test_stage_bands_show_council_shadow_and_independent_or_retained():
    programme = Programme("Council", "Trust", DeliveryModel.INDEPENDENT_TRUST, date(2017, 4, 1),
                          shadow_start=date(2016, 9, 1))
    band = service_band(Service("Early help"), programme)
    assert [p.stage for p in band.periods] == [Stage.COUNCIL, Stage.SHADOW, Stage.INDEPENDENT]
    assert [p.text for p in band.periods] == ["Council until 31/08/2016", "Shadow 01/09/2016 – 31/03/2017",
                                              "Independent from 01/04/2017"]
    retained = service_band(Service("Adoption agency", retained=True), programme)
    assert [p.stage for p in retained.periods] == [Stage.RETAINED]


# the frozen panes -----------------------------------------------------------------------------

def test_row_labels_and_axis_follow_the_chart_when_it_scrolls(page):
    row = page.scene.layout.by_ref["PEN-01"]
    page.view.scroll_to(y=row.top)
    assert page.labels.row_at(11).ref == "PEN-01"  # the middle of the top row
    page.view.scroll_to(x=400)
    assert page.view.scene_left() == pytest.approx(400, abs=1)
    assert page.header.height() == page.corner.height()


def test_tooltip_gives_ref_title_dates_rag_and_slip(page):
    text = page.scene.markers["HR-02"].tooltip()
    for part in ("HR-02", "TUPE in-scope staff list validated", "09/12/2016", "20/01/2017", "Red",
                 "+27 working days"):
        assert part in text


# clicks ---------------------------------------------------------------------------------------

def test_clicking_a_milestone_emits_its_ref(page, qtbot):
    point = click_point(page, "CON-02")
    with qtbot.waitSignal(page.milestone_selected, timeout=1000) as signal:
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == ["CON-02"]
    assert page.scene.selected_ref == "CON-02"


def test_clicking_empty_chart_emits_nothing(page, qtbot):
    emitted = []
    page.milestone_selected.connect(emitted.append)
    item = page.scene.markers["CON-02"]
    page.view.centre_on_scene(item.marker_x, item.y())
    point = page.view.mapFromScene(item.marker_x + 300, item.y() - 4)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert emitted == []


def test_clicking_a_row_label_emits_its_ref(page, qtbot):
    row = page.scene.layout.by_ref["LEG-02"]
    page.view.scroll_to(y=row.top - 22)
    with qtbot.waitSignal(page.milestone_selected, timeout=1000) as signal:
        qtbot.mouseClick(page.labels, Qt.MouseButton.LeftButton, pos=QPoint(60, 22 + 11))
    assert signal.args == ["LEG-02"]


# export and refresh --------------------------------------------------------------------------

def test_export_writes_the_whole_timeline_as_a_png(page, tmp_path, monkeypatch):
    target = tmp_path / "timeline"
    monkeypatch.setattr(page, "choose_export_path", lambda: str(target))
    written = page.export_png()
    assert written == tmp_path / "timeline.png"
    image = QImage(str(written))
    assert not image.isNull()
    assert image.width() > page.scene.content_width  # the whole width, not just the viewport
    assert image.height() > page.scene.layout.height
    assert "Saved the timeline" in page.messages.label.text()


def test_export_cancelled_writes_nothing(page, monkeypatch):
    monkeypatch.setattr(page, "choose_export_path", lambda: None)
    assert page.export_png() is None


def test_export_failure_is_shown_in_place(page, tmp_path, monkeypatch):
    monkeypatch.setattr(page, "choose_export_path", lambda: str(tmp_path / "missing" / "t.png"))
    assert page.export_png() is None
    assert "Could not export" in page.messages.label.text()


def test_refresh_after_a_forecast_change_moves_the_marker(page, document):
    before = page.scene.markers["CON-03"].marker_x
    old = document.snapshot.milestone("CON-03")
    update_milestone(document.plan, "CON-03", replace(old, forecast=old.forecast + timedelta(days=14)))
    document.reload()
    item = page.scene.markers["CON-03"]
    assert item.marker_x == pytest.approx(before + 14 * page.scene.scale.px_per_day)
    assert item.slipped


def test_zoom_and_dependencies_are_remembered(page, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    page.set_zoom(Zoom.WEEKS)
    page.dependencies_box.setChecked(False)
    page.save_state(settings)
    other = TimelinePage()
    other.restore_state(settings)
    assert other.zoom is Zoom.WEEKS
    assert not other.dependencies_box.isChecked()
    other.deleteLater()


# a large plan ----------------------------------------------------------------------------------

class SnapshotDocument(QObject):
    """Just enough of a PlanDocument for the page, over a snapshot built in memory."""

    changed = Signal()

    def __init__(self, snapshot: PlanSnapshot, path: Path):
        super().__init__()
        self.snapshot = snapshot
        self.path = path
        self.read_only = False


def large_snapshot(count: int = 2000, dependencies: int = 3000) -> PlanSnapshot:
    programme = Programme("Northfield MBC", "Northfield Children's Trust", DeliveryModel.INDEPENDENT_TRUST,
                          date(2018, 4, 1), shadow_start=date(2017, 10, 1), status_date=date(2017, 3, 31))
    services = (Service("Children's social care"), Service("Early help", go_live=date(2018, 1, 1)),
                Service("School admissions", retained=True))
    workstreams = [w.value for w in Workstream]
    milestones = []
    for i in range(count):
        baseline = date(2016, 4, 1) + timedelta(days=i * 730 // count)
        forecast = baseline + timedelta(days=(i % 7) * 3)
        depends = tuple(f"M{j:04d}" for j in (i - 1, i - 7) if j >= 0)[: max(0, min(2, dependencies - 2 * i))]
        milestones.append(Milestone(f"M{i:04d}", f"Milestone {i}", workstreams[i % len(workstreams)],
                                    Stage.SHADOW, baseline, forecast, depends_on=depends,
                                    actual=baseline if baseline < date(2016, 10, 1) else None))
    return PlanSnapshot(programme, services, tuple(milestones))


def test_two_thousand_milestones_are_all_drawn_at_every_zoom(qtbot, tmp_path):
    """At scale every marker and connector is drawn (how fast is benchmarks' business, not a test's)."""
    snapshot = large_snapshot()
    page = TimelinePage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.set_document(SnapshotDocument(snapshot, tmp_path / "big.tplan"))
    page.grab()
    assert len(page.scene.markers) == 2000
    assert len(page.scene.connectors) == sum(len(m.depends_on) for m in snapshot.milestones)
    months = page.scene.sceneRect().width()
    page.set_zoom(Zoom.WEEKS)
    page.grab()
    assert len(page.scene.markers) == 2000
    assert page.scene.sceneRect().width() > months  # weeks spread the same plan wider


def test_a_hidden_page_redraws_when_next_shown(page, document):
    page.hide()
    old = document.snapshot.milestone("HR-05")
    before = page.scene.markers["HR-05"].marker_x
    update_milestone(document.plan, "HR-05", replace(old, forecast=old.forecast + timedelta(days=7)))
    document.reload()
    assert page.scene.markers["HR-05"].marker_x == before  # no work while out of sight
    page.show()
    assert page.scene.markers["HR-05"].marker_x == pytest.approx(before + 7 * page.scene.scale.px_per_day)


def test_a_plan_without_milestones_says_so(qtbot, tmp_path):
    snapshot = replace(large_snapshot(0), milestones=())
    page = TimelinePage()
    qtbot.addWidget(page)
    page.show()
    page.set_document(SnapshotDocument(snapshot, tmp_path / "empty.tplan"))
    notes = [item.text() for item in page.scene.items() if isinstance(item, QGraphicsSimpleTextItem)]
    assert notes and "no milestones yet" in notes[0]
    assert page.count.text() == "0 milestones"
    page.grab()


def test_today_line_is_drawn_when_today_is_on_the_chart(qtbot, tmp_path):
    today = date.today()
    programme = Programme("Council", "Trust", DeliveryModel.INDEPENDENT_TRUST, today + timedelta(days=90),
                          shadow_start=today - timedelta(days=60), status_date=today - timedelta(days=14))
    milestones = (Milestone("A-1", "Scope agreed", "Governance", Stage.SHADOW, today - timedelta(days=30),
                            today - timedelta(days=30), actual=today - timedelta(days=30)),
                  Milestone("A-2", "Contract signed", "Commissioning & contract", Stage.SHADOW,
                            today + timedelta(days=30), today + timedelta(days=40), depends_on=("A-1",)))
    page = TimelinePage()
    qtbot.addWidget(page)
    page.show()
    page.set_document(SnapshotDocument(PlanSnapshot(programme, (Service("Early help"),), milestones),
                                       tmp_path / "now.tplan"))
    marks = {mark.kind: mark for mark in page.scene.marks}
    assert marks["today"].text == f"Today {today:%d/%m/%Y}"
    assert marks["today"].x == page.scene.scale.centre(today)


def test_hovering_a_row_highlights_it_in_the_chart_and_the_labels(page, qtbot):
    point = click_point(page, "PEN-02")
    QTest.mouseMove(page.view.viewport(), point)
    assert page.scene.hover_band.isVisible()
    assert page.labels.hovered is not None and page.labels.hovered.ref == "PEN-02"
