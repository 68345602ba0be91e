"""UK and US spellings of the same text compare equal; real differences do not."""

from __future__ import annotations

import pytest

from competency_explorer.merge import same_text
from competency_explorer.spelling import spelling_key


@pytest.mark.parametrize(
    ("uk", "us"),
    [
        ("Organises the organisation", "Organizes the organization"),
        ("prioritising and prioritised", "prioritizing and prioritized"),
        ("analyses what was analysed", "analyzes what was analyzed"),
        ("the programme and its programmes", "the program and its programs"),
        ("behaviour, colour and labour", "behavior, color and labor"),
        ("modelling, labelled, travelling", "modeling, labeled, traveling"),
        ("centre, licence, defence", "center, license, defense"),
        ("a service catalogue", "a service catalog"),
        ("uses judgement", "uses judgment"),
        ("enrolment and fulfilment", "enrollment and fulfillment"),
        ("Two  spaces\nand a line break", "two spaces and a line break"),
    ],
)
def test_spelling_variants_are_the_same_text(uk: str, us: str) -> None:
    assert spelling_key(uk) == spelling_key(us)
    assert same_text(uk, us)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Writes programs", "Reviews programs"),
        ("four hours", "for hours"),
        ("at level 3", "at level 4"),
    ],
)
def test_different_texts_differ(a: str, b: str) -> None:
    assert not same_text(a, b)


def test_key_is_lower_case_with_single_spaces() -> None:
    assert spelling_key("  Organises the\u2019s  Programme\n") == (
        "organizes the\u2019s program"
    )
