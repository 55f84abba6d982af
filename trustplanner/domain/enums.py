"""The fixed vocabularies of a transition plan, stored by value."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where a service is on a date. ``RETAINED`` services never leave the council."""

    COUNCIL = "council"
    SHADOW = "shadow"
    INDEPENDENT = "independent"
    RETAINED = "retained"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    Stage.COUNCIL: "Council",
    Stage.SHADOW: "Shadow",
    Stage.INDEPENDENT: "Independent",
    Stage.RETAINED: "Retained by council",
}

#: The stage gates a milestone can belong to (retained is a service state, not a gate).
STAGE_GATES = (Stage.COUNCIL, Stage.SHADOW, Stage.INDEPENDENT)


class DeliveryModel(StrEnum):
    COUNCIL_OWNED_COMPANY = "council_owned_company"
    INDEPENDENT_TRUST = "independent_trust"
    MUTUAL = "mutual"

    @property
    def label(self) -> str:
        return {
            DeliveryModel.COUNCIL_OWNED_COMPANY: "Council-owned company",
            DeliveryModel.INDEPENDENT_TRUST: "Independent trust",
            DeliveryModel.MUTUAL: "Staff-owned mutual",
        }[self]


class Rag(StrEnum):
    """Milestone status. Ordered by severity for 'worst of' comparisons (complete is apart)."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    COMPLETE = "complete"

    @property
    def letter(self) -> str:
        return {Rag.GREEN: "G", Rag.AMBER: "A", Rag.RED: "R", Rag.COMPLETE: "C"}[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def severity(self) -> int:
        return {Rag.COMPLETE: 0, Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}[self]

    @property
    def needs_commentary(self) -> bool:
        return self in (Rag.AMBER, Rag.RED)


#: The RAG values a user may set as an override (complete comes only from an actual date).
OVERRIDE_RAGS = (Rag.AMBER, Rag.RED)


class Workstream(StrEnum):
    GOVERNANCE = "Governance"
    LEGAL = "Legal & company"
    CONTRACT = "Commissioning & contract"
    FINANCE = "Finance"
    HR = "HR & TUPE"
    PENSIONS = "Pensions"
    PROPERTY = "Property"
    ICT = "ICT & data"
    SUPPORT = "Support services"
    OFSTED = "Ofsted registration"
    COMMUNICATIONS = "Communications"
    IMPROVEMENT = "Service improvement"


def parse_choice(enum_type: type[StrEnum], text: str, *, extra: dict[str, StrEnum] | None = None):
    """Match user text to an enum member by value or label, ignoring case, spaces, - and _.

    Returns ``None`` when nothing matches, so callers can phrase their own message.
    """
    key = _fold(text)
    for member in enum_type:
        if key in (_fold(member.value), _fold(getattr(member, "label", member.value))):
            return member
    if extra:
        for alias, member in extra.items():
            if key == _fold(alias):
                return member
    return None


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
