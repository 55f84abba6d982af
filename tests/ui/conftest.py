import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402

from trustplanner.services.demo import create_demo_plan  # noqa: E402
from trustplanner.ui.document import PlanDocument  # noqa: E402
from trustplanner.ui.settings import Settings  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_qt_paths(qapp):
    QStandardPaths.setTestModeEnabled(True)
    yield


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def demo_path(tmp_path):
    path = tmp_path / "demo.tplan"
    create_demo_plan(path).close()
    return path


@pytest.fixture
def demo_document(tmp_path, qapp):
    document = PlanDocument(create_demo_plan(tmp_path / "doc.tplan"), None)
    yield document
    document.close()


@pytest.fixture
def answer_dialogs(monkeypatch):
    """Answer dialogs opened through run_dialog: ``answer_dialogs(fill)`` where fill(dialog) -> bool."""

    def install(fill):
        import trustplanner.ui.dialogs as dialogs
        import trustplanner.ui.pages.milestones as milestones_page

        import trustplanner.ui.pages.decisions as decisions_page
        import trustplanner.ui.pages.risks as risks_page

        monkeypatch.setattr(dialogs, "run_dialog", fill)
        for page in (milestones_page, risks_page, decisions_page):
            monkeypatch.setattr(page, "run_dialog", fill)

    return install


@pytest.fixture
def window(qtbot, settings):
    """The main window, shown, with no plan open; its plan is closed afterwards."""
    from trustplanner.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close_plan()


@pytest.fixture(autouse=True)
def _no_real_stale_lock_question(monkeypatch):
    """A real question box would wait for ever offscreen; tests that expect one answer it themselves."""
    import trustplanner.ui.opening as opening

    def unexpected(parent, path, owner):
        pytest.fail(f"unexpected question about the stale lock of {owner.describe()}")

    monkeypatch.setattr(opening, "ask_clear_stale", unexpected)


@pytest.fixture
def register_document(tmp_path, qapp):
    """A demo plan (it holds the demo risk register and decisions log)."""
    plan = create_demo_plan(tmp_path / "register.tplan")
    document = PlanDocument(plan, None)
    yield document
    document.close()
