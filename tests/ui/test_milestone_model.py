from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester

from trustplanner.domain.enums import Rag, Stage
from trustplanner.services.milestone_lines import milestone_lines
from trustplanner.ui.models.milestone_filter import MilestoneFilter
from trustplanner.ui.models.milestone_table import LINE_ROLE, Column, MilestoneTableModel


def test_models_pass_the_item_model_tester(demo_document):
    model = MilestoneTableModel()
    proxy = MilestoneFilter()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    lines = milestone_lines(demo_document.snapshot)
    model.set_lines(lines)
    proxy.set_filters(rag=Rag.RED)
    proxy.sort(Column.FORECAST)
    model.set_lines(lines[:10])
    proxy.set_filters()
    model.set_lines(lines)
    assert model.rowCount() == 55  # 50 and 5 derived TUPE deadlines


def test_model_shows_rag_letters_and_uk_dates(demo_document):
    model = MilestoneTableModel()
    model.set_lines(milestone_lines(demo_document.snapshot))
    row = model.row_of("ICT-02")  # overdue in the demo plan
    assert model.index(row, Column.RAG).data() == "R"
    assert model.index(row, Column.RAG).data(Qt.ItemDataRole.AccessibleTextRole) == "Red"
    assert "overdue" in model.index(row, Column.RAG).data(Qt.ItemDataRole.ToolTipRole)
    forecast = model.index(row, Column.FORECAST).data()
    assert len(forecast) == 10 and forecast[2] == "/"


def test_editing_a_cell_asks_for_an_edit_with_the_new_record(demo_document):
    model = MilestoneTableModel()
    model.set_lines(milestone_lines(demo_document.snapshot))
    requests = []
    model.edit_requested.connect(lambda old, new: requests.append((old, new)))
    row = model.row_of("GOV-12")
    assert model.setData(model.index(row, Column.FORECAST), QDate(2017, 4, 3))
    assert model.setData(model.index(row, Column.STAGE), "Shadow")
    assert not model.setData(model.index(row, Column.STAGE), "Nowhere")
    assert not model.setData(model.index(row, Column.REF), "X")  # ref is not edited in place
    (old1, new1), (old2, new2) = requests
    assert new1 == replace(old1, forecast=date(2017, 4, 3))
    assert new2.stage is Stage.SHADOW


def test_read_only_model_is_not_editable(demo_document):
    model = MilestoneTableModel()
    model.set_lines(milestone_lines(demo_document.snapshot))
    model.read_only = True
    index = model.index(0, Column.TITLE)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "New title")


def test_filters_combine(demo_document):
    model = MilestoneTableModel()
    proxy = MilestoneFilter()
    proxy.setSourceModel(model)
    model.set_lines(milestone_lines(demo_document.snapshot))
    proxy.set_filters(workstream="HR & TUPE")
    hr = [proxy.index(r, 0).data(LINE_ROLE) for r in range(proxy.rowCount())]
    assert hr and all(line.milestone.workstream == "HR & TUPE" for line in hr)
    proxy.set_filters(workstream="HR & TUPE", rag=Rag.RED)
    assert {proxy.index(r, 0).data() for r in range(proxy.rowCount())} == {"HR-02"}
    proxy.set_filters(text="ACTUARY")
    assert proxy.rowCount() >= 1
    assert all("actuary" in " ".join((l.milestone.title, l.milestone.commentary, l.milestone.owner)).casefold()
               for l in (proxy.index(r, 0).data(LINE_ROLE) for r in range(proxy.rowCount())))
    proxy.set_filters(stage=Stage.INDEPENDENT)
    assert all(proxy.index(r, 0).data(LINE_ROLE).milestone.stage is Stage.INDEPENDENT
               for r in range(proxy.rowCount()))


def test_sorting_by_a_header_orders_rows_and_keeps_the_selection(demo_document):
    from PySide6.QtCore import QPersistentModelIndex, Qt

    model = MilestoneTableModel()
    proxy = MilestoneFilter()
    proxy.setSourceModel(model)
    model.set_lines(milestone_lines(demo_document.snapshot))
    held = QPersistentModelIndex(model.index(model.row_of("HR-02"), 0))
    proxy.sort(Column.SLIP, Qt.SortOrder.DescendingOrder)
    slips = [proxy.index(r, 0).data(LINE_ROLE).slip_days for r in range(proxy.rowCount())]
    assert slips == sorted(slips, reverse=True)
    assert held.data() == "HR-02"
    proxy.sort(Column.FORECAST)
    forecasts = [proxy.index(r, 0).data(LINE_ROLE).milestone.forecast for r in range(proxy.rowCount())]
    assert forecasts == sorted(forecasts)
    model.set_lines(milestone_lines(demo_document.snapshot))  # a refresh keeps the chosen order
    assert [proxy.index(r, 0).data(LINE_ROLE).milestone.forecast for r in range(proxy.rowCount())] == forecasts


def test_derived_tupe_deadlines_are_marked_and_only_their_status_actual_and_commentary_edit(demo_document, tmp_path):
    from datetime import date

    from trustplanner.domain.model import Milestone
    from trustplanner.domain.enums import Stage
    from trustplanner.services.milestone_lines import MilestoneLine

    derived = Milestone(ref="TUPE-ELI-20170401", title="ELI sent", workstream="HR & TUPE", stage=Stage.SHADOW,
                        baseline=date(2017, 3, 3), forecast=date(2017, 3, 3), derived=True)
    model = MilestoneTableModel()
    model.set_lines([MilestoneLine(derived, Rag.GREEN, Rag.GREEN, 0, False, None)])
    editable = {column for column in Column if model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable}
    assert editable == {Column.RAG, Column.ACTUAL, Column.COMMENTARY}
    assert model.index(0, Column.REF).data(Qt.ItemDataRole.FontRole).italic()
    assert "Derived from the staff data" in model.index(0, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
