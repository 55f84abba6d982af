#!/usr/bin/env python3
"""Write the demo plan's finance files: resources/demo/budget-p09.csv, budget.csv and savings.csv.

    python scripts/make_demo_finance.py            # rewrite the three files
    python scripts/make_demo_finance.py --check    # exit 1 if the committed files differ
    python scripts/make_demo_finance.py --summary  # print the headline figures only

The files are committed, so the app never needs this script; run it again after changing the
tables below. Nothing is random and nothing here uses TrustPlanner, so the generator cannot hide
a product bug: the headline figures it prints are worked out here, independently of the app, and
``tests/services/test_finance.py`` checks the demo plan against them.

Sunderland's children's services, 2016/17 (the council's year) and 2017/18 (the first year of
Together for Children: lines that transfer move to the trust at go-live, 1 April 2017). The shape
follows public facts (an inadequate Ofsted judgement, a £16m improvement investment, new social
workers recruited to cut caseloads, and later a £5.7m shortfall from more looked-after children
and agency social workers); every figure, cost centre and description is illustrative.

* ``budget-p09.csv``: the 2016/17 lines with their forecasts at P9 (December 2016), money written
  as a finance system's spreadsheet writes it (``5,920,000``; a net income line as ``(38,300)``).
* ``budget.csv``: the 2016/17 lines with their forecasts at P10 (January 2017, the demo's status
  date) and the 2017/18 lines with the forecast the trust's finance lead made from the P10
  activity. Written as TrustPlanner exports it (``5920000.00``, ``yes``/``no``), so exporting the
  demo gives this file back.
* ``savings.csv``: the savings plans for both years, with deliverability and mitigations.

The funding changes and the explicit 2017/18 contract sum are not files: the demo adds them
through the budget service (``trustplanner/services/demo.py``); ``FUNDING`` and
``CONTRACT_SUM_2017`` below are the same figures, for the summary and the tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo"
P09, P10, SAVINGS = DEMO / "budget-p09.csv", DEMO / "budget.csv", DEMO / "savings.csv"

CSC, EDU, EH, QAP = ("Children's social care", "Education services", "Early help", "Quality assurance & performance")
IRO, ADOPT = "Independent reviewing officers", "Adoption agency"
RETAINED = {IRO, ADOPT}  # the council keeps these services: none of their budget transfers

BUDGET_COLUMNS = ("service", "year", "cost_centre", "description", "budget", "forecast", "transfers")
SAVINGS_COLUMNS = ("ref", "service", "year", "description", "target", "forecast", "rag", "mitigation")


@dataclass(frozen=True)
class Line:
    """One cost centre, in whole pounds: 2016/17 budget and its variance at P9 and P10; 2017/18
    budget and forecast variance. ``None`` means the line does not exist that year."""

    cost_centre: str
    service: str
    description: str
    transfers: bool
    budget16: int | None
    p9: int  # forecast minus budget at P9 2016/17 (overspend positive)
    p10: int  # the same at P10
    budget17: int | None
    var17: int  # 2017/18 forecast minus budget


def line(cc: str, service: str, description: str, b16: int | None, p9: int, p10: int, b17: int | None,
         v17: int, transfers: bool = True) -> Line:
    return Line(cc, service, description, transfers and service not in RETAINED, b16, p9, p10, b17, v17)


# Improvement investment (£6m in 2016/17, £10m in 2017/18) is in SC124-SC126 and QA406-QA407.
LINES = (
    # Children's social care ------------------------------------------------------------------
    line("SC101", CSC, "Assessment and safeguarding social work teams", 3_104_600, 96_000, 118_500, 3_160_000, 80_000),
    line("SC102", CSC, "Child protection and children in need teams", 2_886_300, 42_300, 61_800, 2_931_500, 60_000),
    line("SC103", CSC, "Looked-after children social work teams", 2_318_900, -35_000, -28_400, 2_352_700, -20_000),
    line("SC104", CSC, "Leaving care (16+) team and personal advisers", 1_127_400, 12_000, 12_000, 1_144_300, 10_000),
    line("SC105", CSC, "Agency social workers covering vacant posts", 850_000, 1_246_600, 1_418_300, 600_000,
         1_150_000),
    line("SC106", CSC, "Principal social worker and practice development", 312_300, 0, -8_200, 318_500, 0),
    line("SC107", CSC, "Multi-agency safeguarding hub (MASH)", 768_500, 24_000, 31_500, 781_400, 25_000),
    line("SC108", CSC, "Emergency duty team (out of hours)", 486_100, 8_900, 8_900, 493_800, 7_000),
    line("SC110", CSC, "External residential placements", 5_920_000, 1_612_400, 1_948_700, 6_020_000, 2_250_000),
    line("SC111", CSC, "Independent fostering agency placements", 3_360_000, 734_300, 886_200, 2_960_000, 1_320_000),
    line("SC112", CSC, "In-house fostering: carers' allowances and fees", 4_612_800, -212_500, -186_900, 4_980_000,
         -150_000),
    line("SC113", CSC, "Fostering service: supervising social workers and carer recruitment", 948_300, -18_200,
         -22_600, 1_046_000, -10_000),
    line("SC114", CSC, "Special guardianship and child arrangements allowances", 1_645_800, 136_400, 152_100,
         1_760_000, 140_000),
    line("SC115", CSC, "In-house children's homes (three homes)", 2_604_200, 84_600, 97_300, 2_640_000, 90_000),
    line("SC116", CSC, "Secure and remand placements", 320_000, 186_000, 248_000, 320_000, 140_000),
    line("SC117", CSC, "Leaving care: accommodation and allowances", 1_010_500, 92_700, 104_200, 1_015_000, 180_000),
    line("SC118", CSC, "Unaccompanied asylum-seeking children, net of the Home Office grant", 150_000, 64_500,
         71_000, 160_000, 70_000),
    line("SC119", CSC, "Disabled children's social work and short breaks", 1_915_200, -46_800, -52_300, 1_942_000,
         -40_000),
    line("SC120", CSC, "Contact service and supervised family time", 542_900, 38_400, 44_900, 551_000, 40_000),
    line("SC121", CSC, "Section 17 support to children in need and their families", 260_000, 22_000, 26_500,
         265_000, 20_000),
    line("SC122", CSC, "Legal costs of care proceedings: counsel, court fees, expert assessments", 1_250_000,
         236_300, 262_800, 1_100_000, 380_000),
    line("SC123", CSC, "Business support (children's social care)", 884_700, -41_200, -44_600, 540_000, 0),
    line("SC124", CSC, "Social work recruitment and retention (improvement investment)", 1_600_000, -210_000,
         -185_000, 2_200_000, -100_000),
    line("SC125", CSC, "Caseload reduction: additional permanent social work posts (improvement investment)",
         2_400_000, -320_000, -296_500, 3_900_000, -250_000),
    line("SC126", CSC, "Social work academy: newly qualified social workers' assessed year (improvement investment)",
         None, 0, 0, 1_100_000, 0),
    line("SC190", CSC, "Support services recharges: HR, finance, ICT, legal and property, bought back by service "
         "level agreement", 1_940_000, 0, 0, 1_785_000, 0),
    line("SC191", CSC, "Capital financing, insurance and central overheads (stay with the council)", 1_045_000, 0, 0,
         1_060_000, 0, transfers=False),
    # Education services ----------------------------------------------------------------------
    line("ED201", EDU, "School improvement service", 1_240_300, -96_000, -112_400, 1_252_000, -60_000),
    line("ED202", EDU, "Special educational needs and disability (SEND) assessment and review", 920_800, 36_000,
         41_700, 935_000, 40_000),
    line("ED203", EDU, "Home to school transport for children with SEND", 3_160_000, 342_500, 395_200, 2_700_000,
         680_000),
    line("ED204", EDU, "Educational psychology service", 705_400, -24_300, -31_800, 515_000, 60_000),
    line("ED205", EDU, "Virtual school for looked-after children", 352_600, 0, 0, 358_000, 0),
    line("ED206", EDU, "Education welfare and attendance", 478_200, -12_500, -15_100, 485_000, 0),
    line("ED207", EDU, "Admissions and school place planning", 292_900, 0, 4_300, 297_000, 0),
    line("ED208", EDU, "Alternative provision and pupil referral unit top-ups", 620_000, 88_000, 96_600, 630_000,
         90_000),
    line("ED209", EDU, "Early years and childcare sufficiency", 386_500, -18_700, -21_900, 392_000, 0),
    line("ED210", EDU, "Governor services (traded, net income)", -38_300, 6_200, 6_200, -38_800, 0),
    line("ED211", EDU, "Premature retirement costs of former school staff (stay with the council)", 510_000, -8_400,
         -8_400, 495_000, 0, transfers=False),
    # Early help ------------------------------------------------------------------------------
    line("EH301", EH, "Early help locality hubs: North, East, West, Coalfield and Washington", 2_840_200, -146_300,
         -158_900, 2_300_000, 80_000),
    line("EH302", EH, "Children's centres", 1_960_500, 118_000, 142_600, 1_480_000, 60_000),
    line("EH303", EH, "Youth offending service (council contribution)", 850_000, 0, 0, 760_000, 0),
    line("EH304", EH, "Youth service and positive activities", 910_400, -62_800, -74_500, 920_000, 0),
    line("EH305", EH, "Troubled families programme, net of the payment-by-results grant", 190_000, 45_000, -30_000,
         190_000, 0),
    line("EH306", EH, "Edge-of-care and family intervention team", 720_700, -38_600, -41_200, 730_000, -20_000),
    line("EH307", EH, "Young people's substance misuse and teenage pregnancy services", 250_300, 0, 0, 253_000, 0),
    # Quality assurance & performance ---------------------------------------------------------
    line("QA401", QAP, "Quality assurance and case audit", 540_200, -22_400, -25_100, 548_000, 0),
    line("QA402", QAP, "Performance and business intelligence", 680_600, 12_300, 14_800, 690_000, 0),
    line("QA403", QAP, "Local Safeguarding Children Board (council contribution)", 165_000, 0, 0, 167_000, 0),
    line("QA404", QAP, "Workforce development and training", 420_400, -16_000, -18_300, 277_000, 30_000),
    line("QA405", QAP, "Children's complaints and representations", 146_300, 4_100, 4_100, 148_000, 0),
    line("QA406", QAP, "Improvement programme office (improvement investment)", 900_000, -64_000, -58_200, 1_200_000,
         -40_000),
    line("QA407", QAP, "Case management system and data quality (improvement investment)", 1_100_000, -148_000,
         -161_000, 1_600_000, -60_000),
    line("QA408", QAP, "Trust governance: board, company secretary, external audit and insurance", None, 0, 0,
         612_000, 45_000),
    # Retained by the council -----------------------------------------------------------------
    line("IR501", IRO, "Independent reviewing officers and child protection conference chairs", 920_400, 31_200,
         33_800, 882_000, 20_000),
    line("IR502", IRO, "Independent visitors and advocacy for children in care", 92_000, 0, 0, 93_000, 0),
    line("AD601", ADOPT, "Adoption agency: assessment, matching and adoption support", 1_140_800, -24_600, -27_300,
         1_157_000, 0),
    line("AD602", ADOPT, "Inter-agency adoption fees", 420_000, 100_000, 140_000, 420_000, 120_000),
    line("AD603", ADOPT, "Adoption allowances", 330_200, 8_400, 9_100, 335_000, 0),
)


@dataclass(frozen=True)
class Saving:
    ref: str
    service: str
    year: str
    description: str
    target: int  # pounds
    forecast: int  # pounds forecast delivered
    rag: str
    mitigation: str = ""


SAVINGS_PLANS = (
    Saving("SV16-01", CSC, "2016/17", "External residential placements: step children down to foster care through "
           "the placement review panel", 1_000_000, 420_000, "red",
           "The panel now meets weekly, chaired by the Director of Children's Social Care. 14 children were "
           "identified for step-down but only 5 have moved because in-house carers are not available. The £580k "
           "shortfall is in the P10 forecast on SC110; no further delivery is assumed this year. Recovery: six "
           "carers in assessment and IFA framework places used as a bridge from April."),
    Saving("SV16-02", CSC, "2016/17", "Agency social workers: replace with permanent staff", 600_000, 150_000, "red",
           "23 agency social workers were still in post at P10 against a plan of 10. Eight newly recruited "
           "social workers start between January and March and four agency workers have become permanent. The "
           "£450k shortfall is in the forecast on SC105. A managed-service agency contract with capped rates "
           "starts on 1 April 2017."),
    Saving("SV16-03", EDU, "2016/17", "Home to school transport (SEND): route optimisation and independent travel "
           "training", 450_000, 300_000, "amber",
           "Re-tendered routes deliver £300k from September. Independent travel training has reached 12 of the "
           "40 pupils planned, so £150k is at risk. The transport team is reviewing escort ratios on 20 routes "
           "by P12; any saving found will be reported at P11."),
    Saving("SV16-04", EH, "2016/17", "Children's centres: merge into the locality hubs and close four buildings",
           900_000, 900_000, "green"),
    Saving("SV16-05", EDU, "2016/17", "School improvement: traded services income from academies", 250_000, 250_000,
           "green"),
    Saving("SV16-06", QAP, "2016/17", "Performance and business intelligence: restructure", 150_000, 150_000, "green"),
    Saving("SV16-07", EH, "2016/17", "Youth service review: targeted provision only", 500_000, 500_000, "green"),
    Saving("SV16-08", ADOPT, "2016/17", "Inter-agency adoption: income from placing children with other agencies' "
           "adopters", 120_000, 60_000, "amber",
           "Two placements sold (£54k) and one matched. Fee income is uncertain until the regional adoption "
           "agency arrangements are settled; the £60k at risk is covered by holding a vacant post in the "
           "adoption team to the year end."),
    Saving("SV17-01", CSC, "2017/18", "Placement sufficiency: 30 more in-house foster carers and fewer independent "
           "fostering agency placements", 1_200_000, 450_000, "red",
           "A net gain of 9 carers in 2016/17 against 20 planned. The recruitment campaign (improvement "
           "investment) relaunches in March with a new fee scheme; 12 net new carers are assumed in 2017/18, so "
           "£750k is at risk and already in the trust's 2017/18 forecast on SC111. Escalated to the strategic "
           "partnership board; a placements commissioning review reports in May 2017."),
    Saving("SV17-02", CSC, "2017/18", "External residential: regional framework prices and step-down to foster care",
           800_000, 350_000, "amber",
           "The regional framework starts in July 2017, so a part-year effect of £350k is forecast. The rest "
           "depends on the step-down placements in SV17-01; £450k is at risk. Every placement over £3,500 a "
           "week now needs the director's approval."),
    Saving("SV17-03", CSC, "2017/18", "Agency social workers: convert to permanent posts (social work academy "
           "cohort)", 800_000, 400_000, "amber",
           "The first academy cohort of 15 newly qualified social workers qualifies in September 2017, so "
           "agency cover stays until then: £400k at risk. Capped agency rates (managed service from April) are "
           "worth about £150k and are in the forecast."),
    Saving("SV17-04", CSC, "2017/18", "Business support restructure", 500_000, 500_000, "green"),
    Saving("SV17-05", EDU, "2017/18", "SEND transport: personal travel budgets for families", 400_000, 400_000,
           "green"),
    Saving("SV17-06", EDU, "2017/18", "Educational psychology: traded offer to academies", 200_000, 200_000, "green"),
    Saving("SV17-07", EH, "2017/18", "Locality hubs: integrate youth offending and early help teams", 800_000,
           800_000, "green"),
    Saving("SV17-08", EH, "2017/18", "Children's centres: remaining centres run through schools", 600_000, 600_000,
           "green"),
    Saving("SV17-09", QAP, "2017/18", "Workforce development: shared training with neighbouring authorities",
           150_000, 150_000, "green"),
    Saving("SV17-10", CSC, "2017/18", "Legal costs: pre-proceedings work to reduce care proceedings", 300_000,
           50_000, "red",
           "Care proceedings rose from 96 to 118 children in 2016/17, against the trend the saving assumed. "
           "Pre-proceedings meetings are now held for every case before issue; £50k is forecast from fewer "
           "expert assessments and £250k is at risk. Reviewed with the council's legal team monthly."),
    Saving("SV17-11", IRO, "2017/18", "Independent reviewing officers: caseloads realigned, one post deleted",
           50_000, 50_000, "green"),
    Saving("SV17-12", CSC, "2017/18", "Leaving care: re-tender supported accommodation", 250_000, 250_000, "green"),
)

# Added by the demo through the budget service (the same figures as trustplanner/services/demo.py).
FUNDING = (  # year, description, pounds, kind
    ("2016/17", "Improvement investment, year 1 of £16m: social work recruitment and retention, caseload "
     "reduction, the improvement programme office and the case management system", 6_000_000,
     "improvement_investment"),
    ("2016/17", "Contingency for looked-after children's placements, held by the council's section 151 officer",
     1_500_000, "contingency_set_aside"),
    ("2016/17", "Contingency released at P9 towards external residential placements (cabinet, 14 December 2016)",
     900_000, "contingency_released"),
    ("2017/18", "Improvement investment, year 2 of £16m: the same programme and the social work academy, in the "
     "trust's budget lines", 10_000_000, "improvement_investment"),
    ("2017/18", "Transition contingency for the trust's first year, held by the council", 1_000_000,
     "contingency_set_aside"),
    ("2017/18", "CR01: leaving care costs of unaccompanied asylum-seeking children above the Home Office grant "
     "(national transfer scheme)", 385_000, "change_request_accepted"),
    ("2017/18", "CR02: legal services from the council's legal team at market rates instead of the service level "
     "agreement price", 640_000, "change_request_refused"),
)
#: Agreed by the shadow board and cabinet: the sum the budgets derive plus the trust's higher LGPS
#: employer rate (19.2% against the council's 17.6%) on £13.25m of transferring pensionable pay.
PENSION_DIFFERENCE = 212_000  # 1.6% x 13,250,000
TRANSFERRING_PENSIONABLE_PAY = 13_250_000


def transferring_budget_2017() -> int:
    return sum(line.budget17 for line in LINES if line.budget17 is not None and line.transfers)


def accepted_2017() -> int:
    return sum(amount for year, _, amount, kind in FUNDING if year == "2017/18" and kind == "change_request_accepted")


CONTRACT_SUM_2017 = transferring_budget_2017() + accepted_2017() + PENSION_DIFFERENCE


# Writing -------------------------------------------------------------------------------------

def plain(pounds: int) -> str:
    """As TrustPlanner exports money: 5920000.00, -38300.00."""
    return f"{pounds}.00"


def spreadsheet(pounds: int) -> str:
    """As a finance system's spreadsheet writes it: 5,920,000; a negative in brackets."""
    return f"({-pounds:,})" if pounds < 0 else f"{pounds:,}"


