"""Resolving place names to coordinates with the article's own geography.

Three passes over the distinct names of a document (one sense per name and
document, so a name repeated fifty times is scored once):

1. focus: the countries of the article's infobox place and title, and of the
   names that are unambiguous on their own (a country, a city of 100,000+ whose
   name is exact), weighted by how often they occur;
2. a score per candidate: population (log), exact spelling over a skeleton-only
   match, country or admin-1 unit in focus (a candidate far outside the focus
   needs a large population), a type word ("Aleppo Governorate" wants the region);
3. proximity: each candidate gains by lying near the other places the article
   names (several Ukrainian villages share a name; the one among the story's
   other places wins), then the best candidate is kept if its score clears a bar.

``DocumentGeography`` then reads relations around each name (relations.py) and
answers ``locate(span)`` for the events stage: a place inside the clause, else a
named feature seen earlier, else the latest place of the same sentence or
paragraph, else the section heading's place, else the article's place.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from annals.document import Document, Span
from annals.geo.finder import AREA, DISTRICT, FEATURE, REGION, Toponym, find_toponyms, word_before
from annals.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    CONTINENT,
    COUNTRY,
    KIND_NAMES,
    SPELL_CHECKED,
    Gazetteer,
    Place,
)
from annals.geo.names import ARTICLES, fold, relational, single_letters, skeleton, strict_key, without_article
from annals.geo.relations import (
    NO_RELATION,
    Relation,
    compass_bearing,
    dash_road,
    destination,
    haversine_km,
    initial_bearing,
    is_front,
    joins_pair,
    midpoint,
    relation_before,
)
from annals.geo.words import (
    AREA_AFTER,
    COMMON_WORDS,
    DEMONYMS,
    DISTRICT_AFTER,
    DISTRICT_WORDS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    REGION_WORDS,
    TITLES,
    WATER_AFTER,
)
from annals.patterns import trie_pattern

ACCEPT = 5.0  # minimum score for a name found in running text
_KIND_PRIOR = {CITY: 0.0, ADMIN2: 0.5, ADMIN1: 1.0, COUNTRY: 2.0, CONTINENT: 1.0}
_CAPITAL_PRIOR = 1.0
_ALTERNATE_PRIOR = 0.5  # an exact alternate name (the main name gets 1)
_FAR_RELIEF = 1.0  # how fast a large population offsets lying outside the story's countries
_IN_NAMED_COUNTY = 2.5  # a town in an admin-2 unit another name may mean
_IN_NAMED_REGION = 1.5  # ... in an admin-1 unit
_HOLDS_NAMED_TOWN = 1.0  # a unit that holds a town another name may mean
_MAX_CANDIDATES = 40
_AREA_REACH_KM = 75.0  # how far "the countryside of" a town reaches
_INTRODUCED_SLACK_KM = 15.0  # how far off a stated distance a namesake may still be the place
_WIDE_PAIR_KM = 150.0  # a front or gap between towns this far apart is no finer than a region
_NEAR_CHECKED = 12  # candidates re-scored by proximity (best first)
_REGION_VOTES = 3  # names that must share a first-level region for it to gain _IN_NAMED_REGION
_NEAR_MAX = 3.0  # the largest proximity bonus (_closeness: 2.5 + 0.5)
_SIMILAR_TEXT = 0.75  # skeleton-only matches must be this close in spelling (running text)
_SIMILAR_GOLD = 0.5  # ... or this close when the span is known to be a place name
_COMMA_JOIN = r",\s*(?:and\s+|or\s+)?"  # "X, Y", "X, and Y"
_LIST_COMMA = re.compile(r"\s*" + _COMMA_JOIN)
_LIST_GAP = re.compile(r"\s*(?:" + _COMMA_JOIN + r"|and\s+|or\s+)")
_SAME_PLACE_KM = 1.0  # half a name ("Moskovskyi" of "Moskovskyi Bobryk") is a place only if also named alone
_WEAK_REACH_KM = 100.0  # a small town or a loose spelling must have a confident place this close
_VILLAGE = 5_000  # people: below this a town needs a neighbour named in the article
_VILLAGE_REACH_KM = 60.0
# A town abroad (under 100,000 people, or a city named by an alternate name), in a country
# the story is not told in and does not name in the same paragraph, must have a confident
# place this close; and, backed from so far, it backs no other.
_ABROAD_REACH_KM = 200.0
_HOME_SHARE = 0.4  # a story is told in one country when this share of its towns and regions lie there
# A name the text brings in as a settlement ("the village of Heish") that fits none of
# the SPELL_CHECKED most populous places of its skeleton is compared with this many:
# the village (GeoNames' Hish) sits far down a common skeleton's list.
_DEEP_CHECKED = 100
_SMALL_TOWN = 20_000  # people: below this a town needs a confident place within _WEAK_REACH_KM
# Before a country's name, the words that make it the place of an event ("in Syria").
_LOCATIVE = re.compile(
    r"\b(?:in|into|inside|within|across|throughout|over|to|at|entered|invaded|struck|crossed|bombed|shelled|attacked)"
    r"\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_DISTRICT_REACH_KM = 40.0
_DISTRICT_TOWN = 10_000  # people: a town this large may lie farther from its district's seat ...
_TOWN_DISTRICT_REACH_KM = 100.0  # ... up to this far (the raions merged in 2020 are large)
# A place named as where forces came from or went to ("advanced from X", "moved on to X, Y").
_FROM_TOWN = re.compile(
    r"\b(?:from|to|towards?|through)\s+(?:the\s+(?:town|city|village|direction)\s+of\s+)?"
    r"(?:[A-Z][\w'’-]+(?:\s+[\w'’-]+)?,\s+(?:and\s+)?)*\Z"
)
_THE_TOWN_OF = r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?\Z"  # what may stand between the words and the name
_UNIT_FROM = re.compile(
    r"\b(?:soldiers|troops|forces|fighters|militants|volunteers|mercenaries|conscripts|reservists|servicemen|men"
    r"|units?|detachments?|brigades?|battalions?|regiments?|divisions?|companies|company|squads?|convoys?"
    r"|reinforcements|prisoners?|activists?|journalists?|oppositionists?|refugees?|natives?)\s+from\s+" + _THE_TOWN_OF
    + r"|\bnatives?\s+of\s+" + _THE_TOWN_OF,
    re.IGNORECASE,
)
# "a brigade based in Aleysk", "(headquartered in Mykolaiv)": a unit's or group's home, not an event's place.
_HOME_BASE = re.compile(r"\b(?:based|headquartered|garrisoned)\s+(?:in|at)\s+" + _THE_TOWN_OF)
# "the governor of Sumy Oblast", "head of the administration for the Kyiv region", "Sloviansk
# Mayor ...": an official's seat, who speaks, not where the event happened.
_OFFICE_OF = re.compile(
    r"\b(?:governor|mayor|head|chief|administration|council)\s+(?:of|for)\s+(?:the\s+)?\Z", re.IGNORECASE
)
# "Sloviansk Mayor ...", "Kyiv said", "Ukrayinska Pravda* reported": a title or a speaker, not a place.
_SPEAKER_AFTER = re.compile(
    r"\W{0,2}\s+(?:[Gg]overnor|[Mm]ayor|reported|said|stated|claimed|announced|confirmed|denied|accused)\b"
)
_WATER_BEFORE = re.compile(r"\b(?:[Rr]iver|[Ll]ake)\s+\Z")  # "across the river Dnipro"
_ANY_WATER = re.compile(r"(?i)\b(?:" + "|".join(sorted(WATER_AFTER)) + r")\b")  # a text with none has no rivers
_THE_BEFORE = re.compile(r"\b[Tt]he\s+\Z")
# A name the text places by a stated distance: "Ma'ar Hattat, 10 kilometers south of X",
# "Khafsah (about 25 km east of X)"; the distance and bearing are the relation after it.
_INTRODUCED = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+(?:(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True))
    + r")-)?[A-Z][\w'’-]+){0,3})"
    r"(?:,\s+|\s+\(\s*)(?:(?:located|situated|lying|about|some|approximately|around|roughly|just|only"
    r"|which\s+is|that\s+is)\s+)*\Z"
)
_MAX_NAME_CHARS = 80  # no place name is longer: where to start looking for one over a span
# What says that the name before a stated distance is a settlement: "the village of X, ..."
_SETTLEMENT_BEFORE = re.compile(
    r"(?i)\b(?:village|town|city|settlement|hamlet|locality|suburb)s?\s+of\s+\Z"
    r"|\b(?:in|at|near|into|towards?|from|around|outside)\s+\Z"
)
# "the neighbourhoods of Aden, Zahra and ...": quarters of a town, often named after far cities
_QUARTERS_NOUN = r"(?i)\b(?:neighbou?rhoods|quarters|districts)\s+(?:of|such\s+as|including)\s+"
_QUARTERS_NOUN_AT = re.compile(_QUARTERS_NOUN)
# The nouns' endings, case-sensitive and without "\b": three times faster to scan a whole
# text for, then each hit is read again with the full pattern.
_QUARTERS_HINT = re.compile(r"(?:hoods|arters|tricts|HOODS|ARTERS|TRICTS)\s+(?i:of|such\s+as|including)\s+")
_QUARTERS_LISTED = re.compile(_QUARTERS_NOUN + r"(?:(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,?\s+(?:and\s+)?)*\Z")
_QUARTERS_REACH = 120  # how far before a name its list's noun may stand
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+\Z")
_NEARBY = re.compile(r"\bnearby\s+(?:(?:town|village|city|settlement|hamlet)s?\s+(?:of\s+)?)?\Z", re.IGNORECASE)
_VILLAGE_OF = re.compile(r"(?i)\bvillage\s+(?:of\s+)?\Z")  # singular: "the villages of Idlib" are its countryside
_CITY_POPULATION = 100_000  # a place "the village of X" names (or a list of far villages) is never this large
_NEARBY_REACH_KM = 60.0  # "Dmytrivka, Izium Raion": the village lies this close to the district's seat
_FOREIGN_ALIAS_POPULATION = 50_000
_SIDE_MIN_KM = 5.0  # closer than this, a stated side is not checked (the points are towns' centres)
_SIDE_TOLERANCE = 100.0  # degrees a place may lie off the stated direction from its anchor
_COMPASS_REACH_KM = 300.0  # "Baiji, north of Baghdad": 200 km
_COMPASS = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
# "X checkpoint north of Y", "X, 10 km east of Y", "X (which is 23 km northwest of Y)", "X in the
# countryside of Y": X is placed relative to Y.
_PLACED_BY = re.compile(
    r"\A\s*(?:(?:" + "|".join(sorted(FEATURE_WORDS | {"village", "town", "villages", "towns"})) + r")\s+)?"
    r"[,(]?\s*(?:(?:which\s+is|located|lying|situated)\s+)?(?:(?:about|some|around|roughly|approximately)\s+)?"
    r"(?P<km>\d+(?:\.\d+)?)?\s*(?:km|kilomet(?:er|re)s?|miles?)?\s*"
    rf"(?:(?P<compass>{_COMPASS})(?:\s+of)?|near|outside|close\s+to|on\s+the\s+outskirts\s+of|"
    rf"in\s+the\s+(?:{_COMPASS}\s+)?(?:{'|'.join(sorted(AREA_AFTER))})\s+of)\s+(?:the\s+(?:city|town|village)\s+of\s+)?\Z",
    re.IGNORECASE,
)
# "X army base at Y", "X checkpoint in Y": a feature of X stands in Y, so X lies near Y.
_FEATURE_AT = re.compile(
    r"\A\s*(?:[a-z]+\s+)?(?:" + "|".join(sorted(w + "s?" for w in FEATURE_WORDS)) + r")\s+(?:at|in)\s+(?:the\s+)?\Z"
)
# Verbs of leaving a place: "withdrew from X" happened at X, "advanced from X" did not.
_LEFT_FROM = re.compile(
    r"\b(?:withdr[ae]wn?|withdrawing|retreat(?:ed|ing)?|pull(?:ed|ing)\s+out|fled|fleeing|expelled|driven(?:\s+out)?"
    r"|evacuat(?:e|ed|ing|ion)|ousted|pushed(?:\s+back)?|escap(?:ed|ing|e)|departed|left|withdrawal|retreat|flight)"
    r"(?:\s+\w+){0,3}\s*\Z",
    re.IGNORECASE,
)
# A clause that dates the event by an earlier one ("after the fall of X and Y"): X is
# where that earlier event happened, not this one.
_EARLIER_EVENT = re.compile(
    r"\b(?i:after|following|since|before|until|amid|during)\s+(?i:the\s+)?(?:\w+\s+)?"
    r"(?i:fall|capture|loss|liberation|recapture|seizure|encirclement|siege|battles?)\s+(?:of|for)\s+"
    r"(?:the\s+(?:city|town|village)\s+of\s+)?(?:[A-Z][\w'’-]+(?:\s+[\w'’-]+)?,?\s+(?:and\s+)?)?\Z"
)
# "15 km from Lyman": a position, not where forces set out from
# "guns firing in the direction of Snihurivka": where the fire went, not where the guns were
_ROUTE_TO = re.compile(r"\b(?:route|road|highway|supply\s+line|line)\s+(?:to|into)\s+(?:the\s+city\s+of\s+)?\Z")
_AXIS_AFTER = re.compile(r"\s+(?:axis|axes|direction|directions)\b")  # "along the Kyiv axis": a heading
_INCLUDING = re.compile(r"\b(?:including|notably|especially)\s+(?:in\s+|at\s+)?\Z")
# A sentence that opens with a clause setting the scene, after an optional date or place
# ("On 25 February, amid ..."; "In Hama, after ...": a place there counts only when the
# main clause names no town, see DocumentGeography.action_part).
_SCENE_OPENER = re.compile(
    r"(?:(?:On|By|In|From|Between|Until)\s+[^,]{1,40},\s+)?"
    r"(?i:amid|amidst|following|after|when|despite|having|upon)\b"  # not "while" or "as": two actions
)
_SCENE_GOES_ON = re.compile(r"(?i:and\s+)?(?i:amid|amidst|following|after|when|while|as|during|despite)\b")
# "..., Hish and", "..., the northern province of Idlib and", "..., and in the southern area of Daraa"
_LIST_GOES_ON = re.compile(
    r"(?:(?:and|or)\s+)?(?:in\s+)?(?:the\s+(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:towns?|villages?|city|province|governorate|area|region|district|countryside|outskirts)\s+of\s+)?\Z"
)
_LIST_NEXT = re.compile(r",|\s+(?:and|or)\s")
_IN_THE_DIRECTION = re.compile(r"\b(?i:in\s+the\s+direction\s+of)\s+\Z")
# "attacking from the Stryapivka and Volodymyrivka directions": where an attack came from
_NAME_WORDS = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
_FROM_THE = re.compile(rf"\b(?i:from)\s+the\s+(?:{_NAME_WORDS}\s+and\s+)?\Z")
_DIRECTIONS_AFTER = re.compile(rf"(?:\s+and\s+{_NAME_WORDS})?\s+directions?\b")
_DISTANCE = re.compile(r"(?i)\b(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?)\s+(?:away\s+)?\Z")
# Words after which a capitalised word is a place ("in X", "the village of X", "X and Y").
_PLACE_FOLLOWS = frozenset([
    "the", "in", "into", "inside", "at", "near", "from", "to", "towards", "toward", "of", "on", "around", "outside",
    "through", "via", "across", "between", "over", "and", "or", "village", "town", "city", "villages", "towns",
    "cities", "settlement", "captured", "recaptured", "seized", "took", "retook", "entered", "reached", "liberated",
    "stormed", "shelled", "besieged", "encircled", "surrounded", "bombed", "struck", "hit", "attacked", "held",
    "capturing", "recapturing", "seizing", "taking", "retaking", "entering", "reaching", "liberating", "storming",
    "shelling", "besieging", "encircling", "surrounding", "bombing", "striking", "hitting", "attacking", "holding",
])
# Between a part and the place it is part of: "the Desna region of Chernihiv".
_PART_OF = re.compile(
    r"\s+(?P<unit>neighbou?rhood|district|raion|area|region|quarter|sector|suburb|countryside)\s+of\s+"
    r"(?:the\s+(?:city|town|province|governorate)\s+of\s+)?",
    re.IGNORECASE,
)
_REGION_NEXT = re.compile(r"\s+(?:province|governorate|oblast|region|raion|district)\b", re.IGNORECASE)
_PART_REACH_KM = 30.0  # a part named as lying in a town lies this close to it
# Words that send people away to a country, not to where the event happens: "forced to return to Russia".
_WENT_BACK = re.compile(
    r"\b(?:return(?:ed|ing|s)?|back|fled|flee(?:ing|s)?|escaped|retreat(?:ed|ing)?|withdr[ae]wn?|withdrawing"
    r"|deport(?:ed|ing)?|repatriat(?:ed|ing)|extradit(?:ed|ing)|evacuated)\s+(?:\w+\s+)?to\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
# Where forces were heading, not where they were: "towards X", "a route to X", "a drive on X".
_TOWARDS = re.compile(
    r"\b(?:towards?|(?:route|road|way|march|drive|push|advance)\s+(?:to|on))\s+"
    r"(?:the\s+(?:city|town|village)\s+of\s+)?\Z"
)
# "the cruiser Moskva", "landing ship Caesar Kunikov", "the tug Vasily Bekh": a vessel's name
_NAVY_PREFIXES = "USS|USNS|HMS|HMAS|HMCS|RFS|INS|TCG"
_VESSEL_WORDS = (
    "cruiser battleship warship frigate destroyer corvette submarine flagship ship vessel tanker tug tugboat"
    " icebreaker trawler minesweeper gunboat carrier craft"
)
_VESSEL_BEFORE = frozenset([*_VESSEL_WORDS.split(), *_NAVY_PREFIXES.split("|")])  # the word right before a name
_VESSEL_PREFIX = re.compile(rf"(?:{_NAVY_PREFIXES})\s")  # "USS San Antonio" found whole
# A Markdown or wikitext italic run (bold too: a superset is enough for a prefilter, and a
# lookbehind for "**" would slow the scan of every Markdown file fourfold)
_ITALIC_RUN = re.compile(r"\*[^*\n]{1,200}\*|''[^\n]{1,200}?''")
_WORD = re.compile(r"\w+")
_ITALICS_BEFORE = re.compile(r"(?<!')''\Z")  # italics, not bold, right before a link
_ITALICS_AFTER = re.compile(r"''(?!')")
_HATNOTE = " article"  # "Main article: Houla massacre": a note, not a town "Main"
_HATNOTE_AFTER = re.compile(_HATNOTE + r"s?:")
_RIVER_END = re.compile(r"(?i)\brivers?\Z")
_BUT_BEFORE = re.compile(r",?\s+but\s+\Z")
_CLAUSE_JOINT = re.compile(r";|\band\b|\bthen\b|,\s+while\b")  # where the clause before a "but" may begin
# "the town", "this village": a settlement just told of ("the city" mostly means the larger
# reference town, and "the village of X" names another)
_THIS_TOWN = re.compile(r"\b(?:[Tt]he|[Tt]his)\s+(?:village|town|settlement)\b(?!\s+of\b)")
_JUST_BEFORE = re.compile(r",?\s{1,2}")  # "Motyzhyn near Makariv", "Khalidiyah, west of Khan Tuman"
# "the city", "the town" standing for the article's own place (not "the town of X").
_THE_TOWN = re.compile(r"\b[Tt]he\s+(?:city|town|settlement)\b(?!\s+of\b|'s\s+\w+\s+of\b)")
# "the village" referring back to a village just named (not "the village of X").
_THE_VILLAGE = re.compile(r"\b[Tt]he\s+(?:village|hamlet)\b(?!\s+of\b)")
# "the nearby villages of Maarshurin and Hish": places the text calls villages
_VILLAGES_OF = re.compile(r"\b(?:village|hamlet)s?\s+of\s+(?:(?:[a-z]{1,3}-)?[A-Z][\w'’-]*,?\s+(?:and\s+)?)*\Z")
_TITLE_END = re.compile(r"\s*(?:\([^)]*\d[^)]*\)\s*)?\Z")  # nothing, or dates in brackets: "(2022)"
# The place an article's title is about: "Siege of Amirli", "Battle of Dovhenke (2022)", or
# "2022 Chornobaivka attacks" (a place's name before a plural noun of strikes told there)
_TITLE_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
_SUBJECT = re.compile(
    r"(?:\bof\s+(?:the\s+)?"
    rf"|(?:\A|\d\s+)(?={_TITLE_NAME}\s+(?:attacks|airstrikes|strikes|bombings|shelling)\s*\Z))"
    rf"(?P<name>{_TITLE_NAME})"
)


_FEATURE_HEADS = trie_pattern(FEATURE_WORDS - {"district", "quarter", "plain", "gate"})
# A named feature: capitalised or numbered words, up to two lower-case modifiers,
# then a feature noun ("T-3 Pumping Station", "the T3 pumping station", "Tabqa Dam").
# A name with no letter is none: "2,400 square kilometres" names no square "400"; nor does a
# name start inside a number ("2,000 Azovstal plant workers" is the Azovstal plant).
_FEATURE = re.compile(
    rf"(?<![\w'’-])(?<!\d[,.])(?P<name>[A-Z0-9][\w'’-]*(?:[ \t]+[A-Z0-9][\w'’-]*){{0,3}}(?:[ \t]+[a-z]+){{0,2}})"
    rf"[ \t]+(?P<head>(?i:{_FEATURE_HEADS}))s?\b"
)
# Head nouns alone, on lower-cased text where that keeps offsets.
_FEATURE_HEAD = re.compile(rf"[ \t](?:{_FEATURE_HEADS})s?\b")  # the blank, then the head
_FEATURE_HEAD_ANY_CASE = re.compile(_FEATURE_HEAD.pattern, re.IGNORECASE)
_FEATURE_REACH = 200  # characters from a feature's first word to its head noun, at most
# Nouns of an airfield, and how far back its name may start ("the Abu al-Duhur military airbase").
# On lower-case text; a literal first letter lets the scan skip ahead (ten times faster than a
# leading \b), so a match inside a word is dropped by the caller.
_AIRFIELD_NOUN = re.compile(r"a(?:ir(?:[ -]?force[ -]base|[ -]?base|port|[ -]?field|strip)|erodrome)s?\b")
_AIRFIELD_NOUN_ANY_CASE = re.compile(_AIRFIELD_NOUN.pattern, re.IGNORECASE)
_AIRFIELD_NAME_CHARS = 60
# A town that names one end of a road ("the Damascus–Aleppo highway") is not where the story is.
_ROAD_END = re.compile(r"[–-][A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:highway|road|motorway|railway)\b")
_ROAD_START = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?[–-]\Z")
_BACK_MATTER = re.compile(r"(?i)(?:see also|references|notes|external links|further reading|bibliography)\b")
_AIRFIELD_REACH_KM = 150.0  # an airfield is kept only this close to a town the story names
_AIRFIELD_EXACT_REACH_KM = 400.0  # ... or this close when its name is spelt exactly
_AIRFIELD_NAME_WORD = re.compile(r"[\w'’-]+")
# Words between a name and its airfield noun that describe the field: "Kuweires military airport".
_AIRFIELD_DESCRIBERS = frozenset(["military", "international", "army", "civil", "civilian", "main", "former", "old"])
# "the airbase", "the military airport": a field named before ("the airbase of X" names its own)
_THE_AIRFIELD = re.compile(r"(?i)\bthe\s+(?:(?:military|main|strategic|nearby)\s+)?\Z")
# "the airbase of Taftanaz", "the military airbase at Kherson International Airport" (not "in April")
_NAME_FOLLOWS = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?[A-Z]")
_BLANKS_AND_DESCRIBERS = re.compile(r"(?i)(?:\s+(?:" + "|".join(sorted(_AIRFIELD_DESCRIBERS)) + r"))*\s+")
_ARTICLE_PREFIX = re.compile(r"\A(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")-[A-Z]")


@dataclass(frozen=True)
class Location:
    """Where an event happened, in the shape of ACLED's location columns."""

    name: str
    latitude: float
    longitude: float
    admin1: str
    country: str
    iso: int
    geo_precision: int
    evidence: tuple[Span, ...]
    geonameid: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "latitude": round(self.latitude, 5),
            "longitude": round(self.longitude, 5),
            "admin1": self.admin1,
            "country": self.country,
            "iso": self.iso,
            "geo_precision": self.geo_precision,
            "geonameid": self.geonameid,
            "evidence": [span.to_dict() for span in self.evidence],
        }


