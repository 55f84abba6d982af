"""The pages in the side navigation, in order. Adding a page is one new module and one line here."""

from __future__ import annotations

from trustplanner.ui.pages.base import Page
from trustplanner.ui.pages.milestones import MilestonesPage


def page_classes() -> list[type[Page]]:
    pages: list[type[Page]] = []
    try:
        from trustplanner.ui.pages.overview import OverviewPage

        pages.append(OverviewPage)
    except ImportError:
        pass
    pages.append(MilestonesPage)
    try:
        from trustplanner.ui.pages.timeline import TimelinePage

        pages.append(TimelinePage)
    except ImportError:
        pass
    try:
        from trustplanner.ui.pages.staff import StaffPage

        pages.append(StaffPage)
    except ImportError:
        pass
    try:
        from trustplanner.ui.pages.budget import BudgetPage

        pages.append(BudgetPage)
    except ImportError:
        pass
    try:
        from trustplanner.ui.pages.briefings import BriefingsPage

        pages.append(BriefingsPage)
    except ImportError:
        pass
    return pages
