"""Render every page of the main window at one screen size and print what does not fit, as JSON.

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1.25 python tests/ui/layout_probe.py 1366 690

QT_SCALE_FACTOR only takes effect before the QApplication exists, so test_layout_fits.py runs
this once per scale factor in a subprocess. The size is the screen's in physical pixels (what
a laptop leaves after the taskbar); the window gets that less a title bar, in logical pixels.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

TITLE_BAR = 31  # physical pixels a Windows title bar takes
SLACK = 1  # rounding at fractional scale factors


def describe(widget) -> str:
    parts = []
    while widget is not None and len(parts) < 5:
        name = type(widget).__name__
        if widget.objectName() and not widget.objectName().startswith("qt_"):
            name += f"#{widget.objectName()}"
        from PySide6.QtWidgets import QAbstractButton, QLabel

        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            name += f"({widget.text()[:28]!r})"
        parts.append(name)
        widget = widget.parentWidget()
    return " < ".join(parts)


def in_viewport(widget, QAbstractScrollArea) -> bool:
    """True for the widget a scroll area scrolls (the direct child of its viewport)."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def check_page(name: str, page, window, wide_visible: dict[int, str] | None) -> tuple[list[dict], dict[int, str]]:
    """``page``: the page's container in the window (its scroll area, if it has one)."""
    from PySide6.QtWidgets import (
        QAbstractItemView, QAbstractScrollArea, QComboBox, QLabel, QLineEdit, QScrollArea, QScrollBar,
        QStackedWidget, QTableView, QWidget,
    )

    findings: list[dict] = []

    def found(check: str, widget, detail: str) -> None:
        findings.append({"page": name, "check": check, "widget": describe(widget), "detail": detail})

    widgets = [w for w in page.findChildren(QWidget) if w.isVisible() and not w.isWindow()]
    visible = {}
    for widget in widgets:
        parent = widget.parentWidget()
        visible[id(widget)] = describe(widget)
        # 1. clipped by its parent (a scroll area's content is meant to scroll; its viewport is checked)
        if parent is not None and not in_viewport(widget, QAbstractScrollArea) and parent.isVisible():
            outer = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
            if not outer.contains(widget.geometry()):
                g = widget.geometry()
                found("clipped", widget, f"{g.x()},{g.y()} {g.width()}x{g.height()} outside its parent's "
                                         f"{parent.width()}x{parent.height()}")
        # 2. squeezed below the size it needs (text cut off, rows painted over each other)
        hint = widget.minimumSizeHint()
        if not isinstance(widget, (QAbstractScrollArea, QScrollBar, QStackedWidget)) and hint.isValid() \
                and not in_viewport(widget, QAbstractScrollArea) \
                and not isinstance(parent, (QLineEdit, QComboBox)):  # their own parts, placed by the style
            if widget.width() + SLACK < min(hint.width(), widget.minimumWidth() or hint.width()) \
                    or widget.height() + SLACK < min(hint.height(), widget.minimumHeight() or hint.height()):
                found("squeezed", widget, f"{widget.width()}x{widget.height()} below its minimum "
                                          f"{hint.width()}x{hint.height()}")
        # 3. labels: never narrower than their text, wrapped text never taller than the room it has
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.contentsRect().width())
                if needed > widget.contentsRect().height() + SLACK + 1:
                    found("label cut off", widget, f"needs {needed} px high, has {widget.contentsRect().height()}")
            elif widget.width() + SLACK < widget.sizeHint().width():
                found("label cut off", widget, f"{widget.width()} px wide, its text needs {widget.sizeHint().width()}")
            elif widget.height() + SLACK < widget.sizeHint().height():
                found("label cut off", widget, f"{widget.height()} px high, its text needs {widget.sizeHint().height()}")
        # 4. a search box shows enough of its words to be recognised
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            room = widget.fontMetrics().horizontalAdvance(widget.placeholderText()[:18]) + 24
            if widget.width() < room:
                found("search box too narrow", widget, f"{widget.width()} px, needs {room}")
        if isinstance(widget, QComboBox) and widget.width() + SLACK < widget.minimumSizeHint().width():
            found("squeezed", widget, f"combo {widget.width()} px")
        # 5. a list shows a useful number of rows (it scrolls for the rest)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and widget.model().rowCount() > 0:
            rows = min(widget.model().rowCount(), 4)
            row_height = widget.verticalHeader().sectionSize(0) if isinstance(widget, QTableView) \
                else widget.sizeHintForRow(0)
            if widget.viewport().height() + SLACK < rows * max(row_height, 1):
                found("list too short", widget, f"viewport {widget.viewport().height()} px shows fewer than "
                                                f"{rows} rows of {row_height} px")
        # 6. siblings laid out on top of each other (text over buttons)
        if parent is not None and parent.layout() is not None and not isinstance(parent, QStackedWidget):
            for other in parent.children():
                if other is widget or not isinstance(other, QWidget) or not other.isVisible() or other.isWindow():
                    continue
                if id(other) < id(widget):
                    continue
                overlap = widget.geometry().intersected(other.geometry())
                if overlap.width() > 2 and overlap.height() > 2:
                    found("overlap", widget, f"overlaps {describe(other)} by {overlap.width()}x{overlap.height()}")
    areas = [w for w in [page, *page.findChildren(QScrollArea)] if isinstance(w, QScrollArea)]
    if len(areas) > 1:
        found("scroll areas", page, f"{len(areas)} QScrollAreas on the page (at most one)")
    if areas and areas[0].horizontalScrollBar().maximum() > 0:
        found("scrolls sideways", page, f"the page needs {areas[0].widget().minimumSizeHint().width()} px, "
                                        f"has {areas[0].viewport().width()}")
    if wide_visible is not None:
        for gone in sorted(set(wide_visible) - set(visible)):
            findings.append({"page": name, "check": "disappeared", "widget": wide_visible[gone],
                             "detail": "shown in a large window, hidden at this size"})
    return findings, visible


