"""People and posts that may transfer under TUPE, and the rules about who transfers.

Names and salaries are personal data (UK GDPR): they live in the plan, are shown only when a
user asks, and never reach logs or briefings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

FTE_SCALE = 10_000  # FTE stored as an integer number of ten-thousandths (1.0 FTE = 10,000)


def fte_text(fte: int) -> str:
    """``1.0``, ``0.8``, ``0.75``: as many decimals as the figure has, at least one."""
    text = f"{fte / FTE_SCALE:.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


class Employment(StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    AGENCY = "agency"
    SECONDEE = "secondee"
    VACANCY = "vacancy"

    @property
    def label(self) -> str:
        return {"permanent": "Permanent", "fixed_term": "Fixed-term", "agency": "Agency",
                "secondee": "Secondee", "vacancy": "Vacancy"}[self.value]

    @property
    def in_post(self) -> bool:
        """Employees of the council (what the DfE counts as 'in post')."""
        return self in (Employment.PERMANENT, Employment.FIXED_TERM, Employment.SECONDEE)


class Pension(StrEnum):
    LGPS = "lgps"
    TPS = "tps"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"lgps": "LGPS", "tps": "TPS", "none": "None"}[self.value]


class Consultation(StrEnum):
    NOT_STARTED = "not_started"
    INFORMED = "informed"
    CONSULTED = "consulted"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "informed": "Informed", "consulted": "Consulted",
                "complete": "Complete"}[self.value]


@dataclass(frozen=True, slots=True)  # slots: an extract holds tens of thousands of these
class StaffRecord:
    """One person or post, as at one HR extract."""

    ref: str
    service: str
    employment: Employment
    fte: int  # ten-thousandths of a full-time post
    annual_cost: int  # pence
    tupe: bool = False
    name: str = ""
    team: str = ""
    role: str = ""
    grade: str = ""
    pension: Pension = Pension.NONE
    caseload: int | None = None
    transfer_date: date | None = None  # None: the service's go-live
    eli_sent: date | None = None
    consultation: Consultation = Consultation.NOT_STARTED

    @property
    def fte_value(self) -> float:
        return self.fte / FTE_SCALE


def transfers(record: StaffRecord) -> bool:
    """Whether TUPE moves this person to the trust.

    Permanent and fixed-term employees in scope transfer; secondees only when marked in scope;
    agency workers and vacancies never do.
    """
    if record.employment in (Employment.AGENCY, Employment.VACANCY):
        return False
    return record.tupe


def tupe_scope_problem(record: StaffRecord) -> str | None:
    if record.tupe and record.employment in (Employment.AGENCY, Employment.VACANCY):
        return f"{record.employment.label.lower()} posts never transfer under TUPE; set tupe to no"
    return None


def fte_problem(fte: int, employment: Employment) -> str | None:
    if fte <= 0:
        return "FTE must be more than 0"
    if fte > FTE_SCALE:
        who = "a post" if employment is Employment.VACANCY else "a person"
        return f"FTE for {who} cannot be more than 1"
    return None
