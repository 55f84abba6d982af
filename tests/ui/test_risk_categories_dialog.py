"""The Risks page's Categories… dialog: a name typed and added is offered in the risk dialog, and undo
takes it away again."""

from PySide6.QtTest import QTest

from trustplanner.services.risk_categories import load_categories
from trustplanner.ui.dialogs.category_dialog import CategoriesDialog
from trustplanner.ui.dialogs.register_dialogs import RiskDialog


def test_a_category_typed_in_the_dialog_is_offered_for_risks_and_undone(qtbot, register_document, answer_dialogs):
    def fill(dialog):
        assert isinstance(dialog, CategoriesDialog)
        QTest.keyClicks(dialog.name, "Placements and sufficiency")
        dialog.add_button.click()
        assert dialog.name.text() == ""
        return False  # Close

    from trustplanner.ui.pages.risks import RisksPage

    page = RisksPage()
    qtbot.addWidget(page)
    page.set_document(register_document)
    answer_dialogs(fill)
    page.edit_categories()
    assert [c.label for c in load_categories(register_document.plan)][-1] == "Placements and sufficiency"
    risk_dialog = RiskDialog(register_document, parent=page)
    qtbot.addWidget(risk_dialog)
    assert risk_dialog.category.findText("Placements and sufficiency") == 7
    assert page.category_filter.findText("Placements and sufficiency") > 0
    register_document.undo_stack.undo()
    assert [c.label for c in load_categories(register_document.plan)][-1] == "ICT and data"
    again = RiskDialog(register_document, parent=page)
    qtbot.addWidget(again)
    assert again.category.findText("Placements and sufficiency") == -1
