#!/usr/bin/env python3
"""Write the demo plan's HR extracts: resources/demo/staff.csv and resources/demo/staff-2016-10.csv.

    python scripts/make_demo_staff.py            # rewrite both files
    python scripts/make_demo_staff.py --check    # exit 1 if the committed files differ
    python scripts/make_demo_staff.py --summary  # print the headline figures only

The files are committed, so the app never needs this script; run it again after changing it.
The output is deterministic (a fixed seed, no dates or clocks read): the same bytes on every
run and machine. Nothing here uses TrustPlanner, so the generator cannot hide a product bug.

Everything about the people is invented. Names are combinations of common first names and
surnames from the two fixed lists below, chosen by the seeded generator; any likeness to a real
person is chance. Teams, grades, costs, caseloads and the agency share are illustrative, shaped
by public facts about Sunderland (heavy reliance on agency social workers, some paid about
double, and new permanent social workers recruited during the shadow year).

Two extracts tell a short history:

* ``staff-2016-10.csv``: the extract of 3 October 2016, just after shadow operation started
  and the chief executive's staff roadshows (in-scope employees "informed").
* ``staff.csv``: the extract of 16 January 2017 (the demo's status date). Since October: newly
  recruited permanent social workers (joiners) replaced agency workers and filled vacancies
  (leavers), four agency social workers became permanent employees, a few staff left and their
  posts are vacant, hours and teams changed, and Quality assurance & performance staff were
  consulted and their employee liability information (ELI) sent on 13 January 2017.

The cabinet briefing withholds the figures of any group of 1 to 4 people (and, to protect it,
others beside it). So that the demo briefing shows real figures, in both extracts every service's
permanent staff, fixed-term staff and secondees together, agency workers and vacant posts number
either none or five or more, and so do the LGPS members and the rest on each transfer date:
``small_groups`` lists any that do not, and the script refuses to write the files while any do.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo"
CURRENT = DEMO / "staff.csv"
EARLIER = DEMO / "staff-2016-10.csv"
SEED = 20170116

COLUMNS = ("ref", "name", "service", "team", "role", "grade", "employment", "fte", "annual_cost", "tupe",
           "pension", "caseload", "transfer_date", "eli_sent", "consultation")

CSC, EDU, EH, QAP = ("Children's social care", "Education services", "Early help", "Quality assurance & performance")
IRO, ADOPT = "Independent reviewing officers", "Adoption agency"
RETAINED = {IRO, ADOPT}
ELI_SERVICE, ELI_SENT = QAP, "2017-01-13"
LATER_TRANSFER = "2017-10-01"  # business support moves with the support services, six months on

# Invented names: common first names and surnames, none of them an everyday English word (so a
# test looking for names in a briefing is never confused by "Green" or "Hope").
FIRST_NAMES = (
    "Sarah", "Claire", "Gemma", "Rachel", "Joanne", "Lisa", "Helen", "Michelle", "Nicola", "Karen",
    "Louise", "Emma", "Victoria", "Laura", "Kelly", "Stephanie", "Rebecca", "Hayley", "Leanne", "Kirsty",
    "Donna", "Julie", "Amanda", "Catherine", "Deborah", "Angela", "Natalie", "Jennifer", "Samantha", "Zoe",
    "David", "Paul", "Andrew", "Michael", "Stephen", "Christopher", "Gary", "Craig", "Darren", "Neil",
    "Anthony", "Daniel", "Jonathan", "Richard", "Graham", "Stuart", "Kevin", "Martin", "Simon", "Peter",
)
SURNAMES = (
    "Robson", "Charlton", "Milburn", "Pattinson", "Dodds", "Elliott", "Nicholson", "Hetherington", "Ridley",
    "Forster", "Heslop", "Tweddle", "Bainbridge", "Craggs", "Armstrong", "Atkinson", "Dobson", "Henderson",
    "Hutchinson", "Patterson", "Thompson", "Wilkinson", "Richardson", "Davison", "Stoddart", "Lowery",
    "Oliver", "Pearson", "Gibson", "Stephenson", "Harrison", "Jackson", "Robinson", "Anderson", "Johnson",
    "Wilson", "Thomson", "Ferguson", "Sutherland", "McKenna", "Callaghan", "Donnelly", "Kavanagh", "Lambton",
    "Urwin", "Grainger", "Hedley", "Lumsden", "Mordue", "Teasdale",
)

# Annual cost per FTE with on-costs (employer's pension and national insurance), in pounds.
GRADES = {
    "Scale 3": (21_500, 23_500), "Scale 4": (23_500, 25_500), "Scale 5": (25_500, 28_000),
    "Scale 6": (28_000, 31_000), "SO1": (30_500, 33_500), "SO2": (33_000, 36_500), "PO1": (35_500, 38_500),
    "PO2": (37_000, 40_000), "PO3": (38_500, 45_000), "PO4": (41_000, 46_000), "PO5": (45_500, 50_500),
    "PO6": (48_500, 53_000), "PO7": (53_000, 58_500), "PO8": (57_000, 62_000), "PO9": (62_000, 68_000),
    "Head of service": (80_000, 88_000), "Soulbury": (52_000, 66_000), "Teacher UPS": (47_000, 55_000),
    "Leadership": (62_000, 72_000),
}
# What an agency worker in the role costs a year (agency social workers: "some paid double").
AGENCY_COST = {
    "Social worker": (70_000, 85_000), "Senior practitioner": (80_000, 88_000), "Team manager": (95_000, 110_000),
    "Independent reviewing officer": (78_000, 86_000), "Educational psychologist": (85_000, 95_000),
    "Family worker": (38_000, 42_000), "BI developer": (70_000, 78_000), "Practice auditor": (72_000, 80_000),
    "Adoption social worker": (70_000, 80_000), "Residential care worker": (34_000, 38_000),
    "Contact supervisor": (30_000, 34_000), "SEN casework officer": (42_000, 47_000),
}
PART_TIME = (Decimal("0.5"), Decimal("0.6"), Decimal("0.8"), Decimal("0.81"))


@dataclass(frozen=True)
class Post:
    """Posts of one role in one team, by how they are filled."""

    role: str
    grade: str
    permanent: int = 0
    agency: int = 0
    vacancy: int = 0
    fixed_term: int = 0
    secondee: int = 0
    secondee_tupe: bool = False  # council employees seconded in transfer; NHS and police ones do not
    caseload: tuple[int, int] | None = None
    tps: bool = False
    part_time: float = 0.1  # share of employees working part-time
    opt_out: float = 0.04  # share of employees who have left the LGPS


@dataclass(frozen=True)
class Team:
    service: str
    name: str
    posts: tuple[Post, ...]


def sw(permanent: int, agency: int = 0, vacancy: int = 0, caseload: tuple[int, int] = (16, 22)) -> Post:
    return Post("Social worker", "PO3", permanent, agency, vacancy, caseload=caseload)


def sp(permanent: int, agency: int = 0, vacancy: int = 0) -> Post:
    return Post("Senior practitioner", "PO5", permanent, agency, vacancy, caseload=(12, 15))


def tm(permanent: int = 1, agency: int = 0) -> Post:
    return Post("Team manager", "PO7", permanent, agency)


def admin(permanent: int, grade: str = "Scale 3", **more) -> Post:
    return Post("Business support officer", grade, permanent, part_time=0.25, **more)


def hub(name: str, family_workers: int, agency: int = 0, vacancy: int = 0, fixed_term: int = 1) -> Team:
    return Team(EH, f"Locality hub {name}", (
        Post("Hub manager", "PO4", 1),
        Post("Senior family worker", "SO2", 1),
        Post("Family worker", "SO1", family_workers, agency, vacancy, part_time=0.2),
        Post("Family worker (Troubled Families)", "SO1", fixed_term=fixed_term),
        Post("Early help coordinator", "Scale 6", 1),
        admin(1),
    ))


TEAMS = (
    # Children's social care -----------------------------------------------------------------
    Team(CSC, "Service management", (
        Post("Head of service", "Head of service", 2),
        Post("Service manager", "PO9", 4, agency=1),
        Post("Principal social worker", "PO8", 1),
    )),
    Team(CSC, "Contact & referral (MASH)", (
        tm(), sp(1), sw(3, 2, caseload=None), Post("Contact officer", "SO1", 4, part_time=0.25),
        Post("Police liaison officer", "PO4", secondee=1), Post("Health liaison nurse", "PO5", secondee=1),
    )),
    Team(CSC, "Assessment East", (tm(), sp(2), sw(5, 3, 1, (18, 25)), Post("Social work assistant", "SO1", 2))),
    Team(CSC, "Assessment West", (tm(0, 1), sp(1, 1), sw(5, 4, 0, (18, 25)), Post("Social work assistant", "SO1", 2))),
    Team(CSC, "Safeguarding & care planning East", (
        tm(), sp(2), sw(6, 3, 1, (16, 23)), Post("Social work assistant", "SO1", 1))),
    Team(CSC, "Safeguarding & care planning West", (
        tm(), sp(2), sw(5, 4, 1, (17, 24)), Post("Social work assistant", "SO1", 1))),
    Team(CSC, "Children with disabilities", (
        tm(), sp(1), sw(5, 1, 0, (12, 16)), Post("Social work assistant", "SO1", 2),
        Post("Occupational therapist", "PO2", secondee=1))),
    Team(CSC, "Looked after children", (tm(), sp(2), sw(6, 3, 1, (14, 20)), Post("Social work assistant", "SO1", 1))),
    Team(CSC, "Leaving care", (
        tm(), sp(1), sw(2, 1, 0, (12, 18)), Post("Personal adviser", "SO2", 8, part_time=0.15))),
    Team(CSC, "Fostering", (
        tm(), Post("Supervising social worker", "PO3", 7, vacancy=1),
        Post("Fostering recruitment officer", "SO1", 2))),
    Team(CSC, "Family support & contact", (
        Post("Family support manager", "PO4", 1), Post("Family support worker", "SO1", 6, part_time=0.2),
        Post("Contact supervisor", "Scale 4", 7, agency=1, vacancy=1, part_time=0.5),
    )),
    Team(CSC, "Emergency duty team", (tm(), sw(3, 2, caseload=None))),
    Team(CSC, "Children's homes", (
        Post("Registered manager", "PO4", 3), Post("Deputy manager", "SO2", 3),
        Post("Residential care worker", "Scale 5", 20, agency=2, vacancy=2, fixed_term=2, part_time=0.3),
        Post("Night care worker", "Scale 4", 6, part_time=0.5),
    )),
    Team(CSC, "Business support", (admin(10, opt_out=0.0), admin(2, "Scale 5", opt_out=0.0))),
    # Education services ---------------------------------------------------------------------
    Team(EDU, "SEND", (
        Post("Head of SEND", "PO9", 1), Post("SEN casework officer", "SO2", 6, agency=3, vacancy=1),
        Post("EHC plan transfer officer", "SO1", fixed_term=2),  # statements to EHC plans by April 2018
        Post("Educational psychologist", "Soulbury", 4, agency=3, vacancy=1),
        Post("Specialist teacher (sensory support)", "Teacher UPS", 4, tps=True, part_time=0.25),
        admin(3, "Scale 4"),
    )),
    Team(EDU, "School improvement", (
        Post("Head of school improvement", "Leadership", 1, tps=True),
        Post("School improvement adviser", "Soulbury", 4, secondee=2),  # headteachers seconded from schools
        Post("Advisory teacher", "Teacher UPS", 3, tps=True),
        Post("Governor support officer", "Scale 6", 2),
    )),
    Team(EDU, "Admissions", (
        Post("Admissions manager", "PO2", 1),
        Post("Admissions officer", "Scale 5", 6, vacancy=1, part_time=0.35))),
    Team(EDU, "Virtual school", (
        Post("Virtual school head", "Leadership", 1, tps=True),
        Post("Education adviser (looked after children)", "Soulbury", 2),
        Post("Education adviser (looked after children)", "Teacher UPS", 1, tps=True),
        Post("Virtual school officer", "SO1", 1, fixed_term=1),
    )),
    Team(EDU, "Attendance & education welfare", (
        Post("Senior education welfare officer", "SO2", 1),
        Post("Education welfare officer", "SO1", 6, vacancy=1, part_time=0.2),
    )),
    Team(EDU, "Early years & childcare", (
        Post("Early years adviser", "PO1", 4, vacancy=1, part_time=0.25),
        Post("Childcare sufficiency officer", "Scale 6", 1))),
    # Early help -----------------------------------------------------------------------------
    Team(EH, "Early help management", (
        Post("Head of early help", "Head of service", 1), Post("Early help service manager", "PO8", 2),
        Post("Troubled Families coordinator", "PO4", fixed_term=1),
        Post("Family intervention worker", "SO2", secondee=2, secondee_tupe=True),
    )),
    hub("North", 7, agency=2, vacancy=1),
    hub("East", 6, agency=1, vacancy=1),
    hub("West", 7, agency=2, fixed_term=2),
    hub("Coalfield", 6, vacancy=1),
    hub("Washington", 6, vacancy=1),
    Team(EH, "Children's centres", (
        Post("Children's centre manager", "PO2", 3),
        Post("Children's centre worker", "Scale 5", 12, vacancy=2, part_time=0.45),
    )),
    # Quality assurance & performance --------------------------------------------------------
    Team(QAP, "Performance & intelligence", (
        Post("Head of performance & intelligence", "PO9", 1),
        Post("Performance analyst", "SO2", 5), Post("Information officer", "Scale 5", 3),
        Post("Data quality officer", "Scale 6", 2), Post("BI developer", "PO2", 1),
    )),
    Team(QAP, "Quality assurance", (
        Post("Quality assurance manager", "PO7", 1), Post("Practice auditor", "PO5", 3),
        Post("Child protection conference chair", "PO6", 3), Post("Complaints officer", "SO2", 2),
    )),
    Team(QAP, "Workforce development", (
        Post("Workforce development officer", "SO2", 2), Post("ASYE coordinator", "PO5", 1))),
    # Retained by the council ----------------------------------------------------------------
    Team(IRO, "Independent reviewing officers", (
        Post("IRO manager", "PO8", 1), Post("Independent reviewing officer", "PO6", 9),
        admin(2, "Scale 4"))),
    Team(ADOPT, "Adoption", (
        tm(), Post("Adoption social worker", "PO4", 7), Post("Family finding officer", "SO2", 1),
        Post("Adoption support worker", "SO1", 2), Post("Panel adviser", "PO5", 1, part_time=1.0),
        admin(1, "Scale 4"))),
)


@dataclass(frozen=True)
class Row:
    ref: str
    name: str
    service: str
    team: str
    role: str
    grade: str
    employment: str
    fte: Decimal
    cost: int  # pence
    tupe: bool
    pension: str
    caseload: int | None
    transfer_date: str
    eli_sent: str
    consultation: str

    def cells(self) -> list[str]:
        return [self.ref, self.name, self.service, self.team, self.role, self.grade, self.employment,
                fte_text(self.fte), f"{self.cost // 100}.{self.cost % 100:02d}", "yes" if self.tupe else "no",
                self.pension, "" if self.caseload is None else str(self.caseload), self.transfer_date,
                self.eli_sent, self.consultation]


def fte_text(fte: Decimal) -> str:
    text = f"{fte:.4f}".rstrip("0").rstrip(".")
    return text


class Maker:
    """Draws refs, names and figures from one seeded generator, in a fixed order."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.refs = iter(self.rng.sample(range(100, 4000), 900))
        names = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
        self.rng.shuffle(names)
        self.names = iter(names)

    def ref(self) -> str:
        return f"TFC-{next(self.refs):05d}"

    def name(self) -> str:
        return next(self.names)

    def cost(self, low: int, high: int, fte: Decimal = Decimal(1), *, pence: bool = True) -> int:
        per_fte = self.rng.randint(low * 100, high * 100) if pence else self.rng.randint(low, high) * 100
        return int((per_fte * fte).to_integral_value())

    def fte(self, part_time: float) -> Decimal:
        return self.rng.choice(PART_TIME) if self.rng.random() < part_time else Decimal(1)

    def caseload(self, span: tuple[int, int] | None, fte: Decimal) -> int | None:
        if span is None:
            return None
        return max(1, round(self.rng.randint(*span) * fte))


