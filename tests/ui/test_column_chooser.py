from trustplanner.ui.models.milestone_table import Column


def _menu_action(page, title):
    menu = page.column_chooser.menu()
    return next(action for action in menu.actions() if action.text() == title)


def test_the_header_menu_lists_columns_in_the_order_shown_key_ones_first(window, demo_path):
    window.open_plan(demo_path)
    page = window.page_titled("Milestones")
    titles = [a.text() for a in page.column_chooser.menu().actions() if a.isCheckable()]
    assert titles[:5] == ["Ref", "RAG", "Milestone", "Forecast", "Owner"]
    assert not _menu_action(page, "Ref").isEnabled() and not _menu_action(page, "Milestone").isEnabled()


def test_a_column_unticked_in_the_header_menu_stays_hidden_after_reopening(window, demo_path):
    window.open_plan(demo_path)
    page = window.page_titled("Milestones")
    _menu_action(page, "Baseline").setChecked(False)
    assert page.table.isColumnHidden(Column.BASELINE)
    window.close_plan()
    window.open_plan(demo_path)
    page = window.page_titled("Milestones")
    assert page.table.isColumnHidden(Column.BASELINE)
    assert not _menu_action(page, "Baseline").isChecked()
    _menu_action(page, "Baseline").setChecked(True)
    assert not page.table.isColumnHidden(Column.BASELINE)
    assert page.table.columnWidth(Column.BASELINE) >= 30
