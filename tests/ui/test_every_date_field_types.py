"""Every date field in the app takes a date typed with the keyboard exactly as typed (issue 10 §1):
the new-plan wizard's dates reach the plan, and each date field on every page keeps what was
typed (found by walking the window, so a field added later is covered too)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file
from trustplanner.ui.date_field import DateField
from trustplanner.ui.dialogs.new_plan_wizard import NewPlanWizard
from trustplanner.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def type_date(field: DateField, text: str) -> None:
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Tab)


def test_the_wizard_stores_the_dates_typed_into_it(qtbot, settings, tmp_path):
    settings.set_last_folder(tmp_path)
    wizard = NewPlanWizard(settings)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    programme = wizard.programme_page
    QTest.keyClicks(programme.council, "Sunderland City Council")
    QTest.keyClicks(programme.trust, "Together for Children Sunderland")
    QTest.mouseClick(programme.has_decision, Qt.MouseButton.LeftButton)
    assert programme.has_decision.isChecked() and programme.decision_date.isEnabled()
    type_date(programme.decision_date, "12/4/2016")
    wizard.next()
    stages = wizard.stages_page
    type_date(stages.shadow_start, "2016-09-01")
    type_date(stages.go_live, "1 April 2017")
    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.done_page  # the template is seeded: what of it is done
    wizard.next()
    path = tmp_path / "typed.tplan"
    wizard.save_page.path.setText(str(path))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    plan = open_plan_file(path)
    try:
        p = load_snapshot(plan).programme
    finally:
        plan.close()
    assert (p.decision_date, p.shadow_start, p.go_live) == (date(2016, 4, 12), date(2016, 9, 1), date(2017, 4, 1))


@pytest.fixture
def window(qtbot, settings, demo_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_plan(demo_path)
    yield window
    window.close_plan()


def test_every_date_field_on_every_page_keeps_the_date_typed(window, qtbot):
    typed = 0
    for row, page in enumerate(window.pages):
        window.show_page(row)
        qtbot.wait(10)
        for field in page.findChildren(DateField):
            if not field.isVisible() or not field.isEnabled() or field.isReadOnly():
                continue
            type_date(field, "7/3/2017")
            assert field.value() == date(2017, 3, 7), f"{page.title}: {field.accessibleName()}"
            assert field.text() == "07/03/2017"
            typed += 1
    assert typed >= 3  # staff as-at, briefing meeting and position dates at least


def test_the_toolbar_status_date_typed_is_the_plans(window):
    type_date(window.status_date, "20/1/2017")
    assert load_snapshot(window.document.plan).programme.status_date == date(2017, 1, 20)
    type_date(window.status_date, "2017-01-23")
    assert load_snapshot(window.document.plan).programme.status_date == date(2017, 1, 23)
