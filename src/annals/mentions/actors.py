"""Actor mentions: who is named, under which canonical name, on which side.

Three layers of knowledge. The general lexicon (``resources/actors.json``) knows
recurrent armed groups and their aliases, country demonyms and the generic ways
prose names forces ("government forces", "the militants"). Behind it, the Phoenix
registry (``resources/registry.py``) knows a few thousand organisations and armed
groups ("Boko Haram", "Red Cross"). The document adds its own: infobox
belligerents, units and commanders per side, and acronyms it defines ("the Syrian
Democratic Forces (SDF)"). Where names overlap the longer wins, then the
document's, then the lexicon's. Generic mentions are resolved to the article's
sides; "the militants" refers back to the last non-state actor.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache

from annals.conflict.record import ConflictRecord
from annals.document import Document, Span, lower_in_place
from annals.resources.lexicon import Actor, Lexicon, alternation, load_lexicon, split_glued
from annals.resources.registry import load_registry


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span  # in doc.text
    actor: Actor
    text: str
    generic: bool = False  # "the militants", "government forces": resolved from context
    parent: Actor | None = None  # the belligerent a unit or commander belongs to


_ACRONYM = re.compile(
    r"(?P<name>(?:[A-Z][\w'’.-]*)(?:\s+(?:of|the|and|for|in|al|ad|ash|as|de|[A-Z][\w'’.-]*)){0,8})"
    r"\s+\((?P<acr>[A-Z][A-Za-z0-9-]{1,9})\)"
)
_GOVERNMENT_WORDS = ("government forces", "pro-government forces")
CIVILIANS = Actor("Civilians", "civilian")  # everyone named as unarmed: one actor, also the events' default target
_ORGANISATION = re.compile(
    r"(?i)\b(?:forces?|army|front|brigades?|units?|corps|group|council|movement|party|guards?|battalion|"
    r"regiment|division|militia|organi[sz]ation|state|coalition)\b"
)
_SPEAKER = re.compile(  # "a spokesman for the X said": X speaks about the action, it does not act
    r"(?i)\b(?:spokes(?:man|woman|person)|representatives?|statement|according)\s+(?:to|for|of|from)\s+(?:the\s+)?$"
)
_NORMALISE = re.compile(r"[^a-z0-9]+")
_TRAILING_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_LOCATIVE = re.compile(
    r"(?i)\b(?:in|of|into|to|from|across|throughout|within|inside|towards?|near|entered|"
    r"(?:north|south|east|west)(?:ern|-?east|-?west)?(?:ern)?|central)\s+$"
)


@lru_cache(maxsize=4096)
def _key(name: str) -> str:  # cached: resolution compares the same few names for every mention
    return _NORMALISE.sub(" ", name.lower()).strip()


@dataclass
class DocumentActors:
    """The actors of one document, with every mention found in its text."""

    mentions: list[ActorMention]
    sides: dict[int, list[Actor]]
    government: Actor | None
    implied_sides: bool = False
    by_name: dict[str, Actor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [m.span.start for m in self.mentions]

    def within(self, span: Span) -> list[ActorMention]:
        """Mentions inside ``span`` (binary search: called once per clause)."""
        first = bisect.bisect_left(self._starts, span.start)
        last = bisect.bisect_left(self._starts, span.end)
        return [m for m in self.mentions[first:last] if m.span.end <= span.end]

    def adopt_country(self, country: str) -> None:
        """Where the infobox gave no place: take the country the geography found as home."""
        if self.government is not None:
            return
        for members in self.sides.values():
            for actor in members:
                if actor.kind == "state" and actor.country == country:
                    self.government = actor
                    self.mentions = [replace(m, actor=actor) if m.generic and m.actor.name in _GOVERNMENT_WORDS
                                     else m for m in self.mentions]  # "government forces" now has an owner
                    return

    def opponent(self, actor: Actor) -> Actor | None:
        """The main belligerent of the other side, for one-sided wording."""
        if actor.side is None or len(self.sides) < 2:
            return None
        others = [s for s in sorted(self.sides) if s != actor.side]
        return self.sides[others[0]][0] if others and self.sides[others[0]] else None


# The generic words' actors until the article's sides give them names (frozen: shared).
_GENERIC = {"gov": Actor("government forces", "state"), "reb": Actor("rebels", "nonstate"),
            "opp": Actor("opposition", "nonstate"), "occ": Actor("occupying forces", "state")}


class ActorFinder:
    """Finds actor mentions in a document and resolves them to its sides."""

    def __init__(self) -> None:
        self.lexicon = load_lexicon()
        self.registry = load_registry()
        self._units: dict[str, Actor] = {}
        self._known: dict[str, str] = {}

    def __call__(self, doc: Document, conflict: ConflictRecord) -> DocumentActors:
        country = _article_country(conflict, self.lexicon)
        side_members = self._side_members(conflict)
        local = self._local_aliases(doc, conflict)
        self._units = {k: a for k, a in local.items() if a.side is not None}
        self._known = self._known_as(side_members)
        raw = self._raw_mentions(doc, local)
        resolved = [self._resolve(m, side_members) for m in raw]
        sides = {number: [a for a in members.values()] for number, members in side_members.items() if members}
        implied = False
        if not sides:
            sides = _implied_sides(resolved, self.lexicon)
            implied = bool(sides)
            resolved = [_with_side(m, sides) for m in resolved]
        resolved = _sided_by_patron(doc.text, resolved, sides, self.lexicon)
        government = self._government(country, sides, resolved)
        rebels = _rebel_actor(sides, country, self.lexicon)
        final = _resolve_generics(resolved, government, sides, rebels)
        return DocumentActors(final, sides, government, implied)

    def _side_members(self, conflict: ConflictRecord) -> dict[int, dict[str, Actor]]:
        """Per side: key -> actor for belligerents, supporters and units."""
        members: dict[int, dict[str, Actor]] = {}
        for side in conflict.sides:
            entries = members.setdefault(side.side, {})
            for named in (*side.belligerents, *side.supporters):
                for name in split_glued(named.name):
                    actor = self._classify(name, side.side)
                    entries.setdefault(_key(actor.name), actor)
        return members

    def _known_as(self, members: dict[int, dict[str, Actor]]) -> dict[str, str]:
        """Infobox name -> the lexicon's or the registry's name for the same actor, once per document."""
        known: dict[str, str] = {}
        for entries in members.values():
            for entry in entries.values():
                group = self.lexicon.groups.get(entry.name.lower()) or self.registry.lookup(entry.name)
                if group is not None:
                    known[entry.name] = group.name
        return known

    def _classify(self, name: str, side: int | None) -> Actor:
        """An infobox name as an actor: a known group, a state, a registry actor, or itself."""
        name = _TRAILING_PAREN.sub("", name).strip() or name
        group = self.lexicon.groups.get(name.lower())
        if group is not None:
            return Actor(_usual_spelling(name, group.name, self.lexicon), group.kind, group.country, side)
        known = self.registry.lookup(name)
        country = _country_in(name)
        # A country's name with state words is that state, unless the registry knows the whole
        # name as a non-state group ("Islamic State of Iraq" is not the Republic of Iraq).
        if country is not None and not (known is not None and known.kind == "nonstate"):
            return Actor(name, "state", country, side)
        if known is not None:
            return Actor(name, known.kind, known.country, side)
        return Actor(name, "nonstate", None, side)

    def _local_aliases(self, doc: Document, conflict: ConflictRecord) -> dict[str, Actor]:
        """Names the document itself introduces: infobox entries and acronyms."""
        local: dict[str, Actor] = {}
        for side in conflict.sides:
            for named in (*side.belligerents, *side.supporters):
                for name in split_glued(named.name):
                    if len(name) > 2:
                        local[name] = self._classify(name, side.side)
            parent = self._classify(side.belligerents[0].name, side.side) if side.belligerents else None
            for unit in side.units:
                for item in (unit, *unit.children):
                    name = item.name
                    group = self.lexicon.groups.get(name.lower())
                    if group is not None:  # a known armed group listed as a unit acts in its own name
                        local.setdefault(name, Actor(name, group.kind, group.country, side.side))
                    elif len(name) > 3:
                        local.setdefault(name, Actor(name, "unit", parent.country if parent else None, side.side))
            for commander in side.commanders:
                if len(commander.name.split()) >= 2:
                    local.setdefault(commander.name, Actor(commander.name, "person", None, side.side))
        for match in _ACRONYM.finditer(doc.text):
            name, acronym = match.group("name"), match.group("acr")
            name = re.sub(r"^(?:The|the)\s+", "", name)
            if acronym.lower() in self.lexicon.groups or acronym in local or name.lower() in self.lexicon.groups:
                continue  # the general lexicon knows it; resolution maps it to the infobox name
            known = local.get(name)
            if known is not None:
                local[acronym] = known
            elif len(name.split()) >= 2 and _ORGANISATION.search(name):
                actor = Actor(name, "nonstate", None, None)
                local[name] = actor
                local[acronym] = actor
        return local

    def _raw_mentions(self, doc: Document, local: dict[str, Actor]) -> list[ActorMention]:
        """Document, lexicon and registry names; where they overlap the longer wins, then the
        document's, then the lexicon's."""
        text = doc.text
        candidates: list[tuple[int, int, int, ActorMention]] = []
        if local:
            pattern = re.compile(rf"(?<![\w-])(?:{alternation(list(local))})(?![\w-])")
            for match in pattern.finditer(text):
                mention = ActorMention(Span(match.start(), match.end()), local[match.group()], match.group())
                candidates.append((match.start(), -(match.end() - match.start()), 0, mention))
        lowered = lower_in_place(text)
        matches = [*self.lexicon.pattern.finditer(text), *self.lexicon.generic.finditer(lowered)]
        for match in matches:
            if match.lastgroup == "country" and _LOCATIVE.search(text, max(0, match.start() - 30), match.start()):
                continue  # "in eastern Syria" names a place, not an actor
            lexical = self._lexicon_mention(match, text)
            if lexical is not None:
                candidates.append((match.start(), -(match.end() - match.start()), 1, lexical))
        for start, end, actor in self.registry.find(text):
            if not _SPEAKER.search(text, max(0, start - 40), start):
                candidates.append((start, start - end, 2, ActorMention(Span(start, end), actor, text[start:end])))
        candidates.sort(key=lambda c: (c[1], c[2], c[0]))  # longest first, then the document's own names
        taken = bytearray(len(text) + 1)
        found: list[ActorMention] = []
        for start, negative_length, _, mention in candidates:
            if any(taken[start : start - negative_length]):
                continue
            taken[start : start - negative_length] = b"\x01" * -negative_length
            found.append(mention)
        found.sort(key=lambda m: m.span.start)
        return found

    def _lexicon_mention(self, match: re.Match[str], text: str) -> ActorMention | None:
        span = Span(match.start(), match.end())
        value = text[match.start() : match.end()]
        kind = match.lastgroup
        if kind == "national":
            country = self.lexicon.demonyms[match.group("demonym").lower()]
            pro = value.lower().startswith("pro-") or "-backed" in value or "-allied" in value
            if pro:
                return ActorMention(span, Actor("pro-government forces", "state", country), value, generic=True)
            return ActorMention(span, Actor(country, "state", country), value)
        if kind == "group":
            return ActorMention(span, self.lexicon.groups[value.lower()], value)
        if kind == "country":
            country = self.lexicon.demonyms[value.lower()]
            return ActorMention(span, Actor(country, "state", country), value)
        if kind in _GENERIC:
            return ActorMention(span, _GENERIC[kind], value, generic=True)
        if kind == "civ":
            return ActorMention(span, CIVILIANS, value)
        return None

    def _resolve(self, mention: ActorMention, members: dict[int, dict[str, Actor]]) -> ActorMention:
        """Give a named mention its side and the infobox's name for its actor."""
        if mention.generic or mention.actor.kind == "civilian":
            return mention
        actor = mention.actor
        if actor.kind in ("unit", "person"):
            parent = _side_lead(members, actor.side)
            return replace(mention, parent=parent)
        # The actor itself, then the larger actors it fights within ("YPG" where the infobox lists Rojava)
        larger = (Actor(name, "nonstate") for name in self.lexicon.parents.get(actor.name, ()))
        for candidate in (actor, *larger):
            for entries in members.values():
                for entry in entries.values():
                    if _same_actor(candidate, entry, self._known):
                        return replace(mention, actor=entry)
        for unit in self._units.values():
            group = self.lexicon.groups.get(unit.name.lower())
            if group is not None and group.name == actor.name:
                return replace(mention, actor=unit)
        return mention

    def _government(self, country: str | None, sides: dict[int, list[Actor]],
                    mentions: list[ActorMention]) -> Actor | None:
        """The state whose forces "government forces" names: the article's country."""
        if country is None:
            return None
        for members in sides.values():
            for actor in members:
                if actor.kind == "state" and actor.country == country:
                    return actor
        for mention in mentions:
            if mention.actor.name == country and not mention.generic:
                return mention.actor
        return Actor(country, "state", country)


