"""Casualty claims: how many were killed, wounded or captured, says whom.

A claim is a number tied to a casualty word ("26 ... were killed", "killing 5",
"left 26 X, 5 Y and 4 Z dead", "put the number of dead at 16"), the group it is
about, who said it and with what stance. Lists add up; subsets ("including 17
foreigners") do not. ``rollup`` turns an event's claims into UCDP low/best/high:
claims about the same group disagree (min and max), different groups add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from annals.document import Span
from annals.mentions.actors import ActorMention
from annals.mentions.numbers import NumberMention, find_numbers
from annals.patterns import trie_pattern
from annals.resources.lexicon import load_lexicon

_KIND_AFTER = [
    ("killed", re.compile(r"(?i)\b(?:killed|dead|died|dying|deaths?|fatalities|lost\s+their\s+lives|perished|KIA|"
                          r"were\s+slain|slain|executed|murdered|found\s+shot|bodies(?!\s+of\s+water)|corpses|"
                          r"buried\s+in\s+(?:a\s+|the\s+)?mass\s+graves?)\b")),
    ("wounded", re.compile(r"(?i)\b(?:wounded|injured|hurt|WIA)\b")),
    ("captured", re.compile(r"(?i)\b(?:captured|taken\s+prisoner|prisoners?|POWs?|surrendered|detained|arrested)\b")),
    ("missing", re.compile(r"(?i)\b(?:missing|MIA)\b")),
]
_KIND_BEFORE = [
    ("killed", re.compile(r"(?i)(?:\bkill(?:ing|ed)|\bleft|\bleaving|\bdeaths?\s+of|\bat\s+the\s+cost\s+of|"
                          r"\bbodies\s+of|\bcorpses\s+of|\bburied|"
                          r"\bdeath\s+toll\s+(?:of|at|to|rose\s+to|reached)|"
                          r"\bnumber\s+of\s+(?:dead|deaths|killed)\s+(?:at|to|as)|\bdead\s+at|\blives\s+of|\bclaimed\s+the\s+lives\s+of|"
                          r"\bexecut(?:ed|ing|ions?)|\bmassacr(?:ed|ing|es?)|\bmurder(?:ed|ing|s)?|\btoll\s+(?:of|at|to))\s*(?:a\s+total\s+of\s+)?"
                          r"(?:(?!and\b|or\b|while\b|whereas\b|but\b)\w+\s+){0,2}$")),
    ("wounded", re.compile(r"(?i)(?:\bwound(?:ing|ed)|\binjur(?:ing|ed))\s*(?:(?!and\b|or\b)\w+\s+){0,2}$")),
    ("captured", re.compile(r"(?i)(?:\bcaptur(?:ing|ed)|\btaking|\btook)\s+(?:\w+\s+){0,1}$")),
]
_A_YEAR = re.compile(r"(?i)\b(?:in|since|during|by)\s+(?:19|20)\d\d\Z")  # "killed in 2012": a year, not a count
_BOTH_DEAD = re.compile(
    r"(?i)\bkill(?:ing|ed)\s+(?P<both>both)\b(?!\s+sides)(?!\s+\w+\s+and\b)(?!\s+and\b)"
    r"|\b(?P<both2>both)\s+(?:of\s+them\s+|men\s+|women\s+)?(?:were|was)\s+(?:\w+\s+)?killed"
)
_NAME = r"[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]+){0,2}"
# "killing Vasich, Parkhomuk and Svynchuk.", "killed Oleksiy Vadaturskyi, the owner of Nibulon":
# names up to the sentence's end or an appositive
_NAMED_DEAD = re.compile(
    rf"\bkill(?:ing|ed)\s+(?P<names>{_NAME}(?:(?:,\s+(?:and\s+)?|,?\s+and\s+){_NAME})*)"
    r"(?=\s*[.;]|\s*$|,\s+(?:a|an|the|his|her)\s)"
)
# "..., along with his wife": one more dead beside the named
_KIN_TOO = re.compile(
    r"(?:,\s+[^,.;]{1,80})?,?\s+(?:along|together)\s+with\s+(?:his|her)\s+"
    r"(?:wife|husband|son|daughter|brother|sister|mother|father|bodyguard|driver)\b"
)
_EARLIER_YEAR = re.compile(r"\s+(?:in|during)\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d\d\b")
_SUBSET = re.compile(
    r"(?i)(?:\bincluding|\bamong\s+them|\bamong\s+whom|\bof\s+whom|\bof\s+them|\bof\s+which)\s+(?:\w+\s+){0,2}$"
)
# "160 of those executed were FSA fighters" (but "killing 11 of them" counts them all)
_SUBSET_AFTER = re.compile(r"(?i)\s+of\s+(?:those|these|the)\s+(?:dead|victims|killed|executed|slain|bodies)\b")
_NOT_PEOPLE = re.compile(
    r"(?i)^\s*(?:[A-Z][\w-]*\s+)?(?:km|kilomet(?:er|re)s?|miles?|tons?|tonnes?|met(?:er|re)s?|%|percent|per\s+cent|tanks?|vehicles?|villages?|towns?|"
    r"cities|settlements?|targets?|positions?|hours?|days?|weeks?|months?|years?|aircraft|planes?|drones?|"
    r"helicopters?|buildings?|houses?|homes?|checkpoints?|points?|sq|square|hectares?|rounds?|shells?|rockets?|"
    r"missiles?|bombs?|times|fronts?|kilometer-long|kilometre-long|-kilometer|-kilometre|-km|artillery|guns?|"
    r"mortars?|APCs?|BMPs?|armou?red|trucks?|cars?|bridges?|apartments?|flats?|blocks?|streets?)(?!\w)"
)
_REPORT = re.compile(
    r"(?i)\b(?P<verb>reported(?:ly)?|said|says|stated|claimed|announced|estimated|put\s+the\s+(?:number|toll|death\s+toll)|"
    r"denied|confirmed|acknowledged|admitted|alleged|recorded|documented|counted)\b"
)
# Titles of one person whose death the text tells by name, and nouns for one person.
_TITLES = "commander|general|colonel|major|captain|lieutenant|officer|emir|journalist|photographer|governor|mayor"
_ONE_PERSON = (
    "person|civilian|soldier|man|woman|child|boy|girl|doctor|nurse|journalist|officer|commander|fighter|policeman|"
    "volunteer|resident|medic|teacher"
)
_ONE_PERSON_KILLED = re.compile(
    rf"(?i)\b(?P<who>{_TITLES}|leader|chief|sergeant|spokesman|deputy|head|brigadier)\b"
    r"(?:(?!\b(?:and|were)\b)[^.;]){0,160}?"
    r"\b(?P<verb>(?:was|had\s+been|has\s+been)\s+(?:also\s+|reportedly\s+|later\s+|allegedly\s+)?"
    r"(?:killed|executed|shot\s+dead|assassinated|beheaded|tortured\s+to\s+death))\b"
    # "officer Andriy Zhovanyk died in battle": a title, the person's name, "died"
    rf"|\b(?P<who5>{_TITLES}|sergeant|soldier|volunteer)\s+(?-i:(?:[A-Z][\w'’.-]+\s+){{1,4}})(?P<verb5>died)\b"
    rf"|\b(?P<verb2>kill(?:ed|ing)|behead(?:ed|ing)|execut(?:ed|ing))\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}(?P<who2>{_ONE_PERSON})\b"
    r"|\b(?:a|an|one)\s+(?:[\w-]+\s+){0,2}(?P<who3>man|woman|civilian|soldier|boy|girl|child|resident|fighter|"
    r"volunteer|policeman|member|militant)\s+(?:was\s+|had\s+been\s+)?(?:also\s+|reportedly\s+|later\s+)?"
    r"(?P<verb3>died|killed|shot\s+dead|tortured\s+to\s+death|beheaded|executed)\b"
    rf"|\b(?P<verb4>kill(?:ed|ing)|behead(?:ed|ing))\s+(?:[\w-]+\s+){{0,3}}(?P<who4>{_TITLES}|spokesman|activist|doctor|priest|politician|"
    r"leader)\s+(?-i:[A-Z])"
    # "a US airstrike killed the leading ISIL commander for the Palmyra front": one commander
    rf"|\b(?P<verb6>kill(?:ed|ing)|behead(?:ed|ing))\s+the\s+(?:[\w-]+\s+){{0,3}}(?P<who6>{_TITLES}|leader)\b"
    r"(?![’'-]|\s+and\b)"
    # "Pavlo Lee, an actor who had joined the army, was killed": a full name, an appositive, the verb
    r"|(?<![\w'’-])(?P<who7>(?-i:[A-Z][a-z][\w'’-]*(?:\s+(?:al-)?[A-Z][\w'’-]+){1,3})),\s+(?:a|an|the|born|aged)\s"
    r"[^.;]{1,100}?,\s+(?P<verb7>(?:(?:was|had\s+been|has\s+been)\s+(?:also\s+|reportedly\s+|later\s+)?"
    r"(?:killed|executed|shot\s+dead|assassinated|beheaded))|died)\b"
)
# Searched on the lower-cased clause: a prefix tree of stems is several times faster than (?i).
_CASUALTY_CUE = re.compile(
    trie_pattern(["kill", "dead", "die", "death", "wound", "injur", "captur", "prisoner", "lives", "toll", "missing",
                  "execut", "massacr", "slain", "perish", "fatalit", "casualt", "surrender", "detain", "arrest",
                  "hurt", "murder", "bodies", "corpses", "buried", "assassinat", "behead", "tortured to death"])
    + r"|\bkia\b|\bwia\b|\bpow|found\s+shot"
)
_ADDITIONAL = re.compile(r"(?i)\b(?:an?\s+)?(?:additional|another|further)\s+(?:\w+\s+)?\Z")
_PASSIVE_REPORT = re.compile(r"(?i)\b(?:was|were|is|are|been|being)\s+(?:also\s+)?\Z")
_ACCORDING = re.compile(r"(?i)\baccording\s+to\s+(?P<source>[^,.;]{2,80})")
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s+|\bwhile\s+|\bwhereas\s+|\band\s+|\bbut\s+)(?=[^,;:]*$)")


@dataclass(frozen=True)
class Claim:
    """One stated casualty figure, with who it is about and who stated it."""

    kind: str  # killed | wounded | captured | missing
    low: int | None
    high: int | None
    about: str | None  # canonical actor, "Civilians", or None
    about_side: int | None
    source: str | None
    stance: str  # reported | denied | confirmed
    evidence: tuple[Span, ...]
    approx: str = ""
    parts: tuple[int, ...] = field(default=())  # the figures a list added up
    person: bool = False  # one named or titled person: never the same death as another claim
    breakdown: tuple[tuple[str | None, int, int], ...] = ()  # (group, low, high) per figure of the claim
    additional: bool = False  # "an additional 78 killed": dead beside those counted, not another count of them

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind, "low": self.low, "high": self.high, "about": self.about,
            "source": self.source, "stance": self.stance, "approx": self.approx or None,
            "evidence": [s.to_dict() for s in self.evidence],
        }


def find_claims(text: str, clause: Span, actors: list[ActorMention], skip: list[Span]) -> list[Claim]:
    """Casualty claims in ``text[clause]``; ``skip`` holds spans that are dates."""
    if not _CASUALTY_CUE.search(text[clause.start : clause.end].lower()):
        return []
    numbers = [n for n in find_numbers(text, clause.start, clause.end)
               if not any(n.span.overlaps(s) for s in skip) and not _A_YEAR.search(text, max(0, n.span.start - 8),
                                                                                   n.span.end)]
    # "killing both passengers", "both were killed": two dead (never "both sides")
    for m in _BOTH_DEAD.finditer(text, clause.start, clause.end):
        word = "both" if m.group("both") else "both2"
        numbers.append(NumberMention(Span(m.start(word), m.end(word)), 2, 2))
    numbers += _named_dead(text, clause)
    numbers = [_with_the_named_one(text, n, clause) for n in numbers]
    numbers.sort(key=lambda n: n.span.start)
    kinds: list[str | None] = []
    for index, number in enumerate(numbers):
        kinds.append(_kind(text, number, numbers[index + 1] if index + 1 < len(numbers) else None, clause))
    _spread_list_kinds(text, numbers, kinds)
    claims: list[Claim] = [_person_claim(match, text, clause, actors)
                           for match in _ONE_PERSON_KILLED.finditer(text, clause.start, clause.end)
                           if not any(n.span.start < match.end() and match.start() < n.span.end for n in numbers)]
    index = 0
    while index < len(numbers):
        number, kind = numbers[index], kinds[index]
        if kind is None or number.vague or number.low is None or _is_subset(text, number, clause):
            index += 1
            continue
        group = [number]
        while (index + 1 < len(numbers) and kinds[index + 1] == kind and not numbers[index + 1].vague
               and _listed(text, group[-1], numbers[index + 1]) and not _is_subset(text, numbers[index + 1], clause)):
            index += 1
            group.append(numbers[index])
        claims.append(_claim(text, group, kind, clause, actors))
        index += 1
    return claims


def _named_dead(text: str, clause: Span) -> list[NumberMention]:
    """"killing Vasich, Parkhomuk and Svynchuk": as many dead as names (nations excluded)."""
    demonyms = load_lexicon().demonyms
    found = []
    for match in _NAMED_DEAD.finditer(text, clause.start, clause.end):
        names = [n for n in re.split(r",\s+(?:and\s+)?|,?\s+and\s+", match.group("names")) if n]
        if names and not any(n.lower() in demonyms or n.lower().rstrip("s") in demonyms for n in names):
            count = len(names) + (1 if _KIN_TOO.match(text, match.end("names"), clause.end) else 0)
            found.append(NumberMention(Span(match.start("names"), match.end("names")), count, count))
    return found


def _with_the_named_one(text: str, number: NumberMention, clause: Span) -> NumberMention:
    """"General Salama along with 20 of his men", "Shaker al-Afri and four others": the
    figure counts the others, and the named person is one more."""
    if number.low is None or not _OTHERS_AFTER.match(text, number.span.end):
        return number
    before = _WITH_BEFORE.search(text, max(clause.start, number.span.start - 80), number.span.start)
    if before is None or not _NAMED.search(text, max(clause.start, before.start() - 100), before.start()):
        return number
    return replace(number, low=number.low + 1, high=(number.high if number.high is not None else number.low) + 1)


_OTHERS_AFTER = re.compile(r"\s+(?:others\b|other\s+(?:people|men|soldiers|fighters|militants|civilians)\b"
                           r"|of\s+(?:his|her)\s+(?:men|soldiers|fighters|guards|bodyguards|aides)\b)")
_WITH_BEFORE = re.compile(r"(?:,?\s+and|\s+along\s+with|\s+together\s+with)\s+(?:at\s+least\s+|some\s+)?\Z")
# A person's name right before "and" / "along with", maybe with an appositive ("Shaker al-Afri,
# a senior ISIL member,"): not any capitalised words ("In Bakhmut Raion, three soldiers").
_NAMED = re.compile(r"\b[A-Z][a-z]+(?:[- ](?:al-)?[A-Z][a-z]+)+(?:,\s+(?:a|an|the|his|her)\s+[^,.;]{1,60})?\Z")
# "killing a journalist and an ambulance driver": a second one-person death joined by "and"
_ALSO_ONE = re.compile(
    rf"\s+and\s+(?:a|an|one)\s+(?:[a-z-]+\s+){{0,2}}?(?:{_ONE_PERSON}|photographer|driver|worker|guard|farmer)\b"
    r"(?!\s+(?:was|were|had|has)\b)"  # "and a soldier was wounded": not the second dead
)


def _person_claim(match: re.Match[str], text: str, clause: Span, actors: list[ActorMention]) -> Claim:
    """'The commander of X ... was killed': one death, on the side of the actor named with him;
    two with "and a/an" another one ("killing a journalist and an ambulance driver")."""
    span = Span(match.start(), match.end())
    named = [m for m in actors if span.start <= m.span.start < span.end]
    about = next((m for m in named if m.actor.kind not in ("civilian",)), None)
    actor = (about.parent or about.actor) if about is not None else None
    source, stance = _source(text, clause, NumberMention(span, 1, 1))
    who, verb = next((f"who{n}", f"verb{n}") for n in ("", "2", "3", "4", "5", "6", "7") if match.group(f"who{n}"))
    count = 2 if match.group("who2") and _ALSO_ONE.match(text, match.end(), clause.end) else 1
    return Claim("killed", count, count, actor.name if actor else None, actor.side if actor else None, source, stance,
                 (Span(match.start(who), match.end(who)), Span(match.start(verb), match.end(verb))),
                 person=True)


def _kind(text: str, number: NumberMention, following: NumberMention | None, clause: Span) -> str | None:
    tail = _words_after(text, number, following, clause)
    after = tail[:_KIND_REACH]
    if _NOT_PEOPLE.match(after) or _AGE.match(after):
        return None
    window = _WINDOW_END.split(after, maxsplit=1)[0]
    if _SURVIVORS.match(window):
        return None  # "only 3 wounded men survived": who lived, not a toll
    hits = [(m.start(), m.end(), kind) for kind, pattern in _KIND_AFTER if (m := pattern.search(window))]
    before = text[max(clause.start, number.span.start - 60):number.span.start].rstrip("\"“”")  # killed "more than 500"
    for kind, pattern in _KIND_BEFORE:
        if pattern.search(before):
            if kind == "killed" and hits and _LEAVING.search(before):
                return min(hits)[2]  # "leaving eight civilians injured": the word after says what
            return kind
    if not hits:
        return None
    _, end, kind = min(hits)
    if _EARLIER_YEAR.match(tail, end):
        return None  # "the remains of seven rebels killed in 2012": an old toll, not this event's
    return kind


_WINDOW_END = re.compile(r"[;]|,\s+(?:while|whereas|but)\b|\.\s")  # what a number's words run up to
_SURVIVORS = re.compile(r"(?i)(?:\s+[\w-]+){0,3}?\s+(?:(?:had|have|has)\s+)?survived\b")
_AGE = re.compile(r"(?i)(?:-|\s)?years?(?:-|\s)old\b")  # "37-year-old Olexandr": an age, not a count
_LEAVING = re.compile(r"(?i)\b(?:left|leaving)\s*(?:\w+\s+){0,2}$")
# "(including 3 officers)", ", including two officers," and the same aside left unclosed before its verb
_ASIDE = re.compile(
    r"\s*\([^()]*\)|,\s*(?:including|among\s+them)\s[^,;.()]{1,60}?(?:,|(?=\s+(?:were|was|had|have|are)\b))"
)


_KIND_REACH = 90  # characters after a number that may say what it counts


def _words_after(text: str, number: NumberMention, following: NumberMention | None, clause: Span) -> str:
    """The words after a number, asides left out (the first ``_KIND_REACH`` say what it counts).

    The window ends at the next number, unless that number sits in an aside
    ("21 rebels (including a battalion commander and 2 officers) were killed").
    """
    end = min(clause.end, number.span.end + 250)
    raw = text[number.span.end:end]
    asides = [m.span() for m in _ASIDE.finditer(raw)]
    if following is not None and following.span.start < end:
        at = following.span.start - number.span.end
        if not any(a <= at < b for a, b in asides):
            raw = raw[:at]
    return _ASIDE.sub("", raw)


def _spread_list_kinds(text: str, numbers: list[NumberMention], kinds: list[str | None]) -> None:
    """In "26 X, 5 Y and 4 Z dead" the last number's word applies to the whole list."""
    for index in range(len(numbers) - 2, -1, -1):
        if kinds[index] is None and kinds[index + 1] is not None and _listed(text, numbers[index], numbers[index + 1]):
            between = text[numbers[index].span.end:numbers[index + 1].span.start]
            if not _NOT_PEOPLE.match(between):
                kinds[index] = kinds[index + 1]