@dataclass(frozen=True)
class PlaceMention:
    """A resolved place name in ``doc.text`` with the relation the text puts on it."""

    span: Span  # the name itself
    name: str
    place: Place
    relation: str  # "", "near", "southeast of", "outskirts", "between", "front", "feature", ...
    precision: int  # ACLED geo_precision for an event at this mention
    evidence: Span  # the name with its relation words ("southeast of Palmyra")
    latitude: float  # the place, or the point a stated distance and bearing away
    longitude: float


@dataclass(frozen=True)
class _Group:
    """One location the text gives: a mention, or two mentions joined (front, between)."""

    location: Location
    start: int
    end: int
    kind_rank: int
    aside: bool = False  # "advanced from X towards Y", "after the fall of X": not where this happened
    airfield: bool = False  # an air base or airport, not a town
    around: bool = False  # "the southern Aleppo countryside": the land around a town, not the town
    river: bool = False  # "crossed the Siverskyi Donets River": a line across the land, not a place
    wide: bool = False  # "the Damascus–Aleppo highway": a line so long its middle is no fallback
    placing: bool = False  # "near Makariv", "west of Khan Tuman": a reference point for a place named before
    border_of_countries: tuple[str, ...] = ()  # "the Syria–Turkey border": the two countries
    countryside: bool = False  # "the countryside of Homs": a finer town named with it is the place


@dataclass
class _Name:
    """The distinct names of a document, scored once each."""

    surface: str
    key: str
    ids: tuple[int, ...]
    region: bool
    partial: bool
    code: bool
    count: int = 0
    candidates: list[tuple[int, float]] = field(default_factory=list)  # (place, base score)
    choice: int = -1
    score: float = -math.inf
    deep: frozenset[int] = frozenset()  # loose matches found past SPELL_CHECKED (Geocoder._deep_candidates)


_SPAN_WORD = re.compile(r"[\w'’.-]+")
# Unions of countries named as places stand for their continent (GeoNames has no
# feature for them); only for spans known to be places, never in running text.
_UNION_CONTINENTS = {"eu": "europe", "europeanunion": "europe"}

# Adjective endings and what they replace in the country name (Russian -> Russia,
# Chinese -> China, Turkish -> Turkey, Iraqi -> Iraq); irregular ones listed.
_DEMONYM_RULES = (
    ("n", ""),
    ("an", ""),
    ("an", "a"),
    ("ian", ""),
    ("ian", "ia"),
    ("ian", "a"),
    ("ian", "e"),
    ("ian", "y"),
    ("ean", "e"),
    ("ese", ""),
    ("ese", "a"),
    ("ese", "e"),
    ("ese", "on"),
    ("ish", ""),
    ("ish", "ey"),
    ("ish", "y"),
    ("ish", "ia"),
    ("i", ""),
    ("ic", "y"),
    ("ic", "ia"),
    ("ine", "ina"),
    ("an", "o"),
    ("", "y"),
    ("", "s"),  # Philippine
)
_IRREGULAR_DEMONYMS = {
    "british": "Britain",
    "english": "England",
    "scottish": "Scotland",
    "scots": "Scotland",
    "welsh": "Wales",
    "french": "France",
    "dutch": "Netherlands",
    "swiss": "Switzerland",
    "greek": "Greece",
    "spanish": "Spain",
    "danish": "Denmark",
    "swedish": "Sweden",
    "finnish": "Finland",
    "polish": "Poland",
    "irish": "Ireland",
    "filipino": "Philippines",
    "thai": "Thailand",
    "afghan": "Afghanistan",
    "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates",
    "kiwi": "New Zealand",
    "czech": "Czechia",
    "slovak": "Slovakia",
    "icelandic": "Iceland",
    "cypriot": "Cyprus",
    "malagasy": "Madagascar",
    "peruvian": "Peru",
    "somali": "Somalia",
    "yemeni": "Yemen",
    "omani": "Oman",
    "lao": "Laos",
    "uzbek": "Uzbekistan",
    "kazakh": "Kazakhstan",
    "tajik": "Tajikistan",
    "turkmen": "Turkmenistan",
    "kyrgyz": "Kyrgyzstan",
}