def person(make: Maker, team: Team, post: Post, employment: str) -> Row:
    service = team.service
    moving_service = service not in RETAINED
    if employment == "vacancy":
        low, high = GRADES[post.grade]
        return Row(make.ref(), "", service, team.name, post.role, post.grade, "vacancy", Decimal(1),
                   ((low + high) // 2) * 100, False, "none", None, "", "", "not_started")
    if employment == "agency":
        low, high = AGENCY_COST.get(post.role, (70_000, 85_000))
        fte = Decimal(1)
        return Row(make.ref(), make.name(), service, team.name, post.role, "Agency", "agency", fte,
                   make.cost(low, high, pence=False), False, "none", make.caseload(post.caseload, fte),
                   "", "", "not_started")
    fte = Decimal(1) if employment == "secondee" else make.fte(post.part_time)
    low, high = GRADES[post.grade]
    cost = make.cost(low, high, fte)
    if employment == "secondee":
        tupe = post.secondee_tupe and moving_service
    else:
        tupe = moving_service
    if post.tps:
        pension = "tps"
    elif employment == "secondee" and not post.secondee_tupe:
        pension = "none"  # NHS and police secondees stay in their own schemes
    else:
        pension = "none" if make.rng.random() < post.opt_out else "lgps"  # a few have opted out
    return Row(make.ref(), make.name(), service, team.name, post.role, post.grade, employment, fte, cost, tupe,
               pension, make.caseload(post.caseload, fte),
               LATER_TRANSFER if tupe and team.name == "Business support" else "",
               ELI_SENT if tupe and service == ELI_SERVICE else "",
               ("consulted" if service == ELI_SERVICE else "informed") if tupe else "not_started")


def current_extract(make: Maker) -> list[Row]:
    rows = []
    for team in TEAMS:
        for post in team.posts:
            for employment, count in (("permanent", post.permanent), ("fixed_term", post.fixed_term),
                                      ("secondee", post.secondee), ("agency", post.agency),
                                      ("vacancy", post.vacancy)):
                rows.extend(person(make, team, post, employment) for _ in range(count))
    return rows


def history(make: Maker, current: list[Row]) -> tuple[list[Row], list[Row]]:
    """(the October extract, the January one): what changed between them is chosen here."""
    rng = make.rng
    jan = list(current)
    social_workers = [r for r in jan if r.role == "Social worker" and r.employment == "permanent" and r.fte == 1]
    picked = rng.sample(social_workers, 15)
    recruits, converted, reduced, promoted = picked[:8], picked[8:12], picked[12:14], picked[14]
    # Recruits who joined since October: in October their posts were held by agency workers
    # (five) or vacant (three). Recruits, like all joiners since December, are not yet informed.
    new_starters = {r.ref for r in recruits[:5]}
    oct_only: list[Row] = []
    for i, recruit in enumerate(recruits):
        if i < 5:
            low, high = AGENCY_COST["Social worker"]
            oct_only.append(replace(recruit, ref=make.ref(), name=make.name(), employment="agency", grade="Agency",
                                    cost=make.cost(low, high, pence=False), tupe=False, pension="none",
                                    consultation="not_started", fte=Decimal(1)))
        else:
            low, high = GRADES["PO3"]
            oct_only.append(replace(recruit, ref=make.ref(), name="", employment="vacancy", fte=Decimal(1),
                                    cost=((low + high) // 2) * 100, tupe=False, pension="none", caseload=None,
                                    consultation="not_started"))
    # Two agency social workers whose assignments ended without replacement.
    for team_name in ("Assessment East", "Safeguarding & care planning West"):
        model = next(r for r in jan if r.team == team_name and r.role == "Social worker" and r.employment == "agency")
        low, high = AGENCY_COST["Social worker"]
        oct_only.append(replace(model, ref=make.ref(), name=make.name(), cost=make.cost(low, high, pence=False),
                                caseload=rng.randint(15, 22)))
    # Three permanent staff left after October; their posts are vacancies in January (new post refs).
    leaving = [r for r in jan if r.employment == "vacancy" and r.service not in RETAINED][:3]
    for vacancy in leaving:
        low, high = GRADES[vacancy.grade]
        oct_only.append(replace(vacancy, ref=make.ref(), name=make.name(), employment="permanent",
                                cost=make.cost(low, high), tupe=True, pension="lgps", consultation="informed",
                                caseload=rng.randint(14, 20) if vacancy.role == "Social worker" else None))
    new_vacancies = {v.ref for v in leaving}
    by_ref = {r.ref: r for r in jan}
    for recruit in recruits:
        by_ref[recruit.ref] = replace(recruit, consultation="not_started" if recruit.ref in new_starters
                                      else recruit.consultation)
    oct_rows = {}
    for ref, row in by_ref.items():
        if ref in {r.ref for r in recruits} or ref in new_vacancies:
            continue  # joined (or became vacant) after October
        earlier = row
        if row.service == ELI_SERVICE and row.tupe:  # consulted and ELI sent since October
            earlier = replace(earlier, consultation="informed", eli_sent="")
        oct_rows[ref] = earlier
    for row in converted:  # agency social workers taken on as permanent employees
        low, high = AGENCY_COST["Social worker"]
        oct_rows[row.ref] = replace(row, employment="agency", grade="Agency", cost=make.cost(low, high, pence=False),
                                    tupe=False, pension="none", consultation="not_started", fte=Decimal(1))
    for row in reduced:  # back from leave on fewer hours
        fte = rng.choice((Decimal("0.6"), Decimal("0.8")))
        by_ref[row.ref] = replace(row, fte=fte, cost=int((Decimal(row.cost) * fte).to_integral_value()),
                                  caseload=max(1, round(row.caseload * fte)) if row.caseload else None)
    by_ref[promoted.ref] = replace(promoted, role="Senior practitioner", grade="PO5",
                                   cost=make.cost(*GRADES["PO5"], promoted.fte),
                                   caseload=min(promoted.caseload or 12, 15))
    mover = next(r for r in jan if r.role == "Family worker" and r.team == "Locality hub Coalfield"
                 and r.employment == "permanent")
    oct_rows[mover.ref] = replace(oct_rows[mover.ref], team="Locality hub Washington")
    for row in oct_only:
        oct_rows[row.ref] = row
    return sorted(oct_rows.values(), key=lambda r: r.ref), sorted(by_ref.values(), key=lambda r: r.ref)


def build() -> tuple[list[Row], list[Row]]:
    make = Maker(SEED)
    current = current_extract(make)
    return history(make, current)


def csv_text(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(r.cells() for r in rows)
    return out.getvalue()


# The headline figures, worked out here independently of the app -------------------------------

SOCIAL_WORK_ROLES = {"Social worker", "Senior practitioner", "Team manager", "Supervising social worker",
                     "Principal social worker"}
IN_POST = {"permanent", "fixed_term", "secondee"}


def summary(rows: list[Row], title: str) -> str:
    people = [r for r in rows if r.employment != "vacancy"]
    fte = Counter()
    for r in rows:
        fte[r.employment] += r.fte
    social = [r for r in rows if r.service == CSC and r.role in SOCIAL_WORK_ROLES]
    sw_fte = Counter()
    for r in social:
        sw_fte[r.employment] += r.fte
    sw_in_post = sum(sw_fte[e] for e in IN_POST)
    holders = [r for r in rows if r.caseload]
    moving = [r for r in rows if r.tupe]
    waves = Counter(r.transfer_date or "2017-04-01 (go-live)" for r in moving)
    lines = [
        f"{title}: {len(rows)} rows, headcount {len(people)}, FTE {sum(r.fte for r in people):.1f} in post and agency",
        "  by employment (headcount / FTE): " + ", ".join(
            f"{e} {sum(1 for r in rows if r.employment == e)} / {fte[e]:.2f}"
            for e in ("permanent", "fixed_term", "secondee", "agency", "vacancy")),
        f"  social workers in children's social care: {sw_in_post:.2f} FTE in post, {sw_fte['agency']:.2f} agency, "
        f"{sw_fte['vacancy']:.2f} vacant; agency rate {sw_fte['agency'] / (sw_in_post + sw_fte['agency']):.1%}, "
        f"vacancy rate {sw_fte['vacancy'] / (sw_in_post + sw_fte['vacancy']):.1%}",
        f"  all staff: agency rate {fte['agency'] / (sum(fte[e] for e in IN_POST) + fte['agency']):.1%}, "
        f"vacancy rate {fte['vacancy'] / (sum(fte[e] for e in IN_POST) + fte['vacancy']):.1%}",
        f"  caseload: {sum(r.caseload for r in holders)} cases / {len(holders)} holders = "
        f"{sum(r.caseload for r in holders) / len(holders):.1f}" if holders else "  caseload: none",
        f"  transfer: {len(moving)} staff ({sum(r.fte for r in moving):.2f} FTE); "
        + ", ".join(f"{day}: {n}" for day, n in sorted(waves.items()))
        + f"; LGPS members {sum(1 for r in moving if r.pension == 'lgps')}, TPS {sum(1 for r in moving if r.pension == 'tps')}",
        f"  ELI sent: {sum(1 for r in moving if r.eli_sent)}; consultation: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.consultation for r in moving).items())),
        f"  annual cost £{sum(r.cost for r in people) / 100:,.0f} (agency £{sum(r.cost for r in people if r.employment == 'agency') / 100:,.0f}); "
        f"vacant posts budgeted £{sum(r.cost for r in rows if r.employment == 'vacancy') / 100:,.0f}",
        "  by service (permanent / fixed-term or seconded / agency / vacant): " + "; ".join(
            f"{service} {' / '.join(str(counts[g]) for g in ('permanent', 'fixed-term or seconded', 'agency', 'vacant'))}"
            for service, counts in service_groups(rows).items()),
    ]
    return "\n".join(lines)


def changes(earlier: list[Row], later: list[Row]) -> str:
    before, after = {r.ref: r for r in earlier}, {r.ref: r for r in later}
    joiners = sorted(after.keys() - before.keys())
    leavers = sorted(before.keys() - after.keys())
    changed = sorted(ref for ref in after.keys() & before.keys() if after[ref] != before[ref])
    converted = [ref for ref in changed if before[ref].employment == "agency" and after[ref].employment == "permanent"]
    return (f"October to January: {len(joiners)} joiners, {len(leavers)} leavers, {len(changed)} changed "
            f"({len(converted)} agency to permanent)")


GROUPS = {"permanent": "permanent", "fixed_term": "fixed-term or seconded", "secondee": "fixed-term or seconded",
          "agency": "agency", "vacancy": "vacant"}  # as the briefing's table and chart group people


def service_groups(rows: list[Row]) -> dict[str, Counter]:
    """Each service's people and vacant posts, by the briefing's groups."""
    groups: dict[str, Counter] = {team.service: Counter() for team in TEAMS}  # in the plan's order
    for r in rows:
        groups[r.service][GROUPS[r.employment]] += 1
    return groups


def small_groups(rows: list[Row]) -> list[str]:
    """The groups of 1 to 4 that the briefing would withhold: by service and employment, and
    LGPS members and the rest on each transfer date."""
    found = [f"{service}: {n} {group}" for service, counts in service_groups(rows).items()
             for group, n in counts.items() if 0 < n < 5]
    moving = [r for r in rows if r.tupe]
    for day in sorted({r.transfer_date for r in moving}):
        wave = [r for r in moving if r.transfer_date == day]
        members = sum(1 for r in wave if r.pension == "lgps")
        for label, n in (("LGPS members", members), ("not in the LGPS", len(wave) - members)):
            if 0 < n < 5:
                found.append(f"transfers on {day or 'go-live'}: {n} {label}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead")
    parser.add_argument("--summary", action="store_true", help="print the headline figures only")
    args = parser.parse_args()
    earlier, current = build()
    small = [f"{path.name}: {group}" for path, rows in ((EARLIER, earlier), (CURRENT, current))
             for group in small_groups(rows)]
    if small:
        print("groups of 1 to 4 (the briefing would withhold them): " + "; ".join(small), file=sys.stderr)
        return 1
    texts = {EARLIER: csv_text(earlier), CURRENT: csv_text(current)}
    if args.check:
        stale = [p.name for p, text in texts.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"out of date: {', '.join(stale)}; run python scripts/make_demo_staff.py", file=sys.stderr)
            return 1
        return 0
    if not args.summary:
        for path, text in texts.items():
            path.write_text(text, encoding="utf-8", newline="")
            print(f"Wrote {path.relative_to(ROOT)} ({text.count(chr(10)) - 1} rows)")
    print(summary(earlier, "3 October 2016"))
    print(summary(current, "16 January 2017"))
    print(changes(earlier, current))
    return 0


if __name__ == "__main__":
    sys.exit(main())
