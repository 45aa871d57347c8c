"""The conflict filter: articles with a conflict infobox or category, nothing else."""

from __future__ import annotations

import pytest
from wiki_pages import conflict_titles, load_pages

from annals.read.xml_dump import Page
from annals.scale.filter import classify_page, conflict_pages


@pytest.mark.parametrize("page", load_pages(), ids=lambda p: p.title)
def test_classify_page_fixture_pages_as_labelled(page: Page) -> None:
    assert classify_page(page).keep == (page.title in conflict_titles())


def test_conflict_pages_keeps_the_fixture_conflicts_in_order() -> None:
    assert [p.title for p in conflict_pages(load_pages())] == \
        ["Northern Lakes offensive", "Upper Euphrates campaign", "Siege of the Kulayb silos"]


@pytest.mark.parametrize(("label", "text", "keep"), [
    ("military conflict infobox", "{{Infobox military conflict\n| conflict = X\n}}", True),
    ("underscored name", "{{Infobox_military_operation|name=X}}", True),
    ("template prefix", "{{Template:Infobox civil conflict\n}}", True),
    ("old warbox", "{{Warbox\n| conflict = X}}", True),
    ("settlement infobox", "{{Infobox settlement\n| name = X\n}}", False),
    ("military person infobox", "{{Infobox military person\n| name = X\n}}", False),
    ("battles category", "Text.\n[[Category:Battles involving Syria]]", True),
    ("offensives category with sort key", "Text.\n[[Category:Military offensives of 2016|Aleppo]]", True),
    ("sieges category", "Text.\n[[ category : Sieges of the Syrian civil war ]]", True),
    ("military operations category", "Text.\n[[Category:Military operations involving Turkey]]", True),
    ("works about battles", "Text.\n[[Category:Films about battles]]", False),
    ("people category", "Text.\n[[Category:People killed in the battle]]", False),
    ("unrelated category", "Text.\n[[Category:Populated places in Syria]]", False),
    ("word inside another word", "Text.\n[[Category:Battleship classes]]", False),
])
def test_classify_page_decides_by_infobox_and_category(label: str, text: str, keep: bool) -> None:
    assert classify_page(Page("X", 0, 1, text)).keep is keep, label


@pytest.mark.parametrize(("page", "reason"), [
    (Page("Talk:X", 1, 1, "{{Infobox military conflict}}"), "namespace 1"),
    (Page("X", 0, 1, "#REDIRECT [[Y]]\n[[Category:Battles in 2020]]"), "redirect"),
    (Page("X", 0, 1, "[[Category:Battles in 2020]]", redirect="Y"), "redirect"),
    (Page("X", 0, 1, "{{Infobox military conflict}}", model="Scribunto"), "content model Scribunto"),
])
def test_classify_page_skips_non_articles(page: Page, reason: str) -> None:
    verdict = classify_page(page)
    assert not verdict.keep and verdict.reason == reason