class Geocoder:
    """The gazetteer plus the resolver; build once, use for many documents."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._large_units: dict[str, int] = {}  # strict name -> country or continent
        for p in (row[3] for row in gazetteer.countries):
            if p >= 0:
                for name in gazetteer.strict[p].split("|"):
                    self._large_units.setdefault(name, p)
        for p in range(len(gazetteer) - 1, -1, -1):
            if gazetteer.kind[p] != CONTINENT:
                break
            for name in gazetteer.strict[p].split("|"):
                self._large_units.setdefault(name, p)
        self._large_units.pop("", None)
        codes = {row[0]: i for i, row in enumerate(gazetteer.countries)}
        self._neighbours = [
            frozenset(codes[c] for c in row[4].split(",") if c in codes) for row in gazetteer.countries
        ]
        self._units: dict[int, tuple[int, ...]] = {}  # memo of _units_of
        self._pools: dict[tuple[str, bool, float], list[tuple[int, float]]] = {}
        self._deep_pools: dict[tuple[str, bool, float], list[tuple[int, float]]] = {}  # memo of _deep_candidates
        self._single: dict[int, str] = {}  # memo: a place's names with doubled letters written once

    def demonym(self, word: str) -> int:
        """The country (or continent) a nationality word refers to, or -1.

        Used only for spans known to be toponyms: in running text "Russian forces"
        says who, not where.
        """
        lower = fold(word).replace(" ", "")
        if lower.endswith("s") and not lower.endswith(("ss", "ese")):
            lower = lower[:-1]  # "Palestinians"
        irregular = _IRREGULAR_DEMONYMS.get(lower)
        if irregular is not None:
            found = self._large_units.get(strict_key(irregular))
            return found if found is not None else self._unit_named(irregular)
        if len(lower) < 4:
            return -1
        for suffix, replacement in _DEMONYM_RULES:
            if lower.endswith(suffix):
                found = self._large_units.get(lower[: len(lower) - len(suffix)] + replacement)
                if found is not None:
                    return found
        return -1

    def _unit_named(self, name: str) -> int:
        """The most populous region or larger unit whose name is exactly ``name`` (-1 if none):
        "English" is England, a first-level unit of the United Kingdom."""
        gaz = self.gazetteer
        probe = strict_key(name)
        units = [p for p in gaz.candidates(skeleton(name)) if gaz.kind[p] >= ADMIN1 and gaz.exactness(p, probe)]
        return max(units, key=lambda p: gaz.population[p], default=-1)

    @classmethod
    def load(cls) -> Geocoder:
        """Load the cached gazetteer (compiled on first use, offline)."""
        return cls(Gazetteer.load())

    def for_document(self, doc: Document, exclude: Sequence[Span] = ()) -> DocumentGeography:
        """Find and resolve every place in ``doc.text``; ``exclude`` holds spans that are
        names of something else (an actor such as "Islamic State of Iraq and Syria")."""
        return DocumentGeography(self, doc, exclude)

    def resolve_spans(self, text: str, spans: Sequence[Span]) -> list[Place | None]:
        """Resolve spans already known to be place names (gold toponyms, a UI selection).

        No finding, no acceptance bar: each span gets its best candidate, chosen with
        the other spans as context. ``None`` where no gazetteer name fits.
        """
        tops = [self._toponym(text, span) for span in spans]
        chosen = self.resolve(tops, threshold=None, similar=_SIMILAR_GOLD)
        return [self.gazetteer.place(p) if p >= 0 else None for p in chosen]

    def _toponym(self, text: str, span: Span) -> Toponym:
        gaz = self.gazetteer
        surface = text[span.start : span.end].strip()
        for prefix in ("the ", "The "):
            if surface.startswith(prefix):
                surface = surface[len(prefix) :]
        if surface.endswith(("'s", "’s")):
            surface = surface[:-2]
        start = span.start + max(0, text.find(surface, span.start, span.end) - span.start)
        code = gaz.codes.get(surface)
        if code is None and strict_key(surface) in _UNION_CONTINENTS:
            code = self._large_units.get(_UNION_CONTINENTS[strict_key(surface)])
        if code is None and surface[:1].isupper() and self._large_units.get(strict_key(surface)) is None:
            found = self.demonym(surface)
            code = found if found >= 0 else None
        if code is not None:
            return Toponym(start, start + len(surface), surface, (code,), "", start + len(surface), False, True)
        ids = gaz.candidates(skeleton(surface))
        suffix = ""
        words = surface.split()
        if not ids and len(words) > 1 and words[-1].lower() in REGION_WORDS | DISTRICT_WORDS:
            suffix = REGION if words[-1].lower() in REGION_WORDS else DISTRICT
            surface = " ".join(words[:-1])
            ids = gaz.candidates(skeleton(surface))
        if not ids and len(words) > 1:
            inner = self._inner_name(text, start, start + len(surface))
            if inner is not None:
                return inner
        end = start + len(surface)
        return Toponym(start, end, surface, ids, suffix, end, False, False)

    def _inner_name(self, text: str, start: int, end: int) -> Toponym | None:
        """The longest place name inside a span the gazetteer does not know as a whole.

        "Dubai World Cup" or "University of Louisville", given as a place, is where
        the place name inside it is; single common words ("World") do not count.
        """
        gaz = self.gazetteer
        words = [(m.start(), m.end()) for m in _SPAN_WORD.finditer(text, start, end)]
        for size in range(len(words) - 1, 0, -1):
            for first in range(len(words) - size + 1):
                a, b = words[first][0], words[first + size - 1][1]
                piece = text[a:b]
                if not piece[:1].isupper() or (size == 1 and piece.lower() in COMMON_WORDS):
                    continue
                ids = gaz.candidates(skeleton(piece))
                if gaz.spelt_as(ids, piece):
                    return Toponym(a, b, piece, ids, "", b, False, False)
        return None

    # -- resolution core --------------------------------------------------------

    def resolve(
        self,
        toponyms: Sequence[Toponym],
        *,
        seeds: Iterable[int] = (),
        threshold: float | None = ACCEPT,
        similar: float = _SIMILAR_TEXT,
        ruled_out: frozenset[tuple[str, int]] = frozenset(),
        introduced: Callable[[int], bool] | None = None,
        paragraph: Callable[[int], int] | None = None,
    ) -> list[int]:
        """The chosen place id per toponym (-1 if none clears ``threshold``).

        ``seeds`` are places known from outside the text (the infobox place): they
        set the focus and count as neighbours for proximity. ``threshold=None``
        accepts the best candidate whatever its score (for spans known to be places).
        ``ruled_out`` holds (skeleton, place) pairs the text contradicts: that name
        is not that place, so the place backs none of the article's weak names.
        ``introduced(start)`` says whether the text brings the name at ``start`` in as a
        settlement ("the village of X", "near X"): only a name brought in so somewhere is
        sought past the most populous places of its skeleton. ``paragraph(start)`` numbers the
        paragraph a name is in: a town abroad stands when its country is named in the same
        one (without it, anywhere in the text).
        """
        gaz = self.gazetteer
        names: dict[tuple[str, bool], _Name] = {}
        order: list[tuple[str, bool]] = []
        for top in toponyms:
            key = (top.surface if top.code else skeleton(top.surface), top.suffix == REGION)
            entry = names.get(key)
            if entry is None:
                entry = _Name(top.surface, key[0], top.ids, key[1], top.partial, top.code)
                names[key] = entry
            entry.count += 1
            entry.partial = entry.partial and top.partial
            order.append(key)
        for entry in names.values():
            self._candidates(entry, similar)
        order = self._split_spellings(names, order, toponyms, similar)
        seed_list = [s for s in seeds if s >= 0]
        for entry in names.values():
            if ruled_out:  # neither chosen nor a neighbour for proximity; the next namesake may stand
                skeleton_key = entry.key.partition("|")[0]  # a spelling split off keeps its skeleton's
                entry.candidates = [(p, e) for p, e in entry.candidates if (skeleton_key, p) not in ruled_out]
        _drop_named_in_full(names.values(), gaz)
        weights, own = self._focus(names.values(), seed_list)
        where: defaultdict[str, list[int]] = defaultdict(list)  # where each name (entry key) is written
        if introduced is not None or threshold is not None:  # read by the deep search and _lonely only
            for key, top in zip(order, toponyms, strict=True):
                where[key[0]].append(top.start)
        # after the focus: candidates sought so deep vouch for no country
        if introduced is not None:
            homes = {gaz.country[s] for s in seed_list}
            starts: defaultdict[str, list[int]] = defaultdict(list)  # where each skeleton is named
            for name_key, offsets in where.items():
                starts[name_key.partition("|")[0]].extend(offsets)
            for entry in names.values():
                skeleton_key = entry.key.partition("|")[0]
                if self._worth_seeking_deep(entry, homes) and any(introduced(at) for at in starts[skeleton_key]):
                    self._deep_candidates(entry, similar, homes, ruled_out)
        focus_without: dict[tuple[int, int] | None, dict[int, float]] = {None: _normalise(weights)}
        for entry in names.values():
            mine = own.get(entry.key)
            if mine is not None and mine not in focus_without:
                rest = dict(weights)
                rest[mine[0]] -= mine[1]
                focus_without[mine] = _normalise(rest)
            focus = focus_without[mine]
            entry.candidates = [(p, self._base_score(entry, p, e, focus)) for p, e in entry.candidates]
            entry.candidates.sort(key=lambda item: -item[1])
            del entry.candidates[_MAX_CANDIDATES:]
        self._favour_shared_region(names.values(), seed_list)
        self._containment(names.values(), seed_list)
        for entry in names.values():
            _choose(entry, {})
        # Proximity: points of the other confident names (and the seeds).
        previous: list[tuple[str, float, float]] = []
        for _ in range(2):
            anchors: list[tuple[str, float, float]] = [
                ("", gaz.lat[s], gaz.lon[s]) for s in seed_list if gaz.kind[s] == CITY
            ]
            for entry in names.values():
                if entry.choice >= 0 and entry.score >= ACCEPT and gaz.kind[entry.choice] == CITY:
                    anchors.append((entry.key, gaz.lat[entry.choice], gaz.lon[entry.choice]))
            if not anchors or anchors == previous:
                break  # no anchors, or the same as last round: the same bonuses again
            previous = anchors
            # Each anchor is listed under every 1-degree cell within two cells of its
            # own, so a candidate reads one list: the anchors within about 200 km.
            own_cell: _Anchors = defaultdict(list)
            for anchor in anchors:
                own_cell[(math.floor(anchor[1]), math.floor(anchor[2]))].append(anchor)
            cells: _Anchors = defaultdict(list)
            for (row, col), members in own_cell.items():  # anchors cluster: few cells
                for r in range(row - 2, row + 3):
                    for c in range(col - 2, col + 3):
                        cells[(r, c)].extend(members)
            for entry in names.values():
                if not entry.candidates:
                    continue
                # Candidates come best first and closeness adds at most _NEAR_MAX: once
                # a candidate's base score plus that cannot beat the best total so far,
                # neither can any after it (the choice is the same as scoring all).
                bonus: dict[int, float] = {}
                best = -math.inf
                for p, base in entry.candidates[:_NEAR_CHECKED]:
                    if base + _NEAR_MAX <= best:
                        break
                    near = _closeness(gaz.lat[p], gaz.lon[p], entry.key, cells)
                    bonus[p] = near
                    best = max(best, base + near)
                _choose(entry, bonus)
        lonely = self._lonely(names.values(), seed_list, where, paragraph) if threshold is not None else set()
        out: list[int] = []
        for key in order:
            entry = names[key]
            ok = entry.choice >= 0 and (threshold is None or entry.score >= threshold) and entry.key not in lonely
            out.append(entry.choice if ok else -1)
        return out

    def _favour_shared_region(self, names: Iterable[_Name], seeds: list[int]) -> None:
        """Favour the candidates of the one first-level region most of the text's names can
        lie in ("Richland", "Columbus" and "Colfax County" all have one in Nebraska, and no
        other state holds all three): names told together lie together. It stands in for an
        infobox place, so a text that has one is left to it (a story may span two regions, and
        its Lyman is the town of the next region, not a village of the infobox's). Only a clear
        winner counts: at least _REGION_VOTES names, half as many again as any other region."""
        if seeds:
            return
        gaz = self.gazetteer
        admin1 = gaz.admin1
        entries = [e for e in names if e.candidates and not e.partial]
        if len(entries) < _REGION_VOTES:
            return
        votes: dict[int, int] = {}
        for entry in entries:
            for unit in {admin1[p] for p, _ in entry.candidates[:_NEAR_CHECKED]}:
                votes[unit] = votes.get(unit, 0) + 1
        votes.pop(-1, None)
        ranked = heapq.nlargest(2, votes.items(), key=lambda item: item[1])
        if not ranked or ranked[0][1] < _REGION_VOTES or (len(ranked) > 1 and 2 * ranked[0][1] < 3 * ranked[1][1]):
            return
        region = ranked[0][0]
        for entry in entries:
            best = entry.candidates[0][0]
            if gaz.kind[best] > ADMIN2 or best in gaz.capitals or len(entry.candidates) < 2:
                continue  # "Italy" is the country and "Washington" the capital, not towns of the region
            voters = entry.candidates[:_NEAR_CHECKED]  # only the candidates that voted gain
            if any(admin1[p] == region for p, _ in voters):
                entry.candidates = sorted(
                    [(p, score + (_IN_NAMED_REGION if admin1[p] == region else 0.0)) for p, score in voters]
                    + entry.candidates[_NEAR_CHECKED:],
                    key=lambda item: -item[1],
                )

    def _lonely(self, names: Iterable[_Name], seeds: list[int], where: dict[str, list[int]],
                paragraph: Callable[[int], int] | None) -> set[str]:
        """Weak names whose town lies far from the article's other places.

        Half of a longer name matching some town ("Rasm" of "Rasm Al-Nafal", "Moskovskyi"
        of the village Moskovskyi Bobryk) names another place: it stands only when the
        article also names that town on its own. A village (under
        5,000 people) must lie within ~60 km of a town the article names (or, when it
        names no town at all, in a region it names), and a small town (under 20,000)
        within ~100 km: villages
        share names, and the namesake in the story's area is often missing from the
        gazetteer while a far one is not. A weak name backs another only once it is
        itself backed, so far namesakes that happen to lie together (the gazetteer's
        Lukashivka and Sloboda, 200 km from a story told around Chernihiv) do not
        back each other. In a story told in one country, a town abroad (``_abroad``)
        needs a confident place within _ABROAD_REACH_KM and, once backed, backs no other.
        """
        gaz = self.gazetteer
        entries = list(names)
        confident = [e for e in entries if e.choice >= 0 and e.score >= ACCEPT]
        placed = [e for e in confident if not e.partial and gaz.kind[e.choice] in (CITY, ADMIN1)]
        home = gaz.country[seeds[0]] if seeds else self._most_named_country(confident)
        anchors = [(gaz.lat[s], gaz.lon[s], "") for s in seeds if gaz.kind[s] in (CITY, ADMIN1)]
        several = len(placed) + len(anchors) > 1
        regions: set[int] = set()
        if not any(gaz.kind[e.choice] == CITY and gaz.population[e.choice] >= _VILLAGE for e in placed):
            # no town to measure from: a region the article names vouches for its villages
            regions = {s for s in seeds if gaz.kind[s] == ADMIN1}
            regions |= {e.choice for e in confident if gaz.kind[e.choice] == ADMIN1}
        abroad = self._abroad(entries, confident, placed, seeds, home, where, paragraph)
        weak = {
            e.key: reach for e in entries
            if (reach := self._reach_needed(e, seeds, regions, home, several, e.key in abroad))
        }
        anchors += [(gaz.lat[e.choice], gaz.lon[e.choice], e.key) for e in placed if e.key not in weak]
        pending = [e for e in entries if e.key in weak]
        while pending:
            anchors.sort()
            latitudes = [anchor[0] for anchor in anchors]
            backed: list[_Name] = []
            for entry in pending:
                lat, lon, reach = gaz.lat[entry.choice], gaz.lon[entry.choice], weak[entry.key]
                degrees = reach / 110.0  # only the band of latitudes within reach is measured
                low, high = bisect.bisect_left(latitudes, lat - degrees), bisect.bisect_right(latitudes, lat + degrees)
                if any(key != entry.key and haversine_km(lat, lon, a, b) < reach for a, b, key in anchors[low:high]):
                    backed.append(entry)
            if not backed:
                break
            done = {e.key for e in backed}
            pending = [e for e in pending if e.key not in done]
            # a town abroad, backed from as far as _ABROAD_REACH_KM, backs no other
            anchors += [(gaz.lat[e.choice], gaz.lon[e.choice], e.key) for e in backed
                        if not e.partial and weak[e.key] < _ABROAD_REACH_KM]
        return {e.key for e in pending}

    def _reach_needed(self, entry: _Name, seeds: list[int], regions: set[int], home: int | None,
                      several: bool, abroad: bool) -> float:
        """How close a confident place must lie to back ``entry`` (0: it needs none)."""
        gaz = self.gazetteer
        p = entry.choice
        if p >= 0 and gaz.kind[p] == ADMIN1 and p not in seeds and home is not None and gaz.country[p] != home \
                and self._loose(entry, home):
            return _SAME_PLACE_KM  # "Opening" (a heading) is not Penang: a loose spelling of a region abroad
        if p < 0 or gaz.kind[p] != CITY or p in seeds:
            return 0.0
        if entry.partial:
            return _SAME_PLACE_KM
        if p in entry.deep:
            return _VILLAGE_REACH_KM
        if not several:
            return 0.0
        if 0 < gaz.population[p] < _VILLAGE:  # 0: size unknown
            return 0.0 if not regions.isdisjoint(self._units_of(p)) else _VILLAGE_REACH_KM
        if 0 < gaz.population[p] < _SMALL_TOWN:
            return _WEAK_REACH_KM
        if self._foreign_alias(entry, home):
            return _VILLAGE_REACH_KM  # "Khalsah" (a Syrian village) is not Qiryat Shmona's old name
        if self._loose(entry, home):
            return _WEAK_REACH_KM  # "Kocho" (a Yazidi village) is not Hanoi's old "Kẻ Chợ"
        if abroad and (gaz.population[p] < _CITY_POPULATION or gaz.exactness(p, strict_key(entry.surface)) < 2):
            return _ABROAD_REACH_KM  # in Syria, "Maghar" is no Israeli town, "Al-Zir" not Algiers' Bosnian "Alžir"
        return 0.0

    def _abroad(self, entries: list[_Name], confident: list[_Name], placed: list[_Name], seeds: list[int],
                home: int | None, where: dict[str, list[int]],
                paragraph: Callable[[int], int] | None) -> set[str]:
        """Names whose town lies in a country the story is not told in (a seed's, or the one
        it names most) and does not name beside it (in the paragraph; anywhere without
        ``paragraph``). Empty when the story is not told in one country: fewer than
        _HOME_SHARE of its towns and regions, the infobox's among them, lie there (the
        World Wars, war crimes)."""
        gaz = self.gazetteer
        if home is None or not placed:
            return set()
        at_home = {gaz.country[s] for s in seeds} | {home}
        infobox = sum(gaz.kind[s] in (CITY, ADMIN1) for s in seeds)
        inside = infobox + sum(gaz.country[e.choice] in at_home for e in placed)
        if inside < _HOME_SHARE * (infobox + len(placed)):
            return set()

        def where_named(key: str) -> set[int]:  # the paragraphs a name is in ({-1}: anywhere)
            if paragraph is None:
                return {-1}
            return {paragraph(at) for at in where.get(key, ())} - {-1}

        named: defaultdict[int, set[int]] = defaultdict(set)  # country -> where it or a region of it is named
        for e in confident:
            if not e.partial and gaz.kind[e.choice] in (ADMIN1, COUNTRY):
                named[gaz.country[e.choice]] |= where_named(e.key)
        return {e.key for e in entries if e.choice >= 0 and gaz.country[e.choice] not in at_home
                and where_named(e.key).isdisjoint(named.get(gaz.country[e.choice], ()))}

    def _most_named_country(self, confident: list[_Name]) -> int | None:
        """The country whose places the article names most with confidence (None if none)."""
        gaz = self.gazetteer
        named = Counter(gaz.country[e.choice] for e in confident if not e.partial and gaz.kind[e.choice] != CONTINENT)
        return named.most_common(1)[0][0] if named else None

    def _foreign_alias(self, entry: _Name, home: int | None) -> bool:
        """A town abroad, under 50,000 people, matched only by an alternate or loose spelling:
        the story's own village of that name is more likely missing from the gazetteer."""
        gaz = self.gazetteer
        p = entry.choice
        return (home is not None and gaz.country[p] != home and gaz.population[p] < _FOREIGN_ALIAS_POPULATION
                and gaz.exactness(p, strict_key(entry.surface)) < 2)

    def _loose(self, entry: _Name, home: int | None) -> bool:
        """A name matched only by a loose spelling (none of the place's names is spelt so),
        unless a town of the story's own country no smaller than a small town ("Ar Rutba"):
        a weak name, so a confident place nearby must back it. (Only towns come here:
        ``_reach_needed`` asks it, never for a code.)"""
        gaz = self.gazetteer
        p = entry.choice
        if gaz.country[p] == home and gaz.population[p] >= _SMALL_TOWN:
            return False
        if gaz.exactness(p, strict_key(entry.surface)):
            return False
        return not _same_but_article(gaz.strict[p], _article_probes(entry.surface))

    def _spelt_as(self, p: int, surface: str) -> bool:
        """Whether ``surface`` spells one of place ``p``'s names: as written, under another
        article or none ("Al-Sukhnah" for "As Sukhnah", "Qamishli" for "Al Qamishli"), or
        with doubled letters written once ("Ayn Issa" for "Ayn Isa"). Else it is a loose
        spelling, matched by skeleton only."""
        gaz = self.gazetteer
        probe, names = strict_key(surface), gaz.strict[p]
        return bool(
            gaz.exactness(p, probe)
            or _same_but_article(names, _article_probes(surface))
            or any(f"|{article}{probe}|" in names for article in ARTICLES)
            or f"|{single_letters(probe)}|" in self._single_letter_names(p)
        )

    def _single_letter_names(self, p: int) -> str:
        """``gaz.strict[p]`` with doubled letters written once, computed once per place: the
        doubled-letters match tries it for every candidate of every new spelling."""
        found = self._single.get(p)
        if found is None:
            found = self._single[p] = single_letters(self.gazetteer.strict[p])
        return found

    def _candidates(self, entry: _Name, similar: float) -> None:
        """Candidates with their spelling match; memoised, as names recur across documents."""
        memo_key = (entry.surface, entry.region, similar)
        known = self._pools.get(memo_key)
        if known is None:
            known = self._pool(entry, similar)
            if len(self._pools) > 200_000:
                self._pools.clear()
            self._pools[memo_key] = known
        entry.candidates = list(known)

    def _worth_seeking_deep(self, entry: _Name, homes: set[int]) -> bool:
        """Whether a name may be a village far down its skeleton's list: a whole place name
        that none of its candidates spells exactly, or that only places outside the story's
        countries (``homes``) do ("near Arima" in Syria, Arima being in Trinidad)."""
        if entry.region or entry.code or entry.partial or len(entry.ids) <= SPELL_CHECKED:
            return False
        country = self.gazetteer.country
        return all(e <= 0.0 for _, e in entry.candidates) or (
            bool(homes) and all(country[p] not in homes for p, _ in entry.candidates))

    def _deep_candidates(self, entry: _Name, similar: float, homes: set[int],
                         ruled_out: frozenset[tuple[str, int]]) -> None:
        """Loose matches past the first SPELL_CHECKED candidates (memoised like ``_candidates``),
        in the story's countries when it has any: the village sought is the story's own, and
        the story's area must vouch for it."""
        memo_key = (entry.surface, entry.region, similar)
        known = self._deep_pools.get(memo_key)
        if known is None:
            known = self._loose_pool(entry, strict_key(entry.surface), similar, SPELL_CHECKED, _DEEP_CHECKED)
            if len(self._deep_pools) > 200_000:
                self._deep_pools.clear()
            self._deep_pools[memo_key] = known
        skeleton_key = entry.key.partition("|")[0]
        known = [(p, e) for p, e in known if (not homes or self.gazetteer.country[p] in homes)
                 and (skeleton_key, p) not in ruled_out]
        entry.candidates += known
        entry.deep = frozenset(p for p, _ in known)

    def _loose_pool(self, entry: _Name, probe: str, similar: float, first: int, last: int) -> list[tuple[int, float]]:
        """Candidates ``first`` to ``last`` whose spelling is close to ``probe``, scored
        0 for a perfect skeleton match and below for a looser one."""
        gaz = self.gazetteer
        pool = []
        suffixed = relational(probe)
        for p in entry.ids[first:last]:
            if suffixed and not any(relational(name) for name in gaz.strict[p].split("|")):
                continue  # "Saqlawiyah" is not "Shaqlawah"
            closeness = gaz.closest_name(p, probe, similar)
            if closeness >= similar:
                pool.append((p, closeness - 1.0))
        return pool

    def _pool(self, entry: _Name, similar: float) -> list[tuple[int, float]]:
        gaz = self.gazetteer
        if entry.code:
            return [(p, 2.0) for p in entry.ids]
        probe = strict_key(entry.surface)
        marked = f"|{probe}|"  # gaz.exactness, inlined: this runs over every candidate
        exact = [
            (p, 2.0 if gaz.strict[p].startswith(marked) else 1.0) for p in entry.ids if marked in gaz.strict[p]
        ]
        if not exact:
            # "Al-Sukhnah" is GeoNames' "As Sukhnah": the same name under another article
            probes = _article_probes(entry.surface)
            exact = [(p, 1.0) for p in entry.ids if _same_but_article(gaz.strict[p], probes)]
        if not exact:
            # "Ayn Issa" is GeoNames' "‘Ayn ‘Īsá": the same letters, one of them doubled
            single = f"|{single_letters(probe)}|"
            exact = [(p, 1.0) for p in entry.ids if single in self._single_letter_names(p)]
        pool = exact or self._loose_pool(entry, probe, similar, 0, SPELL_CHECKED)
        if entry.region:
            regions: dict[int, float] = {}
            for p, e in pool:
                target = p if gaz.kind[p] == ADMIN1 else gaz.capital_of.get(p, -1)
                if target >= 0:
                    regions[target] = max(regions.get(target, -9.0), e)
            if regions:
                pool = list(regions.items())
        else:
            # A bare "Aleppo" is the city, not the governorate named after it, unless the
            # unit's spelling fits better ("New York" is the state's main name and only
            # an alternate name of New York City).
            town_fit: dict[int, float] = {}
            for p, e in pool:
                region = gaz.capital_of.get(p)
                if region is not None:
                    town_fit[region] = max(town_fit.get(region, -9.0), e)
            # Likewise a first-level unit that shares its name with its country's
            # capital ("Washington"): the name stands for the seat of government.
            for p, e in pool:
                if p in gaz.capitals:
                    for q, f in pool:
                        if gaz.kind[q] == ADMIN1 and gaz.country[q] == gaz.country[p] and f <= e:
                            town_fit[q] = max(town_fit.get(q, -9.0), e)
            pool = [(p, e) for p, e in pool if p not in town_fit or e > town_fit[p]]
        return pool

    def _split_spellings(self, names: dict[tuple[str, bool], _Name], order: list[tuple[str, bool]],
                         toponyms: Sequence[Toponym], similar: float) -> list[tuple[str, bool]]:
        """Spellings that share a skeleton but name other places become names of their own.

        A name that fits no place, as first spelt, under another spelling met later that does
        ("Heish", then "Hish"); the other spellings stay unmatched ("Meshal" is not Mosul). And
        a later spelling that is exactly the name of other places than the first spelling's
        ("Sweden" after "Sudan", "Yemen" after "Amman"): one skeleton, two countries."""
        split: dict[tuple[tuple[str, bool], str], tuple[str, bool]] = {}
        tried: set[tuple[tuple[str, bool], str]] = set()
        exact: dict[tuple[str, bool], set[int]] = {}
        for key, top in zip(order, toponyms, strict=True):
            entry = names[key]
            if entry.code or top.surface == entry.surface or (key, top.surface) in tried:
                continue
            tried.add((key, top.surface))
            if key not in exact:
                exact[key] = {p for p, e in entry.candidates if e >= 1.0}
            if entry.candidates and not exact[key]:
                continue  # first spelt loosely: one name, whichever spelling follows
            other = _Name(top.surface, f"{key[0]}|{top.surface}", top.ids, key[1], top.partial, top.code)
            self._candidates(other, similar)
            if not other.candidates:
                continue
            if entry.candidates:
                own = {p for p, e in other.candidates if e >= 1.0}
                if not own or own & exact[key]:
                    continue  # "Kiev" after "Kyiv": two spellings of one place
            split[(key, top.surface)] = (other.key, key[1])
            names[(other.key, key[1])] = other
        if not split:
            return order
        new_order = [split.get((key, top.surface), key) for key, top in zip(order, toponyms, strict=True)]
        changed = set(split.values()) | {old for old, _ in split}
        for key in changed:
            names[key].count, names[key].partial = 0, True
        for key, top in zip(new_order, toponyms, strict=True):
            if key in changed:
                names[key].count += 1
                names[key].partial = names[key].partial and top.partial
        return new_order

    def _focus(self, names: Iterable[_Name], seeds: list[int]) -> tuple[Counter[int], dict[str, tuple[int, int]]]:
        """Country weights, and what each name added to them (a name does not vouch for itself).

        The infobox place counts 5; each name that is unambiguous on its own (a
        country, a region, a town of 100,000+ ten times larger than any namesake, a
        single candidate) counts once per mention for its country.
        """
        gaz = self.gazetteer
        weights: Counter[int] = Counter()
        own: dict[str, tuple[int, int]] = {}
        for s in seeds:
            if gaz.kind[s] != CONTINENT:
                weights[gaz.country[s]] += 5
        for entry in names:
            if not entry.candidates or entry.partial:
                continue
            best = max(entry.candidates, key=lambda item: (item[1] > 0, gaz.kind[item[0]], gaz.population[item[0]]))
            p, exact = best
            if exact <= 0 or gaz.kind[p] == CONTINENT:
                continue
            others = [q for q, _ in entry.candidates if q != p]
            runner_up = max((gaz.population[q] for q in others), default=0)
            strong = (
                gaz.kind[p] in (COUNTRY, ADMIN1)
                or (gaz.population[p] >= 100_000 and gaz.population[p] >= 10 * max(runner_up, 1))
                or not others
            )
            if strong:
                weights[gaz.country[p]] += entry.count
                own[entry.key] = (gaz.country[p], entry.count)
        return weights, own

    def _base_score(self, entry: _Name, p: int, exact: float, focus: dict[int, float]) -> float:
        gaz = self.gazetteer
        kind = gaz.kind[p]
        # cities500 lists towns of unknown size (often district seats) with population 0.
        score = math.log10(max(gaz.population[p], 1000) if kind == CITY else gaz.population[p] + 10)
        score += _KIND_PRIOR[kind]
        if p in gaz.capitals:
            score += _CAPITAL_PRIOR  # "Washington" names the capital far more often than the state
        score += 1.0 if exact >= 2 else _ALTERNATE_PRIOR if exact >= 1 else 2.0 * exact  # exact<=0: skeleton-only
        if entry.partial:
            score -= 1.5
        if focus and kind != CONTINENT:
            country = gaz.country[p]
            if country in focus:
                score += 2.5 * focus[country]
            elif not self._neighbours[country].isdisjoint(focus):
                score += 0.5
            else:
                # Far from the story: only a large place is likely meant.
                score += -2.5 + min(2.0, max(0.0, _FAR_RELIEF * (math.log10(gaz.population[p] + 1) - 5.0)))
        return score

    def _units_of(self, p: int) -> tuple[int, ...]:
        """The admin-2 and admin-1 units (place ids) that contain place ``p``."""
        known = self._units.get(p)
        if known is not None:
            return known
        gaz = self.gazetteer
        kind = gaz.kind[p]
        units: tuple[int, ...] = ()
        if kind in (CITY, ADMIN2):
            unit = gaz.admin1[p]
            region = gaz.admin1_units[unit][3] if unit >= 0 else -1
            county = gaz.admin2[p] if kind == CITY else -1
            units = tuple(u for u in (county, region) if u >= 0)
        self._units[p] = units
        return units

    def _containment(self, names: Iterable[_Name], seeds: list[int]) -> None:
        """A town and a unit that holds it, both named, support each other.

        "Athens" beside "Henderson County" is Athens, Texas, and that county is the
        Texan one; "Paris" beside "Tennessee" is Paris, Tennessee. Each name's
        plausible senses (within 3 points of its best) take part; a town gains 2.5
        for lying in a county another name (or the infobox place) may mean, 1.5 for
        a region, and a unit 1.0 for holding a town another name may mean.
        """
        gaz = self.gazetteer
        entries = [e for e in names if e.candidates]
        named: dict[int, set[str]] = defaultdict(set)  # unit -> names that may mean it
        holding: dict[int, set[str]] = defaultdict(set)  # unit -> names whose town may lie in it
        for seed in seeds:
            if gaz.kind[seed] in (ADMIN1, ADMIN2):
                named[seed].add("")
            for unit in self._units_of(seed):
                named[unit].add("")
        for entry in entries:
            floor = entry.candidates[0][1] - 3.0
            for p, score in entry.candidates[:_NEAR_CHECKED]:
                if score < floor:
                    break
                if gaz.kind[p] in (ADMIN1, ADMIN2):
                    named[p].add(entry.key)
                for unit in self._units_of(p):
                    holding[unit].add(entry.key)
        if not named:
            return
        for entry in entries:
            own = {entry.key}
            changed = False
            scored = []
            for p, score in entry.candidates:
                bonus = 0.0
                for unit in self._units_of(p):
                    if named.get(unit, own) - own:
                        bonus = max(bonus, _IN_NAMED_COUNTY if gaz.kind[unit] == ADMIN2 else _IN_NAMED_REGION)
                if not bonus and p in named and holding.get(p, own) - own:
                    bonus = _HOLDS_NAMED_TOWN
                changed = changed or bonus > 0
                scored.append((p, score + bonus))
            if changed:
                scored.sort(key=lambda item: -item[1])
                entry.candidates = scored


