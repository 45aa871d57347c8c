"""The Phoenix actor registry (``phoenix_actors.json``), loaded once per process.

A fallback behind the curated lexicon (``actors.json``): a registry name that the
curated lexicon, its countries or demonyms already know is left to the lexicon, and a
registry record sharing a name with a curated group becomes more names of that group
("Jama'at al-Tawhid wal-Jihad" is the Islamic State). Names are matched
case-insensitively by dictionary look-ups over runs of capitalised words, walking the
names' prefixes word by word (a trie kept as a set); acronyms ("MEK") only as written.
No regular expression lists the names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from annals.resources.lexicon import Actor, load_lexicon

_NORMALISE = re.compile(r"[^0-9a-z]+")
_POSSESSIVE = re.compile(r"['’]s$")


def _word_key(word: str) -> str:
    """A word's part of a name key: lower case, "'s" and trailing stops dropped, other signs spaces."""
    lowered = word.lower()
    if lowered.isalnum():
        return lowered
    return _NORMALISE.sub(" ", _POSSESSIVE.sub("", lowered.rstrip(".:;'’"))).strip()


def name_key(name: str) -> str:
    """The form names are compared in: "Lord's  Resistance-Army." -> "lord resistance army"."""
    return " ".join(key for key in map(_word_key, name.split()) if key)


_PARTICLES = r"(?:al|el|ad|an|ar|as|ash|at|az|wal|bin|ibn)-"  # "al-Shabaab" is a capitalised word
_TOKEN = rf"(?:[A-Z\u00c0-\u00de]|{_PARTICLES}[A-Z])[\w'’.&/-]*"
_LINK = r"(?:of|the|and|for|in|on|de|del|la|le|du|des|al|el|wa|wal|bin|ibn|y|da|di)"
# A run of capitalised words and the link words between them. It starts at a capital, which
# is fast to scan for; find() looks back for a particle ("al-Shabaab") or a glued prefix ("pro-Russian").
_RUN = re.compile(rf"[A-Z\u00c0-\u00de][\w'’.&/-]*(?:[^\S\n]+(?:{_LINK}[^\S\n]+)*{_TOKEN})*")
_PARTICLE = re.compile(rf"(?<![\w'’.-]){_PARTICLES}$")
_WORD = re.compile(r"\S+")
_LINKS = frozenset(_LINK[3:-1].split("|"))
# Capitalised words that may stand before a name in the same run without being part of it.
_BEFORE = frozenset({
    "The", "A", "An", "When", "While", "After", "Before", "As", "Since", "Although", "Though", "If", "Then", "In",
    "On", "At", "By", "From", "With", "During", "Following", "But", "And", "Or", "Meanwhile", "Later", "However",
    "Both", "Also", "Its", "Their", "His", "Her", "This", "That", "These", "Those", "Some", "Many", "Several",
    "Under", "Against", "Despite", "Once", "Where", "Until", "Unlike", "Like",
})


def _ends(word: str) -> bool:
    """Whether a word ends its sentence or clause ("Haram." but not "U.S.")."""
    return word.endswith((":", ";")) or (word.endswith(".") and len(word) > 2 and "." not in word[:-1])


def _opens(previous: str) -> bool:
    """Whether a name may start after this word of its run ("the", "Russia's", "said:")."""
    return (previous in _LINKS or previous in _BEFORE or _ends(previous) or _POSSESSIVE.search(previous) is not None
            or previous.endswith(("s'", "s’")))