def _side_lead(members: dict[int, dict[str, Actor]], side: int | None) -> Actor | None:
    if side is None or side not in members or not members[side]:
        return None
    return next(iter(members[side].values()))


def _same_actor(actor: Actor, entry: Actor, known: dict[str, str]) -> bool:
    """Whether a mention's actor is an infobox entry: the same name, the same state, or a
    name the lexicon or the registry knows as the mention's actor (``known``: ``_known_as``)."""
    if _key(actor.name) == _key(entry.name):
        return True
    if actor.kind == "state" and entry.country is not None and actor.country == entry.country:
        return entry.kind == "state"
    return known.get(entry.name) == actor.name


_STATE_WORDS = re.compile(
    r"(?:the|arab|republic|federation|government|armed|forces|army|military|of|and|islamic|state|kingdom|\s)*"
)


@lru_cache(maxsize=1)
def _demonym_patterns() -> list[tuple[re.Pattern[str], str]]:
    """The lexicon's demonyms and country names, longest first, compiled once."""
    demonyms = sorted(load_lexicon().demonyms.items(), key=lambda kv: -len(kv[0]))
    return [(re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])"), country) for alias, country in demonyms]


def _usual_spelling(name: str, group: str, lexicon: Lexicon) -> str:
    """An infobox name that is a variant spelling of an earlier-listed name of the same group
    takes that name ("Islamic State in Iraq and the Levant" -> "Islamic State of Iraq and the
    Levant"), so one group keeps one long name across articles. Other names of the group
    ("Syrian Arab Republic", a short form, an acronym) are kept as written."""
    words = len(name.split())
    for spelling in lexicon.spellings.get(group, ()):
        if spelling == name:
            return name
        if len(spelling.split()) == words >= 4 and SequenceMatcher(None, spelling.lower(), name.lower()).ratio() >= 0.9:
            return spelling
    return name


