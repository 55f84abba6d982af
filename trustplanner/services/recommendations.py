"""Recommendations: reading them, importing a file of them, the export rows, and a review's
progress judgement on one.

An import is validated whole and applied as one change in the history; recommendations the plan
holds but the file does not are kept. A judgement is a review write like a challenge: recorded in
the history under whoever made it, one per review and recommendation (judging again replaces it),
and it also sets the recommendation's progress RAG to the latest judgement's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import NotFound, Problem, ValidationFailed
from trustplanner.domain.recommendations import (
    Judgement,
    Recommendation,
    judgement_breaches,
)
from trustplanner.io.formats import recommendations as recommendation_rows
from trustplanner.io.values import format_date
from trustplanner.services.blanks import KEEP, BlankCells, by_key
from trustplanner.services.history import change, change_or_preview
from trustplanner.services.reviews import _review, _review_row
from trustplanner.services.risks import RegisterImportResult, merge, set_links
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import (
    MilestoneRow,
    RecommendationJudgementRow,
    RecommendationMilestoneRow,
    RecommendationRow,
    ReviewRow,
)


def read_recommendations(session: Session) -> tuple[Recommendation, ...]:
    links: dict[int, list[str]] = {}
    table = RecommendationMilestoneRow.__table__
    for rec_id, ref in session.execute(select(table.c.recommendation_id, MilestoneRow.ref)
                                       .join(MilestoneRow, MilestoneRow.id == table.c.milestone_id)
                                       .order_by(MilestoneRow.ref)).all():
        links.setdefault(rec_id, []).append(ref)
    return tuple(Recommendation(ref=r.ref, source=r.source, text=r.text, owner=r.owner, target=r.target, rag=r.rag,
                                milestones=tuple(links.get(r.id, ())), status=r.status, evidence=r.evidence)
                 for r in session.scalars(select(RecommendationRow).order_by(RecommendationRow.ref)))


def load_recommendations(plan: PlanFile) -> tuple[Recommendation, ...]:
    with plan.reading() as session:
        return read_recommendations(session)


def read_judgements(session: Session) -> tuple[Judgement, ...]:
    """Every review's judgements, by review (oldest opened first), then recommendation ref."""
    return tuple(Judgement(review, ref, row.rag, row.comment) for row, review, ref in session.execute(
        select(RecommendationJudgementRow, ReviewRow.name, RecommendationRow.ref)
        .join(ReviewRow, ReviewRow.id == RecommendationJudgementRow.review_id)
        .join(RecommendationRow, RecommendationRow.id == RecommendationJudgementRow.recommendation_id)
        .order_by(ReviewRow.opened, ReviewRow.id, RecommendationRow.ref)).all())


def load_judgements(plan: PlanFile, review: str | None = None) -> tuple[Judgement, ...]:
    with plan.reading() as session:
        found = read_judgements(session)
    return found if review is None else tuple(j for j in found if j.review == review)


def recommendation_cells(r: Recommendation) -> list[str]:
    return [r.ref, r.source.value, r.text, r.owner, format_date(r.target), r.rag.value if r.rag else "",
            ";".join(r.milestones), r.status.value, r.evidence]


def recommendation_export_rows(plan: PlanFile) -> list[list[str]]:
    return [recommendation_cells(r) for r in load_recommendations(plan)]


def _values(r: Recommendation) -> dict:
    return dict(ref=r.ref, source=r.source, text=r.text, owner=r.owner, target=r.target, rag=r.rag, status=r.status,
                evidence=r.evidence)


def _store(session: Session, r: Recommendation, milestone_ids: dict[str, int], rec_id: int | None) -> None:
    table = RecommendationRow.__table__
    values = _values(r)
    if rec_id is None:
        rec_id = session.execute(insert(table).values(**values)).inserted_primary_key[0]
    else:
        session.execute(update(table).where(table.c.id == rec_id).values(**values))
    set_links(session, RecommendationMilestoneRow, "recommendation_id", rec_id, "milestone_id",
              (milestone_ids[m] for m in r.milestones))


def _blanks(existing: Iterable[Recommendation], blank: str) -> BlankCells:
    def key_of(cells) -> str:  # noqa: ANN001
        return cells.get("ref", "")

    return BlankCells(blank, by_key(map(recommendation_cells, existing), recommendation_rows.COLUMNS, key_of),
                      key_of, key_of, recommendation_rows.OPTIONAL,
                      same={"status": lambda old: "open"})


def import_recommendations(plan: PlanFile, path: str | Path, *, preview: bool = False, blank: str = KEEP
                           ) -> RegisterImportResult:
    """Import a recommendations file: a bad row rejects the whole file, nothing changed."""
    with change_or_preview(plan, f"Import recommendations from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        existing = {r.ref: r for r in read_recommendations(session)}
        cells = _blanks(existing.values(), blank)
        table, incoming = recommendation_rows.parse_recommendations(path, snapshot, cells.apply)
        result = RegisterImportResult("recommendations", ignored_columns=table.ignored_columns, blanks=cells.found,
                                      blank=blank, preview=preview)
        writes = []
        for record in incoming:
            old = existing.get(record.ref)
            if old is None:
                result.added.append(record.ref)
                result.records.append(record)
                writes.append((None, record))
                continue
            merged = merge(old, record, recommendation_rows.FIELD_COLUMNS, table.columns)
            result.records.append(merged)
            if merged == old:
                result.unchanged += 1
            else:
                result.changed.append(record.ref)
                writes.append((old, merged))
        if preview or not writes:
            return result
        milestone_ids = dict(session.execute(select(MilestoneRow.ref, MilestoneRow.id)).all())
        ids = dict(session.execute(select(RecommendationRow.ref, RecommendationRow.id)).all())
        for old, record in writes:
            _store(session, record, milestone_ids, None if old is None else ids[old.ref])
        result.applied = True
    return result


def judge(plan: PlanFile, ref: str, rag: Rag | str, *, comment: str = "", review: str | None = None) -> Judgement:
    """The review's (default: the open review opened last) judgement of recommendation ``ref``'s progress;
    the recommendation's RAG becomes this judgement's."""
    ref, comment, rag = ref.strip(), comment.strip(), Rag(rag)
    source = f"judgement of {ref}"
    with change(plan, f"Judge progress on {ref}", review=True) as unit:
        session = unit.session
        review_row = _review_row(session, review)
        found = _review(review_row)
        unit.what = f"Judge progress on {ref} as {rag.value} ({found.name})"
        unit.user = found.reviewer  # the review's judgement, recorded under its reviewer's name
        rec = session.scalars(select(RecommendationRow).where(RecommendationRow.ref == ref)).first()
        if rec is None:
            known = ", ".join(session.scalars(select(RecommendationRow.ref).order_by(RecommendationRow.ref))) \
                or "none yet"
            raise NotFound(f"there is no recommendation {ref} in this plan (recommendations: {known})")
        problems = [Problem.of_edit(source, b.column, b.message)
                    for b in judgement_breaches(found, rag=rag, comment=comment)]
        if problems:
            raise ValidationFailed(problems)
        row = session.scalars(select(RecommendationJudgementRow).where(
            RecommendationJudgementRow.review_id == review_row.id,
            RecommendationJudgementRow.recommendation_id == rec.id)).first()
        if row is None:
            session.add(RecommendationJudgementRow(review_id=review_row.id, recommendation_id=rec.id, rag=rag,
                                                   comment=comment))
        else:
            row.rag, row.comment = rag, comment
        rec.rag = rag
    return Judgement(found.name, ref, rag, comment)
