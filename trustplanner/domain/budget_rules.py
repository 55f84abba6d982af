"""The rules budget lines and savings plans keep, worded once for their files and the Budget page.

The imports (``io/formats/budget.py``) and the in-place edits (``services/budget.py``
``update_budget_line`` and ``update_savings_plan``) both ask these functions, so one bad value
gets one message wherever it is entered. Values a file could not read are passed as ``None``
and their rules skipped: the cell's own problem has been said.
"""

from __future__ import annotations

from collections.abc import Container

from trustplanner.domain.budget import Deliverability
from trustplanner.domain.problems import Breach, too_long

DESCRIPTION_LIMIT = 300
NEEDS_MITIGATION = (Deliverability.AMBER, Deliverability.RED)


def description_problem(description: str | None) -> str | None:
    if description is not None and len(description) > DESCRIPTION_LIMIT:
        return too_long(DESCRIPTION_LIMIT)
    return None


def retained_transfer(service: str) -> str:
    return f"{service} is retained by the council, so its budget does not transfer; set transfers to no"


def budget_line_breaches(*, service: str | None, description: str | None, transfers: bool | None,
                         retained: Container[str]) -> list[Breach]:
    """What is wrong with a budget line's values (``retained``: the plan's retained services)."""
    breaches = []
    if message := description_problem(description):
        breaches.append(Breach("description", message))
    if transfers and service is not None and service in retained:
        breaches.append(Breach("transfers", retained_transfer(service)))
    return breaches


def unknown_deliverability(text: str) -> str:
    return f"unknown deliverability '{text}'; use green, amber or red"


def mitigation_needed(rag: Deliverability) -> str:
    from trustplanner.domain.words import with_article

    return f"{with_article(rag.value)} savings plan needs a mitigation"


def savings_breaches(*, description: str | None, target: int | None, forecast: int | None,
                     rag: Deliverability | None, mitigation: str) -> list[Breach]:
    """What is wrong with a savings plan's values."""
    breaches = []
    if message := description_problem(description):
        breaches.append(Breach("description", message))
    if target is not None and target < 0:
        breaches.append(Breach("target", "a savings target cannot be negative"))
    if forecast is not None and forecast < 0:
        breaches.append(Breach("forecast", "forecast savings delivered cannot be negative"))
    if rag in NEEDS_MITIGATION and not mitigation.strip():
        breaches.append(Breach("mitigation", mitigation_needed(rag)))
    return breaches
