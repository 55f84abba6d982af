"""A plan's risk categories: the seven standard ones, always there, then the plan's own.

One place for what a category may be called and how text finds one: the risks file, the dialogs,
the in-place editor and ``trustplanner risk-categories`` all come here. Text finds a category by its
key, its label or another word a register uses for it (``CATEGORY_WORDS``), ignoring case, spaces and
punctuation; a plan's own name must not be found as any other category, so every name stays
unambiguous in a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from trustplanner.domain.enums import parse_choice
from trustplanner.domain.problems import too_long
from trustplanner.domain.risks import CATEGORY_WORDS, STANDARD_CATEGORIES, Category, RiskCategory

NAME_LIMIT = 80
KEY_LIMIT = 40


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def find_category(categories: Sequence[Category], text: str) -> Category | None:
    """The category ``text`` names among ``categories`` (the standard seven and the plan's own), or None."""
    standard = parse_choice(RiskCategory, text, extra=CATEGORY_WORDS)
    if standard is not None:
        return next(c for c in STANDARD_CATEGORIES if c.key == standard.value)
    folded = _fold(text)
    return next((c for c in categories if not c.standard and folded and _fold(c.label) == folded), None)


def category_of(categories: Iterable[Category], key: str) -> Category:
    """The category stored as ``key``; a key the plan no longer lists is shown as it is, never dropped."""
    return next((c for c in categories if c.key == key), Category(key, key))


def category_words(categories: Iterable[Category]) -> str:
    """The choices as a file's message lists them: "delivery, …, ict and data or partnership"."""
    words = [c.label.lower() if c.standard else c.label for c in categories]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def name_problem(categories: Sequence[Category], name: str, *, renaming: Category | None = None) -> str | None:
    """What is wrong with ``name`` as a plan's own category (None: nothing)."""
    name = name.strip()
    if not name:
        return "a category needs a name"
    if len(name) > NAME_LIMIT:
        return f"the name {too_long(NAME_LIMIT)}"
    if not name.isprintable():
        return "the name contains a control character; delete it"
    if not _fold(name):
        return "a category's name needs a letter or a digit"
    found = find_category(categories, name)
    if found is not None and found != renaming:
        if found.standard:
            return f"'{name}' is the standard category {found.label}"
        return f"there is already a category '{found.label}'"
    return None


def new_key(categories: Iterable[Category], name: str) -> str:
    """A key for a new category called ``name``: a slug of it, numbered if a category already has it."""
    taken = {c.key for c in categories} | {c.key for c in STANDARD_CATEGORIES}
    slug = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")[:KEY_LIMIT - 4] or "category"
    key, number = slug, 1
    while key in taken:
        number += 1
        key = f"{slug}_{number}"
    return key
