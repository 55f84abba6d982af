"""One set of service rules: a bad value gets the same words from the services file and from the app.

Each case is entered twice into the sample plan (tests/conftest.py: go-live 01/04/2017, shadow
from 01/09/2016): once as a row of a services CSV, once through ``add_services`` (the New-plan
wizard's services page asks the same ``service_problems``). The import says ``FILE:ROW``; the
column and message are the same text.
"""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.model import Service
from trustplanner.domain.problems import ValidationFailed
from trustplanner.services.imports import import_file
from trustplanner.services.plans import add_services
from trustplanner.store.plan_file import open_plan_file

HEADER = ["name", "shadow", "go_live", "retained"]


def csv_row(service: Service) -> list[str]:
    return [service.name, f"{service.shadow:%d/%m/%Y}" if service.shadow else "",
            f"{service.go_live:%d/%m/%Y}" if service.go_live else "", "yes" if service.retained else "no"]


def import_problems(plan_path, write_csv, services):
    path = write_csv("bad.csv", [HEADER, *map(csv_row, services)])
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        import_file(plan, "services", path)
    return [(p.source, p.row, p.column, p.message) for p in caught.value.problems]


def edit_problems(plan_path, services):
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        add_services(plan, services)
    return [(p.column, p.message) for p in caught.value.problems]


# name: (the bad service, expected column, text)
CASES = {
    "name missing": (Service("", shadow=date(2016, 10, 1)), "name", "service name is required"),
    "name too long": (Service("L" * 201), "name", "is longer than 200 characters"),
    "retained with a shadow date": (Service("Libraries", shadow=date(2016, 10, 1), retained=True), "retained",
                                    "a retained service stays with the council: leave its shadow and go-live dates "
                                    "blank"),
    "retained with a go-live date": (Service("Libraries", go_live=date(2017, 10, 1), retained=True), "retained",
                                     "a retained service stays with the council: leave its shadow and go-live dates "
                                     "blank"),
    "its shadow after the programme's go-live": (Service("Libraries", shadow=date(2017, 5, 1)), "shadow",
                                                 "shadow start 01/05/2017 is after go-live 01/04/2017"),
    "its go-live before the programme's shadow": (Service("Libraries", go_live=date(2016, 8, 1)), "go_live",
                                                  "shadow start 01/09/2016 is after go-live 01/08/2016"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_new_service_gets_the_same_message_from_import_and_from_the_app(sample_plan, write_csv, case):
    service, column, message = CASES[case]

    from_import = import_problems(sample_plan, write_csv, [service])
    from_edit = edit_problems(sample_plan, [service])

    assert from_edit == [(column, message)]
    assert [(c, m) for _, _, c, m in from_import] == [(column, message)]
    [(source, row, _, _)] = from_import
    assert source.endswith("bad.csv") and row == 2


def test_a_name_listed_twice_is_worded_alike_and_the_import_names_the_other_row(sample_plan, write_csv):
    services = [Service("Libraries"), Service("libraries")]

    from_import = import_problems(sample_plan, write_csv, services)
    from_edit = edit_problems(sample_plan, services)

    assert from_edit == [("name", "service 'libraries' is listed twice")]
    assert [(r, c, m) for _, r, c, m in from_import] == [(3, "name", "service 'libraries' is listed twice, "
                                                                     "also on row 2")]


def test_adding_a_service_the_plan_already_has_is_refused_by_name(sample_plan):
    # an import row with that name updates the service instead; only the app can add it twice
    assert edit_problems(sample_plan, [Service("early help")]) == [
        ("name", "there is already a service 'early help' in this plan")]