def milestone_columns(page) -> list[dict]:
    from trustplanner.ui.models.milestone_table import Column

    table = page.table
    header = table.horizontalHeader()
    width = table.viewport().width()
    findings = []
    for column in (Column.REF, Column.RAG, Column.TITLE, Column.FORECAST, Column.OWNER):
        left = header.sectionViewportPosition(column)
        right = left + header.sectionSize(column)
        if header.isSectionHidden(column) or left < 0 or right > width + SLACK:
            title = table.model().headerData(column, header.orientation())
            findings.append({"page": page.title, "check": "milestone column off screen", "widget": str(title),
                             "detail": f"{left}..{right} of a {width} px table"})
    return findings


def settle(app) -> None:
    """Let layouts that wrap (and ask again for their height) settle."""
    for _ in range(12):
        app.processEvents()


def wizard_findings(app, settings, target: tuple[int, int]) -> list[dict]:
    """The new plan wizard's Already-done page (29 rows, a date editor each) at the screen's size."""
    from datetime import date

    from trustplanner.ui.dialogs.new_plan_wizard import NewPlanWizard

    wizard = NewPlanWizard(settings)
    wizard.show()
    wizard.programme_page.council.setText("Sunderland City Council")
    wizard.programme_page.trust.setText("Together for Children Sunderland")
    wizard.next()
    wizard.stages_page.shadow_start.set_value(date(2016, 9, 1))
    wizard.stages_page.go_live.set_value(date(2017, 4, 1))
    for _ in range(2):
        wizard.next()
    wizard.next()
    findings: list[dict] = []
    page = wizard.done_page
    if wizard.currentPage() is not page:
        return [{"page": "New plan wizard", "check": "page not reached", "widget": "AlreadyDonePage",
                 "detail": type(wizard.currentPage()).__name__}]
    page.rows["GOV-01"].done.setChecked(True)
    wizard.resize(1000, 900)
    settle(app)
    wide = check_page("New plan: Already done", page, wizard, None)[1]
    wizard.resize(min(target[0], wizard.width()), target[1])
    settle(app)
    if wizard.height() > target[1]:
        findings.append({"page": "New plan wizard", "check": "window does not fit", "widget": "NewPlanWizard",
                         "detail": f"{wizard.width()}x{wizard.height()} for a {target[0]}x{target[1]} screen: "
                                   f"minimum {wizard.minimumSizeHint().width()}x{wizard.minimumSizeHint().height()}"})
    for button in (wizard.button(b) for b in (wizard.WizardButton.NextButton, wizard.WizardButton.BackButton)):
        if not wizard.rect().contains(button.mapTo(wizard, button.rect().bottomRight())):
            findings.append({"page": "New plan wizard", "check": "button off screen", "widget": button.text(),
                             "detail": str(button.geometry())})
    findings += check_page("New plan: Already done", page, wizard, wide)[0]
    wizard.close()
    return findings