def _normalise(weights: dict[int, int]) -> dict[int, float]:
    """Country weights scaled to 0..1; countries under a fifth of the top are dropped."""
    top = max(weights.values(), default=0)
    if top <= 0:
        return {}
    return {c: w / top for c, w in weights.items() if w >= 0.2 * top}




def _drop_named_in_full(entries: Iterable[_Name], gazetteer: Gazetteer) -> None:
    """A text that names "Mexico City" in full means something else by a bare "Mexico".

    A short name that is the main name of a country or region, and only an
    alternate name of a town, loses that town when another name of the same text,
    longer and containing it, is the town's main name ("Mexico City", "Kuwait
    City", "Quebec City"): the writer tells the two apart. A short form of a town
    with no such larger sense ("Avondale" after "Avondale Estates") is left alone.
    """
    entries = [e for e in entries if e.candidates]
    gaz_kind = gazetteer.kind
    full: dict[int, list[str]] = defaultdict(list)  # place -> folded names that are its main name
    for entry in entries:
        folded = fold(entry.surface)
        for p, exact in entry.candidates:
            if exact >= 2:
                full[p].append(folded)
    for entry in entries:
        if not any(exact >= 2 and gaz_kind[p] in (ADMIN1, COUNTRY) for p, exact in entry.candidates):
            continue
        longer = fold(entry.surface) + " "  # a longer name that starts with this one
        kept = [
            (p, exact)
            for p, exact in entry.candidates
            if not (0 < exact < 2 and any(name.startswith(longer) for name in full[p]))
        ]
        if kept and len(kept) < len(entry.candidates):
            entry.candidates = kept


def _choose(entry: _Name, bonus: dict[int, float]) -> None:
    best, best_score = -1, -math.inf
    for p, base in entry.candidates:
        score = base + bonus.get(p, 0.0)
        if score > best_score:
            best, best_score = p, score
    entry.choice, entry.score = best, best_score


_Anchors = dict[tuple[int, int], list[tuple[str, float, float]]]


def _closeness(lat: float, lon: float, own: str, anchors: _Anchors) -> float:
    """Bonus for lying near the article's other places: 3 at 0 km, 1.5 at 50 km.

    ``anchors`` lists, per 1-degree cell, the anchors of the cells within two of it
    (about 200 km); farther places would add almost nothing.
    """
    best = 0.0
    second = 0.0
    near = anchors.get((math.floor(lat), math.floor(lon)))
    if not near:
        return 0.0
    scale = math.cos(math.radians(lat)) * 111.32
    for key, alat, alon in near:
        if key == own:
            continue
        km = math.hypot((alat - lat) * 110.57, (alon - lon) * scale)  # flat is fine at this range
        value = 1.0 / (1.0 + km / 50.0)
        if value > best:
            best, second = value, best
        elif value > second:
            second = value
    return 2.5 * best + 0.5 * second


def _not_where(text: str, mention: PlaceMention) -> bool:
    """Whether ``mention`` tells whose something is rather than where it happened: a unit's
    origin or home ("soldiers from Kaliningrad", "a brigade based in Aleysk"), an official's
    seat ("the governor of Sumy Oblast"), a place that speaks ("Kyiv said")."""
    start = mention.span.start
    back = max(0, start - 60)
    before = text[max(0, start - 30) : start]  # the last words decide which pattern can match
    if ("from" in before or "native" in before) and _UNIT_FROM.search(text, back, start):
        return True
    if (" in " in before or " at " in before) and _HOME_BASE.search(text, back, start):
        return True
    if (" of " in before or " for " in before) and _OFFICE_OF.search(text, back, start):
        return True
    return _SPEAKER_AFTER.match(text, mention.evidence.end) is not None


