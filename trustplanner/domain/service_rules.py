"""The rules a service must keep, worded once for the services file and the New-plan wizard.

The import (``io/formats/services.py``) and the app (``services/plans.py``: the wizard's
services page and ``add_services``) both ask these functions, so one bad value gets one message
wherever it is entered.
"""

from __future__ import annotations

from trustplanner.domain.dates import date_problem
from trustplanner.domain.model import Programme, Service
from trustplanner.domain.problems import Breach, too_long

NAME_LIMIT = 200
RETAINED_WITH_DATES = "a retained service stays with the council: leave its shadow and go-live dates blank"


def name_repeated(name: str) -> str:
    """The same name twice in one list of services (the import adds the other row)."""
    return f"service '{name}' is listed twice"


def name_taken(name: str) -> str:
    return f"there is already a service '{name}' in this plan"


def service_breaches(service: Service, programme: Programme) -> list[Breach]:
    """Every rule ``service`` breaks on its own; its dates fall back to the programme's."""
    breaches: list[Breach] = []
    name = service.name.strip()
    if not name:
        breaches.append(Breach("name", "service name is required"))
    elif len(name) > NAME_LIMIT:
        breaches.append(Breach("name", too_long(NAME_LIMIT)))
    for column, value in (("shadow", service.shadow), ("go_live", service.go_live)):
        if message := date_problem(value):
            breaches.append(Breach(column, message))
    if service.retained:
        if service.shadow or service.go_live:
            breaches.append(Breach("retained", RETAINED_WITH_DATES))
        return breaches
    go_live = service.go_live or programme.go_live
    shadow = service.shadow or programme.shadow_start
    if shadow and go_live and shadow > go_live:
        column = "shadow" if service.shadow else "go_live"
        breaches.append(Breach(column, f"shadow start {shadow:%d/%m/%Y} is after go-live {go_live:%d/%m/%Y}"))
    return breaches
