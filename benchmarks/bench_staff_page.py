#!/usr/bin/env python3
"""The Staff page with 20,000 people: opening, sorting, filtering and scrolling stay responsive.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_staff_page.py [--rows 20000]

Beside each figure, a *bare* PySide6 window in the same run: a QTableWidget filled from the same
rows read with sqlite3, sorted, filtered (hiding rows) and scrolled the same way. Responsive
means every interaction under 0.25 s on a 2-core machine; first show is reported beside the bare
figure. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem  # noqa: E402

RESPONSIVE = 0.25


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def timed(app: QApplication, action) -> float:  # noqa: ANN001
    start = time.perf_counter()
    action()
    settle(app)
    return time.perf_counter() - start


def app_figures(app: QApplication, plan: Path, folder: Path) -> dict[str, float]:
    from trustplanner.store.plan_file import open_plan_file
    from trustplanner.ui.document import PlanDocument
    from trustplanner.ui.pages.staff import StaffPage
    from trustplanner.ui.settings import Settings

    page = StaffPage()
    page.resize(1360, 800)
    page.restore_state(Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)))
    document = PlanDocument(open_plan_file(plan), None)
    figures = {"open": timed(app, lambda: (page.set_document(document), page.show()))}
    figures["sort"] = timed(app, lambda: page.table.sortByColumn(7, Qt.SortOrder.DescendingOrder))
    figures["filter"] = timed(app, lambda: page.employment_filter.setCurrentIndex(3))
    figures["search"] = timed(app, lambda: page.search.setText("worker"))
    page.search.clear()
    page.employment_filter.setCurrentIndex(0)
    settle(app)
    bar = page.table.verticalScrollBar()
    figures["scroll"] = max(timed(app, lambda v=v: (bar.setValue(v), page.table.viewport().repaint()))
                            for v in range(0, bar.maximum(), max(1, bar.maximum() // 20)))
    page.close()
    document.close()
    return figures


def bare_figures(app: QApplication, plan: Path) -> dict[str, float]:
    table = QTableWidget()
    table.resize(1360, 800)

    def fill() -> None:
        rows = sqlite3.connect(plan).execute(
            "SELECT v.ref, v.name, s.name, v.team, v.role, v.grade, v.employment, v.fte, v.annual_cost, v.tupe, "
            "v.pension, v.caseload, v.transfer_date, v.eli_sent, v.consultation FROM staff_version v "
            "JOIN service s ON s.id = v.service_id WHERE v.valid_to IS NULL ORDER BY v.ref").fetchall()
        table.setSortingEnabled(False)
        table.setRowCount(len(rows))
        table.setColumnCount(len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        table.show()

    figures = {"open": timed(app, fill)}
    figures["sort"] = timed(app, lambda: table.sortItems(7, Qt.SortOrder.DescendingOrder))

    def hide_by(column: int, keep) -> None:  # noqa: ANN001
        for r in range(table.rowCount()):
            table.setRowHidden(r, not keep(table.item(r, column).text()))

    figures["filter"] = timed(app, lambda: hide_by(6, lambda text: text == "agency"))
    figures["search"] = timed(app, lambda: hide_by(4, lambda text: "worker" in text.casefold()))
    hide_by(4, lambda text: True)
    bar = table.verticalScrollBar()
    figures["scroll"] = max(timed(app, lambda v=v: (bar.setValue(v), table.viewport().repaint()))
                            for v in range(0, bar.maximum(), max(1, bar.maximum() // 20)))
    table.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from bench_staff import Workbench  # benchmarks/bench_staff.py builds the plan

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench = Workbench(folder, args.rows)
        app_runs, bare_runs = [], []
        for _ in range(args.runs):
            bare_runs.append(bare_figures(app, bench.staffed))
            app_runs.append(app_figures(app, bench.staffed, folder))
    print(f"Staff page, {args.rows:,} people; median of {args.runs} runs (seconds)\n")
    print(f"{'interaction':<24}{'page':>9}{'bare':>9}{'ratio':>8}  responsive (< {RESPONSIVE} s)")
    for key, label in (("open", "open and first show"), ("sort", "sort by FTE"), ("filter", "filter: agency"),
                       ("search", "search 'worker'"), ("scroll", "scroll a step (worst)")):
        page = statistics.median(r[key] for r in app_runs)
        bare = statistics.median(r[key] for r in bare_runs)
        verdict = "" if key == "open" else ("yes" if page < RESPONSIVE else "NO")
        print(f"{label:<24}{page:>9.3f}{bare:>9.3f}{page / bare:>8.2f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
