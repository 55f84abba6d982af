"""Freezing a prepared briefing's figures (what it printed) for the record kept with an issued one.

The figures come from the same prepared data the PDF is laid out from (``BriefingData``) and
from the same milestone lines the briefing's tables use, so the record says what the page said.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.finance_data import Amount
from trustplanner.domain.briefing_figures import (
    BriefingFigures,
    Figure,
    FrozenArea,
    FrozenDecision,
    FrozenMilestone,
    FrozenRebaseline,
    FrozenRisk,
)
from trustplanner.domain.risk_rules import at_escalation, band
from trustplanner.domain.risks import RiskRegister
from trustplanner.services.milestone_lines import milestone_lines
from trustplanner.services.register_briefing import is_public
from trustplanner.services.snapshot import PlanSnapshot


def freeze(data: BriefingData, snapshot: PlanSnapshot, register: RiskRegister | None) -> BriefingFigures:
    as_of = data.header.as_of
    milestones = tuple(
        FrozenMilestone(line.ref, line.milestone.title, line.milestone.baseline, line.milestone.forecast,
                        _by(line.milestone.actual, as_of), line.rag, line.overdue)
        for line in milestone_lines(snapshot, as_of)
    )
    figures = {"Milestones": _milestone_figures(milestones), "Workforce": _workforce_figures(data),
               "Finance": _finance_figures(data), "Risk": _risk_figures(data)}
    areas = tuple(FrozenArea(row.area, row.this_period, row.commentary, figures.get(row.area, ()))
                  for row in data.status if row.area != "Overall")
    risks: tuple[FrozenRisk, ...] = ()
    decisions: tuple[FrozenDecision, ...] = ()
    if register is not None:
        shown_exempt = not is_public(data.header.marking)  # the exempt appendix prints them
        risks = tuple(FrozenRisk(r.ref, r.title, r.status.value, r.current.value,
                                 band(r.current.value, register.appetite), at_escalation(r, register.appetite))
                      for r in register.risks if shown_exempt or not r.exempt)
        decisions = tuple(FrozenDecision(d.ref, d.title, d.status.value, d.forum_words, d.made_on, d.needed_by)
                          for d in register.decisions if shown_exempt or not d.exempt)
    rebaselines = tuple(FrozenRebaseline(c.ref, c.old, c.new, c.decision, c.at.isoformat(timespec="seconds"))
                        for c in snapshot.baseline_changes if c.at.date() <= as_of)
    return BriefingFigures(as_of=as_of, meeting=data.header.meeting, overall=data.overall, areas=areas,
                           milestones=milestones, risks=risks, decisions=decisions, rebaselines=rebaselines)


def _by(actual: date | None, as_of: date) -> date | None:
    """An actual after the position date had not happened then (a briefing as at an earlier date)."""
    return actual if actual is not None and actual <= as_of else None


def _milestone_figures(milestones: tuple[FrozenMilestone, ...]) -> tuple[Figure, ...]:
    complete = sum(1 for m in milestones if m.actual is not None)
    overdue = sum(1 for m in milestones if m.overdue)
    return (Figure("complete", "Milestones complete", complete, f"{complete} of {len(milestones)}",
                   higher_is_better=True),
            Figure("overdue", "Milestones overdue", overdue, str(overdue), higher_is_better=False))


def _rate(figure) -> float | None:  # noqa: ANN001
    """A rate as the page printed it ("18.2%" is 18.2), so differences reconcile with the figures shown."""
    text = figure.text.strip().rstrip("%").replace(",", "")
    if figure.value is None:
        return None
    try:
        return float(text)
    except ValueError:
        return float(Fraction(figure.value) * 100)


def _workforce_figures(data: BriefingData) -> tuple[Figure, ...]:
    part = data.workforce
    if part is None:
        return ()
    total = part.total
    result = [
        Figure("in_post", "In post (headcount)", _number(total.headcount.value), total.headcount.text),
        Figure("agency_rate", "Agency rate (FTE)", _rate(total.agency_rate), total.agency_rate.text,
               "rate", higher_is_better=False),
        Figure("vacancy_rate", "Vacancy rate (FTE)", _rate(total.vacancy_rate), total.vacancy_rate.text,
               "rate", higher_is_better=False),
        Figure("social_worker_agency_rate", "Social worker agency rate", _rate(part.social_worker_agency_rate),
               part.social_worker_agency_rate.text, "rate", higher_is_better=False),
    ]
    waves = part.transfers_total or (part.transfers[0] if len(part.transfers) == 1 else None)
    if waves is not None and isinstance(waves.headcount.value, int) and isinstance(waves.eli_sent.value, int) \
            and waves.headcount.value:
        share = round(float(Fraction(waves.eli_sent.value, waves.headcount.value) * 100), 1)
        result.append(Figure("tupe_readiness", "TUPE readiness (ELI sent)", share,
                             f"{share:.1f}%", "rate",
                             higher_is_better=True))
    return tuple(result)


def _finance_figures(data: BriefingData) -> tuple[Figure, ...]:
    part = data.finance
    if part is None:
        return ()
    kind = f"money:{part.units.code}"

    def money(name: str, label: str, value: Amount, higher_is_better: bool | None) -> Figure:
        # the rounded amount the page printed, so a difference reconciles with the two figures shown
        return Figure(name, label, value.shown, ("-" if value.shown < 0 else "") + value.words, kind, higher_is_better)

    result = []
    if part.has_budget:
        result += [money("forecast_outturn", f"Forecast outturn {part.year_label}", part.total.forecast, None),
                   money("variance", "Variance against budget", part.total.variance, False)]
    result.append(money("savings_at_risk", "Savings at risk (red and amber)", part.at_risk, False))
    for row in part.savings_by_rag:  # a plan moved to red shows even when its shortfall is unchanged
        if row.rag is not None and row.rag.value in ("red", "amber"):
            result.append(Figure(f"savings_plans_{row.rag.value}", f"Savings plans rated {row.rag.value}",
                                 row.count, str(row.count), higher_is_better=False))
    current = next((line for line in part.contract_sums if line.start == part.year), None) \
        or (part.contract_sums[0] if part.contract_sums else None)
    if current is not None:
        result.append(money("contract_sum_gap", f"Contract-sum gap {current.year}", current.gap, False))
    return tuple(result)


def _risk_figures(data: BriefingData) -> tuple[Figure, ...]:
    part = data.register
    if part is None:
        return ()
    highest = max((line.current for line in part.top), default=0)
    return (Figure("live", "Live risks", part.live, str(part.live)),
            Figure("escalation_level", "At escalation level", len(part.escalated), str(len(part.escalated)),
                   higher_is_better=False),
            Figure("highest", "Highest current score", highest, str(highest), higher_is_better=False))


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | Fraction) else None