def _named_aside(text: str, mention: PlaceMention, relation: Relation) -> bool:
    """Whether ``mention`` is where forces came from ("advanced from X"; not "withdrew from
    X", nor "10 km from X"), where an earlier event happened ("after the fall of X") or
    where fire was aimed ("in the direction of X"): the event's place only when the text
    gives no other; "from the X direction" too."""
    if relation.kind == "from":
        back = relation.start
        return not (_LEFT_FROM.search(text, max(0, back - 30), back) or _DISTANCE.search(text, max(0, back - 20), back))
    start = mention.span.start
    return (_EARLIER_EVENT.search(text, max(0, start - 60), start) is not None
            or _IN_THE_DIRECTION.search(text, max(0, start - 30), start) is not None
            or (_DIRECTIONS_AFTER.match(text, mention.span.end) is not None
                and _FROM_THE.search(text, max(0, start - 40), start) is not None))


def _places_another(relation: Relation) -> bool:
    """Whether the words before a name make it a reference point ("near X", "outside X",
    "west of X", "10 km west of X"), as the place named just before it is placed by."""
    if relation.kind in ("direction", "offset"):
        return True
    return relation.kind == "near" and relation.label.split(None, 1)[0] in ("near", "outside", "close")


def _feature_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_FEATURE.finditer(text)``, found from the head nouns back.

    Feature nouns are rare, so the cheap head pattern runs over the text and the
    full pattern only over the few hundred characters that end at each head: the
    same matches, several times faster than trying the full pattern everywhere.
    """
    pos = 0
    lower = text.lower()
    heads = _FEATURE_HEAD.finditer(lower) if len(lower) == len(text) else _FEATURE_HEAD_ANY_CASE.finditer(text)
    for head in heads:
        at = head.start() + 1
        if at <= pos:
            continue
        # The leftmost match from here is finditer's next one; it may run on to a
        # later head ("Haditha Dam complex"), so the window reaches past this head.
        low, end = max(pos, at - _FEATURE_REACH), min(len(text), at + _FEATURE_REACH)
        match = _FEATURE.search(text, low, end)
        if match is not None and match.end() == end < len(text):
            match = _FEATURE.search(text, low)  # cut at the window's edge: read on
        if match is not None:
            if any(char.isalpha() for char in match.group("name")):
                yield match  # "the 14 July Bridge"; not "400 square"
            pos = match.end()


def _overlapping(groups: Sequence[_Group], starts: list[int], span: Span) -> _Group | None:
    """The group of ``groups`` (in text order, not overlapping; ``starts`` their starts)
    that overlaps ``span``, if any."""
    i = bisect.bisect_left(starts, span.end) - 1
    while i >= 0 and groups[i].end > span.start:
        if groups[i].start < span.end:
            return groups[i]
        i -= 1
    return None


def _airfield_names(text: str, floor: int, end: int) -> Iterator[tuple[int, str]]:
    """Runs of name words that end just before an airfield noun at ``end``, longest first,
    each as (start offset, words): "Abu al-Duhur", "al-Duhur", "Duhur". A run is capitalised
    words (a number or an Arabic article may stand inside it: "Tiyas T-4", "Abu ad Duhur");
    "military" and the like between the name and the noun are skipped, as is a possessive."""
    words = list(_AIRFIELD_NAME_WORD.finditer(text, floor, end))
    if floor > 0 and words and words[0].start() == floor and text[floor - 1].isalnum():
        words = words[1:]  # cut mid-word by the window
    while words and words[-1].group().lower() in _AIRFIELD_DESCRIBERS:
        words.pop()
    if not words or not _BLANKS_AND_DESCRIBERS.fullmatch(text, words[-1].end(), end):
        return  # punctuation or another word stands between the name and the noun
    run: list[re.Match[str]] = []
    for word in reversed(words):
        token = word.group()
        if len(run) >= 4 or not (
            token[0].isupper() or token[0].isdigit() or _ARTICLE_PREFIX.match(token) or token.lower() in ARTICLES
        ):
            break
        run.insert(0, word)
    for i in range(len(run)):
        tokens = [w.group().lower() for w in run[i:]]
        if all(t in ARTICLES or t in COMMON_WORDS or t in DEMONYMS for t in tokens):
            continue  # "Russian airbase", "the Military Airport": no name
        names = " ".join(w.group() for w in run[i:])
        if names.endswith(("'s", "’s")):
            names = names[:-2]
        yield run[i].start(), names


def _found_over(toponyms: list[Toponym], starts: list[int], span: Span) -> bool:
    """Whether the finder proposed a place name over ``span`` (resolved or not)."""
    for top in toponyms[bisect.bisect_left(starts, span.start - _MAX_NAME_CHARS) :]:
        if top.start >= span.end:
            return False
        if span.start < top.end:
            return True
    return False


def _without_rivers(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """A name written as a river or lake ("the Donets river", "the river Dnipro") is that
    feature, not a town of the same name, unless it is also written as a town: alone and
    without "the" ("Irpin" beside "the Irpin River" is the town by its river; "the
    Donets, the fourth-longest river" is still the river). A ridge or valley lies at its town."""
    if _ANY_WATER.search(text) is None:
        return toponyms  # most articles name no river or lake: no name to test
    water = [t.after.lower() in WATER_AFTER or _WATER_BEFORE.search(text, max(0, t.start - 8), t.start) is not None
             for t in toponyms]
    if not any(water):
        return toponyms
    keys = [skeleton(t.surface) for t in toponyms]
    natural = {key for key, wet in zip(keys, water, strict=True) if wet}
    # "the Siverskyi Donets" (part of a longer name) is the river too; only a whole name alone is a town
    alone = {key for key, wet, t in zip(keys, water, toponyms, strict=True)
             if not wet and not t.partial and _THE_BEFORE.search(text, max(0, t.start - 4), t.start) is None}
    dropped = natural - alone
    return [t for t, key in zip(toponyms, keys, strict=True) if key not in dropped] if dropped else toponyms


def _without_names_of_things(doc: Document, toponyms: list[Toponym]) -> list[Toponym]:
    """A town's name given to a thing is no place: a ship's ("the cruiser Moskva", "the
    landing ship Saratov") and any name the source sets in italics on its own ("*Moskva*",
    "''Kirov''"), which is how articles write ships, newspapers and titles (a town set so,
    a transliteration or an emphasis, is lost with them); nor the first word of a note
    ("Main article: ...")."""
    text, source = doc.text, doc.source
    # Which words the source sets in italics, read once per document: a name is mapped to
    # the source only when it is one of them.
    notes = _HATNOTE in text
    italic = _italic_words(source)
    kept = []
    for top in toponyms:
        start = top.start - 1 if text[top.start - 1 : top.start] == "*" else top.start  # "the warship *Moskva*"
        if _VESSEL_PREFIX.match(top.surface) or word_before(text, start) in _VESSEL_BEFORE:
            continue
        if notes and _HATNOTE_AFTER.match(text, top.end):
            continue
        first = _WORD.search(top.surface)
        if first is not None and first.group() in italic:
            where = doc.offsets.to_source(Span(top.start, top.end))
            if _italic_alone(source, where.start, where.end):
                continue
        kept.append(top)
    return kept


def _italic_words(source: str) -> frozenset[str]:
    """The words inside italic runs of the source (Markdown "*...*", wikitext "''...''"):
    no name outside them can be set in italics."""
    if "*" not in source and "''" not in source:
        return frozenset()
    return frozenset(_WORD.findall(" ".join(run.group() for run in _ITALIC_RUN.finditer(source))))


def _italic_alone(source: str, start: int, end: int) -> bool:
    """Whether ``source[start:end]`` is set in italics and alone: Markdown "*X*" (not bold
    "**X**"), wikitext "''X''" (not bold "'''X'''"), or an italic link to it."""
    star = source[start - 1 : start] == "*" and source[end : end + 1] == "*" \
        and source[start - 2 : start - 1] != "*" and source[end + 1 : end + 2] != "*"
    quotes = source[start - 2 : start] == "''" and source[end : end + 2] == "''" \
        and source[start - 3 : start - 2] != "'" and source[end + 2 : end + 3] != "'"
    return star or quotes or _in_italic_link(source, start, end)


def _in_italic_link(source: str, start: int, end: int) -> bool:
    """Whether ``source[start:end]`` lies inside a wikitext link set in italics:
    "''[[Russian cruiser Moskva|Moskva]]''", "''[[Moskva]]''"."""
    opening = source.rfind("[[", max(0, start - 120), start)
    if opening < 0 or "]]" in source[opening:start] or not _ITALICS_BEFORE.search(source, 0, opening):
        return False
    closing = source.find("]]", end, end + 120)
    return closing >= 0 and "[[" not in source[end:closing] and _ITALICS_AFTER.match(source, closing + 2) is not None


def _article_probes(surface: str) -> tuple[str, ...]:
    """``surface`` under every Arabic article, as name-list probes ("|assukhnah|", ...);
    empty for a name with no article. Built once per name, tried on every candidate."""
    bare = without_article(surface)
    return tuple(f"|{article}{bare}|" for article in ARTICLES) if bare else ()


def _same_but_article(names: str, probes: tuple[str, ...]) -> bool:
    """Whether a place's names ("|assukhnah|...") hold one of a name's ``_article_probes``
    ("Al-Sukhnah" under another article)."""
    return any(probe in names for probe in probes)


def _outside(toponyms: list[Toponym], exclude: Sequence[Span]) -> list[Toponym]:
    """Toponyms that do not sit inside an excluded span (both lists in text order)."""
    if not exclude:
        return toponyms
    spans = sorted(exclude)
    starts = [s.start for s in spans]
    kept = []
    for top in toponyms:
        index = bisect.bisect_right(starts, top.start) - 1
        if index >= 0 and spans[index].start <= top.start and top.end <= spans[index].end:
            continue
        kept.append(top)
    return kept


class DocumentGeography:
    """Every resolved place in one document, and where its events happened."""

    def __init__(self, geocoder: Geocoder, doc: Document, exclude: Sequence[Span] = ()) -> None:
        self.geocoder = geocoder
        self.doc = doc
        gaz = geocoder.gazetteer
        text = doc.text
        self._sentences, self._paragraphs = _sentence_table(doc)
        self._sentence_starts = [s.start for s in self._sentences]
        self._paragraph_starts = [p.start for p in self._paragraphs]
        self.article_place: Location | None = None
        seeds, self.article_place = self._article_place()
        self._excluded = sorted(exclude)  # names of actors: no place is read inside them
        toponyms = _without_names_of_things(doc, _without_rivers(text, _outside(find_toponyms(text, gaz), exclude)))
        chosen = geocoder.resolve(
            toponyms, seeds=seeds, introduced=self._introduced_at, paragraph=self._paragraph_index
        )
        ruled_out = self._qualify(toponyms, chosen)
        if ruled_out and self._may_back(ruled_out, seeds, chosen):
            # resolve again without them: a namesake ruled out backs no other name
            wrong_places = {p for _, p in ruled_out}  # nor does it seed the story ("Battles of X and Y")
            chosen = geocoder.resolve(
                toponyms, seeds=[s for s in seeds if s not in wrong_places], ruled_out=frozenset(ruled_out),
                introduced=self._introduced_at, paragraph=self._paragraph_index,
            )
            self._qualify(toponyms, chosen)
        self.mentions: list[PlaceMention] = []
        relations: list[Relation] = []
        previous: Relation = NO_RELATION
        previous_end = previous_name_end = -1
        for top, p in zip(toponyms, chosen, strict=True):
            if p < 0 or self._loose_subject(top, p, previous_name_end):
                continue
            previous_name_end = top.end  # only a place kept makes a list ("Amude, Dirbesiye")
            sentence = self._sentence_of(top.start)
            relation = relation_before(text, sentence.start if sentence else 0, top.start)
            if (
                relation.kind == ""
                and previous.kind in ("near", "direction", "part")
                and _LIST_GAP.fullmatch(text, previous_end, top.start) is not None
            ):
                relation = previous  # "near Mayadin and Abu Kamal": near both
            previous, previous_end = relation, top.end
            mention = self._mention(top, gaz.place(p), relation)
            self.mentions.append(mention)
            relations.append(relation)
        self._groups = self._build_groups(relations)
        self._groups = self._with_introduced(relations, toponyms)
        airfields = self._airfield_groups()
        if airfields:  # "Damascus International Airport" is the airport, not the city in its name
            starts = [a.start for a in airfields]  # in text order, and they do not overlap
            kept = []
            for g in self._groups:
                i = bisect.bisect_right(starts, g.start) - 1
                if i < 0 or g.end > airfields[i].end:
                    kept.append(g)
            self._groups = sorted([*kept, *airfields], key=lambda g: (g.start, g.end))
        self._group_starts = [g.start for g in self._groups]
        self._features = self._feature_memory(airfields)
        self._feature_starts = [fspan.start for fspan, _ in self._feature_spans]
        # A named feature whose place is known is itself a location in the text.
        for fspan, key in self._feature_spans:
            known = self._features.get(key)
            if known is not None and not self._covered(fspan.start):
                location = Location(**{**known.__dict__, "evidence": (fspan, *known.evidence[1:])})
                river = _RIVER_END.search(self.doc.text, fspan.start, fspan.end) is not None
                self._groups.append(_Group(location, fspan.start, fspan.end, 0, river=river))
        self._groups.sort(key=lambda g: (g.start, g.end))
        self._group_starts = [g.start for g in self._groups]

    # -- public ---------------------------------------------------------------

    def locate(self, span: Span) -> Location | None:
        """The best location for an event reported in ``doc.text[span]``."""
        inside = self._inside(span)
        if inside and self._title_town_meant(span, inside):
            return self.article_place
        if inside:
            best = min(inside, key=lambda g: (g.aside, g.kind_rank, g.river, g.start))
            if best.aside and self._battle_for_place and self.article_place is not None:
                return self.article_place  # in the battle for a town, fire aimed elsewhere came from it
            if best.around or best.countryside:
                best = self._town_within(best, inside)
            best = self._included(best, inside)
            if best.kind_rank >= ADMIN1:
                centre = self._subject_centre(span)  # "villages around Amirli in Saladin": Amirli's area
                if centre is not None:
                    return centre
            town = self.article_place
            if best.border_of_countries and self._battle_for_place and town is not None \
                    and town.country in best.border_of_countries:
                return _widen(town, 3, best.location.evidence)  # "the Syria–Turkey border", battle for a town on it
            return best.location
        feature = self._feature_in(span)
        if feature is not None:
            return feature
        place = self.article_place
        if (
            place is not None and place.geo_precision < 3
            and _THE_TOWN.search(self.doc.text, span.start, span.end)
            and not self._one_town_before(span, earlier=self._reaches_back(span))
        ):
            return place  # "the city was captured" in the Battle of that city
        centre = self._subject_centre(span)
        if centre is not None:
            return centre
        context = self._context(span)
        if context is not None:
            return context
        return self._story_centre or self.article_place

    def action_part(self, span: Span, at: int) -> Span:
        """The part of ``span`` that says where the action at ``at`` (its trigger) happened.

        A sentence may open with a clause that sets the scene ("Amid the retreat from X,
        and following the fall of Y, the army took Z"; "When Ukraine retook X and Y, it
        also reached Z"). For an action of the main clause, its places are background:
        the main clause is the part, when it names a town. For an action of that opening
        clause ("After forces took X, ..."), the opening clause is."""
        main = self._main_clause_start(span)
        if main <= span.start:
            return span
        if at < main:
            scene = Span(span.start, main)  # "After Baboulin was captured, ...": a place the gazetteer lacks
            return scene if self._inside(scene) else span
        rest = Span(main, span.end)
        towns = [g for g in self._inside(rest) if g.kind_rank == 0 and not (g.aside or g.river or g.wide)]
        return rest if towns else span

    def _main_clause_start(self, span: Span) -> int:
        """Where the main clause begins after a scene-setting opening clause (see ``action_part``):
        after the first comma that neither opens another such clause ("..., and following
        ...") nor goes on with a list of places ("After taking Kafr Nabl, Hish and Kafr
        Sajnah, ..."); when every comma goes on with a list, after the first one ("After
        rebels took Morek, Hish and Kafr Zita were shelled"). ``span.start`` when the span
        opens with no scene, or the scene's clause has no comma to end it."""
        text = self.doc.text
        opener = _SCENE_OPENER.match(text, span.start, span.end)
        if opener is None:
            return span.start
        starts = self._mention_starts
        first_listed = span.start
        comma = text.find(", ", opener.end(), span.end)
        while comma >= 0:
            after = comma + 2
            comma = text.find(", ", after, span.end)
            if _SCENE_GOES_ON.match(text, after, span.end):
                continue
            i = bisect.bisect_left(starts, after)
            if i < len(starts) and _LIST_GOES_ON.match(text, after, starts[i]) is not None \
                    and _LIST_NEXT.match(text, self.mentions[i].span.end) is not None:
                if first_listed == span.start:
                    first_listed = after
                continue
            return after
        return first_listed

    def _title_town_meant(self, span: Span, inside: list[_Group]) -> bool:
        """Whether "the city" in ``span`` is the title's town and the places named after
        it are only where forces came from or went ("failed to take the city and went
        round it on a route to Kyiv", in the Siege of Chernihiv)."""
        if not self._title_is_place:
            return False
        text = self.doc.text
        city = _THE_TOWN.search(text, span.start, min(g.start for g in inside))  # "towards X, taking the city": X
        heading = (g.aside or _TOWARDS.search(text, max(0, g.start - 30), g.start) for g in inside)
        return city is not None and all(heading)

    def _included(self, best: _Group, groups: list[_Group]) -> _Group:
        """A town named after "including" that narrows a vaguer place before it ("locations
        around Kyiv, including in Bucha"; "villages of Idlib province, including Saraqib")."""
        if best.kind_rank == 0 and best.location.geo_precision < 2:
            return best
        text = self.doc.text
        for group in groups:
            if group.start > best.start and group.kind_rank == 0 and not group.aside \
                    and _INCLUDING.search(text, max(0, group.start - 20), group.start):
                return group
        return best

    def _town_within(self, area: _Group, groups: list[_Group]) -> _Group:
        """A town named as itself that lies in ``area``, the land around a town ("villages
        in the eastern Aleppo countryside, east of Dayr Hafir"): the finer place. Not one
        forces fell back to ("ISIL in the southern countryside of X retreated back to Y")."""
        a = area.location
        text = self.doc.text
        towns = [
            (haversine_km(a.latitude, a.longitude, g.location.latitude, g.location.longitude), g)
            for g in groups if g.kind_rank == 0 and g.location.geo_precision < 3
            and not (g.around or g.countryside or g.aside)
            and not _WENT_BACK.search(text, max(0, g.start - 40), g.start)
        ]  # not a road or front between towns ("a town alongside the Damascus–Daraa highway")
        # the countryside of a town that names its region ("the northeastern countryside of Homs")
        # reaches across that region
        eponymous = bool(a.admin1) and skeleton(a.admin1) == skeleton(a.name)  # "Raqqa" in Ar Raqqah
        inside = [(km, g) for km, g in towns
                  if km <= _AREA_REACH_KM or (eponymous and g.location.admin1 == a.admin1)]
        return min(inside, key=lambda item: item[0])[1] if inside else area  # the nearest, if several

    def _subject_centre(self, span: Span) -> Location | None:
        """The story's centre when ``span`` names the title's place that the gazetteer lacks."""
        name = self._missing_subject
        if name and _names(self.doc.text[span.start : span.end], name):
            return self._story_centre
        return None

    @cached_property
    def _story_centre(self) -> Location | None:
        """Where the story mostly happens: the town the article names most often, when
        the infobox gives no town. A village the gazetteer lacks ("the Battle of X")
        is usually told around a better-known town nearby; a region's centre is not."""
        if self.article_place is not None and self.article_place.geo_precision < 3:
            return None
        home = self.main_country()
        region = self.article_place.admin1 if self.article_place is not None else ""
        back_matter = [sec.span for sec in self.doc.sections if _BACK_MATTER.match(sec.title.strip())]
        candidates = [
            m for m in self.mentions
            if m.place.kind == KIND_NAMES[CITY] and m.place.country == home
            and (not region or m.place.admin1 == region)
            and not _around_town(m.relation)  # "southwest of Aleppo", "the southern Aleppo countryside"
            and not any(b.start <= m.span.start < b.end for b in back_matter)  # "See also: Battle of X"
            and not _ROAD_END.match(self.doc.text, m.span.end)  # "the Damascus–Aleppo highway"
            and not _ROAD_START.search(self.doc.text, max(0, m.span.start - 40), m.span.start)
        ]
        towns = Counter(m.place.id for m in candidates)
        if not towns:
            return None
        beside = self._beside_subject(candidates)
        population = self.geocoder.gazetteer.population
        # named as often, the smaller town is the story's own place; the larger, a landmark; a
        # town named beside the title's place counts first, unless another is named over twice as often
        most = max(towns.values())
        place_id, count = max(
            towns.items(), key=lambda item: (2 * item[1] >= most and beside[item[0]], item[1], -population[item[0]])
        )
        if count < 2 and not beside[place_id]:
            return None
        m = next(m for m in self.mentions if m.place.id == place_id)
        return _location(m.name, m.place, m.latitude, m.longitude, 3, (m.evidence,))

    @property
    def _regional_centre(self) -> Location | None:
        """The story's town when the article gives a region as its place ("Eastern
        Ghouta, Rif Dimashq Governorate"): finer than the region or its country. Not in
        an article with no place, such as a timeline of a whole country's war."""
        place = self.article_place
        return self._story_centre if place is not None and place.admin1 else None

    def _one_town_before(self, span: Span, earlier: bool = True) -> bool:
        """Whether ``span``'s own sentence, before it, names exactly one town, or (with
        ``earlier``, when it names none) the sentence before does: "the city" (or "the
        village") then refers back to it ("ISIL attacked Palmyra. The city fell")."""
        index = bisect.bisect_right(self._sentence_starts, span.start) - 1
        if index < 0:
            return False
        own = self._sentences[index]
        before = [g for g in self._within(own) if g.end <= span.start]
        if not before and index > 0 and earlier:
            before = self._within(self._sentences[index - 1])
        text = self.doc.text
        # "the town" is none of "the villages of Maarshurin and Hish"; "the village" may be
        town_word = _THE_VILLAGE.search(text, span.start, span.end) is None
        towns = {g.location.geonameid for g in before if g.kind_rank == 0 and not g.airfield  # no airport
                 and not (town_word and text[g.start : g.start + 1].isupper()  # a name, not "near X"
                          and _VILLAGES_OF.search(text, max(0, g.start - 60), g.start))}
        return len(towns) == 1 and (self.article_place is None or self.article_place.geonameid not in towns)

    def _reaches_back(self, span: Span) -> bool:
        """Whether "the city" in ``span`` may mean a town of the sentence before. Not when
        the title names the article's town alone ("Battle of Izium"): there the city is
        that town, unless ``span`` speaks of "the village" too."""
        return not self._title_is_place or _THE_VILLAGE.search(self.doc.text, span.start, span.end) is not None

    @cached_property
    def _title_subject(self) -> re.Match[str] | None:
        return _SUBJECT.search(self.doc.title)

    @cached_property
    def _battle_for_place(self) -> bool:
        """Whether the title is about the infobox's one town ("Battle of Makariv" in Makariv)."""
        place = self.article_place
        subject = self._title_subject
        if place is None or place.geo_precision > 2 or subject is None:
            return False
        about = self.doc.title[subject.start("name") :]  # "Maarrat al-Numan (2014)"
        return any(spelling in about for spelling in self._place_spellings)

    @cached_property
    def _title_is_place(self) -> bool:
        """Whether the title names the article's town and nothing more ("Battle of Izium
        (2022)", not "Battles of the Donetsk suburbs"): "the city" then means that town."""
        subject = self._title_subject
        if not self._battle_for_place or subject is None:
            return False
        return (
            _TITLE_END.match(self.doc.title, subject.end("name")) is not None
            and subject.group("name") in self._place_spellings
        )

    @cached_property
    def _place_spellings(self) -> frozenset[str]:
        """The article's place as the gazetteer and the text spell it ("Izyum", "Izium")."""
        place = self.article_place
        if place is None:
            return frozenset()
        text = self.doc.text
        own = (text[m.span.start : m.span.end] for m in self.mentions if m.place.geonameid == place.geonameid)
        return frozenset([place.name, *own])

    @cached_property
    def _missing_subject(self) -> str:
        """The place in the article's title ("Siege of Amirli") when no mention resolves it."""
        subject = self._title_subject
        name = subject.group("name") if subject is not None else ""
        if any(self.doc.text[m.span.start : m.span.end] == name for m in self.mentions):
            return ""
        return name

    def _beside_subject(self, mentions: list[PlaceMention]) -> Counter[int]:
        """Per town, the sentences it shares with the title's place when the gazetteer
        lacks that place ("Siege of Amirli"): the story's village lies by those towns."""
        name = self._missing_subject
        together: Counter[int] = Counter()
        if not name:
            return together
        for m in mentions:
            sentence = self._sentence_of(m.span.start)
            if sentence is not None and _names(self.doc.text[sentence.start : sentence.end], name):
                together[m.place.id] += 1
        return together

    def main_country(self) -> str | None:
        """The country the story happens in: the article's place, else where most towns named lie."""
        if self.article_place is not None and self.article_place.country:
            return self.article_place.country
        towns = Counter(m.place.country for m in self.mentions if m.place.kind == KIND_NAMES[CITY] and m.place.country)
        return towns.most_common(1)[0][0] if towns else None

    def locate_all(self, span: Span) -> list[Location]:
        """Every distinct location inside ``span`` in text order (or the fallback)."""
        seen: set[tuple[float, float]] = set()
        out: list[Location] = []
        for group in self._inside(span):
            key = (round(group.location.latitude, 4), round(group.location.longitude, 4))
            if key not in seen:
                seen.add(key)
                out.append(group.location)
        if out:
            return out
        fallback = self.locate(span)
        return [fallback] if fallback is not None else []

    # -- construction ---------------------------------------------------------

    def _introduced_at(self, start: int) -> bool:
        """Whether the name at ``start`` is brought in as a settlement: after "the village
        of", "in", "near" and the like. Asked only of names no common place fits."""
        return _SETTLEMENT_BEFORE.search(self.doc.text, max(0, start - 30), start) is not None

    def _article_place(self) -> tuple[list[int], Location | None]:
        """Resolve the infobox place (or else the title) on its own: seeds and fallback."""
        doc = self.doc
        gaz = self.geocoder.gazetteer
        field_ = doc.field("place", "location")
        for value, is_title in ((field_.value if field_ else "", False), (doc.title, True)):
            if not value.strip():
                continue
            tops = find_toponyms(value, gaz)
            if is_title:  # "List of massacres ...", "Siege of ...": the head noun is no place
                tops = [t for t in tops if not (t.start == 0 and value.startswith(" of ", t.end))]
            chosen = self.geocoder.resolve(tops, threshold=3.0)
            places = [(t, p) for t, p in zip(tops, chosen, strict=True) if p >= 0]
            named = {gaz.country[p] for _, p in places if gaz.kind[p] == COUNTRY}
            if named:  # "Ayn Issa, Raqqa Governorate, Syria": nothing outside Syria (not Niassa)
                places = [(t, p) for t, p in places if gaz.country[p] in named]
            if not places:
                continue
            seeds = [p for _, p in places]
            cities = [(t, p) for t, p in places if gaz.kind[p] == CITY]
            regions = [(t, p) for t, p in places if gaz.kind[p] == ADMIN1]
            if len(cities) == 1 and cities[0][0].suffix not in (DISTRICT, AREA):
                top, p, precision = cities[0][0], cities[0][1], 2
            elif regions:
                top, p, precision = regions[0][0], regions[0][1], 3
            elif cities:
                top, p, precision = cities[0][0], cities[0][1], 3
            else:
                top, p = min(places, key=lambda item: gaz.kind[item[1]])
                precision = 3
            place = gaz.place(p)
            location = _location(
                top.surface if not is_title else place.name, place, place.latitude, place.longitude, precision, ()
            )
            return seeds, location
        return [], None

    def _may_back(self, ruled_out: set[tuple[str, int]], seeds: list[int], chosen: list[int]) -> bool:
        """Whether a ruled-out place seeds the story or lies within reach of a small town
        chosen for another name (so that resolving again could change it)."""
        gaz = self.geocoder.gazetteer
        wrong = {p for _, p in ruled_out}
        if not wrong.isdisjoint(seeds):
            return True
        small = {p for p in chosen if p >= 0 and p not in wrong and gaz.kind[p] == CITY
                 and gaz.population[p] < _SMALL_TOWN}
        return any(
            haversine_km(gaz.lat[w], gaz.lon[w], gaz.lat[p], gaz.lon[p]) < _WEAK_REACH_KM for w in wrong for p in small
        )

    def _qualify(self, toponyms: list[Toponym], chosen: list[int]) -> set[tuple[str, int]]:
        """Drop a town the text places somewhere it does not lie.

        "The nearby village of X" lies near the town told of just before; "X north
        of Y" (or "X, 10 km east of Y") lies near Y.

        "Dmytrivka, Izium Raion" (or "Vorozhba in Lebedyn district") is the village of
        that district; when the gazetteer's only one of that name lies elsewhere, the
        district (its seat) is the better place.

        Returns the (skeleton, place) pairs ruled out.
        """
        before = list(chosen)
        self._qualify_each(toponyms, chosen)
        # One name, one place in a document: a town the text rules out in one mention
        # ("Krasnopillia, Kramatorsk Raion" is not the Sumy one) is ruled out in all.
        wrong = {(skeleton(top.surface), p) for top, p, now in zip(toponyms, before, chosen, strict=True)
                 if p >= 0 and now < 0}
        if wrong:
            for i, top in enumerate(toponyms):
                if chosen[i] >= 0 and (skeleton(top.surface), chosen[i]) in wrong:
                    chosen[i] = -1
        return wrong

    def _qualify_each(self, toponyms: list[Toponym], chosen: list[int]) -> None:
        """The rules of ``_qualify``, mention by mention."""
        gaz = self.geocoder.gazetteer
        text = self.doc.text
        last_town = -1  # the latest town resolved before each name
        for i, top in enumerate(toponyms):
            p = chosen[i]
            if (p >= 0 and gaz.kind[p] == CITY and last_town >= 0
                    and _NEARBY.search(text, max(0, top.start - 40), top.start)):
                q = chosen[last_town]
                far = haversine_km(gaz.lat[p], gaz.lon[p], gaz.lat[q], gaz.lon[q]) > _NEARBY_REACH_KM
                if far and top.start - toponyms[last_town].end < 1500:
                    chosen[i] = -1  # "the nearby town of Mykolaivka": a namesake far away is not it
                    continue
            if (p >= 0 and gaz.kind[p] == CITY and gaz.population[p] >= _CITY_POPULATION and not top.suffix
                    and _VILLAGE_OF.search(text, max(0, top.start - 20), top.start)
                    and text[top.end : top.end + 2] not in ("'s", "’s")):
                chosen[i] = -1  # "the village of Sayda" is not Sidon, a city of 160,000
                continue
            if p >= 0 and gaz.kind[p] == CITY:
                last_town = i
        towns = [p for p in chosen if p >= 0 and gaz.kind[p] == CITY]
        middle = (statistics.median(gaz.lat[p] for p in towns), statistics.median(gaz.lon[p] for p in towns)) \
            if towns else (0.0, 0.0)

        def off_centre(p: int) -> float:
            return haversine_km(gaz.lat[p], gaz.lon[p], *middle)

        for i in range(1, len(toponyms)):
            a, b = chosen[i - 1], chosen[i]
            if a < 0 or b < 0 or gaz.kind[a] != CITY:
                continue
            gap = text[toponyms[i - 1].suffix_end : toponyms[i].start]
            placed = _PLACED_BY.match(gap) or _FEATURE_AT.match(gap)
            # The two disagree; the one farther from the document's other places is the namesake
            # ("Mosul, near al-Salam" keeps Mosul when the gazetteer's al-Salam is in Malaysia).
            if placed and off_centre(a) > off_centre(b):
                # "near Y" is close by; "north of Y" may be far ("Baiji, north of Baghdad"),
                # but not across a border; a stated distance says how far.
                groups = placed.groupdict()
                km = groups.get("km")
                reach = (_NEARBY_REACH_KM + 1.5 * float(km) if km
                         else _COMPASS_REACH_KM if groups.get("compass") else _NEARBY_REACH_KM)
                abroad = gaz.kind[b] <= ADMIN1 and gaz.country[a] != gaz.country[b]
                distance = haversine_km(gaz.lat[a], gaz.lon[a], gaz.lat[b], gaz.lon[b])
                if abroad or distance > reach or _wrong_side(gaz, a, b, groups.get("compass"), distance):
                    chosen[i - 1] = -1  # "Sehyan checkpoint north of Khan Shaykhun": not a Turkish town
        for i in range(1, len(toponyms)):
            district, town = toponyms[i], toponyms[i - 1]
            named_district = district.suffix == DISTRICT or district.after in DISTRICT_AFTER
            if not named_district or chosen[i] < 0 or chosen[i - 1] < 0 or gaz.kind[chosen[i - 1]] != CITY:
                continue
            if text[town.end : district.start].strip() not in (",", "in", "in the", ", in", ", in the"):
                continue  # "Dmytrivka, Izium Raion", "Vorozhba in Lebedyn district", "X, in Svatove Raion"
            a, b = chosen[i - 1], chosen[i]
            # a real town may lie farther from its seat: raions were merged into large ones in 2020
            reach = _DISTRICT_REACH_KM if gaz.population[a] < _DISTRICT_TOWN else _TOWN_DISTRICT_REACH_KM
            if haversine_km(gaz.lat[a], gaz.lon[a], gaz.lat[b], gaz.lon[b]) > reach:
                chosen[i - 1] = -1

    def _loose_subject(self, top: Toponym, p: int, previous_end: int) -> bool:
        """Whether ``top`` is one word that only loosely spells town ``p`` and no word before
        it says a place follows: more likely a person ("In 1918 Ludendorff used artillery"
        is not Ladendorf) or a village the gazetteer lacks. ``previous_end`` is where the
        place kept before it ends (-1 if none): "Amude, Dirbesiye" is a list of places."""
        if self.geocoder.gazetteer.kind[p] != CITY or " " in top.surface or top.code:
            return False
        text = self.doc.text
        if top.start > 0 and text[top.start - 1] in "-‐–—/":
            return False  # "the al-Shaddadi–al-Baaj road"
        if previous_end >= 0 and _LIST_COMMA.fullmatch(text, previous_end, top.start):
            return False  # "Amude, Dirbesiye" (not "In April, Ludendorff")
        before = word_before(text, top.start).lower()
        if before in _PLACE_FOLLOWS or before in ARTICLES or compass_bearing(before) is not None:
            return False  # "in X", "the village of X", "the town of al Shadidi", "East Prussia"
        return not self.geocoder._spelt_as(p, top.surface)

    def _mention(self, top: Toponym, place: Place, relation: Relation) -> PlaceMention:
        kind = place.kind
        precision = 1 if kind == "city" else 2 if kind == "admin2" else 3
        label = relation.label
        lat, lon, precision, start = _positioned(relation, place.latitude, place.longitude, precision, top.start)
        if relation.kind in ("between", "from"):
            label = ""  # decided when the pair is built
        end = top.end
        if top.suffix in (FEATURE, AREA, DISTRICT):
            precision = max(precision, 2)
            label = label or {FEATURE: "feature", AREA: "area", DISTRICT: "district"}[top.suffix]
            end = top.suffix_end
        elif top.after in AREA_AFTER and not top.suffix:  # "the Manbij countryside"
            precision = max(precision, 2)
            label = label or "area"
            end = top.after_end
        elif top.suffix == REGION:
            end = top.suffix_end
        return PlaceMention(
            span=Span(top.start, top.end),
            name=self.doc.text[top.start : end] if top.suffix in (REGION, DISTRICT) else top.surface,
            place=place,
            relation=label,
            precision=precision,
            evidence=Span(start, end),
            latitude=lat,
            longitude=lon,
        )

    def _build_groups(self, relations: list[Relation]) -> list[_Group]:
        text = self.doc.text
        groups: list[_Group] = []
        used = False
        mentions = self.mentions
        for i, mention in enumerate(mentions):
            if used:
                used = False
                continue
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            relation = relations[i]
            pair = ""
            if nxt is not None and self._same_sentence(mention.span.start, nxt.span.start):
                if relation.kind == "between" and joins_pair(text, mention.span.end, nxt.span.start, "between"):
                    pair = "front" if relation.label.startswith(("connecting", "linking", "joining")) else "between"
                elif relation.kind == "from" and joins_pair(text, mention.span.end, nxt.span.start, "from"):
                    floor = self._sentence_of(mention.span.start)
                    if is_front(text, floor.start if floor else 0, relation.start):
                        pair = "front"
                elif dash_road(text, mention.span.end, nxt.span.start, nxt.span.end):
                    pair = "front"
            if pair and nxt is not None:
                groups.append(self._pair_group(mention, nxt, relation, pair))
                used = True
                continue
            if _not_where(text, mention) or self._far_part_of(mention, nxt) or self._foreign_quarter(mention) \
                    or self._city_alias_among_villages(i):
                continue
            if mention.place.kind == "country" and (
                text.startswith(("'s", "’s"), mention.span.end)
                or (relation.kind in ("", "from", "between")
                    and not _LOCATIVE.search(text, max(0, mention.span.start - 20), mention.span.start))
                or _WENT_BACK.search(text, max(0, mention.span.start - 40), mention.span.start)
            ):
                continue  # "Russia launched ...", "shelling from Russia", "Russia's army", "forced to return to
                # Russia": who, whence or whither, not where
            groups.append(
                _Group(
                    _mention_location(mention),
                    mention.evidence.start,
                    mention.evidence.end,
                    _KIND_RANK_NAME[mention.place.kind],
                    _named_aside(text, mention, relation),
                    around=relation.kind == "part" or mention.relation == "area",
                    countryside="countryside" in relation.label,
                    placing=_places_another(relation),
                )
            )
        return groups

    def _city_alias_among_villages(self, index: int) -> bool:
        """Whether mention ``index`` is a large city named by another name than its own (an old
        or foreign one, not another spelling), listed with villages far from it: "advancing to Krymky,
        Oleksandrivka, Yatskivka and Korovii Yar" names the village Oleksandrivka, not
        Donetsk (one of whose old names it is), 120 km from the others."""
        mention = self.mentions[index]
        place = mention.place
        if place.kind != "city" or place.population < _CITY_POPULATION:
            return False
        text = self.doc.text
        listed = text.startswith(",", mention.span.end) or text.endswith(", ", 0, mention.span.start)
        if not listed:
            return False
        written = text[mention.span.start : mention.span.end]
        if skeleton(written) == skeleton(place.name):
            return False  # "Donetsk" itself, or another spelling of it ("Berdiansk" for Berdyansk)
        gaz = self.geocoder.gazetteer
        probe = strict_key(written)
        country = gaz.country[place.id]
        if not any(p != place.id and gaz.country[p] == country and gaz.exactness(p, probe) == 2
                   for p in gaz.candidates(skeleton(written))):
            return False  # an old name no other place bears ("Nikolaev" is only Mykolaiv's)
        sentence = self._sentence_of(mention.span.start)
        if sentence is None:
            return False
        others = [m for m in self.mentions_within(sentence.start, sentence.end)
                  if m is not mention and m.place.kind == "city" and m.place.population < _SMALL_TOWN]
        if len(others) < 2:
            return False
        return all(haversine_km(place.latitude, place.longitude, m.latitude, m.longitude) > _VILLAGE_REACH_KM
                   for m in others)

    def _foreign_quarter(self, mention: PlaceMention) -> bool:
        """Whether ``mention`` is listed as a quarter of a town its sentence names before the
        list ("In eastern Mosul, troops surrounded the neighbourhoods of Zahra, Aden and
        al-Quds") but resolved to a city of another country: quarters are often named after
        foreign cities, and are none of them. ("Masyaf and Hama, and neighbourhoods of
        Aleppo": Aleppo is of Hama's country, so it stays.)"""
        text = self.doc.text
        start = mention.span.start
        if mention.place.kind != "city":
            return False
        nouns = self._quarter_nouns
        i = bisect.bisect_right(nouns, start) - 1
        if i < 0 or nouns[i] < start - _QUARTERS_REACH:
            return False  # no list of quarters just before: the usual case, decided without a regex
        listed = _QUARTERS_LISTED.search(text, max(0, start - _QUARTERS_REACH), start)
        if listed is None:
            return False
        noun = listed.start()
        if _NAME_BEFORE.search(text, max(0, noun - 40), noun):
            return False  # "the Resefa and Sinaa districts of Deir ez-Zor": the town follows "of"
        homes = [m for m in self.mentions_within(noun - _QUARTERS_REACH, noun)
                 if m.place.kind == "city" and m.span.end <= noun and self._same_sentence(m.span.start, noun)]
        return bool(homes) and homes[-1].place.country != mention.place.country

    @cached_property
    def _quarter_nouns(self) -> list[int]:
        """Where each "neighbourhoods of" (and the like) of the text ends, in order."""
        text = self.doc.text
        ends = []
        for hint in _QUARTERS_HINT.finditer(text):
            noun = _QUARTERS_NOUN_AT.search(text, max(0, hint.start() - 12), hint.end())
            if noun is not None and noun.end() == hint.end():
                ends.append(noun.end())
        return ends

    def _far_part_of(self, mention: PlaceMention, nxt: PlaceMention | None) -> bool:
        """Whether ``mention`` names a part of the next place ("the Desna region of Chernihiv",
        "the Midan district of Damascus") but resolved to a namesake far from it: the part
        is then only known to lie in that place."""
        if nxt is None or nxt.place.kind != KIND_NAMES[CITY] or _REGION_NEXT.match(self.doc.text, nxt.span.end):
            return False  # "the Aleppo region of Syria", "... of Al-Hasakah province": no town to lie near
        gaz = self.geocoder.gazetteer
        region = gaz.capital_of.get(nxt.place.id)
        if mention.place.population >= nxt.place.population and region is None:
            return False  # "the Damascus suburb of Kanakir" names the town first
        part = _PART_OF.fullmatch(self.doc.text, mention.span.end, nxt.span.start)
        if part is None:
            return False
        if region is not None and part.group("unit").lower() in DISTRICT_AFTER \
                and region in self.geocoder._units_of(mention.place.id):
            return False  # "the Izium district of Kharkiv": Kharkiv's region, which holds Izium
        return haversine_km(mention.latitude, mention.longitude, nxt.latitude, nxt.longitude) > _PART_REACH_KM

    def _with_introduced(self, relations: list[Relation], toponyms: list[Toponym]) -> list[_Group]:
        """The groups, with the places the text introduces by a stated distance from a known
        one ("Ma'ar Hattat, 10 kilometers south of Maarrat al-Numan") placed there wherever
        they are named, when the gazetteer lacks them or holds them only far away."""
        text = self.doc.text
        found: dict[str, Location] = {}
        starts = [t.start for t in toponyms]
        for mention, relation in zip(self.mentions, relations, strict=True):
            if relation.kind != "offset" or relation.distance_km > 300:
                continue
            intro = _INTRODUCED.search(text, max(0, relation.start - 90), relation.start)
            if intro is None or self._in_excluded(intro.start("name")):
                continue
            name, start = intro.group("name"), intro.start("name")
            while " " in name and name.split(None, 1)[0].lower() in FUNCTION_WORDS:  # "In Hama, ..."
                head, name = name.split(None, 1)
                start = text.index(name, start + len(head))
            words = name.split()
            if words[-1].lower() in REGION_WORDS | DISTRICT_WORDS or all(w.lower() in COMMON_WORDS for w in words):
                continue  # "Kharkiv Oblast, 35 km northwest of Lyman", "April, some 100 km southwest of X"
            span = Span(start, intro.end("name"))
            itself = [m for m in self.mentions if m.span.start < span.end and span.start < m.span.end]
            before = text[max(0, start - 30) : start]
            if word_before(text, start).rstrip(".").lower() in TITLES or not (
                itself or _SETTLEMENT_BEFORE.search(before) or _found_over(toponyms, starts, span)
            ):
                continue  # no place name, nor said to be one: "Colonel Ivan Petrenko, 20 km south of X"
            if any(haversine_km(m.place.latitude, m.place.longitude, mention.latitude, mention.longitude)
                   <= relation.distance_km / 2 + _INTRODUCED_SLACK_KM for m in itself):
                continue  # the gazetteer has it, where the text says ("Tell Tamer, 40 km south of X")
            location = _location(name, mention.place, mention.latitude, mention.longitude, 2,
                                 (span, mention.evidence))
            found.setdefault(name, replace(location, geonameid=None))  # not the gazetteer's place
        if not found:
            return self._groups
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(found, key=len, reverse=True)) + r")\b")
        added = []
        for match in pattern.finditer(text):
            if self._in_excluded(match.start()):
                continue
            named = found[match.group()]
            span = Span(match.start(), match.end())
            location = Location(**{**named.__dict__, "evidence": (span, *named.evidence[1:])})
            added.append(_Group(location, span.start, span.end, 0))
        added_starts = [g.start for g in added]  # in text order, and they do not overlap
        kept = [g for g in self._groups if _overlapping(added, added_starts, Span(g.start, g.end)) is None]
        return sorted([*kept, *added], key=lambda g: (g.start, g.end))

    def _pair_group(self, a: PlaceMention, b: PlaceMention, relation: Relation, pair: str) -> _Group:
        lat, lon = midpoint(a.latitude, a.longitude, b.latitude, b.longitude)
        distance = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        precision = 3 if pair == "front" or distance > 50 else 2
        precision = max(precision, a.precision, b.precision)
        start = relation.start if relation.start >= 0 else a.span.start
        location = Location(
            name=f"{a.name}–{b.name}",
            latitude=lat,
            longitude=lon,
            admin1=a.place.admin1 if a.place.admin1 == b.place.admin1 else "",  # spans two regions
            country=a.place.country,
            iso=a.place.iso,
            geo_precision=precision,
            evidence=(Span(start, b.evidence.end),),
            geonameid=None,
        )
        rank = max(_KIND_RANK_NAME[a.place.kind], _KIND_RANK_NAME[b.place.kind])
        if distance > _WIDE_PAIR_KM:
            rank = max(rank, ADMIN1)  # "the border between Donetsk and Kharkiv": as wide as a region
        countries = (a.place.country, b.place.country) if a.place.kind == b.place.kind == "country" else ()
        return _Group(location, start, b.evidence.end, rank, wide=distance > _WIDE_PAIR_KM,
                      border_of_countries=countries)

    def _airfield_groups(self) -> list[_Group]:
        """Air bases and airports named in the text ("the Abu al-Duhur military airbase").

        The words before an airfield noun are read back for the longest run (up to
        four words) that names an airfield of the gazetteer's airfield table; one is
        kept only in a country where the story's towns lie and within
        ``_AIRFIELD_REACH_KM`` of one of them, the nearest if several qualify.
        """
        text = self.doc.text
        lower = text.lower()
        if "air" not in lower and "aerodrome" not in lower:
            return []
        # Where the story lies: its towns, else the article's place.
        towns = list({(m.place.country, m.place.latitude, m.place.longitude)
                      for m in self.mentions if m.place.kind == KIND_NAMES[CITY]})
        if not towns and self.article_place is not None:
            place = self.article_place
            towns = [(place.country, place.latitude, place.longitude)]
        if not towns:
            return []
        found: dict[str, tuple[int, float] | None] = {}
        groups: list[_Group] = []
        last = -1  # the airfield named last: "the airbase" after it is that field
        last_sentence: Span | None = None
        # lower() keeps offsets for almost every text; where it does not, scan ignoring case
        nouns = _AIRFIELD_NOUN.finditer(lower) if len(lower) == len(text) else _AIRFIELD_NOUN_ANY_CASE.finditer(text)
        for noun in nouns:
            if (noun.start() > 0 and text[noun.start() - 1].isalnum()) or self._in_excluded(noun.start()):
                continue  # inside a word ("chairport") or an actor's name
            sentence = self._sentence_of(noun.start())
            floor = max(sentence.start if sentence else 0, noun.start() - _AIRFIELD_NAME_CHARS)
            named = list(_airfield_names(text, floor, noun.start()))
            hit = self._first_airfield(named, found, towns)
            if hit is not None:
                ident, first = hit
                groups.append(self._airfield_group(ident, first, noun.end(), sentence))
                last, last_sentence = ident, sentence
            elif named:
                # A field the table lacks ("ISIL attacked the T4 airbase"): "the airbase" after it is
                # not the last one, unless it is another name of that one in the same sentence
                # ("the Tiyas Military Airbase (also called T4 airbase)").
                if sentence != last_sentence:
                    last = -1
            elif last >= 0 and not noun.group().lower().endswith("s") and not _NAME_FOLLOWS.match(text, noun.end()):
                the = _THE_AIRFIELD.search(text, max(0, noun.start() - 20), noun.start())
                if the is not None:  # "the airbase": the field named last
                    groups.append(self._airfield_group(last, the.start(), noun.end(), sentence))
        return groups

    def _in_excluded(self, position: int) -> bool:
        """Whether ``position`` lies inside one of the excluded spans (actor names)."""
        i = bisect.bisect_right(self._excluded, Span(position, len(self.doc.text) + 1)) - 1
        return i >= 0 and self._excluded[i].start <= position < self._excluded[i].end

    def _first_airfield(
        self,
        named: list[tuple[int, str]],
        found: dict[str, tuple[int, float] | None],
        towns: list[tuple[str, float, float]],
    ) -> tuple[int, int] | None:
        """(airfield, start of its name) for the longest of the ``named`` word runs that
        names a field near the story; ``found`` memoises the lookups of a document."""
        table = self.geocoder.gazetteer.airfields
        for first, words in named:
            if words not in found:
                found[words] = self._nearest_airfield(table.named(words), towns)
            hit = found[words]
            if hit is not None:
                return hit[0], first
        return None

    def _nearest_airfield(
        self, named: list[tuple[int, float]], towns: list[tuple[str, float, float]]
    ) -> tuple[int, float] | None:
        """The airfield of ``named`` nearest a town the story names in its own country, if near
        enough: ``_AIRFIELD_REACH_KM``, or ``_AIRFIELD_EXACT_REACH_KM`` for a name spelt exactly."""
        gaz = self.geocoder.gazetteer
        table = gaz.airfields
        best: tuple[int, float] | None = None
        for ident, alike in named:
            country = gaz.countries[table.country[ident]][1]
            lat, lon = table.lat[ident], table.lon[ident]
            reach = _AIRFIELD_EXACT_REACH_KM if alike >= 1.0 else _AIRFIELD_REACH_KM
            for town_country, town_lat, town_lon in towns:
                if town_country != country:
                    continue
                distance = haversine_km(lat, lon, town_lat, town_lon)
                if distance <= reach and (best is None or distance < best[1]):
                    best = (ident, distance)
        return best

    def _airfield_group(self, ident: int, start: int, end: int, sentence: Span | None) -> _Group:
        gaz = self.geocoder.gazetteer
        field = gaz.airfields.airfield(ident)
        _, country, iso, _, _ = gaz.countries[field.country]
        text = self.doc.text
        the = _THE_BEFORE.search(text, max(0, start - 4), start)  # "near the Jirah airbase"
        relation = relation_before(text, sentence.start if sentence else 0, the.start() if the else start)
        lat, lon, precision, start = _positioned(relation, field.latitude, field.longitude, 1, start)
        location = Location(
            name=field.name,
            latitude=lat,
            longitude=lon,
            admin1=gaz.admin1_units[field.admin1][2] if field.admin1 >= 0 else "",
            country=country,
            iso=iso,
            geo_precision=precision,
            evidence=(Span(start, end),),
        )
        return _Group(location, start, end, 0, airfield=True)

    def _feature_memory(self, airfields: Sequence[_Group]) -> dict[str, Location]:
        """Named features (a pumping station, an airbase) and the place first seen with them.

        A feature the gazetteer lacks takes the location of a place named in the same
        sentence; later mentions of the same feature name reuse it. A feature found as
        an airfield (``airfields``) is that airfield.
        """
        memory: dict[str, Location] = {}
        airfield_starts = [g.start for g in airfields]
        self._feature_spans: list[tuple[Span, str]] = []
        text = self.doc.text
        for match in _feature_matches(text):
            name = match.group("name")
            words = [w for w in name.split() if w.lower() not in COMMON_WORDS]
            if not words or not any(ch.isupper() or ch.isdigit() for ch in "".join(words)):
                continue
            key = strict_key(" ".join([*words, match.group("head")]))
            offset = match.start("name") + name.find(words[0])
            span = Span(offset, match.end())
            airfield = _overlapping(airfields, airfield_starts, span)
            if airfield is not None:  # "Al Asad air base" is already placed at the field
                memory.setdefault(key, airfield.location)
                continue
            self._feature_spans.append((span, key))
            if key in memory:
                continue
            sentence = self._sentence_of(span.start)
            if sentence is None:
                continue
            near = [g for g in self._within(sentence) if g.location.evidence]
            if not near:
                continue
            anchor = min(near, key=lambda g: (g.kind_rank, abs(g.start - span.start)))
            memory[key] = _widen(anchor.location, 2, (span,))
        return memory

    # -- lookups ----------------------------------------------------------------

    def _within(self, span: Span) -> list[_Group]:
        """Groups inside ``span`` (a sentence), found by bisection."""
        lo = bisect.bisect_left(self._group_starts, span.start)
        hi = bisect.bisect_left(self._group_starts, span.end)
        return [g for g in self._groups[lo:hi] if g.end <= span.end]

    def _covered(self, position: int) -> bool:
        """Whether a group already covers ``position``."""
        index = bisect.bisect_right(self._group_starts, position) - 1
        return any(g.start <= position < g.end for g in self._groups[max(0, index - 3) : index + 1])

    def _inside(self, span: Span) -> list[_Group]:
        lo = bisect.bisect_left(self._group_starts, span.start)
        out = []
        for group in self._groups[lo:]:
            if group.start >= span.end:
                break
            if group.end <= span.end:
                out.append(group)
        return out

    def _feature_in(self, span: Span) -> Location | None:
        lo = bisect.bisect_left(self._feature_starts, span.start)
        for fspan, key in self._feature_spans[lo:]:
            if fspan.start >= span.end:
                break
            if fspan.end <= span.end:
                known = self._features.get(key)
                if known is not None:
                    return Location(**{**known.__dict__, "evidence": (fspan, *known.evidence[1:])})
                sentence = self._sentence_of(fspan.start)
                if sentence is not None:
                    near = self._within(sentence)
                    if near:
                        anchor = min(near, key=lambda g: (g.kind_rank, abs(g.start - fspan.start)))
                        return _widen(anchor.location, 2, (fspan,))
        return None

    def _context(self, span: Span) -> Location | None:
        """The latest place of the same sentence or paragraph, then the section heading."""
        sentence = self._sentence_of(span.start)
        if sentence is not None:
            same = self._within(sentence)
            if same:
                first = self._first_of_clause_before_but(sentence, span, same)
                nearest = first or min(same, key=lambda g: (g.kind_rank, abs(g.start - span.start)))
                if nearest.kind_rank >= COUNTRY and self._regional_centre is not None:
                    return self._regional_centre  # "... a ban on chemical weapons in Syria": not where
                return _widen(nearest.location, 2, ())
        paragraph = self._paragraph_of(span.start)
        if paragraph is not None:
            # The latest town before the span; a country or region only if no town
            # ("Russia reported ..." names an actor more often than a place).
            hi = bisect.bisect_left(self._group_starts, span.start)
            # not a long road named before ("overlooks the Damascus–Aleppo highway"): its middle,
            # 150 km from either end, is nowhere the story went
            lo = bisect.bisect_left(self._group_starts, paragraph.start)
            earlier = [g for g in self._groups[lo:hi] if g.end <= span.start
                       and not g.wide and not _AXIS_AFTER.match(self.doc.text, g.end)]  # not "the Kyiv axis"
            home = self.article_place.country if self.article_place is not None else ""
            if home:  # a country named in passing ("aid from Australia") is not where this happened
                earlier = [g for g in earlier if g.location.country == home]
            if earlier:
                # a town itself before "the southern X countryside" (the land around a town)
                towns = [g for g in earlier if g.kind_rank == 0 and not g.around] or \
                    [g for g in earlier if g.kind_rank == 0]
                # not a road's far end ("cutting the only supply route to Aleppo city")
                towns = [g for g in towns if not _ROUTE_TO.search(self.doc.text, max(0, g.start - 30), g.start)] \
                    or towns
                last = (towns or earlier)[-1]
                if _THIS_TOWN.search(self.doc.text, span.start, span.end):
                    last = self._placed_by(last, towns)
                moved = self._moved_to_the_article_region(last, earlier)
                if moved is not None:
                    return moved
                place = self.article_place
                if self._title_is_place and place is not None and last.location.geonameid != place.geonameid \
                        and self._refers_to_the_town(last.end, span.start):
                    return _widen(place, 2, ())  # "... southeast of the settlement centre." in its battle
                if last.kind_rank >= COUNTRY and self._regional_centre is not None:
                    return self._regional_centre  # "... in Syria." then "airstrikes in the area"
                latest = last.location
                place = self.article_place
                if (
                    place is not None and latest.geonameid != place.geonameid and self._battle_for_place
                    and _FROM_TOWN.search(self.doc.text, max(0, last.start - 30), last.start)
                ):
                    # In the battle for one town, an action with no place of its own is that
                    # town's; another town earlier in the paragraph is mostly where forces came from.
                    return place
                return _widen(latest, 2, ())
        for heading in self._headings(span.start):
            found = self._inside(heading)
            if found:
                return _widen(min(found, key=lambda g: (g.kind_rank, g.start)).location, 2, ())
        return None

    def _moved_to_the_article_region(self, last: _Group, earlier: list[_Group]) -> Location | None:
        """The article's town when, after the paragraph's latest town, the text names the
        article town's region and the latest town lies outside it: "fifteen soldiers captured
        in Tikrit were executed. ISIL stormed the Nineveh provincial headquarters ..." tells
        of Mosul, in Nineveh, again, not of Tikrit."""
        place = self.article_place
        if place is None or place.geo_precision > 2 or not place.admin1 or not last.location.admin1 \
                or last.location.admin1 == place.admin1:
            return None
        text = self.doc.text
        for group in earlier:
            if group.kind_rank == ADMIN1 and group.location.admin1 == place.admin1 \
                    and group.location.country == place.country and not group.aside \
                    and not self._same_sentence(group.start, last.start) and group.start > last.start \
                    and not _FROM_TOWN.search(text, max(0, group.start - 40), group.start):
                return _widen(place, 2, ())
        return None

    def _refers_to_the_town(self, start: int, end: int) -> bool:
        """Whether "the city" (town, settlement) between ``start`` and ``end`` stands for
        the article's town: not after one town named earlier in its own sentence."""
        for match in _THE_TOWN.finditer(self.doc.text, start, end):
            if not self._one_town_before(Span(match.start(), match.end()), earlier=False):
                return True
        return False

    def mentions_within(self, start: int, end: int) -> list[PlaceMention]:
        """The resolved names that begin in ``[start, end)``, found by bisection."""
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return self.mentions[lo:hi]

    def names_place(self, span: Span) -> bool:
        """Whether a resolved name overlaps ``span`` (one may begin before it)."""
        return any(span.overlaps(m.span) for m in self.mentions_within(span.start - _MAX_NAME_CHARS, span.end))

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.span.start for m in self.mentions]  # mentions are kept in text order

    def _first_of_clause_before_but(self, sentence: Span, span: Span, same: list[_Group]) -> _Group | None:
        """After ", but", the first place of the clause before it: the action goes on where
        that clause put it, not at a place that only described it ("tried to take a bakery in
        Atarib, the largest in western Aleppo, but withdrew" is Atarib; "left Kafr Nabl and
        attacked Saraqib, but were repulsed" is Saraqib). None if ``span`` follows no "but"."""
        text = self.doc.text
        but = _BUT_BEFORE.search(text, max(sentence.start, span.start - 12), span.start)
        if but is None:
            return None
        floor = sentence.start
        for joint in _CLAUSE_JOINT.finditer(text, sentence.start, but.start()):
            floor = joint.end()
        clause = [g for g in same if floor <= g.start < but.start()]
        return min(clause, key=lambda g: (g.kind_rank, g.aside, g.start)) if clause else None

    def _placed_by(self, last: _Group, towns: list[_Group]) -> _Group:
        """The town ``last`` only places, if the text names one just before it: after "the
        village of Motyzhyn near Makariv was retaken", "the mayor of this village" is
        Motyzhyn's. A town given as a reference point is not the one the story goes on about."""
        if not last.placing or last.around:
            return last
        before = [g for g in towns if g.end <= last.start]
        if before and _JUST_BEFORE.fullmatch(self.doc.text, before[-1].end, last.start):
            return before[-1]
        return last

    def _headings(self, position: int) -> list[Span]:
        """Heading lines of the sections that contain ``position``, innermost first."""
        text = self.doc.text
        spans = []
        for section in self.doc.sections:
            if section.span.start <= position < section.span.end:
                line_end = text.find("\n", section.span.start, section.span.end)
                spans.append((section.level, Span(section.span.start, line_end if line_end >= 0 else section.span.end)))
        return [s for _, s in sorted(spans, key=lambda item: -item[0])]

    def _sentence_of(self, position: int) -> Span | None:
        index = bisect.bisect_right(self._sentence_starts, position) - 1
        if index >= 0 and position < self._sentences[index].end:
            return self._sentences[index]
        return None

    def _same_sentence(self, a: int, b: int) -> bool:
        sentence = self._sentence_of(a)
        return sentence is not None and sentence.start <= b < sentence.end

    def _paragraph_index(self, position: int) -> int:
        """The number of the paragraph ``position`` lies in (-1 for none), for ``Geocoder.resolve``."""
        index = bisect.bisect_right(self._paragraph_starts, position) - 1
        return index if index >= 0 and position < self._paragraphs[index].end else -1

    def _paragraph_of(self, position: int) -> Span | None:
        index = self._paragraph_index(position)
        return self._paragraphs[index] if index >= 0 else None


