#!/usr/bin/env python3
"""Desktop app on a 2,000-milestone plan: open-to-first-paint, scrolling and peak memory.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--milestones 2000] [--dependencies 3000]

Each figure comes from a fresh process, beside a *bare* PySide6 window that runs the same
queries (sqlite3 reading the same milestone and dependency rows into a QTableWidget) in the
same run. Target: the app within 2x the bare figure for first paint and for peak memory.
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

APP_CHILD = r'''
import json, resource, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
from trustplanner.ui.app import create_application
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.settings import Settings
app = create_application([])
painted = []
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(time.perf_counter())
        return False
window = MainWindow(Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.open_plan(sys.argv[1])
page = next(p for p in window.pages if p.title == "Milestones")
window.nav.setCurrentRow(window.pages.index(page))
page.table.viewport().installEventFilter(FirstPaint(window))
window.show()
while not painted:
    app.processEvents()
first_paint = painted[0] - t0
bar = page.table.verticalScrollBar()
steps = []
for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
    start = time.perf_counter()
    bar.setValue(value)
    page.table.viewport().repaint()
    steps.append(time.perf_counter() - start)
window.close()
print(json.dumps({"first_paint": first_paint, "scroll_max": max(steps), "scroll_mean": sum(steps) / len(steps),
                  "rows": page.model.rowCount(), "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
import os; os._exit(0)  # skip Qt teardown: only the figures matter
'''

BARE_CHILD = r'''
import json, resource, sqlite3, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication([])
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT m.ref, m.title, m.workstream, coalesce(s.name, ''), m.stage, m.owner, m.baseline, "
                  "m.forecast, coalesce(m.actual, ''), coalesce(m.rag_override, ''), m.commentary "
                  "FROM milestone m LEFT JOIN service s ON s.id = m.service_id ORDER BY m.ref").fetchall()
deps = db.execute("SELECT milestone_id, predecessor_id FROM milestone_dependency").fetchall()
painted = []
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(time.perf_counter())
        return False
window = QMainWindow()
table = QTableWidget(len(rows), len(rows[0]))
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        table.setItem(r, c, QTableWidgetItem(str(value)))
window.setCentralWidget(table)
window.resize(1360, 840)
table.viewport().installEventFilter(FirstPaint(window))
window.show()
while not painted:
    app.processEvents()
first_paint = painted[0] - t0
bar = table.verticalScrollBar()
steps = []
for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
    start = time.perf_counter()
    bar.setValue(value)
    table.viewport().repaint()
    steps.append(time.perf_counter() - start)
print(json.dumps({"first_paint": first_paint, "scroll_max": max(steps), "scroll_mean": sum(steps) / len(steps),
                  "rows": len(rows), "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
import os; os._exit(0)  # skip Qt teardown: only the figures matter
'''


def make_plan(folder: Path, milestones: int, dependencies: int) -> Path:
    from generate import PROGRAMME, write_files  # benchmarks/generate.py

    from trustplanner.services.imports import import_file
    from trustplanner.services.plans import new_plan

    data = folder / "data"
    data.mkdir()
    write_files(data, milestones=milestones, dependencies=dependencies)
    path = folder / "large.tplan"
    with new_plan(path, **PROGRAMME) as plan:
        import_file(plan, "services", data / "services.csv")
        import_file(plan, "milestones", data / "milestones.csv")
    return path


def run_child(code: str, *args: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"benchmark child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--milestones", type=int, default=2000)
    parser.add_argument("--dependencies", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan = make_plan(folder, args.milestones, args.dependencies)
        app_runs, bare_runs = [], []
        for n in range(args.runs):
            bare_runs.append(run_child(BARE_CHILD, str(plan)))
            app_runs.append(run_child(APP_CHILD, str(plan), str(folder / f"settings{n}.ini")))
    print(f"Plan: {app_runs[0]['rows']} milestones, {args.dependencies} dependencies; median of {args.runs} runs\n")
    print(f"{'measure':<28}{'app':>12}{'bare':>12}{'ratio':>8}{'target':>10}  result")
    rows = [("open to first paint (s)", "first_paint", 2.0), ("peak memory (MB)", "peak_kb", 2.0),
            ("scroll a page, worst (ms)", "scroll_max", None), ("scroll a page, mean (ms)", "scroll_mean", None)]
    for label, key, target in rows:
        app = statistics.median(r[key] for r in app_runs)
        bare = statistics.median(r[key] for r in bare_runs)
        scale = 1 / 1024 if key == "peak_kb" else (1000 if key.startswith("scroll") else 1)
        ratio = app / bare if bare else float("inf")
        verdict = "" if target is None else ("PASS" if ratio <= target else "MISS")
        target_text = "" if target is None else f"<= {target:g}x"
        print(f"{label:<28}{app * scale:>12.3f}{bare * scale:>12.3f}{ratio:>8.2f}{target_text:>10}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
