"""Derived data, brought in step after every write: one place, so no call site does it by hand.

Each derivation names the areas it is derived from; the change history calls
:func:`bring_derived_in_step` at the end of every change, undo and redo with the areas that
change touched. A new kind of derived data is one more :class:`Derivation` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from trustplanner.services.tupe_milestones import sync_tupe_milestones


@dataclass(frozen=True)
class Derivation:
    name: str
    inputs: frozenset[str]  # areas it is derived from
    run: Callable[[Session], None]


DERIVATIONS: tuple[Derivation, ...] = (
    Derivation("TUPE deadlines", frozenset({"programme", "services", "staff"}), sync_tupe_milestones),
)


def bring_derived_in_step(session: Session, touched: set[str]) -> None:
    for derivation in DERIVATIONS:
        if derivation.inputs & touched:
            derivation.run(session)