@dataclass(frozen=True)
class Registry:
    """Registry names (normalised) and acronyms (as written) -> actors."""

    names: dict[str, Actor]
    acronyms: dict[str, Actor]
    prefixes: frozenset[str]  # the keys of every name's first word, first two words, ...; acronyms' keys
    acronym_keys: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "acronym_keys", frozenset(map(name_key, self.acronyms)))

    def lookup(self, name: str) -> Actor | None:
        """The actor a whole name (an infobox entry, a stored actor) stands for."""
        return self.names.get(name_key(name)) or self.acronyms.get(name.strip())

    def find(self, text: str) -> list[tuple[int, int, Actor]]:
        """(start, end, actor) of every registry name in ``text``.

        Inside a run of capitalised words a name must stand alone: what comes before it
        in the run is a link word ("of", "the"), a sentence opener ("When") or a possessive,
        what comes after it a link word other than "of", so "Kurdistan Revolutionary Army" never yields
        a "Revolutionary Army", "Red Cross Hospital" no "Red Cross" and "Islamic Union of
        the Soldiers of the Levant" no "Islamic Union".
        """
        found: list[tuple[int, int, Actor]] = []
        names, acronyms, prefixes = self.names, self.acronyms, self.prefixes  # acronyms' keys are prefixes too
        for run in _RUN.finditer(text):
            start, chunk = run.start(), run.group()
            glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’.-")
            if chunk.isalnum() and not glued:  # one plain word, the common case
                actor = names.get(chunk.lower()) or acronyms.get(chunk)
                if actor is not None:
                    found.append((start, run.end(), actor))
                continue
            particle = _PARTICLE.search(text, max(0, start - 4), start) if glued else None
            if particle is not None:
                start, glued = particle.start(), False
            tokens = text[start : run.end()].split()
            words: list[tuple[int, str]] = []
            done = int(glued)  # "pro-Russian Armed Forces": the run starts at "Armed"
            for index in range(done, len(tokens)):
                if index < done or (index > glued and not _opens(tokens[index - 1])):
                    continue  # a name stands alone in its run: see _at
                key = _word_key(tokens[index])
                if key not in prefixes or (key not in names and key not in self.acronym_keys and (
                        index + 1 == len(tokens) or f"{key} {_word_key(tokens[index + 1])}" not in prefixes)):
                    continue
                words = words or [(m.start(), m.group()) for m in _WORD.finditer(text, start, run.end())]
                hit = self._at(words, index)
                if hit is not None:
                    found.append(hit[1:])
                    done = hit[0] + 1
        return found

    def _at(self, words: list[tuple[int, str]], index: int) -> tuple[int, int, int, Actor] | None:
        """The longest name starting at word ``index``, found by walking the name prefixes word
        by word: (its last word, start, end, actor)."""
        start, word = words[index]
        if word in _LINKS:
            return None
        acronym = self.acronyms.get(_POSSESSIVE.sub("", word.rstrip(".:;'’")))
        best: tuple[int, int, int, Actor] | None = None
        key, last = _word_key(word), index
        while True:
            ending = words[last][1]
            after = words[last + 1][1] if last + 1 < len(words) else ""
            if ending not in _LINKS and after != "of" and (not after or after in _LINKS or _ends(ending)):
                actor = self.names.get(key) or (acronym if last == index else None)
                if actor is not None:
                    bare = _POSSESSIVE.sub("", ending.rstrip(".:;'’"))  # "Boko Haram's fighters"
                    best = (last, start, words[last][0] + len(bare), actor)
            last += 1
            if last == len(words) or _ends(ending):
                return best
            following = _word_key(words[last][1])
            key = f"{key} {following}" if following else key
            if key not in self.prefixes:
                return best


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    data: dict[str, Any] = json.loads(
        resources.files("annals.resources").joinpath("phoenix_actors.json").read_text("utf-8"))
    lexicon = load_lexicon()
    curated = {name_key(alias): actor for alias, actor in lexicon.groups.items()}
    known = set(curated) | {name_key(n) for n in lexicon.demonyms}
    names: dict[str, Actor] = {}
    acronyms: dict[str, Actor] = {}
    prefixes: set[str] = set()
    for entry in data["actors"]:
        keys = [name_key(a) for a in entry["aliases"]]
        targets = {curated[k] for k in [name_key(entry["name"]), *keys] if k in curated}
        own = curated.get(name_key(entry["name"]))
        actor = own or (targets.pop() if len(targets) == 1 else None) or Actor(
            entry["name"], entry["kind"], entry.get("country") if entry["kind"] == "state" else None)
        for key in keys:
            if key and key not in known and names.setdefault(key, actor) is actor:
                words = key.split(" ")
                prefixes.update(" ".join(words[: n + 1]) for n in range(len(words)))
        for acronym in entry.get("acronyms", ()):
            if acronym not in lexicon.aliases and acronym.lower() not in lexicon.demonyms:
                acronyms.setdefault(acronym, actor)
                prefixes.add(name_key(acronym))
    return Registry(names, acronyms, frozenset(prefixes))