@lru_cache(maxsize=4096)
def _country_in(name: str) -> str | None:
    """The country an infobox name denotes ("Syrian Arab Republic" -> Syria); cached, as every
    infobox name is classified more than once."""
    words = name.lower()
    for pattern, country in _demonym_patterns():
        if pattern.search(words):
            rest = pattern.sub("", words).strip()
            if not rest or _STATE_WORDS.fullmatch(rest):
                return country
    return None


def _article_country(conflict: ConflictRecord, lexicon: Lexicon) -> str | None:
    """The country the conflict takes place in: the last part of the infobox place."""
    if not conflict.place:
        return None
    for part in reversed([p.strip() for p in re.split(r"[,;\n]", conflict.place) if p.strip()]):
        country = lexicon.demonyms.get(part.lower())
        if country is not None:
            return country
    return None


def _implied_sides(mentions: list[ActorMention], lexicon: Lexicon) -> dict[int, list[Actor]]:
    """Two sides from the prose when no infobox lists them: the two most named actors that
    are not allies (Russia and the DPR, named most, fight on one side against Ukraine)."""
    counts: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for mention in mentions:
        if mention.generic or mention.actor.kind not in ("state", "nonstate"):
            continue
        counts[mention.actor.name] += 1
        first.setdefault(mention.actor.name, mention.actor)
    ranked = [name for name, _ in counts.most_common()]
    top = ranked[:1]
    for name in ranked[1:]:
        if not _allied(first[top[0]], first[name], lexicon):
            top.append(name)
            break
    sides = {index + 1: [replace(first[name], side=index + 1)] for index, name in enumerate(top)}
    # The leads' allies named more than once join them ("the DPR" beside Russia against Ukraine)
    for name in ranked:
        if name in top or counts[name] < _ALLY_MENTIONS:
            continue
        beside = [number for number, members in sides.items() if _allied(members[0], first[name], lexicon)]
        if len(beside) == 1 and not _one_state(sides[beside[0]][0], first[name]):
            sides[beside[0]].append(replace(first[name], side=beside[0]))
    return sides


