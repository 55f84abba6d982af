"""Small English agreements every message needs: "an amber", "a red"; "M1 depends on it", "M1, M2 depend on it"."""

from __future__ import annotations

from collections.abc import Sequence

_VOWEL_SOUNDS = tuple("aeiou")
#: words spelt with a vowel that begin with a consonant sound, and the other way round
_CONSONANT_SOUND = ("one", "once", "uni", "use", "usu", "eu")
_VOWEL_SOUND = ("hour", "honest", "honour")


def with_article(phrase: str) -> str:
    """``phrase`` after "a" or "an", as it is said: an amber savings plan, a red one, an HR row."""
    folded = phrase.strip().casefold()
    if folded.startswith(_CONSONANT_SOUND):
        article = "a"
    elif folded.startswith(_VOWEL_SOUND) or (phrase[:2].isupper() and phrase[:1] in "AEFHILMNOSX"):
        article = "an"  # initialisms said letter by letter: an HR, an MP, an ICT
    else:
        article = "an" if folded.startswith(_VOWEL_SOUNDS) else "a"
    return f"{article} {phrase}"


def listed(items: Sequence[str]) -> str:
    """``M1``, ``M1 and M2``, ``M1, M2 and M3``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def agree(subjects: Sequence[str], singular: str, plural: str) -> str:
    """The subjects listed, then the verb that agrees: ``M1 depends``, ``M1 and M2 depend``."""
    return f"{listed(subjects)} {singular if len(subjects) == 1 else plural}"
