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
    #: (session, known) -> None; ``known`` holds what the change already has in hand (e.g. "staff":
    #: everyone in the plan after an HR import), so it need not be read again
    run: Callable[[Session, dict], None]


def _tupe_deadlines(session: Session, known: dict) -> None:
    sync_tupe_milestones(session, staff=known.get("staff"))


DERIVATIONS: tuple[Derivation, ...] = (
    Derivation("TUPE deadlines", frozenset({"programme", "services", "staff"}), _tupe_deadlines),
)


def bring_derived_in_step(session: Session, touched: set[str], known: dict | None = None) -> None:
    for derivation in DERIVATIONS:
        if derivation.inputs & touched:
            derivation.run(session, known or {})