def review_mode_findings(app, window, plan: Path, wide: dict) -> list[dict]:
    """Every page again with the plan open for review: the reviewer's banner on top, the Review page with rows."""
    from trustplanner.domain.review import ReviewKind
    from trustplanner.services.reviews import raise_challenge, start_review

    window.close_plan()
    window.settings.set_reviewer("Jane Smith", "commissioner")
    window.open_plan(plan, review=True)
    start_review(window.document.plan, "Layout probe review", kind=ReviewKind.PROGRESS, reviewer="Jane Smith")
    raise_challenge(window.document.plan, "plan", "Is the programme on track for the go-live date?")
    window.document.check_for_changes()
    findings: list[dict] = []
    for row, page in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        settle(app)
        findings += check_page(f"{page.title} (review mode)", window.stack.widget(row), window, wide[page.title])[0]
    return findings


def run(width: int, height: int) -> dict:
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from trustplanner.services.demo import create_demo_plan
    from trustplanner.ui.main_window import MainWindow
    from trustplanner.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QStandardPaths.setTestModeEnabled(True)
    scale = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    target = (int(width / scale), int((height - TITLE_BAR) / scale))
    findings: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "demo.tplan"
        demo = create_demo_plan(plan)
        demo.close()
        window = MainWindow(Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)))
        window.show()

        def pages():
            """The start page, then the plan's (the same widgets each time: the plan stays open)."""
            if window.document is None:
                yield "Start", window.central.widget(0)
                window.open_plan(plan)
            for row, page in enumerate(window.pages):
                window.nav.setCurrentRow(row)
                if page.title == "Milestones":
                    page.select_milestone("HR-02")
                if page.title == "Risks":
                    page.ensure_fresh()
                    page.select_record("R01")
                yield page.title, window.stack.widget(row)

        wide: dict[str, dict[int, str]] = {}
        window.resize(1920, 1160)
        settle(app)
        for name, page in pages():
            settle(app)
            wide[name] = check_page(name, page, window, None)[1]
        window.resize(*target)
        settle(app)
        size = window.size()
        if (size.width(), size.height()) != target:
            findings.append({"page": "window", "check": "window does not fit", "widget": "MainWindow",
                             "detail": f"{size.width()}x{size.height()} for a {target[0]}x{target[1]} screen: "
                                       f"minimum {window.minimumSizeHint().width()}x"
                                       f"{window.minimumSizeHint().height()}; the status bar is off screen"})
        for name, page in pages():
            settle(app)
            findings += check_page(name, page, window, wide[name])[0]
            if name == "Milestones":
                findings += milestone_columns(window.page_titled("Milestones"))
            bar = window.statusBar()
            if bar.geometry().bottom() > window.height() or not window.rect().contains(bar.geometry()):
                findings.append({"page": name, "check": "status bar off screen", "widget": "QStatusBar",
                                 "detail": str(bar.geometry())})
        findings += review_mode_findings(app, window, plan, wide)
        window.close_plan()
        settle(app)
        findings += check_page("Start", window.central.widget(0), window, wide["Start"])[0]
        window.close()
        findings += wizard_findings(app, window.settings, target)
    return {"scale": scale, "size": [width, height], "window": list(target), "findings": findings}


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2])), indent=1))