def _listed(text: str, first: NumberMention, second: NumberMention) -> bool:
    between = _ASIDE.sub("", text[first.span.end:second.span.start])
    return len(between) < 60 and re.search(r"(?:,|\band\b|\bas\s+well\s+as\b)\s*$", between) is not None \
        and not re.search(r"(?i)\b(?:killed|dead|wounded|injured|captured|were|was)\b", between)


def _is_subset(text: str, number: NumberMention, clause: Span) -> bool:
    """A part of a figure told elsewhere: "including 4 officers", "160 of those executed"."""
    return (_SUBSET.search(text, max(clause.start, number.span.start - 30), number.span.start) is not None
            or _SUBSET_AFTER.match(text, number.span.end, clause.end) is not None)


def _claim(text: str, group: list[NumberMention], kind: str, clause: Span, actors: list[ActorMention]) -> Claim:
    low = sum(n.low or 0 for n in group)
    high = sum(n.high if n.high is not None else (n.low or 0) for n in group)
    first, last = group[0], group[-1]
    source, stance = _source(text, clause, first)
    owner = _source_actor(text, clause, source, actors)
    breakdown: list[tuple[str | None, int, int]] = []
    for number in group:  # each figure of a list counts its own group ("17 Russian and 3 Ukrainian soldiers")
        own = owner if _SELF.match(text, number.span.end) else None  # "9 of its soldiers": the source's own
        named = _about(number, number, actors, text)
        name = own or (named.actor.name if named else None)
        breakdown.append((name, number.low or 0, number.high if number.high is not None else (number.low or 0)))
    about = _about(first, last, actors, text) if len(group) > 1 else None
    return Claim(
        kind=kind, low=low, high=high,
        about=about.actor.name if about else breakdown[0][0],
        about_side=about.actor.side if about else _side_of(breakdown[0][0], actors),
        source=source, stance=stance,
        evidence=tuple(n.span for n in group),
        approx=first.approx,
        parts=tuple(n.low or 0 for n in group) if len(group) > 1 else (),
        breakdown=tuple(breakdown),
        additional=_ADDITIONAL.search(text, max(clause.start, first.span.start - 20), first.span.start) is not None,
    )