_ALLY_MENTIONS = 2  # mentions an ally needs to join an implied side


def _allied(a: Actor, b: Actor, lexicon: Lexicon) -> bool:
    """Whether the two are one state (its army and its name) or the lexicon knows one of
    the two fights beside (or within) the other."""
    def beside(x: Actor, y: Actor) -> bool:
        friends = (*lexicon.allies.get(x.name, ()), *lexicon.parents.get(x.name, ()))
        return y.name in friends or (y.country is not None and y.country in friends)
    return _one_state(a, b) or beside(a, b) or beside(b, a)


def _one_state(a: Actor, b: Actor) -> bool:
    """Whether two state actors stand for one country ("the SAA" and "Syria")."""
    return a.kind == "state" and b.kind == "state" and a.country is not None and a.country == b.country


_PATRON = re.compile(r"(?i)([a-z]+)-(?:backed|supported|allied|sponsored|aligned)\b")


def _sided_by_patron(text: str, mentions: list[ActorMention], sides: dict[int, list[Actor]],
                     lexicon: Lexicon) -> list[ActorMention]:
    """Sides for named groups the infobox leaves out, from the state their mentions tie
    them to: "Turkish-backed rebels" fight on Turkey's side, the LPR and the PMF (which the
    lexicon knows fight beside Russia and Iraq) on Russia's and Iraq's. A demonym alone ("the
    Afghan Taliban") says where a group is from, not whom it fights for. A group tied to
    states of both sides keeps no side."""
    side_of_country = {a.country: number for number, members in sides.items()
                       for a in members if a.kind == "state" and a.country}
    if not side_of_country:
        return mentions  # no state among the sides: no patron to take a side from
    votes: dict[str, set[int]] = {}
    for mention in mentions:
        actor = mention.actor
        if mention.generic or actor.side is not None or actor.kind not in ("state", "nonstate"):
            continue
        for patron in _PATRON.finditer(text, max(0, mention.span.start - 25), mention.span.end):
            country = lexicon.demonyms.get(patron.group(1).lower(), "")
            number = side_of_country.get(country)
            if number is not None and country != actor.country:
                votes.setdefault(actor.name, set()).add(number)
    chosen = {name: next(iter(found)) for name, found in votes.items() if len(found) == 1}
    for name in {m.actor.name for m in mentions if m.actor.side is None}:
        # the lexicon's word outweighs the text's: the LPR fights beside Russia
        allied = {side_of_country[c] for c in lexicon.allies.get(name, ()) if c in side_of_country}
        if len(allied) == 1:
            chosen[name] = next(iter(allied))
    if not chosen:
        return mentions
    return [replace(m, actor=replace(m.actor, side=chosen[m.actor.name]))
            if not m.generic and m.actor.side is None and m.actor.name in chosen else m for m in mentions]


