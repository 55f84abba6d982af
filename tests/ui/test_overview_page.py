"""The Overview page shows the demo plan's figures, lists what comes next and the last briefing."""

from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QAbstractItemModelTester

from trustplanner.domain.enums import Rag
from trustplanner.services.briefings import produce_briefing
from trustplanner.services.demo import create_demo_plan
from trustplanner.services.overview import programme_overview
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.overview.stage_strip import StageStrip
from trustplanner.ui.overview.tables import RAG_ROLE, RECORD_ROLE
from trustplanner.ui.pages.overview import OverviewPage


@pytest.fixture
def document(tmp_path, qapp):
    document = PlanDocument(create_demo_plan(tmp_path / "d.tplan"), None)
    yield document
    document.close()


@pytest.fixture
def page(qtbot, document, monkeypatch):
    page = OverviewPage()
    qtbot.addWidget(page)
    page.opened = []
    monkeypatch.setattr(page, "open_in_viewer", page.opened.append)
    page.set_document(document)
    return page


def test_shows_overall_status_go_live_and_counts(page):
    assert page.rag_badge.text() == "RED"
    assert page.rag_caption.text() == "Milestones R · Workforce A · Finance R · Risk R<br>5 red, 5 amber of 34 open milestones"
    assert page.go_live_tile.value.text() == "54"
    assert "01/04/2017" in page.go_live_tile.caption.text()
    assert page.go_live_tile.toolTip() == "54 working days to go-live"
    assert page.overdue_tile.value.text() == "2"
    assert page.overdue_tile.toolTip().startswith("ICT-02, CON-02")
    assert page.due_tile.value.text() == "7"  # with TUPE-REP-20170401, derived
    assert page.slipped_tile.value.text() == "8"
    assert page.complete_tile.value.text() == "21"
    assert "of 55" in page.complete_tile.caption.text()
    assert page.breakdown.counts == {Rag.RED: 5, Rag.AMBER: 5, Rag.GREEN: 24, Rag.COMPLETE: 21}


def test_says_live_since_after_go_live(page, document):
    page.show_overview(programme_overview(document.snapshot, as_of=date(2017, 4, 3)))
    assert page.go_live_tile.value.text() == "Live"
    assert page.go_live_tile.caption.text() == "since 01/04/2017"
    assert page.go_live_tile.toolTip() == "Live since 01/04/2017"


def test_next_milestones_table_lists_ten_by_forecast_with_rag(page):
    model = page.next_model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 10
    assert [model.index(r, 1).data() for r in range(3)] == ["ICT-02", "CON-02", "HR-04"]
    assert model.index(0, 0).data(RAG_ROLE) == Rag.RED
    assert model.index(2, 0).data() == "A"
    assert model.index(0, 4).data() == "06/01/2017"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Red — overdue"


def test_double_click_asks_to_show_the_milestone(page, qtbot):
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    table = page.next_table
    rect = table.visualRect(page.next_model.index(3, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    asked = []
    page.milestone_selected.connect(asked.append)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked == ["HR-02"]  # once


def test_stage_strip_has_every_service_and_paints_at_any_size(page, qtbot):
    strip = page.stage_strip
    assert len(strip.services) == 6
    assert "Adoption agency: retained by the council." in strip.accessibleDescription()
    for size in (QSize(380, 200), QSize(1200, 320)):
        strip.resize(size)
        assert not strip.grab().isNull()
    empty = StageStrip()
    qtbot.addWidget(empty)
    empty.resize(400, 80)
    assert not empty.grab().isNull()


def test_no_briefing_yet_then_the_last_one_issued(page, document, tmp_path):
    assert page.briefing_text.text().startswith("No briefing issued yet")
    assert page.open_briefing_button.isHidden()
    out = tmp_path / "Cabinet briefing 2017-01-16.pdf"
    produce_briefing(document.plan, out, meeting=date(2017, 1, 18), issue=True)
    document.reload()
    assert "Cabinet briefing 2017-01-16.pdf" in page.briefing_text.text()
    assert "Meeting 18/01/2017<br>Position at 16/01/2017" in page.briefing_text.text()
    assert not page.open_briefing_button.isHidden()
    page.open_briefing_button.click()
    assert page.opened == [out]


def test_last_briefing_whose_file_has_gone_cannot_be_opened(page, document, tmp_path):
    out = tmp_path / "gone.pdf"
    produce_briefing(document.plan, out, issue=True)
    out.unlink()
    document.reload()
    assert "no longer there" in page.briefing_text.text()
    assert not page.open_briefing_button.isEnabled()


def test_count_tiles_ask_for_their_milestones(qtbot, page):
    assert page.overdue_tile.property("clickable")
    with qtbot.waitSignal(page.milestones_requested) as request:
        qtbot.mouseClick(page.overdue_tile, Qt.MouseButton.LeftButton)
    assert request.args == ["overdue", ["ICT-02", "CON-02"]]


def test_fits_the_width_of_a_1024_px_window(page):
    # the page area of a 1024 px window after the navigation list; a shorter window scrolls the
    # page (every card shown) rather than hide a card (test_layout_fits checks whole screens)
    hint = page.minimumSizeHint()
    assert hint.width() <= 820 and hint.height() <= 720


def test_small_windows_keep_the_status_bars_and_drop_the_owner_column(page, qtbot):
    page.show()
    page.resize(1180, 780)
    qtbot.waitUntil(lambda: page.breakdown_card.isVisibleTo(page))
    assert not page.next_table.isColumnHidden(3)
    page.resize(800, 600)
    qtbot.waitUntil(lambda: page.next_table.isColumnHidden(3))
    assert page.breakdown_card.isVisibleTo(page)  # the window's page scroll area scrolls instead
    assert page.next_model.index(0, 0).data(RECORD_ROLE).ref == "ICT-02"
