"""Protective markings, as the Government Security Classifications give them for a council's papers.

A briefing is OFFICIAL, or OFFICIAL-SENSITIVE when its handling must be limited; OFFICIAL-SENSITIVE
may carry a descriptor saying why (COMMERCIAL, PERSONAL, LOCSEN). Anything else (a council's own
scheme) is an explicit "other" marking, kept exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

OFFICIAL = "OFFICIAL"
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
MARKINGS = (OFFICIAL, OFFICIAL_SENSITIVE)
#: descriptors OFFICIAL-SENSITIVE may carry, with what each is for
DESCRIPTORS = {
    "COMMERCIAL": "commercial information: contract sums, prices, suppliers' terms",
    "PERSONAL": "information about named people: staff transfers, salaries",
    "LOCSEN": "locally sensitive: information the council must not share locally",
}


@dataclass(frozen=True)
class Marking:
    """A marking split into its parts: ``base`` is OFFICIAL, OFFICIAL-SENSITIVE or "" (other)."""

    base: str
    descriptor: str = ""
    other: str = ""

    @property
    def text(self) -> str:
        """The marking as printed on every briefing page."""
        if not self.base:
            return self.other.strip()
        return f"{self.base} {self.descriptor}" if self.base == OFFICIAL_SENSITIVE and self.descriptor else self.base


def read_marking(text: str) -> Marking:
    """The parts of a stored marking: a standard one (with its descriptor), else an "other" one as typed."""
    cleaned = " ".join(text.split())
    if cleaned == OFFICIAL:
        return Marking(OFFICIAL)
    if cleaned == OFFICIAL_SENSITIVE:
        return Marking(OFFICIAL_SENSITIVE)
    for descriptor in DESCRIPTORS:
        if cleaned in (f"{OFFICIAL_SENSITIVE} {descriptor}", f"{OFFICIAL_SENSITIVE}: {descriptor}",
                       f"{OFFICIAL_SENSITIVE} - {descriptor}", f"{OFFICIAL_SENSITIVE} – {descriptor}"):
            return Marking(OFFICIAL_SENSITIVE, descriptor)
    return Marking("", other=text)
