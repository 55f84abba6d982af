"""The glossary appendix: the terms a briefing uses, each said once in plain words.

A term is listed when the part of the briefing that uses it is there (a plan with no staff data
prints no TUPE terms); the order is alphabetical.
"""

from __future__ import annotations

from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.writer import Column, SectionWriter

#: (term, meaning, which part of the briefing uses it: "" always, or "workforce", "finance", "register")
TERMS: tuple[tuple[str, str, str], ...] = (
    ("Agency rate", "The share of full-time-equivalent posts filled by agency workers.", "workforce"),
    ("Baseline", "The date a milestone was agreed for; it changes only by a recorded re-baseline with the "
                 "decision that approved it.", ""),
    ("Call-in", "The scrutiny committee's power to review a cabinet decision before it takes effect.", ""),
    ("Contract sum", "What the council pays the trust each year for the services it runs.", "finance"),
    ("Critical path", "The chain of milestones, each waiting on the one before, that decides the go-live date.", ""),
    ("ELI", "Employee liability information: the details of transferring staff the council must give the trust "
            "at least 28 days before a TUPE transfer.", "workforce"),
    ("Escalation score", "The risk score (likelihood × impact) at or above which a risk is escalated, set by the "
                         "plan's risk appetite.", "register"),
    ("Float", "Working days a milestone can slip before it moves the next one on its chain, or go-live.", ""),
    ("Forecast", "The date a milestone is now expected to finish.", ""),
    ("Forward plan", "The council's published list of key decisions to be taken, with at least 28 clear days' "
                     "notice.", ""),
    ("FTE", "Full-time equivalent: hours worked as a share of a full-time post.", "workforce"),
    ("Go-live", "The day the trust starts operating the services as an independent company.", ""),
    ("Key decision", "A decision with significant spending or savings, or a significant effect on communities in "
                     "two or more wards; it must be on the forward plan.", ""),
    ("Knock-on", "A milestone pushed later because one it depends on has slipped.", ""),
    ("LGPS", "The Local Government Pension Scheme; the trust joins it through an admission agreement.",
     "workforce"),
    ("Monitoring officer", "The council officer responsible for legal propriety, who clears legal implications.",
     ""),
    ("Outturn", "The year's actual (or, before year end, forecast) spending against budget.", "finance"),
    ("RAG", "Red, amber, green: the status scale this report uses; C marks a milestone complete. The key under "
            "the status table says how each area's status is set.", ""),
    ("Schedule 12A", "The schedule of the Local Government Act 1972 whose paragraphs 1 to 7 allow information to "
                     "be kept from the public.", ""),
    ("Section 151 officer", "The council's chief finance officer, who clears financial implications.", ""),
    ("Shadow operation", "The period when the trust runs services inside the council before go-live.", ""),
    ("Tolerance", "The working days a forecast may slip past its baseline and still be amber rather than red.", ""),
    ("TUPE", "The Transfer of Undertakings (Protection of Employment) Regulations 2006, under which staff move to "
             "the trust on their existing terms.", "workforce"),
)


def _uses(data: BriefingData, part: str) -> bool:
    return {"": True, "workforce": data.workforce is not None, "finance": data.finance is not None,
            "register": data.register is not None}[part]


def glossary_section(data: BriefingData, w: SectionWriter) -> None:
    rows = [(term, meaning) for term, meaning, part in sorted(TERMS, key=lambda t: t[0].lower()) if _uses(data, part)]
    w.table_block("Terms used in this report", "", w.table((Column("Term", 0.24), Column("Meaning", 0.76)), rows), "")
