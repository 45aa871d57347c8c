"""Which dump pages are conflict articles: the only ones worth extracting.

A dump holds ~23 million pages and a few tens of thousands describe battles,
offensives, sieges or campaigns, so the filter runs on every page and has to be
cheap: two regular expressions over the wikitext, no parsing. A page is kept if
it is an article (namespace 0, not a redirect) and either carries a
military-conflict infobox or sits in a conflict category. Categories about works
or people ("Films about battles") do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from annals.read.xml_dump import Page

__all__ = ["CONFLICT_CATEGORY_WORDS", "CONFLICT_INFOBOXES", "Verdict", "classify_page", "conflict_pages"]

# Infobox templates (and their redirects) that English Wikipedia uses for armed conflicts.
CONFLICT_INFOBOXES = (
    "military conflict", "military operation", "military engagement", "civil conflict", "battle", "war",
)
# Words in a category name that make it a category of conflict articles.
CONFLICT_CATEGORY_WORDS = (
    "battles", "offensives", "sieges", "military operations", "military campaigns", "conflicts", "wars involving",
    "invasions", "insurgencies", "massacres", "airstrikes", "clashes",
)
# Category names that are about something else that merely mentions conflict.
_NOT_ARTICLES = (
    "films", "books", "novels", "works", "video games", "songs", "paintings", "documentary", "documentaries",
    "television", "poems", "plays", "memorials", "monuments", "museums", "people", "military personnel",
    "recipients", "participants", "cemeteries", "commemoration", "fiction",
)

_ws = r"[ _]+"
_INFOBOX = re.compile(
    r"\{\{\s*(?:template\s*:\s*)?(?:infobox" + _ws + "(?:"
    + "|".join(name.replace(" ", _ws) for name in CONFLICT_INFOBOXES)
    + r")|warbox)\s*(?:\||\}\}|<!--|\n)",
    re.I,
)
_CATEGORY = re.compile(r"\[\[\s*category\s*:\s*([^\]|\n]+)", re.I)
_CONFLICT_WORD = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in CONFLICT_CATEGORY_WORDS) + r")\b", re.I)
_NOT_ARTICLE = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _NOT_ARTICLES) + r")\b", re.I)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a page is kept, and the reason (shown in logs and the job's page counts)."""

    keep: bool
    reason: str


def classify_page(page: Page) -> Verdict:
    """Keep articles with a conflict infobox or a conflict category; say why either way."""
    if page.ns != 0:
        return Verdict(False, f"namespace {page.ns}")
    if page.is_redirect:
        return Verdict(False, "redirect")
    if page.model != "wikitext":
        return Verdict(False, f"content model {page.model}")
    text = page.text
    match = _INFOBOX.search(text)
    if match:
        return Verdict(True, "infobox: " + " ".join(match.group(0).strip("{|}\n <!-").split()).lower())
    if "[[" in text:
        for found in _CATEGORY.finditer(text):
            name = " ".join(found.group(1).replace("_", " ").split())
            if _CONFLICT_WORD.search(name) and not _NOT_ARTICLE.match(name):
                return Verdict(True, f"category: {name}")
    return Verdict(False, "no conflict infobox or category")


def conflict_pages(pages: Iterable[Page]) -> Iterator[Page]:
    """The conflict articles among ``pages``, in order."""
    return (page for page in pages if classify_page(page).keep)