def _with_side(mention: ActorMention, sides: dict[int, list[Actor]]) -> ActorMention:
    """The mention as the side's member it names, or the state it is an arm of ("Syrian
    forces" where "the SAA" is a side), as ``_resolve`` does with an infobox's sides."""
    for members in sides.values():
        for member in members:
            if member.name == mention.actor.name or _one_state(member, mention.actor):
                return replace(mention, actor=member)
    return mention


_REBEL_WORD = re.compile(r"(?i)\brebels?\b|\bopposition\b")


def _rebel_actor(sides: dict[int, list[Actor]], country: str | None, lexicon: Lexicon) -> Actor:
    """Who "the rebels" are: the side's rebel belligerent, else the country's rebels."""
    for members in sides.values():
        for actor in members:
            if _REBEL_WORD.search(actor.name):
                return actor
    for members in sides.values():
        # the side holding a group the lexicon marks as rebels (the SNA, an alias of the Free Syrian
        # Army), led by its first non-state group: not the SDF beside it, nor a junior ally
        for actor in members:
            group = lexicon.groups.get(actor.name.lower())
            if group is not None and group.name in lexicon.rebels:
                return next((a for a in members if a.kind == "nonstate"), actor)
    for members in sides.values():
        lead = next((a for a in members if a.kind == "nonstate"), None)
        if lead is not None:
            return lead
    adjective = lexicon.adjectives.get(country or "", "")
    return Actor(f"{adjective} rebels".strip(), "nonstate", None, None)


def _resolve_generics(mentions: list[ActorMention], government: Actor | None,
                      sides: dict[int, list[Actor]], rebels: Actor) -> list[ActorMention]:
    """Generic mentions take the actor the context gives them."""
    resolved: list[ActorMention] = []
    last_nonstate: Actor | None = None
    gov_side = government.side if government else None
    opposition = next((a for n, members in sorted(sides.items()) if n != gov_side for a in members
                       if a.kind == "nonstate"), None)
    invader = next((a for n, members in sorted(sides.items()) if gov_side is not None and n != gov_side
                    for a in members if a.kind == "state"), None)
    for mention in mentions:
        actor = mention.actor
        if mention.generic and actor.name in ("government forces", "pro-government forces"):
            target = government if actor.country in (None, government.country if government else None) else None
            if target is None and actor.country is not None:
                target = next((a for m in sides.values() for a in m if a.country == actor.country), None)
                target = target or Actor(actor.country, "state", actor.country)
            mention = replace(mention, actor=target) if target is not None else mention
        elif mention.generic and actor.name == "rebels":
            mention = replace(mention, actor=rebels)
        elif mention.generic and actor.name == "opposition":
            target = last_nonstate or opposition
            mention = replace(mention, actor=target) if target is not None else mention
        elif mention.generic and actor.name == "occupying forces" and invader is not None:
            mention = replace(mention, actor=invader)  # "the occupiers": the state fighting the country's own
        if not mention.generic and mention.actor.kind == "nonstate" and (
            gov_side is None or mention.actor.side != gov_side
        ):
            last_nonstate = mention.actor
        resolved.append(mention)
    return resolved
