"""Reader for PETRARCH/TABARI actor and agent dictionaries (the Phoenix set).

Used only when building ``phoenix_actors.json`` (``phoenix_build.py``,
``scripts/build_phoenix.py``); nothing reads the dictionaries at run time. The format,
as these files use it:

- ``#`` starts a comment (the old ``;`` too); lines starting with ``<!`` are ignored.
- A record opens with a primary phrase, words joined by ``_`` or blanks, an
  optional code in brackets and an optional comment:
  ``BOKO_HARAM_ [NGAREB] # note``.
- ``+PHRASE_`` lines are synonyms of the record.
- Lines starting with a tab add codes, possibly date-restricted:
  ``[SYRGOV >000717]`` (from), ``[USAGOV <061231]`` (until),
  ``[AFGGOV 780427-780430]`` (between); dates are YYMMDD (00-30 -> 20YY) or YYYYMMDD.
  ``[---]`` is the null code. A primary line may also carry several bracketed codes.
- Primary phrases with no code that follow each other share the codes that come
  after them: a new record starts at a primary phrase once the current record has codes.
- Agent files hold ``PHRASE {plural} [~CODE]`` lines and substitution macros
  ``!PERSON! = MAN, MEN, WOMAN`` used as ``CONGRESS!PERSON! [~LEG]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CameoCode:
    """A CAMEO code and the dates it applies between (inclusive; None: open)."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class PhoenixEntry:
    """One actor record: its first phrase, the other phrases, its codes."""

    name: str  # as written: "LORD'S_RESISTANCE_ARMY_"
    synonyms: tuple[str, ...]
    codes: tuple[CameoCode, ...]
    comment: str  # the primary line's comment, e.g. "CountryInfo.txt"
    source: str  # file name
    line: int  # 1-based line of the primary phrase

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent phrase ("FOREIGN_MINISTER"), its plural rule and its code ("~GOV")."""

    phrase: str
    plural: str | None  # None: regular plural; "": none; else the plural as written
    code: str
    source: str
    line: int


_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"\d{6}(?:\d{2})?")


def parse_date(text: str) -> date | None:
    """YYMMDD or YYYYMMDD as a date; None when it is neither or not a real day."""
    if not _DATE.fullmatch(text):
        return None
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_code(inside: str) -> CameoCode | None:
    """The text between brackets as a code: "SYRGOV >000717" -> SYRGOV from 2000-07-17.

    None for the null code ("---", "") and for restrictions whose dates do not parse.
    """
    code, _, rest = inside.strip().partition(" ")
    rest = rest.strip()
    if not code or set(code) <= {"-"}:
        return None
    if not rest:
        return CameoCode(code)
    if rest[0] in "<>":
        day = parse_date(rest[1:].strip())
        if day is None:
            return None
        return CameoCode(code, end=day) if rest[0] == "<" else CameoCode(code, start=day)
    first, dash, second = rest.partition("-")
    start, end = parse_date(first.strip()), parse_date(second.strip())
    if not dash or start is None or end is None or end < start:
        return None
    return CameoCode(code, start, end)


def _split_comment(line: str) -> tuple[str, str]:
    cut = min((i for i in (line.find("#"), line.find(";")) if i >= 0), default=-1)
    return (line, "") if cut < 0 else (line[:cut], line[cut + 1 :].strip())


@dataclass
class _Open:
    name: str
    comment: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[CameoCode] = field(default_factory=list)
    coded: bool = False  # a code line (even a null or unreadable one) was seen


def parse_actors(text: str, source: str = "") -> list[PhoenixEntry]:
    """Every record of an actor dictionary, in file order."""
    entries: list[PhoenixEntry] = []
    current: _Open | None = None

    def close() -> None:
        if current is not None:
            entries.append(PhoenixEntry(current.name, tuple(current.synonyms), tuple(current.codes),
                                        current.comment, source, current.line))

    for number, raw in enumerate(text.splitlines(), start=1):
        if "---STOP---" in raw:
            break
        if not raw.strip() or raw.lstrip().startswith(("#", "<!")):
            continue
        body, comment = _split_comment(raw)
        codes = [parse_code(inside) for inside in _CODE.findall(body)]
        phrase = _CODE.sub(" ", body).strip()
        if not phrase:  # a code line
            if current is not None:
                current.codes.extend(c for c in codes if c is not None)
                current.coded = True
            continue
        if phrase.startswith("+"):
            if current is not None:  # glued synonyms ("A_+_B_") are two synonyms
                current.synonyms.extend(p for p in (s.strip() for s in phrase.split("+")) if p.strip("_"))
                current.codes.extend(c for c in codes if c is not None)
                current.coded |= bool(codes)
            continue
        if current is not None and not current.coded:  # shares the codes still to come
            current.synonyms.append(phrase)
        else:
            close()
            current = _Open(phrase, comment, number)
        if codes:
            current.codes.extend(c for c in codes if c is not None)
            current.coded = True
    close()
    return [e for e in entries if e.name.strip("_ ")]


_MACRO = re.compile(r"!(\w+)!\s*=\s*(.+)")
_AGENT = re.compile(r"(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]")


def parse_agents(text: str, source: str = "") -> list[AgentEntry]:
    """Every agent phrase, with ``!MACRO!`` substitutions expanded."""
    macros: dict[str, list[str]] = {}
    agents: list[AgentEntry] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith(("#", "<!")):
            continue
        body, _ = _split_comment(raw)
        macro = _MACRO.match(body.strip())
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        match = _AGENT.match(body.strip())
        if match is None:
            continue
        phrase, plural, code = match.group("phrase").strip(), match.group("plural"), match.group("code").strip()
        forms = [phrase]
        used = re.search(r"!(\w+)!", phrase)
        if used:
            if used.group(1) not in macros:
                continue  # an undefined macro: PETRARCH skips the line too
            forms = [phrase[: used.start()] + sub + phrase[used.end() :] for sub in macros[used.group(1)]]
            plural = ""  # the substitutions already give every form
        agents.extend(AgentEntry(form, plural, code, source, number) for form in forms)
    return agents


def read_actors(path: Path) -> list[PhoenixEntry]:
    return parse_actors(path.read_text("utf-8", errors="replace"), path.name)


def read_agents(path: Path) -> list[AgentEntry]:
    return parse_agents(path.read_text("utf-8", errors="replace"), path.name)
