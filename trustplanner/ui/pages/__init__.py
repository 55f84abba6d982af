"""The pages in the side navigation, in order. Adding a page is one new module and one line here.

A page that fails to import fails here, loudly (and the tests with it): it never silently
disappears from the window.
"""

from __future__ import annotations

from trustplanner.ui.pages.base import Page


def page_classes() -> list[type[Page]]:
    from trustplanner.ui.pages.briefings import BriefingsPage
    from trustplanner.ui.pages.budget import BudgetPage
    from trustplanner.ui.pages.decisions import DecisionsPage
    from trustplanner.ui.pages.milestones import MilestonesPage
    from trustplanner.ui.pages.overview import OverviewPage
    from trustplanner.ui.pages.review import ReviewPage
    from trustplanner.ui.pages.risks import RisksPage
    from trustplanner.ui.pages.staff import StaffPage
    from trustplanner.ui.pages.timeline import TimelinePage

    return [OverviewPage, MilestonesPage, TimelinePage, StaffPage, BudgetPage, RisksPage, DecisionsPage, BriefingsPage,
            ReviewPage]
