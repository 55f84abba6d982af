"""The finance section as printed: read back from PDFs of plans built through the services."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from briefing_pdf import between, body_text, flat, read_pages, whole_text

from trustplanner.domain.budget import FundingChange, FundingKind
from trustplanner.services.briefings import produce_briefing
from trustplanner.services.budget import (
    add_funding_change,
    import_budget,
    import_savings,
    set_contract_sum,
)
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.store.plan_file import open_plan_file

AS_OF = date(2017, 1, 16)  # P10 2016/17
SC, EH, QA, AD = "Children's social care", "Early help", "Quality assurance & performance", "Adoption agency"
SECTION = "Budget handover and savings"
MARKING = "OFFICIAL-SENSITIVE"
BUDGET_HEADER = ["service", "year", "cost_centre", "description", "budget", "forecast", "transfers"]
SAVINGS_HEADER = ["ref", "service", "year", "description", "target", "forecast", "rag", "mitigation"]


def write(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    return path


def base_plan(folder: Path) -> Path:
    path = folder / "plan.tplan"
    with new_plan(path, council="Sunderland City Council", trust="Together for Children Sunderland",
                  go_live=date(2017, 4, 1), shadow_start=date(2016, 9, 1), status_date=AS_OF,
                  marking=MARKING) as plan:
        import_file(plan, "services", write(folder / "services.csv", [
            ["name", "shadow", "go_live", "retained"], [SC, "", "", "no"], [EH, "", "", "no"],
            [QA, "", "2017-10-02", "no"], [AD, "", "", "yes"]]))
    return path


def add_finance(path: Path, folder: Path, *, extra_savings: int = 0) -> None:
    """The hand-worked figures of tests/services/test_finance_briefing.py, through the services."""
    with open_plan_file(path) as plan:
        p9 = [BUDGET_HEADER,
              [SC, "2016/17", "SC1", "Placements", "1,000,000", "1,100,000", "yes"],
              [SC, "2016/17", "SC2", "Staffing", "2,000,000", "2,000,000", "yes"],
              [EH, "2016/17", "EH1", "Family support", "500,000", "520,000", "yes"],
              [AD, "2016/17", "AD1", "Adoption allowances", "300,000", "290,000", "no"]]
        import_budget(plan, write(folder / "p9.csv", p9), as_of=date(2016, 12, 15))
        p10 = [BUDGET_HEADER,
               [SC, "2016/17", "SC1", "Placements", "1,000,000", "1,150,000", "yes"],
               [SC, "2016/17", "SC2", "Staffing", "2,000,000", "1,960,000", "yes"],
               [EH, "2016/17", "EH1", "Family support", "500,000", "520,000", "yes"],
               [AD, "2016/17", "AD1", "Adoption allowances", "300,000", "290,000", "no"],
               [SC, "2017/18", "SC1", "Placements", "1,050,000", "1,050,000", "yes"],
               [SC, "2017/18", "SC2", "Staffing", "2,100,000", "2,150,000", "yes"],
               [EH, "2017/18", "EH1", "Family support", "520,000", "520,000", "yes"],
               [QA, "2017/18", "QA1", "Performance team", "240,000", "240,000", "yes"],
               [AD, "2017/18", "AD1", "Adoption allowances", "310,000", "310,000", "no"]]
        import_budget(plan, write(folder / "p10.csv", p10), as_of=AS_OF)
        savings = [
            SAVINGS_HEADER,
            ["S1", SC, "2016/17", "Fewer external placements", "400,000", "100,000", "red", "Placement panel"],
            ["S2", EH, "2017/18", "Single front door", "250,000", "200,000", "amber", "Phased start"],
            ["S3", SC, "2017/18", "Regional adoption", "350,000", "350,000", "green", ""],
            ["S4", AD, "2016/17", "Allowances review", "100,000", "120,000", "green", ""],
        ]
        savings += [[f"X{n:03d}", SC, "2017/18", f"Efficiency saving {n} in the placements budget", "10,000", "5,000",
                     "amber", f"Mitigation {n}: review at the placements panel, ends here {n}."]
                    for n in range(extra_savings)]
        import_savings(plan, write(folder / "savings.csv", savings))
        for year, text, pounds, kind in [
            (2017, "Improvement investment", 1_600_000, FundingKind.IMPROVEMENT_INVESTMENT),
            (2017, "Contingency for placements", 200_000, FundingKind.CONTINGENCY_SET_ASIDE),
            (2017, "More social workers (CR-1)", 125_000, FundingKind.CHANGE_REQUEST_ACCEPTED),
            (2017, "Legal support (CR-2)", 38_000, FundingKind.CHANGE_REQUEST_REFUSED),
            (2017, "Placements released", 65_000, FundingKind.CONTINGENCY_RELEASED),
        ]:
            add_funding_change(plan, FundingChange(year, text, pounds * 100, kind))
        set_contract_sum(plan, 2017, 4_000_000 * 100)


def briefing(path: Path, units: str) -> list:
    out = path.with_name(f"briefing-{units}.pdf")
    with open_plan_file(path) as plan:
        produce_briefing(plan, out, units=units)
    return read_pages(out.read_bytes())


@pytest.fixture(scope="module")
def plan_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("finance")
    path = base_plan(folder)
    add_finance(path, folder)
    return path


@pytest.fixture(scope="module")
def in_thousands(plan_path) -> str:
    return whole_text(briefing(plan_path, "k"))


@pytest.fixture(scope="module")
def in_millions(plan_path) -> str:
    return whole_text(briefing(plan_path, "m"))


def section(text: str) -> str:
    return between(text, f"6 {SECTION}", None)


def test_the_section_follows_milestones_and_gives_the_period(in_millions):
    assert in_millions.index("5 Milestones") < in_millions.index(f"6 {SECTION}")
    assert ("This section gives the financial position at P10 2016/17, the monitoring period of the position "
            "date (16 January 2017). Figures are in £m to one decimal place.") in in_millions


def test_the_status_table_has_a_finance_row(in_millions):
    summary = between(in_millions, "Status this period", "Services and stages")
    assert re.search(r"Finance RED \(R\) — — 2016/17 forecast at P10: £0\.1m over budget \(3\.2%\); savings at risk "
                     r"£0\.4m of £1\.1m \(31\.8%\)\. ", summary)
    # the rule is printed once, in the key under the table, not in the row
    assert "Red if" not in summary
    assert re.search(r"How each status is set: .*Finance: red if the year's forecast overspend is more than 2% of "
                     r"budget", summary)


def test_narrative_quotes_the_printed_figures(plan_path):
    text = section(body_text(briefing(plan_path, "k")))  # a paragraph may run onto the next page
    assert ("At P10 the 2016/17 forecast outturn for the services in the plan is £3,920,000 against a budget of "
            "£3,800,000, an overspend of £120,000 (3.2%). The Children's social care forecast is £110,000 over a "
            "budget of £3,000,000 (3.7%) and the Early help forecast is £20,000 over a budget of £500,000 (4.0%). "
            "Forecast underspends: Adoption agency (£10,000).") in text
    assert "Since P9 the forecast has risen by £10,000; the largest change is SC1 Placements, £50,000 up" in text
    assert "£350,000 (31.8%) of the savings is at risk: the shortfall on 1 red plan and 1 amber plan, listed below" in text
    assert ("The contract sum for 2017/18 is £4,000,000, as set by the council; the budgets that transfer and "
            "accepted change requests come to £3,895,000, so the agreed sum is £105,000 more than that.") in text
    assert "Contingency for 2017/18: £200,000 set aside; £65,000 has been released and £135,000 is still held." in text
    assert "The finance status is RED (R)." in text


def test_budget_table_in_thousands(in_thousands):
    table = between(section(in_thousands), "Budget and forecast by service, 2016/17 at P10 (£000)",
                    "Budget and forecast outturn by service")
    assert "Adoption agency (retained) 300 290 (10) (3.3%)" in table
    assert "Children's social care 3,000 3,110 110 3.7%" in table
    assert "Early help 500 520 20 4.0%" in table
    assert "Total 3,800 3,920 120 3.2%" in table


def test_budget_table_in_millions_adds_up(in_millions):
    table = between(section(in_millions), "Budget and forecast by service, 2016/17 at P10 (£m)",
                    "Budget and forecast outturn by service")
    assert "Adoption agency (retained) 0.3 0.3 0.0 (3.3%)" in table
    assert "Children's social care 3.0 3.1 0.1 3.7%" in table
    assert "Early help 0.5 0.5 0.0 4.0%" in table
    assert "Total 3.8 3.9 0.1 3.2%" in table


def test_every_finance_table_heading_states_the_unit(in_millions, in_thousands):
    headings = ["Budget and forecast by service, 2016/17 at P10", "Budget and forecast outturn by service, 2016/17",
                "Variance explained: the largest lines", "Movement in the forecast since P9",
                "Savings deliverability", "Savings by year", "Red and amber savings plans", "Contract sum",
                "Funding changes", "Handover schedule: budget under council and trust control"]
    for heading in headings:
        assert f"{heading} (£m)" in in_millions, heading
        assert f"{heading} (£000)" in in_thousands, heading
    assert "(£000)" not in in_millions and "(£m)" not in in_thousands


def test_variance_and_movement_tables(in_thousands):
    text = section(in_thousands)
    variance = between(text, "Variance explained", "Movement in the forecast")
    assert "SC1 Placements Children's social care 150" in variance
    assert "SC2 Staffing Children's social care (40)" in variance
    assert "Total variance 120" in variance
    movement = between(text, "Movement in the forecast since P9", "Savings deliverability")
    assert "SC1 Placements Children's social care 50" in movement
    assert "SC2 Staffing Children's social care (40)" in movement
    assert "Total movement 10" in movement


def test_savings_tables(in_thousands):
    text = section(in_thousands)
    by_rag = between(text, "Savings deliverability (£000)", "Savings by year")
    assert "RED (R) 1 400 100 300 36.4%" in by_rag
    assert "AMBER (A) 1 250 200 50 22.7%" in by_rag
    assert "GREEN (G) 2 450 470 (20) 40.9%" in by_rag
    assert "Total 4 1,100 770 330 100.0%" in by_rag
    by_year = between(text, "Savings by year (£000)", "Red and amber savings plans")
    assert "2016/17 2 500 220 280 300" in by_year and "Total 4 1,100 770 330 350" in by_year
    plans = between(text, "Red and amber savings plans (£000)", "Contract sum")
    # the mitigation is printed across the row beneath the plan's figures
    assert "S1 Children's social care, 2016/17 Fewer external placements 400 100 300 R Mitigation: Placement panel" \
        in plans
    assert "Total 2 plans 650 300 350" in plans


def test_contract_sum_funding_and_handover_tables(in_thousands):
    text = section(in_thousands)
    assert "2017/18 3,895 4,000 105 4,000 3,820 (180)" in between(text, "Contract sum (£000)", "Funding changes")
    funding = between(text, "Funding changes (£000)", "Handover schedule")
    assert "2017/18 Improvement investment Improvement investment 1,600 Yes" in funding
    assert "2017/18 Change request refused Legal support (CR-2) 38 No" in funding
    # the total adds only what is paid to the trust (1,600 + 125), the rest said apart
    assert ("Total Paid to the trust Not added in: refused requests £38,000, contingency set aside £200,000 and "
            "contingency released £65,000 1,725 Yes") in funding
    assert "1,600 + 200" not in funding and "2,028" not in funding
    handover = between(text, "Handover schedule", "Page")
    assert "2016/17 (this year) 3,800 0 3,800 0.0% Council; shadow from 01/09/2016" in handover
    assert ("2017/18 450 3,770 4,220 89.3% Children's social care, Early help: trust all year; Quality assurance & "
            "performance: trust from P8 (go-live 02/10/2017)") in handover


def test_chart_has_a_legend_axis_and_labelled_bars(in_millions):
    chart = between(section(in_millions), "Budget and forecast outturn by service, 2016/17 (£m)",
                    "Variance explained")
    assert "Budget" in chart and "Forecast outturn (variance: + over budget, − under)" in chart
    assert "3.1 (+0.1)" in chart  # social care's forecast and variance, beside its bar
    assert "Adoption agency (retained)" in chart


def test_no_finance_data_no_section_and_no_finance_row(tmp_path):
    path = base_plan(tmp_path)
    text = whole_text(briefing(path, "m"))
    assert SECTION not in text and "Finance" not in text and "£m" not in text


@pytest.fixture(scope="module")
def long_pages(tmp_path_factory) -> list:
    """60 more amber savings plans: the red and amber plans table runs over pages."""
    folder = tmp_path_factory.mktemp("long")
    path = base_plan(folder)
    add_finance(path, folder, extra_savings=60)
    return briefing(path, "k")


def test_marking_and_page_x_of_y_on_every_page(long_pages):
    total = len(long_pages)
    assert total >= 6
    for number, page in enumerate(long_pages, start=1):
        places = page.runs_equal(MARKING)
        assert any(y > page.height - 45 for _, y in places), number
        assert any(y < 45 for _, y in places), number
        assert f"Page {number} of {total}" in page.text


def test_long_plans_table_repeats_its_heading_and_never_splits_a_row(long_pages):
    pages = [p for p in long_pages if "ends here" in flat(p.text)]
    assert len(pages) >= 2
    for page in pages:
        assert "Ref Service, year Plan and mitigation Target Forecast Shortfall RAG" in flat(page.text)
    for n in range(60):
        holding = [p for p in long_pages if f"X{n:03d}" in p.text]
        assert len(holding) == 1
        assert f"ends here {n}." in flat(holding[0].text)
    text = whole_text(long_pages)
    assert "Total 62 plans 1,250 600 650" in text  # S1, S2 and 60 x (10 - 5)


def test_command_line_units(plan_path, tmp_path, cli):
    out = tmp_path / "cli.pdf"
    result = cli("briefing", plan_path, "-o", out, "--units", "k")
    assert result.rc == 0, result.err
    text = whole_text(read_pages(out.read_bytes()))
    assert "Budget and forecast by service, 2016/17 at P10 (£000)" in text
    result = cli("briefing", plan_path, "-o", out)
    assert "Budget and forecast by service, 2016/17 at P10 (£m)" in whole_text(read_pages(out.read_bytes()))
    assert cli("briefing", plan_path, "-o", out, "--units", "bn").rc != 0


def test_the_background_job_passes_the_units(plan_path, tmp_path):
    from trustplanner.ui.workers import produce_briefing_job

    out = tmp_path / "job.pdf"
    produce_briefing_job(plan_path, out, read_only=True, units="k")
    assert "Total 3,800 3,920 120 3.2%" in whole_text(read_pages(out.read_bytes()))


def test_the_largest_change_in_words_agrees_with_its_from_and_to(tmp_path):
    """The demo's SC110 forecast rose £0.33m, from £7.54m to £7.87m: rounded to £0.1m the change is
    £0.3m but the two forecasts £7.5m and £7.9m, so the sentence gives the change alone."""
    from pypdf import PdfReader

    from trustplanner.services.briefings import produce_briefing
    from trustplanner.services.demo import create_demo_plan

    plan = create_demo_plan(tmp_path / "d.tplan")
    try:
        out = produce_briefing(plan, tmp_path / "d.pdf").path
    finally:
        plan.close()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    sentence = re.search(r"the largest change is .*?(\.| \(from [^)]*\)\.)(?= )", text).group(0)
    assert "SC110 External residential placements, £0.3m up" in sentence, sentence
    if found := re.search(r"£([\d.]+)m (up|down) \(from £([\d.]+)m to £([\d.]+)m\)", sentence):
        size, _, before, after = found.groups()
        assert abs(round(float(after) - float(before), 1)) == float(size)
    assert "from £7.5m to £7.9m" not in sentence