def _side_of(name: str | None, actors: list[ActorMention]) -> int | None:
    return next((m.actor.side for m in actors if m.actor.name == name), None) if name else None


_SELF = re.compile(r"(?i)\s+of\s+(?:its|their|our|his)\b")


def _source_actor(text: str, clause: Span, source: str | None, actors: list[ActorMention]) -> str | None:
    """The actor a source speaks for ("the Russian Ministry of Defence" -> Russia), for "its soldiers"."""
    if not source:
        return None
    at = text.find(source, clause.start, clause.end)
    if at < 0:
        return None
    return next((m.actor.name for m in actors if at <= m.span.start < at + len(source)), None)


def _about(first: NumberMention, last: NumberMention, actors: list[ActorMention], text: str) -> ActorMention | None:
    """The group a figure counts: the actor named right after the first number."""
    for mention in actors:
        if first.span.end <= mention.span.start <= first.span.end + 40:
            return mention
    for mention in actors:
        if last.span.end <= mention.span.start <= last.span.end + 40:
            return mention
    return None


def _source(text: str, clause: Span, number: NumberMention) -> tuple[str | None, str]:
    """Who stated the figure, and how: the subject of the reporting verb before it."""
    sentence_before = text[clause.start:number.span.start]
    according = list(_ACCORDING.finditer(text, clause.start, clause.end))
    if according:
        return according[-1].group("source").strip(), "reported"
    verbs = list(_REPORT.finditer(sentence_before))
    if not verbs:
        return None, "reported"
    for position in range(len(verbs) - 1, -1, -1):
        head = sentence_before[: verbs[position].start()]
        if verbs[position].group("verb").lower() == "reportedly" or _PASSIVE_REPORT.search(head):
            continue  # "5 fighters were reportedly killed", "were reported killed": no one who says so
        start = 0
        for match in _CLAUSE_START.finditer(head):
            start = match.end()
        subject = re.sub(r"(?i)^(?:it\s+was|which|that|this)$", "", head[start:].strip(" ,"))
        if subject or position == 0:
            words = {v.group("verb").lower() for v in verbs[position:]}
            stance = "denied" if "denied" in words else \
                "confirmed" if words & {"confirmed", "acknowledged", "admitted"} else "reported"
            return (subject or None), stance
    return None, "reported"


