"""Articles and agreement in messages: "an amber", "a red"; "M1 depends on it", "M1 and M2 depend on it"."""

import pytest

from trustplanner.domain.budget_rules import mitigation_needed
from trustplanner.domain.budget import Deliverability
from trustplanner.domain.words import agree, with_article


@pytest.mark.parametrize(("phrase", "said"), [("amber", "an amber"), ("red", "a red"), ("green", "a green"),
                                              ("HR row", "an HR row"), ("budget line row", "a budget line row"),
                                              ("unit", "a unit"), ("hour", "an hour"), ("ICT row", "an ICT row")])
def test_the_article_follows_the_sound(phrase, said):
    assert with_article(phrase) == said


def test_every_savings_rag_reads_with_its_article():
    assert mitigation_needed(Deliverability.AMBER) == "an amber savings plan needs a mitigation"
    assert mitigation_needed(Deliverability.RED) == "a red savings plan needs a mitigation"


def test_the_verb_agrees_with_the_refs():
    assert agree(["M1"], "depends", "depend") == "M1 depends"
    assert agree(["M1", "M2"], "depends", "depend") == "M1 and M2 depend"
    assert agree(["M1", "M2", "M3"], "depends", "depend") == "M1, M2 and M3 depend"
