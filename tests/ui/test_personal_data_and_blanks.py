"""File → Export asks about names and salaries; the import preview shows blank cells and asks what they do."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableView

import trustplanner.ui.import_dialog as import_dialog
from trustplanner.services.exports import export_plan
from trustplanner.services.snapshot import load_snapshot
from trustplanner.services.staff import load_staff
from trustplanner.ui.export_dialog import PersonalDataQuestion
from trustplanner.ui.import_dialog import ImportPreviewDialog, run_import
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.text_table import HIDDEN

NAME, SALARY = "Natalie Donnelly", "23951.60"  # the demo's first person (resources/demo/staff.csv)


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


def _export_with(qtbot, settings, demo_path, tmp_path, monkeypatch, press):
    """File → Export on the demo, answering the personal-data question with ``press(question)``."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    asked = []

    def answer(dialog):
        asked.append(dialog)
        assert isinstance(dialog, PersonalDataQuestion)
        dialog.show()
        press(dialog)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr("trustplanner.ui.dialogs.run_dialog", answer)
    folder = tmp_path / "export"
    monkeypatch.setattr(window, "choose_export_folder", lambda: str(folder))
    window.export_plan()
    assert len(asked) == 1
    return window, folder, asked[0]


def test_export_without_personal_data_is_the_default_answer(qtbot, settings, demo_path, tmp_path, monkeypatch):
    window, folder, question = _export_with(qtbot, settings, demo_path, tmp_path, monkeypatch,
                                            lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Return))
    assert question.without_button.isDefault()
    texts = " ".join(label.text() for label in question.findChildren(QLabel))
    assert "staff.csv would hold names and salaries (personal data)" in texts
    written = (folder / "staff.csv").read_text(encoding="utf-8-sig")
    assert NAME not in written and SALARY not in written
    assert "TFC-00100,,Children's social care,Children's homes" in written
    assert "names and salaries left out (personal data)" in window.statusBar().currentMessage()


def test_include_names_and_salaries_is_the_other_choice(qtbot, settings, demo_path, tmp_path, monkeypatch):
    window, folder, question = _export_with(qtbot, settings, demo_path, tmp_path, monkeypatch,
                                            lambda dialog: dialog.include_button.click())
    assert question.include_button.text().replace("&", "") == "Include names and salaries"
    written = (folder / "staff.csv").read_text(encoding="utf-8-sig")
    assert NAME in written and SALARY in written
    assert "names and salaries included" in window.statusBar().currentMessage()


def test_cancelling_the_question_exports_nothing(qtbot, settings, demo_path, tmp_path, monkeypatch):
    _, folder, _ = _export_with(qtbot, settings, demo_path, tmp_path, monkeypatch,
                                lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Escape))
    assert not folder.exists()


def test_the_round_trip_without_personal_data_keeps_the_names(qtbot, demo_document, settings, tmp_path,
                                                              monkeypatch):
    before = load_staff(demo_document.plan)
    export_plan(demo_document.plan, tmp_path / "out")
    dialog = ImportPreviewDialog(demo_document, "staff", tmp_path / "out" / "staff.csv")
    qtbot.addWidget(dialog)
    assert not dialog.blank_box.isHidden()
    assert dialog.keep_blanks.isChecked()
    blanks = dialog.findChild(QTableView, "blanks")
    model = blanks.model()
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[0] == "TFC-00100" and first[3] == HIDDEN and first[4] == "keeps the plan's value"
    assert not dialog.import_button.isEnabled()  # nothing would change: every blank keeps its value
    assert load_staff(demo_document.plan) == before


def _milestones_with_blank_owner(document, tmp_path):
    export_plan(document.plan, tmp_path / "out")
    rows = _rows(tmp_path / "out" / "milestones.csv")
    header, col = rows[0], {name: i for i, name in enumerate(rows[0])}
    target = next(r for r in rows[1:] if r[col["owner"]])
    target[col["owner"]] = ""
    return _write(tmp_path / "blank-owner.csv", [header, target]), target[0]


def test_a_blank_cell_keeps_by_default_and_clears_when_chosen(qtbot, demo_document, settings, tmp_path,
                                                               monkeypatch):
    path, ref = _milestones_with_blank_owner(demo_document, tmp_path)
    owner = load_snapshot(demo_document.plan).milestone(ref).owner
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: path)
    seen = []

    def choose_clear(dialog):
        dialog.show()
        seen.append([dialog.findChild(QTableView, "blanks").model().index(0, c).data() for c in range(5)])
        assert not dialog.import_button.isEnabled()  # kept, the file changes nothing
        assert "Choose Clear them if the blanks are meant" in dialog.messages.label.text()
        QTest.mouseClick(dialog.clear_blanks, Qt.MouseButton.LeftButton)
        assert dialog.clear_blanks.isChecked()
        seen.append([dialog.findChild(QTableView, "blanks").model().index(0, c).data() for c in range(5)])
        seen.append([(c.label, c.before, c.after) for r in dialog.preview_result.changed for c in r.fields])
        dialog.import_button.click()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(import_dialog.dialogs, "run_dialog", choose_clear)
    assert run_import(None, demo_document, "milestones", settings)
    assert seen[0][0] == ref and seen[0][2:] == ["owner", owner, "keeps the plan's value"]
    assert seen[1][4] == "clears owner"
    assert seen[2] == [("Owner", owner, "(blank)")]
    assert load_snapshot(demo_document.plan).milestone(ref).owner == ""
    demo_document.undo_stack.undo()
    assert load_snapshot(demo_document.plan).milestone(ref).owner == owner
