"""A plan's own risk categories: listing, adding, renaming and removing them.

The seven standard categories are always there and cannot be changed. Each edit of the plan's own
list is one change in the history, so undo puts back the list and the risks' categories together.
A category still given to a risk cannot be removed: the refusal names the risks.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustplanner.domain.problems import NotFound, Problem, ValidationFailed
from trustplanner.domain.risk_categories import category_words, find_category, name_problem, new_key
from trustplanner.domain.risks import STANDARD_CATEGORIES, Category
from trustplanner.services.history import change
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import RiskCategoryRow, RiskRow

SOURCE = "risk categories"


def read_categories(session: Session) -> tuple[Category, ...]:
    """The standard seven, then the plan's own in the order they were added."""
    own = session.execute(select(RiskCategoryRow.key, RiskCategoryRow.label).order_by(RiskCategoryRow.id)).all()
    return STANDARD_CATEGORIES + tuple(Category(key, label) for key, label in own)


def load_categories(plan: PlanFile) -> tuple[Category, ...]:
    with plan.reading() as session:
        return read_categories(session)


def _refuse(message: str, column: str | None = "name") -> None:
    raise ValidationFailed([Problem(SOURCE, None, column, message)])


def _own(categories: tuple[Category, ...], name: str) -> Category:
    found = find_category(categories, name)
    if found is None:
        own = own_categories(categories)
        raise NotFound(f"no risk category '{name.strip()}' in this plan; its own are "
                       f"{category_words(own) if own else 'none yet'}")
    if found.standard:
        _refuse(f"{found.label} is a standard category: the standard seven cannot be renamed or removed")
    return found


def own_categories(categories: tuple[Category, ...]) -> tuple[Category, ...]:
    return tuple(c for c in categories if not c.standard)


def add_category(plan: PlanFile, name: str) -> Category:
    name = name.strip()
    with change(plan, f"Add risk category {name}") as unit:
        categories = read_categories(unit.session)
        if problem := name_problem(categories, name):
            _refuse(problem)
        category = Category(new_key(categories, name), name)
        unit.session.add(RiskCategoryRow(key=category.key, label=category.label))
    return category


def rename_category(plan: PlanFile, old: str, new: str) -> Category:
    """Rename one of the plan's own categories; its risks keep it (they hold its key). Returns it as it was."""
    new = new.strip()
    with change(plan, f"Rename risk category {old.strip()} to {new}") as unit:
        session = unit.session
        categories = read_categories(session)
        found = _own(categories, old)
        if problem := name_problem(categories, new, renaming=found):
            _refuse(problem)
        session.scalars(select(RiskCategoryRow).where(RiskCategoryRow.key == found.key)).one().label = new
    return found


def remove_category(plan: PlanFile, name: str) -> Category:
    """Remove one of the plan's own categories, refused while any risk is in it. Returns it."""
    with change(plan, f"Remove risk category {name.strip()}") as unit:
        session = unit.session
        found = _own(read_categories(session), name)
        refs = session.scalars(select(RiskRow.ref).where(RiskRow.category == found.key).order_by(RiskRow.ref)).all()
        if refs:
            which = f"risk {refs[0]} is" if len(refs) == 1 else f"risks {', '.join(refs)} are"
            _refuse(f"{which} in the category {found.label}: give {'it' if len(refs) == 1 else 'them'} "
                    "another category first", None)
        session.delete(session.scalars(select(RiskCategoryRow).where(RiskCategoryRow.key == found.key)).one())
    return found


__all__ = ["add_category", "load_categories", "own_categories", "read_categories", "remove_category",
           "rename_category"]
