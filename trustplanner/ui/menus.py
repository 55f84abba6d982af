"""Menus and the main toolbar of the plan window, declared in one place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar

from trustplanner.services.kinds import KINDS
from trustplanner.ui.icons import icon


def _action(window, text: str, slot, shortcut=None, icon_name: str | None = None) -> QAction:
    action = QAction(icon(icon_name) if icon_name else QIcon(), text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda checked=False: slot())
    return action


def with_mnemonics(labels: list[str]) -> list[str]:
    """Each label with an Alt key of its own: its first letter not taken by an earlier label."""
    taken, marked = set(), []
    for label in labels:
        at = next((i for i, c in enumerate(label) if c.isalpha() and c.lower() not in taken), None)
        if at is None:
            marked.append(label)
            continue
        taken.add(label[at].lower())
        marked.append(f"{label[:at]}&{label[at:]}")
    return marked


def build_menus(window) -> None:
    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    new = _action(window, "&New plan…", window.new_plan, QKeySequence.StandardKey.New, "new.svg")
    open_ = _action(window, "&Open…", window.open_plan_dialog, QKeySequence.StandardKey.Open, "open.svg")
    demo = _action(window, "Open the &demo plan", window.open_demo)
    open_read_only = _action(window, "Open read-&only…", window.open_read_only_dialog)
    open_review = _action(window, "Open for revie&w…", window.open_for_review_dialog)
    open_review.setToolTip("Open a plan as a reviewer: read-only, while someone may be editing it; only your "
                           "challenges and sign-offs are recorded")
    reviewer = _action(window, "Reviewer's na&me and role…", window.change_reviewer)
    window.take_over_action = _action(window, "&Take over editing", window.take_over_editing)
    file_menu.addActions([new, open_, open_read_only, open_review, reviewer])
    window.recent_menu = file_menu.addMenu("Open &recent")
    file_menu.addAction(demo)
    file_menu.addAction(window.take_over_action)
    reload_ = _action(window, "Re&load", window.reload_plan, QKeySequence.StandardKey.Refresh)
    reload_.setShortcuts([QKeySequence("F5")])
    reload_.setToolTip("Read the plan again from its file (changes made elsewhere also show on their own)")
    file_menu.addAction(reload_)
    file_menu.addSeparator()
    settings = _action(window, "Plan se&ttings…", window.edit_plan_settings)
    settings.setToolTip("Council, trust, dates, tolerance, TUPE notice and protective marking")
    window.settings_action = settings
    file_menu.addAction(settings)
    file_menu.addSeparator()
    save = _action(window, "&Save", window.save_pending, QKeySequence.StandardKey.Save)
    save.setToolTip("Save what is being typed now; every change is saved to the plan as it is made")
    file_menu.addAction(save)
    save_copy = _action(window, "Save a &copy as…", window.save_copy_as, QKeySequence.StandardKey.SaveAs)
    file_menu.addAction(save_copy)
    import_menu = file_menu.addMenu(icon("import.svg"), "&Import")
    window.import_actions = {kind.name: _action(window, f"{text}…", lambda k=kind.name: window.import_table(k))
                             for kind, text in zip(KINDS, with_mnemonics([kind.label for kind in KINDS]))}
    import_menu.addActions(list(window.import_actions.values()))
    export = _action(window, "&Export…", window.export_plan, "Ctrl+Shift+E", "export.svg")
    file_menu.addAction(export)
    file_menu.addSeparator()
    print_page = _action(window, "&Print this page…", window.print_page, QKeySequence.StandardKey.Print)
    print_briefing = _action(window, "Print the &briefing…", window.print_briefing, "Ctrl+Shift+P")
    print_briefing.setToolTip("Produce the cabinet briefing (as the Briefings page sets it) and open it to print")
    file_menu.addActions([print_page, print_briefing])
    file_menu.addSeparator()
    close = _action(window, "&Close plan", window.close_plan, QKeySequence.StandardKey.Close)
    file_menu.addAction(close)
    quit_ = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    quit_.setMenuRole(QAction.MenuRole.QuitRole)
    file_menu.addAction(quit_)

    edit_menu = menu.addMenu("&Edit")
    window.undo_action = window.undo_group.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = window.undo_group.createRedoAction(window, "&Redo")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    find = _action(window, "&Find…", window.focus_search, QKeySequence.StandardKey.Find)
    find.setToolTip("Go to the search box of this page")
    edit_menu.addAction(find)
    window.milestone_menu = edit_menu.addMenu("&Milestone")
    for page in window.pages:
        for action in getattr(page, "edit_actions", []):
            window.milestone_menu.addAction(action)

    view_menu = menu.addMenu("&View")
    for row, page in enumerate(window.pages):
        action = _action(window, page.title, lambda r=row: window.show_page(r), f"Ctrl+{row + 1}", page.icon)
        view_menu.addAction(action)
        window.addAction(action)

    help_menu = menu.addMenu("&Help")
    help_menu.addAction(_action(window, "Open the &log folder", window.open_log_folder))
    about = _action(window, "&About TrustPlanner", window.about)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about)

    toolbar = QToolBar("Plan")
    toolbar.setObjectName("planToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([new, open_])
    toolbar.addSeparator()
    caption = QLabel("  Status date ")
    caption.setBuddy(window.status_date)
    window.status_date_actions = [toolbar.addWidget(caption), toolbar.addWidget(window.status_date)]
    window.addToolBar(toolbar)

    window.plan_actions = [save, save_copy, export, close, reload_, print_page, print_briefing, find]
    window.edit_plan_actions = list(window.import_actions.values())
    window.rebuild_recent_menu()
