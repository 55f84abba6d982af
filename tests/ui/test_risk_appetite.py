"""The plan's risk appetite is set from the Risks page (issue 11 §1): bands and escalation score typed
into the dialog, one undoable change, and the register's bands follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from trustplanner.services.risks import load_register
from trustplanner.ui.dialogs.register_dialogs import AppetiteDialog
from trustplanner.ui.pages.risks import RisksPage

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, register_document):
    page = RisksPage()
    qtbot.addWidget(page)
    page.set_document(register_document)
    page.show()
    return page


def retype(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(widget, text)


def test_the_appetite_typed_into_its_dialog_is_the_plans_and_undoes(page, register_document, qtbot, monkeypatch):
    before = load_register(register_document.plan).appetite
    shown = {}

    def fill(dialog):
        assert isinstance(dialog, AppetiteDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        retype(dialog.green_max, "3")
        retype(dialog.amber_max, "9")
        shown["bands"] = dialog.bands.text()
        retype(dialog.escalation, "12")
        dialog.escalate_to.setFocus()
        QTest.keyClick(dialog.escalate_to.lineEdit(), Qt.Key.Key_A, CTRL)
        QTest.keyClicks(dialog.escalate_to.lineEdit(), "cabinet")
        dialog.accept()
        return True

    import trustplanner.ui.pages.risks as risks_page

    monkeypatch.setattr(risks_page, "run_dialog", fill)
    page.appetite_action.trigger()
    assert shown["bands"].startswith("Green 1–3, amber 4–9, red 10–25")
    after = load_register(register_document.plan).appetite
    assert (after.green_max, after.amber_max, after.escalation_score, after.escalate_to) == (3, 9, 12, "cabinet")
    register_document.undo_stack.undo()
    assert load_register(register_document.plan).appetite == before


def test_bands_that_do_not_rise_keep_the_dialog_open_with_the_reason(qtbot, register_document):
    dialog = AppetiteDialog(load_register(register_document.plan).appetite)
    qtbot.addWidget(dialog)
    dialog.show()
    retype(dialog.green_max, "12")
    retype(dialog.amber_max, "8")
    dialog.accept()
    assert dialog.isVisible() and "the bands must rise" in dialog.messages.label.text()
