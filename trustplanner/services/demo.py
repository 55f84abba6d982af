"""The Sunderland demo plan, built from the public facts in the domain brief."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from trustplanner.domain.enums import DeliveryModel
from trustplanner.resources import resource_path
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.services.staff import import_staff
from trustplanner.store.plan_file import PlanFile

DEMO_STATUS_DATE = date(2017, 1, 16)
#: The earlier HR extract, imported first so the staff history shows joiners, leavers and agency
#: social workers taken on as permanent employees between October and January.
DEMO_EARLIER_EXTRACT = ("staff-2016-10.csv", date(2016, 10, 3))


def create_demo_plan(path: str | Path) -> PlanFile:
    """Create the demo plan at ``path``; on any failure no file is left behind."""
    plan = new_plan(
        path,
        council="Sunderland City Council",
        trust="Together for Children Sunderland",
        delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY,
        decision_date=date(2016, 4, 12),
        shadow_start=date(2016, 9, 1),
        go_live=date(2017, 4, 1),
        status_date=DEMO_STATUS_DATE,
    )
    try:
        import_file(plan, "services", resource_path("demo", "services.csv"))
        import_file(plan, "milestones", resource_path("demo", "milestones.csv"))
        earlier, earlier_date = DEMO_EARLIER_EXTRACT
        import_staff(plan, resource_path("demo", earlier), extract_date=earlier_date)
        import_staff(plan, resource_path("demo", "staff.csv"), extract_date=DEMO_STATUS_DATE)
    except Exception:
        plan.close()
        Path(path).unlink(missing_ok=True)
        raise
    return plan