_KIND_RANK_NAME = {name: kind for kind, name in KIND_NAMES.items()}  # kinds are numbered by size


def _positioned(
    relation: Relation, lat: float, lon: float, precision: int, start: int
) -> tuple[float, float, int, int]:
    """A place's point, precision and evidence start once the relation before it applies:
    "near X", "north of X" and "southern X" keep X's point at precision 2 at least; "10 km
    north of X" moves it (within 300 km)."""
    if relation.kind in ("near", "direction", "part"):
        return lat, lon, max(precision, 2), relation.start
    if relation.kind == "offset" and relation.distance_km <= 300:
        lat, lon = destination(lat, lon, relation.bearing, relation.distance_km)
        return lat, lon, max(precision, 2), relation.start
    return lat, lon, precision, start


def _around_town(label: str) -> bool:
    """Whether a relation label puts the event in the land around a town, not in it:
    "southwest of", "the southern", "countryside of", an area word."""
    if label == "area":
        return True
    words = label.lower().split()
    return "near" not in words and any(w == "countryside" or compass_bearing(w) is not None for w in words)


def _location(name: str, place: Place, lat: float, lon: float, precision: int, evidence: tuple[Span, ...]) -> Location:
    return Location(
        name=name,
        latitude=lat,
        longitude=lon,
        admin1=place.admin1 if place.kind != "country" else "",
        country=place.country,
        iso=place.iso,
        geo_precision=precision,
        evidence=evidence,
        geonameid=place.geonameid,
    )