def budget_rows(period: str) -> list[list[str]]:
    """P9: the 2016/17 lines only; P10: both years, in the export's order (year, cost centre)."""
    rows = []
    for year in ("2016/17",) if period == "P9" else ("2016/17", "2017/18"):
        for item in sorted(LINES, key=lambda item: item.cost_centre):
            budget = item.budget16 if year == "2016/17" else item.budget17
            if budget is None:
                continue
            variance = {"P9": item.p9, "P10": item.p10}[period] if year == "2016/17" else item.var17
            money = spreadsheet if period == "P9" else plain
            rows.append([item.service, year, item.cost_centre, item.description, money(budget),
                         money(budget + variance), "yes" if item.transfers else "no"])
    return rows


def savings_rows() -> list[list[str]]:
    return [[s.ref, s.service, s.year, s.description, plain(s.target), plain(s.forecast), s.rag, s.mitigation]
            for s in sorted(SAVINGS_PLANS, key=lambda s: s.ref)]


def csv_text(header: tuple[str, ...], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def texts() -> dict[Path, str]:
    return {P09: csv_text(BUDGET_COLUMNS, budget_rows("P9")), P10: csv_text(BUDGET_COLUMNS, budget_rows("P10")),
            SAVINGS: csv_text(SAVINGS_COLUMNS, savings_rows())}


# The headline figures, worked out here independently of the app ----------------------------

def headline() -> dict[str, int]:
    """Whole pounds."""
    lines16 = [item for item in LINES if item.budget16 is not None]
    lines17 = [item for item in LINES if item.budget17 is not None]
    budget16 = sum(item.budget16 for item in lines16)
    moving17 = transferring_budget_2017()
    trust_forecast17 = sum(item.budget17 + item.var17 for item in lines17 if item.transfers)
    red_amber = [s for s in SAVINGS_PLANS if s.rag != "green"]
    figures = {
        "budget 2016/17": budget16,
        "variance P9 2016/17": sum(item.p9 for item in lines16),
        "variance P10 2016/17": sum(item.p10 for item in lines16),
        "budget 2017/18": sum(item.budget17 for item in lines17),
        "variance 2017/18": sum(item.var17 for item in lines17),
        "transferring budget 2017/18": moving17,
        "council budget 2017/18": sum(item.budget17 for item in lines17 if not item.transfers),
        "contract sum derived 2017/18": moving17 + accepted_2017(),
        "contract sum explicit 2017/18": CONTRACT_SUM_2017,
        "trust forecast 2017/18": trust_forecast17,
        "gap 2017/18": trust_forecast17 - CONTRACT_SUM_2017,
        "savings target": sum(s.target for s in SAVINGS_PLANS),
        "savings forecast": sum(s.forecast for s in SAVINGS_PLANS),
        "savings red or amber target": sum(s.target for s in red_amber),
        "savings at risk": sum(max(s.target - s.forecast, 0) for s in red_amber),
        "contingency set aside": sum(a for _, _, a, kind in FUNDING if kind == "contingency_set_aside"),
        "contingency released": sum(a for _, _, a, kind in FUNDING if kind == "contingency_released"),
    }
    figures["forecast P9 2016/17"] = budget16 + figures["variance P9 2016/17"]
    figures["forecast P10 2016/17"] = budget16 + figures["variance P10 2016/17"]
    return figures


def summary() -> str:
    figures = headline()
    lines16 = sum(1 for item in LINES if item.budget16 is not None)
    lines17 = sum(1 for item in LINES if item.budget17 is not None)
    out = [f"{lines16} budget lines in 2016/17, {lines17} in 2017/18; {len(SAVINGS_PLANS)} savings plans"]
    out += [f"  {name:<32}£{value:>12,}" for name, value in figures.items()]
    return "\n".join(out)


def problems() -> list[str]:
    """The story the demo has to tell; the script refuses to write files that do not."""
    f = headline()
    found = []
    if not 60_000_000 <= f["budget 2016/17"] <= 70_000_000:
        found.append("2016/17 budget outside £60-70m")
    if not 3_000_000 <= f["variance P9 2016/17"] < f["variance P10 2016/17"] <= 6_000_000:
        found.append("the 2016/17 overspend must grow from P9 to P10, within £3-6m")
    if not 9_500_000 <= f["savings target"] <= 10_500_000:
        found.append("savings should total about £10m")
    if not 3_000_000 <= f["savings at risk"] <= 5_000_000:
        found.append("£3-5m of savings should be at risk")
    refs = [s.ref for s in SAVINGS_PLANS]
    if len(refs) != len(set(refs)) or any(s.rag != "green" and not s.mitigation for s in SAVINGS_PLANS):
        found.append("savings refs must be unique, and red and amber plans need a mitigation")
    centres = [item.cost_centre for item in LINES]
    if len(centres) != len(set(centres)):
        found.append("cost centres must be unique")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead")
    parser.add_argument("--summary", action="store_true", help="print the headline figures only")
    args = parser.parse_args()
    if found := problems():
        print("the demo's story does not hold: " + "; ".join(found), file=sys.stderr)
        return 1
    written = texts()
    if args.check:
        stale = [p.name for p, text in written.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"out of date: {', '.join(stale)}; run python scripts/make_demo_finance.py", file=sys.stderr)
            return 1
        return 0
    if not args.summary:
        for path, text in written.items():
            path.write_text(text, encoding="utf-8", newline="")
            print(f"Wrote {path.relative_to(ROOT)} ({text.count(chr(10)) - 1} rows)")
    print(summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
