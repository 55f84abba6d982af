#!/usr/bin/env python3
"""Take the screenshots in README.md and docs/ from the real app on the demo plan.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR] [--screen 1366x690] [--scale 1.25]

(or under xvfb-run). Writes start.png, overview.png, milestones.png, timeline.png, staff.png,
budget.png, briefings.png, review.png, review-mode.png, the import previews and briefing-page1.png (needs pdftoppm) into
OUT_DIR (default docs/images).

--screen is the screen a council laptop leaves after the taskbar, in physical pixels, and --scale
its Windows scaling (set as QT_SCALE_FACTOR before Qt starts): the window is that screen less a
title bar, so the pictures show what such a laptop shows. The defaults, 1366x690 at 125%, are
the ones in docs/images.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from trustplanner.services.briefings import produce_briefing
from trustplanner.services.demo import create_demo_plan
from trustplanner.ui.app import create_application
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.settings import Settings

TITLE_BAR = 31  # physical pixels of a Windows title bar


def settle(app: QApplication, ms: int = 300) -> None:
    done = []
    QTimer.singleShot(ms, lambda: done.append(True))
    while not done:
        app.processEvents()


def window_size(screen: str, scale: float) -> tuple[int, int]:
    """The window's size in logical pixels on a ``WIDTHxHEIGHT`` screen at ``scale``."""
    width, height = (int(n) for n in screen.lower().split("x"))
    return int(width / scale), int((height - TITLE_BAR) / scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Take the screenshots in README.md and docs/.")
    parser.add_argument("out", nargs="?", default=str(Path(__file__).resolve().parent.parent / "docs" / "images"))
    parser.add_argument("--screen", default="1366x690", help="screen size in physical pixels (default 1366x690)")
    parser.add_argument("--scale", type=float, default=1.25, help="display scaling, e.g. 1.25 for 125%% (default)")
    args = parser.parse_args(argv)
    os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"  # only counts before the application exists
    size = window_size(args.screen, args.scale)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan_path = folder / "Sunderland demo.tplan"
        with create_demo_plan(plan_path) as plan:
            produce_briefing(plan, folder / "Cabinet briefing 2016-12-12.pdf", as_of=date(2016, 12, 12),
                             meeting=date(2016, 12, 14), issue=True)
            produce_briefing(plan, folder / "Cabinet briefing 2017-01-16.pdf", issue=True)
        window = MainWindow(Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)))
        window.show()
        window.resize(*size)
        window.settings.add_recent_file(plan_path)
        window.start_page.set_recent(window.settings.recent_files())
        settle(app)
        window.grab().save(str(out / "start.png"))
        window.open_plan(plan_path)
        for row, page in enumerate(window.pages):
            window.nav.setCurrentRow(row)
            if page.title == "Milestones":
                page.select_milestone("HR-02")
            if page.title == "Risks":
                page.ensure_fresh()
                page.select_record("R01")
            settle(app, 500)
            window.grab().save(str(out / f"{page.title.lower()}.png"))
        _import_previews(app, window, folder, out)
        _status_dialogs(app, window, out)
        _review_mode(app, window, plan_path, out)
        window.close()
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                            str(folder / "Cabinet briefing 2017-01-16.pdf"), str(out / "briefing-page1")], check=True)
    for image in sorted(out.glob("*.png")):
        print(image)
    return 0


def _review_mode(app: QApplication, window: MainWindow, plan_path: Path, out: Path) -> None:
    """The window open for review, as the demo's commissioner: the banner and the Review page."""
    window.close_plan()
    window.settings.set_reviewer("DfE Commissioner for Children's Services", "commissioner")
    window.open_plan(plan_path, review=True)
    settle(app, 500)
    window.grab().save(str(out / "review-mode.png"))
    window.close_plan()


def _import_previews(app: QApplication, window: MainWindow, folder: Path, out: Path) -> None:
    """The import preview of a milestones file that changes two milestones and adds one, and of a
    file with mistakes in it."""
    from trustplanner.ui.import_dialog import ImportPreviewDialog

    changed = folder / "milestones-december.csv"
    changed.write_text(
        "ref,title,workstream,stage,baseline,forecast,depends_on,commentary\n"
        "HR-02,TUPE in-scope staff list validated,HR & TUPE,shadow,2016-12-09,2017-01-27,CON-01;HR-01,"
        "Service leads need a further week to confirm 64 posts; final list 27 Jan\n"
        "ICT-02,Data controller roles and data protection impact assessment agreed,ICT & data,shadow,2016-12-09,"
        "2017-01-25,ICT-01,SIRO sign-off expected 25 Jan\n"
        "ICT-09,Network cut-over rehearsal,ICT & data,shadow,2017-03-06,2017-03-06,ICT-01,\n", encoding="utf-8")
    bad = folder / "milestones-typed.csv"
    bad.write_text("ref,title,workstream,stage,baseline,forecast,service\n"
                   "HR-20,Measures letters,HR & TUPE,shadow,31/02/2017,,\n"
                   "HR-21,Pension data cleansed,HR & TUPE,later,2017-02-01,2017-02-01,Youth offending\n",
                   encoding="utf-8")
    for path, name in ((changed, "import-preview.png"), (bad, "import-errors.png")):
        dialog = ImportPreviewDialog(window.document, "milestones", path, parent=window)
        dialog.resize(min(1000, window.width()), min(560, window.height()))
        dialog.show()
        settle(app, 500)
        dialog.grab().save(str(out / name))
        dialog.reject()


def _status_dialogs(app: QApplication, window: MainWindow, out: Path) -> None:
    """The RAG status dialog as a report better than the dates is chosen, and Plan settings."""
    from trustplanner.ui.dialogs.plan_settings import PlanSettingsDialog
    from trustplanner.ui.dialogs.status_dialogs import RagDialog

    snapshot = window.document.snapshot
    dialog = RagDialog(snapshot.milestone("HR-04"), snapshot.status_date, snapshot.programme.tolerance_days, window)
    dialog.rag.setCurrentIndex(dialog.rag.findText("Green"))
    dialog.show()
    settle(app, 400)
    dialog.grab().save(str(out / "rag-status.png"))
    dialog.reject()
    dialog = PlanSettingsDialog(snapshot.programme, window)
    dialog.show()
    settle(app, 400)
    dialog.grab().save(str(out / "plan-settings.png"))
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