def _names(text: str, name: str) -> bool:
    """Whether ``text`` names ``name``, whose first letter may be lower-case ("the siege of
    eastern Ghouta" names "Eastern Ghouta")."""
    return name in text or (name[:1].lower() + name[1:]) in text


def _wrong_side(gaz: Gazetteer, place: int, anchor: int, compass: str | None, distance: float) -> bool:
    """Whether ``place`` lies on the other side of ``anchor`` from the one the text states
    ("Sieverne, west of Avdiivka" is no village 30 km north-east of it)."""
    stated = compass_bearing(compass) if compass else None
    if stated is None or distance < _SIDE_MIN_KM:
        return False
    actual = initial_bearing(gaz.lat[anchor], gaz.lon[anchor], gaz.lat[place], gaz.lon[place])
    return abs((actual - stated + 180.0) % 360.0 - 180.0) > _SIDE_TOLERANCE


def _mention_location(mention: PlaceMention) -> Location:
    return _location(
        mention.name, mention.place, mention.latitude, mention.longitude, mention.precision, (mention.evidence,)
    )


def _widen(location: Location, precision: int, extra: tuple[Span, ...]) -> Location:
    """The same place reused for a nearby event: at least ``precision``, more evidence."""
    return Location(
        name=location.name,
        latitude=location.latitude,
        longitude=location.longitude,
        admin1=location.admin1,
        country=location.country,
        iso=location.iso,
        geo_precision=max(location.geo_precision, precision),
        evidence=(*extra, *location.evidence),
        geonameid=location.geonameid,
    )


def _sentence_table(doc: Document) -> tuple[list[Span], list[Span]]:
    """Sentence spans and paragraph spans, from the document or computed from its text."""
    if doc.sentences:
        sentences = [s.span for s in doc.sentences]
        by_paragraph: dict[tuple[int, int], list[Span]] = defaultdict(list)
        for s in doc.sentences:
            by_paragraph[(s.section, s.paragraph)].append(s.span)
        paragraphs = sorted(Span(min(x.start for x in v), max(x.end for x in v)) for v in by_paragraph.values())
        return sentences, paragraphs
    from annals.read.sentences import split_sentences

    sentences = split_sentences(doc.text)
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text)]
    return sentences, paragraphs