def rollup(claims: list[Claim]) -> tuple[int | None, int | None, int | None]:
    """UCDP low/best/high deaths: disagreeing claims about one group give low and high;
    figures about different groups add up, and so do deaths of single named people.

    An event whose text counts its wounded and no dead reports no deaths: 0, as ACLED
    codes it ("a Turkish airstrike wounded five civilians"); the wounded claim is the
    evidence. With no casualty figure at all the deaths are unknown (None).
    """
    deaths = [c for c in claims if c.kind == "killed" and c.low is not None]
    if not deaths:
        if any(c.kind == "wounded" and c.low is not None for c in claims):
            return 0, 0, 0
        return None, None, None
    # Per claim, its figures summed by group; then per group the lowest and highest claim.
    groups: dict[str, list[tuple[int, int]]] = {}
    for number, claim in enumerate(deaths):
        if claim.person:  # one named death, or two ("a journalist and an ambulance driver")
            groups.setdefault(f"person:{number}", []).append((claim.low or 1, claim.high or claim.low or 1))
            continue
        if claim.additional:  # "with an additional 78 killed by airstrikes": more dead, not another count
            groups.setdefault(f"additional:{number}", []).append((claim.low or 0, claim.high or claim.low or 0))
            continue
        parts = claim.breakdown or ((claim.about, claim.low or 0, claim.high or claim.low or 0),)
        summed: dict[str, tuple[int, int]] = {}
        for name, part_low, part_high in parts:
            key = f"about:{name}"
            got = summed.get(key, (0, 0))
            summed[key] = (got[0] + part_low, got[1] + part_high)
        for key, value in summed.items():
            groups.setdefault(key, []).append(value)
    low = sum(min(v[0] for v in values) for values in groups.values())
    high = sum(max(v[1] for v in values) for values in groups.values())
    return low, low, high
