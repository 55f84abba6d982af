"""The parts of an English cabinet report that officers write or set, beside the figures.

Plan-wide (:class:`ReportDefaults`, remembered per plan, set with ``trustplanner set``): the
meeting's name, who the report is of, the cabinet member and portfolio, the author and contact,
the wards affected. Per draft (:class:`ReportDraft`, one per meeting date): key decision with
its forward plan reference, public or exempt (Schedule 12A paragraph), call-in, and the sections
officers write by hand — reasons, options, the implications each statutory officer signs, consultation
and background papers. An issued briefing keeps the draft it printed; the next meeting's draft
starts from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date

from trustplanner.domain.decision_rules import paragraph_problem


@dataclass(frozen=True)
class OfficerSection:
    key: str
    title: str
    #: a council report must carry it (say "None" if there are none): an empty one is named in the draft
    required: bool = True
    hint: str = ""


OFFICER_SECTIONS: tuple[OfficerSection, ...] = (
    OfficerSection("reasons", "Reasons for the recommendations", hint="Why cabinet is asked to decide or note this now."),
    OfficerSection("options", "Alternative options considered", hint="Each option and why it was not recommended."),
    OfficerSection("financial", "Financial implications", hint="Cleared with the section 151 officer."),
    OfficerSection("legal", "Legal implications", hint="Cleared with the monitoring officer."),
    OfficerSection("hr", "HR and TUPE implications"),
    OfficerSection("equality", "Equality implications", hint="The public sector equality duty (Equality Act 2010, s149)."),
    OfficerSection("risk", "Risk implications", hint="Beyond the risk register summarised in the report."),
    OfficerSection("data_protection", "Data protection implications"),
    OfficerSection("corporate_parenting", "Corporate parenting implications",
                   hint="The council's duties to children in care and care leavers."),
    OfficerSection("consultation", "Consultation", required=False),
    OfficerSection("background", "Background papers",
                   hint="Documents relied on (Local Government Act 1972, s100D); 'None' if none."),
)
SECTION_KEYS = tuple(s.key for s in OFFICER_SECTIONS)
#: one limit for an officers' section, the same typed in the app, given on the command line or stored
TEXT_LIMIT = 20_000
REF_LIMIT = 60


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def officer_section(key: str) -> OfficerSection:
    return next(s for s in OFFICER_SECTIONS if s.key == key)


@dataclass(frozen=True)
class ReportDefaults:
    meeting_name: str = "Cabinet"
    report_of: str = ""  # default printed: "Director of Children's Services"
    cabinet_member: str = ""
    portfolio: str = ""
    author: str = ""
    contact: str = ""  # telephone or email of the author
    wards: str = "All wards"


DEFAULT_FIELDS = {"meeting_name": "Meeting", "report_of": "Report of", "cabinet_member": "Cabinet member",
                  "portfolio": "Portfolio", "author": "Author", "contact": "Contact", "wards": "Wards affected"}


@dataclass(frozen=True)
class ReportDraft:
    """What officers set and write for one meeting's report."""

    key_decision: bool = False
    forward_plan_ref: str = ""
    exempt: bool = False
    exempt_paragraph: int | None = None
    call_in: bool = True  # a cabinet decision is subject to call-in unless urgency is agreed
    texts: dict[str, str] = field(default_factory=dict)
    #: the date of the next meeting, when it is known (else taken as MEETING_CYCLE_DAYS on): the body
    #: lists what is due and needed before it
    next_meeting: date | None = None
    #: the report's own date, as printed in its header (else the day it is produced)
    report_date: date | None = None

    def text(self, key: str) -> str:
        return self.texts.get(key, "").strip()

    def missing(self) -> tuple[OfficerSection, ...]:
        """Required sections with nothing written: named in a draft, never silently dropped."""
        return tuple(s for s in OFFICER_SECTIONS if s.required and not self.text(s.key))

    def problems(self, meeting: date | None = None) -> list[str]:
        """What the draft cannot hold; ``meeting`` (the meeting it is for) checks its dates against it."""
        found = [f"{officer_section(key).title}: at most {TEXT_LIMIT:,} characters ({len(text.strip()):,} given)"
                 for key, text in self.texts.items() if key in SECTION_KEYS and len(text.strip()) > TEXT_LIMIT]
        if len(self.forward_plan_ref.strip()) > REF_LIMIT:
            found.append(f"a forward plan reference has at most {REF_LIMIT} characters")
        if self.exempt:
            if self.exempt_paragraph is None:
                found.append("an exempt report cites its paragraph of Schedule 12A (1 to 7)")
            elif message := paragraph_problem(self.exempt_paragraph):
                found.append(message)
        elif self.exempt_paragraph is not None:
            found.append("a public report has no Schedule 12A paragraph: tick exempt or clear the paragraph")
        if meeting is not None and self.next_meeting is not None and self.next_meeting <= meeting:
            found.append(f"the next meeting ({self.next_meeting:%d/%m/%Y}) must be after this one ({meeting:%d/%m/%Y})")
        if meeting is not None and self.report_date is not None and self.report_date > meeting:
            found.append(f"the report date ({self.report_date:%d/%m/%Y}) cannot be after the meeting "
                         f"({meeting:%d/%m/%Y})")
        unknown = set(self.texts) - set(SECTION_KEYS)
        if unknown:
            found.append(f"unknown report section {', '.join(sorted(unknown))}")
        return found

    def with_text(self, key: str, text: str) -> ReportDraft:
        return replace(self, texts={**self.texts, key: text})

    def to_json(self) -> str:
        return json.dumps({"key_decision": self.key_decision, "forward_plan_ref": self.forward_plan_ref,
                           "exempt": self.exempt, "exempt_paragraph": self.exempt_paragraph, "call_in": self.call_in,
                           "texts": {k: v for k, v in self.texts.items() if v.strip()},
                           **({"next_meeting": self.next_meeting.isoformat()} if self.next_meeting else {}),
                           **({"report_date": self.report_date.isoformat()} if self.report_date else {})},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ReportDraft:
        raw = json.loads(text)
        return cls(bool(raw.get("key_decision")), str(raw.get("forward_plan_ref", "")), bool(raw.get("exempt")),
                   raw.get("exempt_paragraph"), bool(raw.get("call_in", True)),
                   {str(k): str(v) for k, v in (raw.get("texts") or {}).items()},
                   _day(raw.get("next_meeting")), _day(raw.get("report_date")))

    def carried_forward(self) -> ReportDraft:
        """The start of the next meeting's draft: the words carry on, the per-meeting choices do not."""
        return ReportDraft(texts=dict(self.texts))
