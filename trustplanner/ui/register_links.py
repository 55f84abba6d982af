"""A milestone's risks and decisions, as links for the Milestones page's detail pane
(``risk:R01`` and ``decision:D05``, which the page opens on the Risks and Decisions pages)."""

from __future__ import annotations

from html import escape

from trustplanner.domain.risk_rules import band
from trustplanner.domain.risks import RiskRegister, RiskStatus
from trustplanner.ui.palette import RAG_TEXT

LINK = "color:#1f5fa8"


def milestone_register_html(register: RiskRegister, ref: str) -> str:
    """"" when nothing in the register or the log links to milestone ``ref``."""
    risks = sorted(register.risks_of_milestone(ref), key=lambda r: (r.status is RiskStatus.CLOSED, -r.current.value))
    decisions = register.decisions_of_milestone(ref)
    parts = []
    if risks:
        items = []
        for r in risks:
            rag = band(r.current.value, register.appetite)
            closed = " (closed)" if r.status is RiskStatus.CLOSED else ""
            items.append(f"<a style='{LINK}' href='risk:{escape(r.ref)}'>{escape(r.ref)}</a> "
                         f"<b style='color:{RAG_TEXT[rag].name()}'>{r.current.value}</b> {escape(r.title)}{closed}")
        parts.append("<b>Risks</b><br>" + "<br>".join(items))
    if decisions:
        items = [f"<a style='{LINK}' href='decision:{escape(d.ref)}'>{escape(d.ref)}</a> {escape(d.title)} "
                 f"({escape(d.status.value)}{f', {d.made_on:%d/%m/%Y}' if d.made_on else ''})" for d in decisions]
        parts.append("<b>Decisions</b><br>" + "<br>".join(items))
    return "<br>".join(parts)


def open_register_link(page, href: str) -> None:  # noqa: ANN001
    """Open ``risk:REF`` or ``decision:REF`` on its page (through the page's record_requested)."""
    kind, _, ref = href.partition(":")
    title = {"risk": "Risks", "decision": "Decisions"}.get(kind)
    if title:
        page.record_requested.emit(title, ref)
