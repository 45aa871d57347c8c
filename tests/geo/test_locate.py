"""Event locations: places in the clause, relative positions, features, fallbacks."""

from __future__ import annotations

import re

import pytest

from annals.document import Document, InfoboxField, OffsetMap, Sentence, Span
from annals.geo import DocumentGeography, Geocoder, Location
from annals.geo.finder import find_toponyms
from annals.geo.relations import haversine_km
from annals.read import read_text
from annals.read.sentences import split_sentences


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.load()


def make_doc(text: str, place: str | None = None, title: str = "A test article") -> Document:
    """A plain document: one paragraph per line, sentences split as the readers do."""
    sentences = []
    for number, line in enumerate(re.finditer(r"[^\n]+", text)):
        sentences.extend(Sentence(span, -1, number) for span in split_sentences(text, line.start(), line.end()))
    infobox = (InfoboxField("place", place, Span(0, 0)),) if place else ()
    return Document(
        source=text,
        text=text,
        offsets=OffsetMap.identity(len(text)),
        title=title,
        format="plain",
        infobox=infobox,
        sentences=tuple(sentences),
    )


def locate_phrase(geo: DocumentGeography, phrase: str) -> Location | None:
    start = geo.doc.text.index(phrase)
    return geo.locate(Span(start, start + len(phrase)))


def names_found(geo: DocumentGeography) -> set[str]:
    """The place names resolved in the document, as written."""
    return {geo.doc.text[m.span.start : m.span.end] for m in geo.mentions}


def words(doc: Document, location: Location) -> list[str]:
    return [doc.text[s.start : s.end] for s in location.evidence]


@pytest.mark.parametrize(
    ("spellings", "place"),
    [
        (("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"), "Syria"),
        (("Abu Kamal", "Albu Kamal", "Al-Bukamal"), "Deir ez-Zor Governorate, Syria"),
        (("Sievierodonetsk", "Severodonetsk"), "Luhansk Oblast, Ukraine"),
        (("Marinka", "Mar'yinka"), "Donetsk Oblast, Ukraine"),
        (("Palmyra", "Tadmur"), "Homs Governorate, Syria"),
        # the article as said ("as-") or as written ("al-"), or left out
        (("Al-Sukhnah", "As-Sukhnah", "Sukhnah"), "Homs Governorate, Syria"),
        # a letter doubled or not: GeoNames spells the town "‘Ayn ‘Īsá", among 90 places of key "nVsV"
        (("Ayn Issa", "Ayn Isa"), "Raqqa Governorate, Syria"),
    ],
)
def test_locate_transliteration_variants_resolve_to_one_place(
    geocoder: Geocoder, spellings: tuple[str, ...], place: str
) -> None:
    found = set()
    for spelling in spellings:
        doc = make_doc(f"Artillery struck positions in {spelling} on Tuesday morning.", place)
        location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
        assert location is not None, spelling
        assert words(doc, location) == [spelling]
        found.add(location.geonameid)
    assert len(found) == 1 and None not in found


@pytest.mark.parametrize(
    ("text", "place", "lat", "lon"),
    [
        # Dolyna: a town in Ivano-Frankivsk Oblast and a village near Lyman in Donetsk Oblast.
        (
            "Fighting went on around Lyman and Sviatohirsk.\nShells also fell on Dolyna that night.",
            "Ukraine",
            49.0,
            37.43,
        ),
        ("Farmers met in Kalush on Monday.\nA fair then opened in Dolyna.", "Ukraine", 48.97, 23.97),
        ("Troops dug in at Siversk and Lyman.\nThey later withdrew from Yampil.", "Ukraine", 48.94, 37.96),
    ],
)
def test_locate_homonym_follows_the_story(geocoder: Geocoder, text: str, place: str, lat: float, lon: float) -> None:
    doc = make_doc(text, place)
    geo = geocoder.for_document(doc)
    second = doc.text.index("\n") + 1
    location = geo.locate(Span(second, len(doc.text)))
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, lat, lon) < 10


@pytest.mark.parametrize(
    ("text", "anchor", "precision", "relation_words"),
    [
        ("Militants raided an outpost southeast of Palmyra.", (34.56, 38.28), 2, "southeast of Palmyra"),
        ("Clashes broke out on the outskirts of Homs.", (34.72, 36.72), 2, "on the outskirts of Homs"),
        ("A convoy was ambushed near the town of Tadmur.", (34.56, 38.28), 2, "near the town of Tadmur"),
    ],
)
def test_locate_relative_position_lowers_precision(
    geocoder: Geocoder, text: str, anchor: tuple[float, float], precision: int, relation_words: str
) -> None:
    doc = make_doc(text, "Syria")
    location = geocoder.for_document(doc).locate(Span(0, len(text)))
    assert location is not None
    assert location.geo_precision == precision
    assert haversine_km(location.latitude, location.longitude, *anchor) < 5
    assert words(doc, location) == [relation_words]


def test_locate_stated_distance_moves_the_point(geocoder: Geocoder) -> None:
    doc = make_doc("A checkpoint 20 km north of Palmyra was overrun.", "Syria")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None and location.geo_precision == 2
    assert haversine_km(location.latitude, location.longitude, 34.56, 38.28) == pytest.approx(20, abs=2)
    assert location.latitude > 34.6


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Heavy fighting raged along a 40-kilometre front from Homs to Hama.", 3),
        ("Rockets landed between Homs and Hama.", 2),  # under 50 km apart
        ("The Homs-Hama highway was closed for a day.", 3),
    ],
)
def test_locate_two_places_give_their_midpoint(geocoder: Geocoder, text: str, precision: int) -> None:
    doc = make_doc(text, "Syria")
    location = geocoder.for_document(doc).locate(Span(0, len(text)))
    assert location is not None and location.geo_precision == precision
    homs, hama = (34.72, 36.72), (35.13, 36.76)
    assert haversine_km(location.latitude, location.longitude, *homs) == pytest.approx(
        haversine_km(location.latitude, location.longitude, *hama), abs=3
    )


def test_locate_feature_missing_from_gazetteer_uses_its_place(geocoder: Geocoder) -> None:
    text = (
        "Militants stormed the K-7 Pumping Station near Palmyra on Monday.\n"
        "Two days later the K7 pumping station came under fire again."
    )
    doc = make_doc(text, "Homs Governorate, Syria")
    geo = geocoder.for_document(doc)
    location = locate_phrase(geo, "the K7 pumping station came under fire again")
    assert location is not None and location.geo_precision == 2
    assert haversine_km(location.latitude, location.longitude, 34.56, 38.28) < 5
    assert words(doc, location)[0] == "K7 pumping station"
    assert "near Palmyra" in words(doc, location)


def test_locate_feature_without_place_falls_back_to_article_place(geocoder: Geocoder) -> None:
    doc = make_doc("Drones struck the Zarqun-4 Airbase before dawn.", "Deir ez-Zor Governorate, Syria")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None
    assert location.geo_precision == 3 and location.evidence == ()
    assert location.admin1 == "Deir ez-Zor" and location.iso == 760


def test_locate_clause_without_place_uses_paragraph_context(geocoder: Geocoder) -> None:
    doc = make_doc("Rebels entered Idlib on Friday. They also seized two checkpoints.", "Syria")
    geo = geocoder.for_document(doc)
    location = locate_phrase(geo, "They also seized two checkpoints.")
    assert location is not None and location.name == "Idlib" and location.geo_precision == 2
    assert words(doc, location) == ["Idlib"]


@pytest.mark.parametrize(
    ("story", "region", "place"),
    [
        ("Soldiers re-entered Motyzhyn near Makariv on Monday. The head of this village had been shot.",
         "Kyiv Oblast, Ukraine", "Motyzhyn"),
        ("Partisans raided Tokmak, northeast of Melitopol, at night. By dawn they had left the town.",
         "Ukraine", "Tokmak"),
        # no "the town" or "this village": the last town named stays
        ("Soldiers re-entered Motyzhyn near Makariv on Monday. Shelling went on all week.",
         "Kyiv Oblast, Ukraine", "Makariv"),
        # "the city" mostly means the larger town that placed the other
        ("Russian troops took Manhush, west of Mariupol. Shelling of the city went on for days.",
         "Ukraine", "Mariupol"),
    ],
    ids=["this village", "the town", "no town word", "the city"],
)
def test_the_village_after_a_town_placed_by_another_is_that_town(
    geocoder: Geocoder, story: str, region: str, place: str
) -> None:
    geo = geocoder.for_document(make_doc(story, region))
    location = locate_phrase(geo, story[story.index(". ") + 2 :])
    assert location is not None and location.name == place


def test_a_name_with_the_relational_suffix_is_no_loose_spelling_of_one_without(geocoder: Geocoder) -> None:
    """"Saqlawiyah" (a village by Fallujah the gazetteer lacks) shares a skeleton with
    Shaqlawah, a town 340 km away in Erbil; the "-iyah" tells them apart, so the event
    stays by Fallujah."""
    doc = make_doc("Iraqi troops cleared Fallujah in June. A week earlier they had captured Saqlawiyah.",
                   "Fallujah, Anbar Governorate, Iraq")
    geo = geocoder.for_document(doc)
    assert "Saqlawiyah" not in names_found(geo)
    location = locate_phrase(geo, "A week earlier they had captured Saqlawiyah.")
    assert location is not None and location.name == "Fallujah"


@pytest.mark.parametrize(
    ("story", "clause", "place"),
    [
        ("Gunmen raided a market in Atarib, a town of the western Aleppo countryside, but pulled out at dusk.",
         "pulled out at dusk.", "Atarib"),
        # the clause before "but" begins after "and"
        ("Rebels left Kafr Nabl on Monday and attacked Saraqib on Tuesday, but were driven back.",
         "were driven back.", "Saraqib"),
        # not after "but": the latest place before the clause
        ("Fighters left the front near Azaz to reinforce Manbij, while the SDF took two villages.",
         "the SDF took two villages.", "Manbij"),
    ],
)
def test_a_clause_after_but_goes_on_where_the_sentence_began(
    geocoder: Geocoder, story: str, clause: str, place: str
) -> None:
    doc = make_doc(story, "Aleppo Governorate, Syria")
    location = locate_phrase(geocoder.for_document(doc), clause)
    assert location is not None and location.name == place


def test_a_river_placed_at_one_town_gives_way_to_a_town_named_with_it(geocoder: Geocoder) -> None:
    """A river the gazetteer lacks is remembered at the town first named with it; in a
    later sentence that names a town of its own, the river is only crossed on the way."""
    doc = make_doc("Russian troops held the Siverskyi Donets River north of Lyman. "
                   "Ukrainian troops crossed the Siverskyi Donets River and freed the town of Sviatohirsk.",
                   "Donetsk Oblast, Ukraine")
    sentence = doc.text[doc.text.index("Ukrainian troops"):]
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.name == "Sviatohirsk"


def test_a_ship_named_after_a_town_is_no_place(geocoder: Geocoder) -> None:
    doc = make_doc("On 14 April, Ukrainian missiles fired from Odesa sank the cruiser Moskva in the Black Sea.",
                   "Odesa Oblast, Ukraine")
    geo = geocoder.for_document(doc)
    assert "Moskva" not in names_found(geo) and "Odesa" in names_found(geo)
    doc = make_doc("Sailors from Houston boarded the USS San Antonio in Norfolk.", "Texas, United States")
    assert names_found(geocoder.for_document(doc)) == {"Houston", "Norfolk"}


@pytest.mark.parametrize(
    ("source", "fmt"),
    [
        ("---\nsubject: A test\n---\n\n"
         "On 24 March, a Ukrainian missile set the *Saratov* on fire in the port of Odesa.\n", "markdown"),
        ("On 24 March, a Ukrainian missile set the ''Saratov'' on fire in the port of Odesa.\n", "wikitext"),
        ("On 24 March, a Ukrainian missile set the ''[[Russian landing ship Saratov|Saratov]]'' on fire "
         "in the port of [[Odesa]].\n", "wikitext"),
    ],
)
def test_a_name_in_italics_is_no_place(geocoder: Geocoder, source: str, fmt: str) -> None:
    """Articles set ships, papers and titles in italics, never towns."""
    geo = geocoder.for_document(read_text(source, format=fmt))
    assert "Saratov" not in names_found(geo) and "Odesa" in names_found(geo)


@pytest.mark.parametrize(("lead", "follow", "place", "name"), [
    # "a ridge above the Damascus–Aleppo highway" names a road 300 km long: its middle, by
    # Hama, is nowhere the next sentence's artillery fire fell
    ("Rebels dug in on a ridge above the Damascus–Aleppo highway. ",
     "Artillery pounded the hamlet below for hours.", "Aleppo, Syria", "Aleppo"),
    # "pulled back along the Kyiv axis" names a heading, not a place things happened
    ("Hostomel was back in Ukrainian hands once Russian units pulled back along the Kyiv axis. ",
     "Abandoned armour lay by the roads.", "Kyiv Oblast, Ukraine", "Hostomel"),
    # "closing the main road to Hama" names where the road leads, not where the fighting is
    ("Rebels seized two hamlets near Morek, closing the main road to Hama. ",
     "The rebels then took three more villages.", "Hama Governorate, Syria", "Morek"),
])
def test_a_place_the_paragraph_only_passes_is_no_fallback(
    geocoder: Geocoder, lead: str, follow: str, place: str, name: str
) -> None:
    """The next sentence with no place of its own stays at the place the story is at."""
    location = locate_phrase(geocoder.for_document(make_doc(lead + follow, place)), follow)
    assert location is not None and location.name == name


@pytest.mark.parametrize(
    ("story", "spelling", "place"),
    [
        ("Volunteers travelled to Syria from Sudan. Others came from Sweden.", "Sweden", "Sweden"),
        ("Shelling hit Daraa in the south. The army then stormed Darayya near Damascus.", "Darayya", "Dārayyā"),
    ],
)
def test_spellings_of_one_skeleton_that_name_other_places_stay_apart(
    geocoder: Geocoder, story: str, spelling: str, place: str
) -> None:
    """"Sudan" and "Sweden" share a skeleton; each is spelt exactly as its own country."""
    geo = geocoder.for_document(make_doc(story, "Syria"))
    resolved = {geo.doc.text[m.span.start : m.span.end]: m.place.name for m in geo.mentions}
    assert resolved[spelling] == place


def test_the_first_word_of_a_note_is_no_place(geocoder: Geocoder) -> None:
    doc = make_doc("Main article: Yemen and Oman\nThe army took Amman. The rebels fled to Yemen.", "Jordan")
    assert "Main" not in names_found(geocoder.for_document(doc))


@pytest.mark.parametrize(
    ("story", "clause", "region", "place"),
    [
        ("In eastern Mosul, troops surrounded the neighbourhoods of Zahra, Aden and Karkuli.",
         "the neighbourhoods of Zahra, Aden and Karkuli.", "Iraq", "Mosul"),
        # a quarter named after a city of the same country is that city: "neighbourhoods of Aleppo"
        ("In Hama, shells also hit the neighbourhoods of Aleppo.", "the neighbourhoods of Aleppo.", "Syria",
         "Aleppo"),
        # the town follows "of" when the quarters come first
        ("Rebels held the Resefa and Sinaa districts of Deir ez-Zor.", "districts of Deir ez-Zor.", "Syria",
         "Deir ez-Zor"),
    ],
)
def test_quarters_named_after_foreign_cities_are_none_of_them(
    geocoder: Geocoder, story: str, clause: str, region: str, place: str
) -> None:
    location = locate_phrase(geocoder.for_document(make_doc(story, region)), clause)
    assert location is not None and location.name == place


def test_locate_without_any_place_returns_none(geocoder: Geocoder) -> None:
    doc = make_doc("Nothing at all was reported that week.")
    assert geocoder.for_document(doc).locate(Span(0, len(doc.text))) is None


def test_locate_all_lists_each_place_in_order(geocoder: Geocoder) -> None:
    doc = make_doc("Two attacks took place near Homs and Hama.", "Syria")
    found = geocoder.for_document(doc).locate_all(Span(0, len(doc.text)))
    assert [loc.name for loc in found] == ["Homs", "Hama"]
    assert all(loc.geo_precision == 2 for loc in found)


def test_locate_prefers_town_over_region_in_same_clause(geocoder: Geocoder) -> None:
    doc = make_doc("Government forces captured Maarat al-Numan in Idlib Governorate, Syria.", "Syria")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None and location.geo_precision == 1
    assert location.admin1 == "Idlib" and location.country == "Syria"


@pytest.mark.parametrize(
    ("text", "place", "names"),
    [
        ("Shelling hit Dayr az Zawr and al-Mayadin overnight.", "Syria", ["Dayr az Zawr", "al-Mayadin"]),
        ("Hope returned to Homs in March, the Mayor said on Sunday.", "Syria", ["Homs"]),
        ("The Islamic State and the Syrian Army clashed near Tadmur.", "Syria", ["Tadmur"]),
        ("Russian and Ukrainian officers met General Petrenko in Kharkiv.", "Ukraine", ["Kharkiv"]),
    ],
)
def test_geography_mentions_have_no_false_positives(
    geocoder: Geocoder, text: str, place: str, names: list[str]
) -> None:
    geo = geocoder.for_document(make_doc(text, place))
    assert [m.name for m in geo.mentions] == names


# -- names the gazetteer has only by accident ----------------------------------------


def test_generic_term_alone_is_not_a_place(geocoder: Geocoder) -> None:
    """"Tal" (hill) and "Rasm" begin many Syrian names; alone they must not land on a
    town of that name elsewhere in the country."""
    doc = make_doc(
        "Fighting began around Khanasir on 22 February.\n"
        "Government troops seized Tal Zahra hill and the village of Rasm Abiad outside Khanasir.",
        "Khanasir, Aleppo Governorate, Syria",
    )
    geo = geocoder.for_document(doc)
    assert not {"Tal", "Rasm"} & names_found(geo)
    location = locate_phrase(geo, "Government troops seized Tal Zahra hill")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 35.78, 37.50) < 5


def test_country_named_as_actor_is_not_the_place(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Ukrainian troops held Izium through March.\n"
        "Russia launched a new assault to take the town. Shelling from Russia went on all week.",
        "Izium, Kharkiv Oblast, Ukraine",
    )
    geo = geocoder.for_document(doc)
    for phrase in ("Russia launched a new assault to take the town", "Shelling from Russia went on all week"):
        location = locate_phrase(geo, phrase)
        assert location is not None and location.country == "Ukraine", phrase


def test_country_after_a_locative_word_is_the_place(geocoder: Geocoder) -> None:
    doc = make_doc("Airstrikes continued in Syria for a week.", "Iraq")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None and location.country == "Syria"


def test_district_after_a_village_keeps_it_in_that_district(geocoder: Geocoder) -> None:
    """The gazetteer's only Dmytrivka near here lies in Donetsk Oblast, 50 km from Izium;
    "Dmytrivka, Izium Raion" is another one, so the district's seat is the place."""
    doc = make_doc("On 11 April, troops attacked Dmytrivka, Izium Raion, and were repelled.", "Ukraine")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 49.21, 37.26) < 10  # Izium
    assert location.geo_precision >= 2


def test_village_in_a_lower_case_district_is_that_districts_village(geocoder: Geocoder) -> None:
    """The gazetteer's Vorozhba lies 70 km north of Lebedyn; "Vorozhba in Lebedyn
    district" is another one, so the district's seat stands in for it."""
    doc = make_doc("By 10 March, the village of Vorozhba in Lebedyn district was held by Russian troops.", "Ukraine")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 50.58, 34.48) < 10  # Lebedyn


def test_place_put_beside_another_is_not_a_namesake_across_the_border(geocoder: Geocoder) -> None:
    """The gazetteer's nearest "Sehyan" is a district of Adana in Turkey; one "north of
    Khan Shaykhun" is not it, so Khan Shaykhun (with the direction) is the place."""
    doc = make_doc("On 4 April, rebels attacked the Sehyan checkpoint north of Khan Shaykhun.\n"
                   "Government forces held Maarrat al-Numan and Idlib.", "Idlib Governorate, Syria")
    location = geocoder.for_document(doc).locate(Span(0, doc.text.index("\n")))
    assert location is not None and location.country == "Syria"
    assert haversine_km(location.latitude, location.longitude, 35.44, 36.65) < 15


def test_compass_direction_may_be_far_within_the_country(geocoder: Geocoder) -> None:
    """Baiji lies 200 km north of Baghdad: a compass direction without a distance allows it."""
    doc = make_doc("In June, ISIL fighters stormed the refinery at Baiji, north of Baghdad.", "Iraq")
    assert "Baiji" in names_found(geocoder.for_document(doc))


@pytest.mark.parametrize(
    ("sentence", "name", "km_west"),
    [("On 3 May, the army shelled Sieverne, west of Avdiivka.", "Avdiivka", 0),
     ("On 3 May, the army shelled Sieverne (which is 6 km west of Avdiivka).", "Sieverne", 6)],
)
def test_a_place_on_the_other_side_of_its_anchor_is_a_namesake(
    geocoder: Geocoder, sentence: str, name: str, km_west: int
) -> None:
    """The gazetteer's "Sieverne" (Pivnichne) lies 30 km north-east of Avdiivka; the village
    "west of Avdiivka" is not it, so the event is placed west of Avdiivka (at the distance
    the text states, under the name it gives, and with no GeoNames id: it is not that entry)."""
    doc = make_doc(f"Fighting went on around Donetsk and Avdiivka.\n{sentence}", "Donetsk Oblast, Ukraine")
    geo = geocoder.for_document(doc)
    assert "Sieverne" not in names_found(geo)
    location = locate_phrase(geo, sentence)
    assert location is not None and location.name == name
    avdiivka = next(m for m in geo.mentions if m.name == "Avdiivka")
    distance = haversine_km(location.latitude, location.longitude, avdiivka.place.latitude, avdiivka.place.longitude)
    assert abs(distance - km_west) < 1 and location.longitude <= avdiivka.place.longitude
    assert km_west == 0 or location.geonameid is None


def test_a_place_introduced_by_its_distance_from_a_town_is_placed_there_wherever_named(geocoder: Geocoder) -> None:
    """"Dovhenke, 20 kilometres south of Izium" the gazetteer lacks; later bare mentions of
    Dovhenke are that point too, with the words that stated it as evidence."""
    text = ("Fighting went on near Izium and Sloviansk.\n"
            "The village of Dovhenke, 20 kilometres south of Izium, was shelled on 3 May.\n"
            "On 5 May Russian troops captured Dovhenke.")
    geo = geocoder.for_document(make_doc(text, "Kharkiv Oblast, Ukraine"))
    location = locate_phrase(geo, "On 5 May Russian troops captured Dovhenke.")
    assert location is not None and location.name == "Dovhenke" and location.geo_precision == 2
    izium = next(m for m in geo.mentions if m.name == "Izium")
    distance = haversine_km(location.latitude, location.longitude, izium.place.latitude, izium.place.longitude)
    assert abs(distance - 20) < 1
    assert [text[s.start : s.end] for s in location.evidence] == ["Dovhenke", "20 kilometres south of Izium"]


def test_a_function_word_and_a_demonym_are_no_place(geocoder: Geocoder) -> None:
    """"Although an Italian corps ..." matches "an Italian" by skeleton (Dalian, Jilin ...)."""
    found = [t.surface for t in find_toponyms("Although an Italian corps held Gorizia.", geocoder.gazetteer)]
    assert found == ["Gorizia"]


def test_a_person_or_a_known_town_before_a_stated_distance_is_not_introduced(geocoder: Geocoder) -> None:
    text = ("Fighting went on near Ras al-Ayn, Hasakah and Izium.\n"
            "Colonel Ivan Petrenko, 20 km south of Izium, said the line held.\n"
            "Tell Tamer, located about 40 kilometres south of Ras al-Ayn, was shelled. Tell Tamer then fell.")
    geo = geocoder.for_document(make_doc(text, "Syria"))
    assert "Ivan Petrenko" not in {g.location.name for g in geo._groups}
    tamer = locate_phrase(geo, "Tell Tamer then fell.")
    assert tamer is not None and tamer.name == "Tell Tamer" and tamer.geonameid is not None


@pytest.mark.parametrize(
    "sentence",
    ["In Aleppo, rebels shelled a checkpoint on 3 May.", "Troops held Homs. Aleppo was shelled on 3 May.",
     "Troops held Homs. al-Qusayr was shelled on 3 May.", "As Sukhnah was shelled on 3 May."],
)
def test_a_town_first_in_its_sentence_is_found(geocoder: Geocoder, sentence: str) -> None:
    """"In Aleppo" as one name matched a village in Ivory Coast; "Homs. Aleppo" was cut at the
    sentence's end and lost Aleppo."""
    geo = geocoder.for_document(make_doc(sentence, "Homs Governorate, Syria"))
    name = next(w for w in ("Aleppo", "al-Qusayr", "As Sukhnah") if w in sentence)
    assert name in names_found(geo)


def test_generic_khan_alone_and_a_foreign_alias_are_no_places(geocoder: Geocoder) -> None:
    """"Khan" (an inn) of a village the gazetteer lacks is no place, and "Khalsah" (a Syrian
    village) is not Qiryat Shmona in Israel, whose old name it matches."""
    doc = make_doc(
        "On 6 May, rebels captured Khan Tuman, south of Aleppo.\n"
        "On 14 June, al-Nusra attacked Khalsah and the army held Hader.", "Aleppo Governorate, Syria"
    )
    found = {doc.text[m.span.start : m.span.end]: m.place.country for m in geocoder.for_document(doc).mentions}
    assert "Khan" not in found and "Khalsah" not in found
    assert found.get("Aleppo") == "Syria"


def test_nearby_town_far_away_is_a_namesake(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Separatist forces entered Volnovakha on 1 March.\n"
        "The same day they captured the nearby town of Mykolaivka.",
        "Volnovakha, Donetsk Oblast, Ukraine",
    )
    location = locate_phrase(geocoder.for_document(doc), "they captured the nearby town of Mykolaivka")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 47.60, 37.49) < 30  # by Volnovakha


def test_far_village_without_neighbours_is_not_trusted(geocoder: Geocoder) -> None:
    """A village of a few hundred people 200 km from every other place in the story is
    a namesake of a village the gazetteer lacks."""
    doc = make_doc(
        "The village lies south of Izium.\n"
        "By 12 June the army was attacking from the village towards Mazanivka.",
        "Izium, Kharkiv Oblast, Ukraine",
    )
    geo = geocoder.for_document(doc)
    assert "Mazanivka" not in names_found(geo)


@pytest.mark.parametrize(
    ("text", "place", "kept", "dropped"),
    [
        # GeoNames' Vodiane (5,700 people) lies 240 km from Donetsk; the frontline village is missing
        ("Separatists shelled Avdiivka and Marinka from Donetsk.\nOn 5 March the army repelled an assault on Vodiane.",
         "Donetsk Oblast, Ukraine", {"Avdiivka"}, {"Vodiane"}),
        # the gazetteer's Lukashivka and Sloboda lie together, 200 km from Chernihiv: no backing each other
        ("Russian troops encircled Chernihiv in early March.\nResidents of Lukashivka told of beatings.\n"
         "On 2 April the army retook Sloboda.", "Chernihiv Oblast, Ukraine", {"Chernihiv"}, {"Lukashivka", "Sloboda"}),
        # "X in the eastern countryside of Y": X lies near Y, not by Daraa near the Damascus named elsewhere
        ("The Damascus government sent envoys to Raqqa and Tell Abyad.\nOn 18 December the SNA attacked the village "
         "of Mushayrifah in the eastern countryside of Ayn Issa.", "Raqqa Governorate, Syria", {"Ayn Issa"},
         {"Mushayrifah"}),
        # a story told in Syria: its "Maghar" and "Sor" are villages the gazetteer lacks, not a
        # town in Israel and Tyre (whose old name is Sor), each backing the other 50 km apart
        ("The SDF held Manbij and Kobani through the winter.\nIn March ISIL fighters raided Maghar and Sor.",
         "Aleppo Governorate, Syria", {"Manbij", "Kobani"}, {"Maghar", "Sor"}),
        # Tyre (190 km from Tartus) is backed, but a town abroad backed from so far backs no other
        ("Government troops held Tartus and Baniyas through the winter.\nIn March gunmen raided Maghar and Sor.",
         "Tartus Governorate, Syria", {"Tartus", "Baniyas"}, {"Maghar"}),
        # one home town against two abroad: the infobox's region counts as home too
        ("Government troops held Tartus through the winter.\nIn March gunmen raided Maghar and Sor.",
         "Tartus Governorate, Syria", {"Tartus"}, {"Maghar"}),
        # ... and its "Al-Zir" is no alternate name of Algiers (Bosnian "Alžir"), 3,000 km away
        ("The coalition bombed Hajin and Abu Kamal.\nOn 2 January the SDF reached Al-Zir by the river.",
         "Deir ez-Zor Governorate, Syria", {"Hajin"}, {"Al-Zir"}),
    ],
)
def test_a_far_namesake_of_a_missing_village_is_not_meant(
    geocoder: Geocoder, text: str, place: str, kept: set[str], dropped: set[str]
) -> None:
    found = names_found(geocoder.for_document(make_doc(text, place)))
    assert kept <= found and not dropped & found


@pytest.mark.parametrize(
    ("text", "tyre"),
    [
        ("The SDF held Manbij and Kobani through the winter.\nIn Lebanon, supporters marched in Sor.", True),
        # the country named in another paragraph says nothing of this "Sor"
        ("Lebanon closed its border in May.\nThe SDF held Manbij and Kobani through the winter.\n"
         "In March ISIL fighters raided Sor.", False),
    ],
)
def test_a_town_abroad_stands_when_the_story_names_its_country_beside_it(
    geocoder: Geocoder, text: str, tyre: bool
) -> None:
    """A story told in Syria may name a town far away when it names the town's country with it."""
    doc = make_doc(text, "Aleppo Governorate, Syria")
    found = {doc.text[m.span.start : m.span.end]: m.place.name for m in geocoder.for_document(doc).mentions}
    assert (found.get("Sor") == "Tyre") is tyre


def test_an_infobox_place_is_not_outvoted_by_a_region_its_names_share(geocoder: Geocoder) -> None:
    """The region most names can lie in stands in for an infobox place, never against one:
    with one, Hagerstown stays Maryland's largest reading (Indiana holds a namesake of all three)."""
    doc = make_doc("Voters in Hagerstown, New Castle and Columbus backed the school levy on Tuesday.", "United States")
    found = {doc.text[m.span.start : m.span.end]: m.place.admin1 for m in geocoder.for_document(doc).mentions}
    assert found.get("Hagerstown") == "Maryland"


def test_title_place_missing_from_gazetteer_uses_the_towns_beside_it(geocoder: Geocoder) -> None:
    """"Siege of Amirli": the gazetteer lacks Amirli, so the town the text names beside it
    stands in, not the town the article names most often in passing."""
    doc = make_doc(
        "Elsewhere in Iraq, battles raged at Baiji, and later again at Baiji and Mosul.\n"
        "Relief columns moved on Amirli from Tuz Khurmatu in the north.\n"
        "On 31 August the siege was broken.",
        title="Siege of Amirli",
    )
    geo = geocoder.for_document(doc)
    location = locate_phrase(geo, "On 31 August the siege was broken.")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 34.89, 44.63) < 5  # Tuz Khurmatu


def test_the_titles_place_written_in_lower_case_still_names_the_story(geocoder: Geocoder) -> None:
    """"the siege of eastern Ghouta" names the title's "Eastern Ghouta", which the gazetteer
    lacks: the story's centre (Douma, named beside it), not the country also named."""
    sentence = "The UN demanded an end to the siege of eastern Ghouta and a ceasefire in Syria."
    doc = make_doc(
        "Rebels held Eastern Ghouta and Douma for years.\n"
        f"Government shelling of Eastern Ghouta hit Douma again.\n{sentence}",
        title="Siege of Eastern Ghouta",
    )
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.name == "Douma"


@pytest.mark.parametrize(
    "sentence", ["The city was captured on 1 March.", "Shelling hit the east of the settlement on 1 March."]
)
def test_the_city_is_the_articles_city(geocoder: Geocoder, sentence: str) -> None:
    doc = make_doc(
        "Troops moved through Trostianets towards Okhtyrka, Sumy and Lebedyn.\n"
        f"Armour came from Sumy and Okhtyrka. {sentence}",
        "Trostianets, Sumy Oblast, Ukraine",
        title="Battle of Trostianets",
    )
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 50.48, 34.97) < 5


def test_the_city_after_one_named_town_is_that_town(geocoder: Geocoder) -> None:
    doc = make_doc("Militants stormed Palmyra at dawn. The city fell by noon.", "Homs Governorate, Syria")
    location = locate_phrase(geocoder.for_document(doc), "The city fell by noon.")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 34.56, 38.28) < 5


@pytest.mark.parametrize(
    ("title", "lat", "lon"),
    [
        ("Battle of Mykolaiv", 46.97, 32.00),  # the title's town alone: the city is Mykolaiv
        ("Battles of the Mykolaiv Suburbs", 46.48, 30.73),  # more than a town: back to Odesa
    ],
)
def test_in_the_battle_for_a_city_the_city_is_that_city(geocoder: Geocoder, title: str, lat: float, lon: float) -> None:
    doc = make_doc(
        "Troops held the bridge on the road to the port of Odesa. Attackers were then pushed out of the city.",
        "Mykolaiv, Mykolaiv Oblast, Ukraine",
        title=title,
    )
    location = locate_phrase(geocoder.for_document(doc), "Attackers were then pushed out of the city.")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, lat, lon) < 10


def test_in_the_battle_for_a_city_the_village_is_the_one_named_before(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Heavy fighting went on in the village of Husarivka. "
        "Officials spoke of hard battles in the village, south of the city.",
        "Izium, Kharkiv Oblast, Ukraine",
        title="Battle of Izium",
    )
    geo = geocoder.for_document(doc)
    village = next(m for m in geo.mentions if m.name == "Husarivka")
    location = locate_phrase(geo, "Officials spoke of hard battles in the village, south of the city.")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, village.latitude, village.longitude) < 1


def test_after_a_country_named_in_passing_the_story_stays_in_its_region(geocoder: Geocoder) -> None:
    """A placeless action after "... in Syria" is the story's town, not the whole country."""
    doc = make_doc(
        "Rebels held Douma for years. Douma was shelled in June.\n"
        "Talks on a truce were held across Syria. Jets then bombed markets in the area.",
        "Eastern Ghouta, Rif Dimashq Governorate, Syria",
        title="Siege of Eastern Ghouta",
    )
    location = locate_phrase(geocoder.for_document(doc), "Jets then bombed markets in the area.")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 33.57, 36.40) < 5  # Douma


def test_a_timeline_without_a_place_keeps_the_country(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Rebels held Douma for years. Douma was shelled in June.\n"
        "Talks on a truce were held across Syria. Jets then bombed markets in the area.",
        title="Timeline of the war",
    )
    location = locate_phrase(geocoder.for_document(doc), "Jets then bombed markets in the area.")
    assert location is not None and location.name == "Syria"


@pytest.mark.parametrize(
    ("sentence", "lat", "lon"),
    [
        # a town in the countryside named: the town, east of which it happened
        ("On 3 May the army took two villages in the eastern Aleppo countryside, east of Dayr Hafir.", 36.16, 37.70),
        ("On 3 May 40 were killed in the Damascus suburbs and 20 in Aleppo.", 33.51, 36.29),  # far apart: the first
    ],
)
def test_a_town_inside_the_countryside_named_beside_it_is_the_place(
    geocoder: Geocoder, sentence: str, lat: float, lon: float
) -> None:
    location = locate_phrase(geocoder.for_document(make_doc(sentence)), sentence)
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, lat, lon) < 25


def test_a_town_named_beside_a_gap_between_far_cities_is_the_place(geocoder: Geocoder) -> None:
    """"The border between Donetsk and Kharkiv" (oblasts, 230 km apart) is no finer than a region."""
    sentence = "On 2 May troops crossed the border between Donetsk and Kharkiv and freed Izium."
    location = locate_phrase(geocoder.for_document(make_doc(sentence)), sentence)
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 49.21, 37.26) < 5  # Izium


def test_the_head_noun_of_a_title_is_no_place(geocoder: Geocoder) -> None:
    """"List" is a town in Germany, not what "List of massacres of the war" is about."""
    doc = make_doc("Shelling hit Homs and Hama. Many died.", title="List of massacres of the war")
    geo = geocoder.for_document(doc)
    assert geo.article_place is None
    location = locate_phrase(geo, "Many died.")
    assert location is not None and location.country == "Syria"


def test_in_the_battle_for_a_town_a_placeless_action_is_that_towns(geocoder: Geocoder) -> None:
    """Another town earlier in the paragraph is mostly where forces came from."""
    doc = make_doc(
        "Rebels advanced from Khan Shaykhun in the south. On 4 April they cut the last supply road.",
        "Maarrat al-Numan, Idlib Governorate, Syria",
        title="Siege of Maarrat al-Numan",
    )
    location = locate_phrase(geocoder.for_document(doc), "On 4 April they cut the last supply road.")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 35.65, 36.68) < 5  # Maarrat al-Numan


def test_in_an_offensive_across_towns_the_paragraphs_town_stays(geocoder: Geocoder) -> None:
    """"Kyiv offensive" names a region's campaign, not the battle for Kyiv itself."""
    doc = make_doc(
        "Russian columns reached Ivankiv. Fighting there went on until 2 March.",
        "Kyiv, Ukraine",
        title="Kyiv offensive",
    )
    location = locate_phrase(geocoder.for_document(doc), "Fighting there went on until 2 March.")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 50.94, 29.90) < 10  # Ivankiv


def test_towns_of_unknown_size_are_not_villages(geocoder: Geocoder) -> None:
    """GeoNames gives many Syrian towns population 0 (unknown); they stay places."""
    doc = make_doc("On 9 October, troops launched an assault on Ras al-Ayn and Tell Abyad.", "Syria")
    names = names_found(geocoder.for_document(doc))
    assert {"Ras al-Ayn", "Tell Abyad"} <= names


def test_a_generic_term_makes_the_rest_partial(geocoder: Geocoder) -> None:
    """"Ras Baalbek" is not Baalbek, 35 km away, at precision 1."""
    doc = make_doc("Israeli jets struck Ras Baalbek at night.", "Lebanon")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None and not (location.name == "Baalbek" and location.geo_precision == 1)


@pytest.mark.parametrize("text", ["Turkish troops entered Syria on 9 October.", "Israeli jets struck Syria at dawn."])
def test_a_country_after_a_verb_of_entry_or_attack_is_the_place(geocoder: Geocoder, text: str) -> None:
    doc = make_doc(text, "Middle East")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None and location.country == "Syria"


def test_a_real_town_keeps_its_name_beside_a_merged_district(geocoder: Geocoder) -> None:
    """Balakliia lies in today's Izium Raion, 40 km from Izium: a town of 27,000 stays."""
    doc = make_doc("Troops attacked Balakliia, Izium Raion, on 6 September.", "Ukraine")
    location = geocoder.for_document(doc).locate(Span(0, len(doc.text)))
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 49.46, 36.86) < 10  # Balakliia


def test_a_city_named_for_a_far_merged_district_is_a_namesake(geocoder: Geocoder) -> None:
    """"Makiivka, in Svatove Raion" is a village there, not the city of 340,000 by Donetsk,
    140 km south: even a merged district reaches no farther than 100 km."""
    doc = make_doc(
        "Russian troops dug in between Svatove and Kreminna.\n"
        "Artillery hit positions near Makiivka, in Svatove Raion, on 5 November.", "Kreminna, Luhansk Oblast, Ukraine"
    )
    location = locate_phrase(geocoder.for_document(doc), "Artillery hit positions near Makiivka")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 49.41, 38.15) < 10  # Svatove, the seat
    assert location.geo_precision >= 2


def test_loosely_spelt_name_far_from_the_story_is_no_place(geocoder: Geocoder) -> None:
    """"Kocho" only resembles a far city's name (Hanoi's old "Kẻ Chợ"), "Mushayrifah" a
    Syrian town 480 km from the story: a loose spelling needs a confident place nearby."""
    doc = make_doc(
        "The militia took Manbij and Raqqa in May.\n"
        "By the next day it had captured Kocho, the home village of a known activist.\n"
        "On 3 June, Turkish guns shelled Mushayrifah.",
        "Raqqa Governorate, Syria",
    )
    found = {doc.text[m.span.start : m.span.end]: m.place.country for m in geocoder.for_document(doc).mentions}
    assert found.get("Manbij") == "Syria"
    assert "Kocho" not in found and "Mushayrifah" not in found


def test_loosely_spelt_large_town_of_the_home_country_stands_alone(geocoder: Geocoder) -> None:
    """"Ar Rutba" is spelt unlike GeoNames' "Ar Ruţbah", but a town of 20,000 in the story's
    own country needs no neighbour to be meant."""
    doc = make_doc(
        "Coalition troops entered Baghdad in April.\nSpecial forces seized the airfield near Ar Rutba.",
        "Iraq",
    )
    location = locate_phrase(geocoder.for_document(doc), "Special forces seized the airfield near Ar Rutba")
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 33.04, 40.29) < 25


def test_infobox_place_stays_inside_the_country_it_names(geocoder: Geocoder) -> None:
    """"Ayn Issa, Raqqa Governorate, Syria": the town is missing from the gazetteer and its
    loose look-alike is a province of Mozambique; the article's place is the Syrian region."""
    doc = make_doc("Clashes broke out around the town in November.", "Ayn Issa, Raqqa Governorate, Syria")
    place = geocoder.for_document(doc).article_place
    assert place is not None and place.country == "Syria"


def test_the_village_of_a_city_name_is_not_that_city(geocoder: Geocoder) -> None:
    """"The village of Sayda" near Ayn Issa is not Sidon (Saida), a Lebanese city of 160,000."""
    doc = make_doc("Turkish forces shelled Raqqa and then the village of Sayda.", "Raqqa Governorate, Syria")
    assert "Sayda" not in names_found(geocoder.for_document(doc))


def test_a_town_ruled_out_once_is_ruled_out_in_every_mention(geocoder: Geocoder) -> None:
    """"Krasnopillia, Kramatorsk Raion" is not the Krasnopillia of Sumy Oblast (250 km away),
    and neither is the same name two paragraphs later: one name, one place in a document."""
    doc = make_doc(
        "Fighting spread to the villages of Bohorodychne and Krasnopillia, Kramatorsk Raion, Donetsk Oblast.\n"
        "On 7 July, Russian forces attacked Krasnopillia again.",
        "Donetsk Oblast, Ukraine",
    )
    found = {(doc.text[m.span.start : m.span.end], m.place.admin1) for m in geocoder.for_document(doc).mentions}
    assert ("Bohorodychne", "Donetsk") in found
    assert not any(name == "Krasnopillia" for name, _ in found)


def test_a_lower_case_area_word_after_a_town_widens_it(geocoder: Geocoder) -> None:
    """"The Manbij countryside" is around Manbij: the town at geo_precision 2, with the area
    word in the evidence."""
    doc = make_doc("The SDF advanced in the Manbij countryside on Tuesday.", "Syria")
    location = locate_phrase(geocoder.for_document(doc), "The SDF advanced in the Manbij countryside")
    assert location is not None and location.name == "Manbij" and location.geo_precision == 2
    assert words(doc, location) == ["Manbij countryside"]


def test_a_river_named_like_a_far_town_is_no_town(geocoder: Geocoder) -> None:
    """"The Siverskyi Donets River" is never written as a town here, so it is not the
    village of Donets 150 km away; "the Irpin River" beside "Irpin" is the town's river."""
    doc = make_doc(
        "Ukrainian forces crossed the Siverskyi Donets River and recaptured Lyman.\n"
        "Russian troops reached the Irpin River and shelled Irpin.",
        "Donetsk Oblast, Ukraine",
    )
    found = names_found(geocoder.for_document(doc))
    assert "Donets" not in found and "Lyman" in found and "Irpin" in found


def test_the_river_with_the_article_is_still_the_river(geocoder: Geocoder) -> None:
    """"The Donets, a long river" and "the river Dnipro" name rivers: "the" before a name
    that is written as a river elsewhere does not make it a town."""
    doc = make_doc(
        "The Donets river runs past Lyman. The Donets, a long river, was crossed near Bilohorivka.\n"
        "Russian troops retreated across the river Dnipro from Kherson, and some drowned in the Dnipro.",
        "Ukraine",
    )
    found = names_found(geocoder.for_document(doc))
    assert {"Lyman", "Bilohorivka", "Kherson"} <= found
    assert not {"Donets", "Dnipro"} & found


@pytest.mark.parametrize(
    "sentence",
    [
        "In March a company from Kaliningrad reported heavy losses in the fields west of the town.",
        "In March forces from the city of Kaliningrad reported heavy losses in the fields west of the town.",
    ],
)
def test_a_unit_named_by_its_home_town_was_not_there(geocoder: Geocoder, sentence: str) -> None:
    """"A company from Kaliningrad" tells where the unit came from; the fight was near Avdiivka."""
    doc = make_doc(f"Fighting went on around Avdiivka all winter.\n{sentence}", "Donetsk Oblast, Ukraine")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 48.14, 37.75) < 30  # by Avdiivka


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # where forces set out from is not where they fought
        ("On 2 March the army advanced from Kherson towards Mykolaiv and shelled its suburbs.", "Mykolaiv"),
        ("On 3 March two missiles fired from Kherson struck a barracks in Mykolaiv.", "Mykolaiv"),
        # but leaving a place happens there
        ("On 4 March the army withdrew from Kherson to Mykolaiv under fire.", "Kherson"),
        ("On 5 March civilians were evacuated from Kherson to Mykolaiv.", "Kherson"),
        # "15 km from X" says where, not whence
        ("On 6 March troops took a village 15 km from Kherson and later shelled Mykolaiv.", "Kherson"),
    ],
)
def test_a_movements_starting_point_is_not_where_it_acted(geocoder: Geocoder, sentence: str, place: str) -> None:
    doc = make_doc(sentence, "Ukraine")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.name == place


def test_a_street_named_after_a_person_or_town_is_no_place(geocoder: Geocoder) -> None:
    """"Lomonosov Street" runs through the story's town, not through Lomonosov near St Petersburg."""
    doc = make_doc("Tanks were filmed on Lomonosov Street in Melitopol on 26 February.", "Ukraine")
    assert "Lomonosov" not in names_found(geocoder.for_document(doc))


def test_a_units_home_base_is_not_where_it_fought(geocoder: Geocoder) -> None:
    """"A brigade based in Aleysk" names the brigade's garrison in Siberia, not the battle."""
    sentence = "A soldier said her brigade, which is based in Aleysk, was nearly wiped out near Chernihiv."
    doc = make_doc(sentence, "Chernihiv Oblast, Ukraine")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.name == "Chernihiv"


def test_a_countrys_possessive_is_an_actor_not_a_place(geocoder: Geocoder) -> None:
    """"In response to Russia's silence": "to" before a country is no locative here."""
    sentence = "In response to Russia's silence, residents of the town held a demonstration."
    doc = make_doc(f"Turkish guns shelled Ayn Issa.\n{sentence}", "Raqqa Governorate, Syria")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is None or location.country != "Russia"


@pytest.mark.parametrize(
    "sentence",
    [
        "On 3 March, the governor of Sumy Oblast said that five people were hurt by shelling.",
        "On 3 March, the head of the military administration for the Sumy region said five people were hurt.",
        "On 3 March, the Sumy Oblast governor said that five people were hurt by shelling.",
    ],
)
def test_an_officials_seat_is_not_the_events_place(geocoder: Geocoder, sentence: str) -> None:
    """The region in an official's title says who speaks; the shelling is the article's town's."""
    doc = make_doc(f"Russian troops reached the edge of Sumy.\n{sentence}", "Sumy, Ukraine", title="Battle of Sumy")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.geo_precision < 3
    assert haversine_km(location.latitude, location.longitude, 50.91, 34.80) < 10  # the town of Sumy


def test_a_place_that_speaks_is_not_the_events_place(geocoder: Geocoder) -> None:
    """"Kyiv said" is the government speaking; the shelling it reports was in Kharkiv."""
    sentence = "On 2 March, Kyiv said that Russian shelling had hit the centre of Kharkiv."
    doc = make_doc(sentence, "Ukraine")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None
    assert haversine_km(location.latitude, location.longitude, 49.99, 36.23) < 10  # Kharkiv


def test_half_a_name_is_a_place_only_when_also_named_alone(geocoder: Geocoder) -> None:
    """"Novoselivka Druha" is a village of its own, not GeoNames' Novoselivka; "Baalbek"
    of "Ras Baalbek" stands when the article also names Baalbek alone."""
    doc = make_doc("Russian forces took Novoselivka Druha, north of Avdiivka, on 4 July.", "Donetsk Oblast, Ukraine")
    found = names_found(geocoder.for_document(doc))
    assert "Avdiivka" in found and "Novoselivka" not in found
    doc = make_doc("Israeli jets struck Ras Baalbek, then Baalbek itself and Hermel.", "Lebanon")
    assert "Baalbek" in names_found(geocoder.for_document(doc))


# -- airfields, ruled-out namesakes, the story's centre --------------------------
# Where OurAirports puts the fields these tests name (latitude, longitude).
JIRAH = (36.0967, 37.9365)
ABU_AL_DUHUR = (35.7322, 37.1042)
DAMASCUS_AIRPORT = (33.4115, 36.5156)


def km(location: Location, point: tuple[float, float]) -> float:
    return haversine_km(location.latitude, location.longitude, *point)


def whole(text: str) -> Span:
    """The span of ``text`` from the document's start."""
    return Span(0, len(text))


def test_airbase_is_placed_at_the_field_not_the_nearest_town(geocoder: Geocoder) -> None:
    doc = make_doc(
        "The army advanced east of Aleppo towards Deir Hafer and Maskanah. "
        "On 2 March it recaptured the Jirah Military Airbase after a week of fighting.",
        place="Aleppo Governorate, Syria",
    )
    geo = geocoder.for_document(doc)
    location = locate_phrase(geo, "it recaptured the Jirah Military Airbase")
    assert location is not None
    assert km(location, JIRAH) < 1
    assert location.geo_precision == 1
    assert location.country == "Syria" and location.admin1 == "Aleppo"
    assert words(doc, location) == ["Jirah Military Airbase"]


def test_airbase_name_with_an_article_inside(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Rebels besieged the Abu al-Duhur military airbase, east of Saraqib and south of Idlib.",
        place="Idlib Governorate, Syria",
    )
    location = geocoder.for_document(doc).locate(whole(doc.text))
    assert location is not None
    assert km(location, ABU_AL_DUHUR) < 1
    assert words(doc, location) == ["Abu al-Duhur military airbase"]


def test_airport_named_after_its_city_is_the_airport(geocoder: Geocoder) -> None:
    doc = make_doc(
        "An airstrike hit a depot at Damascus International Airport, south-east of Damascus.",
        place="Damascus, Syria",
    )
    location = geocoder.for_document(doc).locate(whole(doc.text.split(",")[0]))
    assert location is not None
    assert km(location, DAMASCUS_AIRPORT) < 1
    assert location.name == "Damascus International Airport"


def test_airfield_far_from_the_story_is_not_taken(geocoder: Geocoder) -> None:
    # Syria has a Jirah Air Base, but this story lies in Ukraine: the name is not that field.
    doc = make_doc(
        "Russian troops shelled Kharkiv and Chuhuiv. A drone then struck the Jirah airbase.",
        place="Kharkiv Oblast, Ukraine",
    )
    location = locate_phrase(geocoder.for_document(doc), "A drone then struck the Jirah airbase")
    assert location is not None
    assert location.country == "Ukraine"
    assert km(location, JIRAH) > 1000


def test_near_an_airbase_is_a_position_by_it(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Fighting raged east of Aleppo, by Deir Hafer. Shells fell near the Jirah airbase.",
        place="Aleppo Governorate, Syria",
    )
    location = locate_phrase(geocoder.for_document(doc), "Shells fell near the Jirah airbase")
    assert location is not None
    assert location.geo_precision == 2
    assert words(doc, location) == ["near the Jirah airbase"]


def test_the_city_after_an_airport_is_still_the_city(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Troops retook Kherson International Airport at Chornobaivka. The next day they shelled the city.",
        place="Kherson, Ukraine",
        title="Battle of Kherson",
    )
    location = locate_phrase(geocoder.for_document(doc), "they shelled the city")
    assert location is not None
    assert location.name == "Kherson"


def test_a_namesake_the_text_rules_out_backs_no_other_village(geocoder: Geocoder) -> None:
    # The gazetteer's only Krasnopillia lies in Sumy Oblast, 200 km away; the text puts the
    # story's one in Kramatorsk Raion. Mezenivka (Sumy), a loose match for the unlisted
    # Mazanivka, lies beside that namesake: with it ruled out, nothing places Mazanivka there.
    doc = make_doc(
        "Russian troops attacked Bohorodychne and Krasnopillia, Kramatorsk Raion, Donetsk Oblast, "
        "north of Sloviansk.\nShelling hit Mazanivka and Sviatohirsk on the same day.",
        title="Battles of Bohorodychne and Krasnopillia",
    )
    geo = geocoder.for_document(doc)
    assert not [m for m in geo.mentions if m.place.admin1 == "Sumy"]
    location = locate_phrase(geo, "Shelling hit Mazanivka and Sviatohirsk on the same day")
    assert location is not None and location.admin1 == "Donetsk"


def test_a_town_named_like_its_governorate_is_the_town(geocoder: Geocoder) -> None:
    doc = make_doc(
        "Israeli forces struck outposts near Quneitra, on the ceasefire line.",
        place="Quneitra Governorate, Syria",
    )
    location = locate_phrase(geocoder.for_document(doc), "struck outposts near Quneitra")
    assert location is not None
    assert location.geonameid is not None  # the town, not the governorate
    assert location.geo_precision == 2


def test_the_airbase_after_a_named_one_is_that_field(geocoder: Geocoder) -> None:
    doc = make_doc(
        "The army pushed east of Aleppo towards Deir Hafer. It reached the Jirah Military Airbase in March.\n"
        "Two weeks later militants shelled the airbase again. Fighting also flared near the airbase.",
        place="Aleppo Governorate, Syria",
    )
    geo = geocoder.for_document(doc)
    again = locate_phrase(geo, "militants shelled the airbase again")
    assert again is not None and km(again, JIRAH) < 1
    assert words(doc, again) == ["the airbase"]
    near = locate_phrase(geo, "Fighting also flared near the airbase")
    assert near is not None and km(near, JIRAH) < 1 and near.geo_precision == 2


def test_an_airbase_named_after_the_noun_is_not_the_last_one(geocoder: Geocoder) -> None:
    doc = make_doc(
        "The army pushed east of Aleppo towards Deir Hafer. It reached the Jirah Military Airbase in March.\n"
        "Rebels later took the airbase of Taftanaz, north of Saraqib.",
        place="Aleppo Governorate, Syria",
    )
    location = locate_phrase(geocoder.for_document(doc), "Rebels later took the airbase of Taftanaz")
    assert location is not None and location.name != "Jirah Air Base"
    assert km(location, JIRAH) > 50


def test_the_airbase_after_a_field_the_table_lacks_is_not_the_older_one(geocoder: Geocoder) -> None:
    doc = make_doc(
        "The army pushed east of Aleppo towards Deir Hafer. It reached the Jirah Military Airbase in March.\n"
        "In May ISIL attacked the T4 airbase near Palmyra. Its guns shelled the airbase again in June.",
        place="Syria",
    )
    geo = geocoder.for_document(doc)
    location = locate_phrase(geo, "Its guns shelled the airbase again in June")
    assert location is not None and km(location, JIRAH) > 100
    # a month after the noun is no name: "the airbase in June" still refers back
    doc = make_doc(
        "The army pushed east of Aleppo towards Deir Hafer. It reached the Jirah Military Airbase in March.\n"
        "Its guns shelled the airbase in June.",
        place="Syria",
    )
    location = locate_phrase(geocoder.for_document(doc), "Its guns shelled the airbase in June")
    assert location is not None and km(location, JIRAH) < 1


def test_an_airbase_in_a_story_that_names_no_town(geocoder: Geocoder) -> None:
    doc = make_doc("Rebels stormed the Jirah airbase before dawn.", place="Aleppo Governorate, Syria")
    location = locate_phrase(geocoder.for_document(doc), "Rebels stormed the Jirah airbase")
    assert location is not None and km(location, JIRAH) < 1


def test_a_heading_word_spelt_like_a_region_abroad_is_no_place(geocoder: Geocoder) -> None:
    doc = make_doc(
        "The offensive on Deir ez-Zor began in September.\nOpening assault\nThe army crossed the Euphrates at Mayadin.",
        place="Deir ez-Zor Governorate, Syria",
    )
    geo = geocoder.for_document(doc)
    assert not [m for m in geo.mentions if m.place.country != "Syria"]


@pytest.mark.parametrize(("story", "place", "title", "phrase", "name"), [
    # Bakhmut is named three times, but only to say where the fighting lay around it;
    # Soledar is where it was, named twice: events with no place of their own go there
    ("Wagner units attacked north of Bakhmut in August.\n"
     "Fighting spread in the northern Bakhmut countryside and northeast of Bakhmut.\n"
     "Ukrainian units held Soledar. Reinforcements reached Soledar.\n"
     "Later the assault resumed.", "Donetsk Oblast, Ukraine", "2022 test campaign",
     "Later the assault resumed", "Soledar"),
    # "Battle of the Siverskyi Donets" (a river, no place in the gazetteer): Lyman is named
    # once beside it, Bilohorivka, where the crossing was, three times. The story is there.
    ("The battle on the Siverskyi Donets was part of the push on Lyman.\n"
     "Russian engineers built a bridge at Bilohorivka. Tanks massed at Bilohorivka.\n"
     "Artillery from Bilohorivka covered the crossing.\n"
     "Later the bridge was destroyed.", "Ukraine", "Battle of the Siverskyi Donets",
     "Later the bridge was destroyed.", "Bilohorivka"),
])
def test_the_story_centre_is_the_town_the_story_is_at(
    geocoder: Geocoder, story: str, place: str, title: str, phrase: str, name: str
) -> None:
    location = locate_phrase(geocoder.for_document(make_doc(story, place=place, title=title)), phrase)
    assert location is not None and location.name == name


@pytest.mark.parametrize(
    "lead",
    [
        # the towns that name a road's ends are not where the story is
        "Shells fell on the Bakhmut–Lysychansk highway. Convoys left the Bakhmut–Lysychansk highway. "
        "Officials in Bakhmut reported it.\n",
        # named as often as a city, the smaller town is the story's own place
        "Officials in Bakhmut reported it. Refugees reached Bakhmut.\n",
    ],
)
def test_the_story_centre_is_the_story_s_own_town(geocoder: Geocoder, lead: str) -> None:
    doc = make_doc(
        lead + "Ukrainian units held Soledar. Reinforcements reached Soledar.\nLater the assault resumed.",
        place="Donetsk Oblast, Ukraine",
        title="2022 test campaign",
    )
    location = locate_phrase(geocoder.for_document(doc), "Later the assault resumed")
    assert location is not None and location.name == "Soledar"


def test_no_airfield_is_read_inside_an_actor_name(geocoder: Geocoder) -> None:
    text = "The army pushed east of Aleppo towards Deir Hafer. The Jirah Airbase Brigade attacked Maskanah."
    doc = make_doc(text, place="Aleppo Governorate, Syria")
    start = text.index("Jirah Airbase Brigade")
    geo = geocoder.for_document(doc, exclude=[Span(start, start + len("Jirah Airbase Brigade"))])
    location = locate_phrase(geo, "The Jirah Airbase Brigade attacked Maskanah")
    assert location is not None and location.name != "Jirah Air Base"


def test_a_place_that_dates_the_event_by_an_earlier_one_is_not_its_place(geocoder: Geocoder) -> None:
    """"After the fall of Sievierodonetsk and during the encirclement of Lysychansk, ...
    captured Pryvillia": the first two name earlier events; the capture was at Pryvillia."""
    doc = make_doc(
        "Only in late June, after the fall of Sievierodonetsk and during the encirclement of "
        "Lysychansk, did separatist units cross the river and capture the town of Pryvillia.",
        "Luhansk Oblast, Ukraine",
    )
    location = locate_phrase(geocoder.for_document(doc), doc.text.strip())
    assert location is not None and location.name == "Pryvillia"


@pytest.mark.parametrize("opening", ["After the fall of", "Following the capture of", "During the Battle of"])
def test_a_sentence_opening_with_an_earlier_event_is_placed_by_its_main_clause(geocoder: Geocoder,
                                                                              opening: str) -> None:
    text = f"{opening} Sievierodonetsk, separatist units captured the town of Pryvillia."
    location = locate_phrase(geocoder.for_document(make_doc(text, "Luhansk Oblast, Ukraine")), text)
    assert location is not None and location.name == "Pryvillia"


def test_a_place_that_dates_the_event_is_kept_when_no_other_is_named(geocoder: Geocoder) -> None:
    """With no other place in the sentence, the one in the dating clause is still the best."""
    doc = make_doc("Shortly after the recapture of Izium, shelling resumed.", "Kharkiv Oblast, Ukraine")
    location = locate_phrase(geocoder.for_document(doc), doc.text.strip())
    assert location is not None and location.name == "Izium"


def test_an_area_in_square_kilometres_names_no_square(geocoder: Geocoder) -> None:
    """"400 square kilometres" is an area, not a square named "400" that the text placed
    at al-Hawl: the later "2,400 square kilometres" is no mention of it."""
    doc = make_doc(
        "Kurdish fighters entered al-Hawl on 12 November, securing 400 square kilometres. "
        "On 19 February they captured Markada. By then they had liberated 2,400 square kilometres of land.",
        "Al-Hasakah Governorate, Syria",
    )
    location = locate_phrase(geocoder.for_document(doc), "By then they had liberated 2,400 square kilometres of land.")
    assert location is not None and location.name == "Markada"


def test_a_road_between_towns_is_no_town_within_an_area(geocoder: Geocoder) -> None:
    """"In the Damascus suburbs ... in a town alongside the Damascus-Daraa highway": the
    suburbs are finer than the midpoint of a 100 km road."""
    doc = make_doc(
        "Rebels held Jasim and Nawa.\nThe monitors reported 40 people killed in the Damascus suburbs, among "
        "which 12 were found shot in a town alongside the Damascus-Daraa highway.",
        "Syria",
    )
    start = doc.text.index("The monitors")
    location = geocoder.for_document(doc).locate(Span(start, len(doc.text.rstrip())))
    assert location is not None and location.name == "Damascus"


def test_the_city_of_the_title_beside_a_place_forces_were_heading_for(geocoder: Geocoder) -> None:
    """In the siege of Chernihiv, "failed to take the city and bypassed it on a route to
    Kyiv" happened at Chernihiv: Kyiv is only where the column was going."""
    doc = make_doc(
        "Russian forces reached Chernihiv on the first day.\n"
        "They failed to take the city and bypassed it on a route to Kyiv.",
        "Chernihiv, Ukraine",
        title="Siege of Chernihiv",
    )
    start = doc.text.index("They failed")
    location = geocoder.for_document(doc).locate(Span(start, doc.text.index("Kyiv.") + 4))
    assert location is not None and location.name == "Chernihiv"


def test_the_city_after_a_place_forces_were_heading_for_is_that_place(geocoder: Geocoder) -> None:
    """"Broke off towards Vovchansk, taking the city": the city is Vovchansk, not the title's."""
    doc = make_doc(
        "Russian forces crossed the border north of Kharkiv.\n"
        "One column broke off towards Vovchansk, taking the city after a short fight.",
        "Kharkiv, Ukraine",
        title="Battle of Kharkiv",
    )
    location = locate_phrase(geocoder.for_document(doc), "One column broke off towards Vovchansk, taking the city")
    assert location is not None and location.name == "Vovchansk"


def test_a_loosely_spelt_name_with_no_place_word_before_it_is_no_place(geocoder: Geocoder) -> None:
    """"In 1918, however, Ludendorff used artillery": a name spelt only like Ladendorf (a
    village near Vienna), with nothing before it saying a place follows, is a person."""
    doc = make_doc(
        "Austro-Hungarian troops left Vienna for the Italian front.\n"
        "In the spring offensive of 1918, however, Ludendorff used artillery only briefly.",
        "Europe",
        title="World War I",
    )
    assert names_found(geocoder.for_document(doc)) == {"Vienna"}


@pytest.mark.parametrize(
    "text",
    [
        "Ludendorff used artillery only briefly near Vienna.",  # the text's first word
        "Troops left Vienna. In April, Ludendorff used artillery only briefly.",  # a comma, but no list
        "Troops left Vienna. Meanwhile, Ludendorff used artillery only briefly.",
    ],
)
def test_a_loosely_spelt_name_is_no_place_at_the_start_or_after_a_comma(geocoder: Geocoder, text: str) -> None:
    assert names_found(geocoder.for_document(make_doc(text, "Europe", title="World War I"))) == {"Vienna"}


def test_a_loosely_spelt_name_in_a_list_of_places_is_a_place(geocoder: Geocoder) -> None:
    """"Qamishli, Amude, Dirbesiye and Kobani": "Dirbesiye" spells Ad Darbasiyah only loosely,
    but a name right after another name and a comma is one of a list of places."""
    doc = make_doc("Protests spread to Qamishli, Amude, Dirbesiye and Kobani.", "Al-Hasakah Governorate, Syria")
    assert "Dirbesiye" in names_found(geocoder.for_document(doc))


def test_a_name_spelt_as_a_place_without_its_article_is_kept_anywhere(geocoder: Geocoder) -> None:
    """"Qamishli" is GeoNames' "Al Qamishli" less its article: spelt as the place, so it
    stands at a sentence's start too."""
    doc = make_doc("Protests spread to Al-Hasakah in March.\nQamishli saw the largest crowds.",
                   "Al-Hasakah Governorate, Syria")
    assert "Qamishli" in names_found(geocoder.for_document(doc))


def test_a_loosely_spelt_name_after_an_article_is_a_place(geocoder: Geocoder) -> None:
    """"The town of al Shadidi" (Ash Shaddadah): the article says a place name follows."""
    doc = make_doc("Rebels held Hasakah.\nRebels captured the town of al Shadidi in the Hasakah province.", "Syria")
    assert "Shadidi" in names_found(geocoder.for_document(doc))


def test_a_spelling_that_fits_a_place_is_not_lost_to_an_earlier_one_that_does_not(geocoder: Geocoder) -> None:
    """"Meshal" (a village the gazetteer lacks) and "Mosul" share a skeleton; the name read
    first fitted no place, and Mosul was lost with it. Mosul now stands, and Meshal is
    still not Mosul."""
    doc = make_doc(
        "The villages of Dabshi and Meshal fell on 19 February.\nISIL sent fighters from Mosul to the front.",
        "Al-Hasakah Governorate, Syria",
    )
    found = {doc.text[m.span.start : m.span.end]: m.place.name for m in geocoder.for_document(doc).mentions}
    assert found == {"Mosul": "Mosul"}


def test_a_part_named_of_a_town_lies_in_that_town(geocoder: Geocoder) -> None:
    """"The Desna region of Chernihiv": the gazetteer's Desnas are a district of Kyiv, 120 km
    away, and a village 75 km off; the part lies in Chernihiv."""
    for opening in ("Russian troops withdrew from Chernihiv Oblast in April.",
                    "Russian columns bypassed Chernihiv on the road to Kyiv. Kyiv was shelled in March."):
        doc = make_doc(opening + "\nIn May a missile struck the Desna region of Chernihiv, killing eight civilians.",
                       "Chernihiv, Ukraine")
        location = locate_phrase(geocoder.for_document(doc), "In May a missile struck the Desna region of Chernihiv")
        assert location is not None and location.name == "Chernihiv"


def test_a_town_named_of_its_regions_seat_stays_itself(geocoder: Geocoder) -> None:
    """"The Izium district of Kharkiv": Kharkiv's region holds Izium, so "of Kharkiv" is
    the region, not a town 120 km away that Izium would lie in."""
    doc = make_doc("Fighting went on.\nShelling hit the Izium district of Kharkiv.", "Ukraine")
    location = locate_phrase(geocoder.for_document(doc), "Shelling hit the Izium district of Kharkiv.")
    assert location is not None and location.name == "Izium"


def test_a_town_named_in_a_country_stays_itself(geocoder: Geocoder) -> None:
    """"The Aleppo region of Syria" is Aleppo: a country is no town for it to lie near."""
    doc = make_doc("A general was killed in the Aleppo region of Syria.", "Syria")
    location = locate_phrase(geocoder.for_document(doc), "A general was killed in the Aleppo region of Syria.")
    assert location is not None and location.name == "Aleppo"


def test_a_country_later_in_the_sentence_gives_way_to_the_story_town(geocoder: Geocoder) -> None:
    """In an article placed in a region, "the area suffered a chemical attack, after which
    chemical weapons were banned in Syria" happened in the story's town, not in all Syria."""
    doc = make_doc(
        "Rebels held Douma and Harasta. Government shelling hit Harasta again.\n"
        "In August 2013 the area suffered a chemical attack, after which chemical weapons were banned in Syria.",
        "Eastern Ghouta, Rif Dimashq Governorate, Syria",
    )
    location = locate_phrase(geocoder.for_document(doc), "In August 2013 the area suffered a chemical attack")
    assert location is not None and location.name == "Harasta"


def test_a_loosely_spelt_name_after_a_verb_of_taking_is_a_place(geocoder: Geocoder) -> None:
    """"Celebrated capturing Al-Shaddadi" (GeoNames' Ash Shaddadah): what is captured is a place."""
    doc = make_doc(
        "The SDF advanced on Markada in February.\n"
        "On the same day, the SDF celebrated capturing Al-Shaddadi from ISIL.",
        "Al-Hasakah Governorate, Syria",
    )
    assert "Al-Shaddadi" in names_found(geocoder.for_document(doc))


def test_a_country_people_went_back_to_is_not_where_the_event_was(geocoder: Geocoder) -> None:
    """"The transports could not land and were forced to return to Russia": the failed
    landing was at the airport of the paragraph, not in Russia."""
    doc = make_doc(
        "Paratroopers seized Hostomel on the first day. Ukrainian artillery then shelled Hostomel.\n"
        "With the battle going on, the transports could not land and were forced to return to Russia.",
        "Ukraine",
    )
    location = locate_phrase(geocoder.for_document(doc), "could not land and were forced to return to Russia")
    assert location is not None and location.name == "Hostomel"


@pytest.mark.parametrize("who", ["a former political prisoner from Raqqa city", "a refugee from Raqqa",
                                 "a native of Raqqa"])
def test_a_person_from_a_town_is_not_an_event_there(geocoder: Geocoder, who: str) -> None:
    """"A former prisoner from Raqqa city told them a man was tortured in a prison": the
    witness's home town is not where the event happened."""
    doc = make_doc(
        "Kurdish forces took Tell Abyad in June. Fighting went on near Tell Abyad.\n"
        f"On 28 September, monitors reported that {who} told them "
        "that a man had been tortured to death inside a prison.",
        "Raqqa Governorate, Syria",
    )
    start = doc.text.index("On 28 September")
    location = geocoder.for_document(doc).locate(Span(start, len(doc.text.rstrip())))
    assert location is not None and location.name == "Tell Abyad"


def test_a_village_needs_a_named_town_nearby_even_in_a_named_region(geocoder: Geocoder) -> None:
    """The gazetteer's Blahodatne lies in Donetsk Oblast but 90 km from Soledar and Bakhmut;
    the story's own Blahodatne, by Soledar, is one it lacks. A region that holds a village
    is too wide to vouch for it."""
    doc = make_doc(
        "Russian forces pressed on from Soledar towards Bakhmut in Donetsk Oblast.\n"
        "By February they had taken the village of Blahodatne.",
        "Donetsk Oblast, Ukraine",
    )
    assert "Blahodatne" not in names_found(geocoder.for_document(doc))


def test_a_small_town_needs_a_named_place_within_100_km(geocoder: Geocoder) -> None:
    """A town of 7,700 people 117 km from every place the story names (Bilokurakyne, by a
    story of Soledar and Bakhmut) is more likely a namesake of a village the gazetteer lacks."""
    doc = make_doc("Wagner fighters attacked Soledar and Bakhmut in January.\nOn 3 February they took Bilokurakyne.",
                   "Donetsk Oblast, Ukraine")
    assert names_found(geocoder.for_document(doc)) == {"Soledar", "Bakhmut"}


def test_a_feature_named_by_a_date_keeps_its_whole_name(geocoder: Geocoder) -> None:
    """"The 14 July Bridge" is a feature whose name opens with a number: remembered at Raqqa,
    its later mention is placed there with its whole name as evidence."""
    doc = make_doc("Fighting reached the 14 July Bridge in Raqqa.\nThe next day, the 14 July Bridge was blown up.",
                   "Raqqa Governorate, Syria")
    location = locate_phrase(geocoder.for_document(doc), "The next day, the 14 July Bridge was blown up.")
    assert location is not None and location.name == "Raqqa"
    assert doc.text[location.evidence[0].start : location.evidence[0].end] == "14 July Bridge"


def test_a_name_before_a_lower_case_province_is_the_province(geocoder: Geocoder) -> None:
    """"Idlib province" is the governorate, not the city Idlib; a town named in the same
    sentence ("towards Palmyra") is then the finer place."""
    text = "After the army sent troops to Idlib province, ISIL launched an offensive towards Palmyra."
    geo = geocoder.for_document(make_doc(text, "Homs Governorate, Syria", title="Palmyra offensive (May 2015)"))
    kinds = {geo.doc.text[m.span.start : m.span.end]: m.place.kind for m in geo.mentions}
    assert kinds["Idlib"] == "admin1"
    location = locate_phrase(geo, text)
    assert location is not None and location.name == "Palmyra"


def test_where_forces_or_fire_were_aimed_gives_way_to_the_place_they_took(geocoder: Geocoder) -> None:
    text = "Ukrainian forces pushed south in the direction of Nova Kakhovka and took Dudchany."
    location = locate_phrase(geocoder.for_document(make_doc(text, "Kherson Oblast, Ukraine")), text)
    assert location is not None and location.name == "Dudchany"


def test_in_the_battle_for_a_town_a_place_named_only_aside_gives_way_to_the_town(geocoder: Geocoder) -> None:
    """In the Battle of Soledar, "fighting grew heavier after the fall of Sievierodonetsk and
    Lysychansk" names only earlier events' places: the fighting was at Soledar."""
    text = "Fighting grew heavier in early July after the fall of Sievierodonetsk and Lysychansk."
    doc = make_doc("Wagner troops attacked Soledar in May.\n" + text, "Soledar, Ukraine", title="Battle of Soledar")
    location = locate_phrase(geocoder.for_document(doc), text)
    assert location is not None and location.name == "Soledar"


def test_a_feature_name_does_not_start_inside_a_number(geocoder: Geocoder) -> None:
    """"About 2,000 Azovstal plant workers" names the Azovstal plant, not a "000 Azovstal"
    plant: its later mention reuses the place remembered for it."""
    doc = make_doc("About 2,000 Azovstal plant workers sheltered in Mariupol.\n"
                   "The next day, the Azovstal plant was shelled.", "Mariupol, Ukraine")
    location = locate_phrase(geocoder.for_document(doc), "The next day, the Azovstal plant was shelled.")
    assert location is not None and location.name == "Mariupol"
    assert doc.text[location.evidence[0].start : location.evidence[0].end] == "Azovstal plant"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Drones struck Moscow oblast.", "Moscow oblast", "admin1"),  # the unit spelt so, as "Moscow Oblast" is
    ("Clashes in Idlib province killed five.", "Idlib", "admin1"),  # the unit named after the town
    ("Shelling hit Sievierodonetsk oblast.", "Sievierodonetsk", "city"),  # no such unit: the town
])
def test_a_lower_case_unit_word_after_a_name(geocoder: Geocoder, text: str, name: str, kind: str) -> None:
    geo = geocoder.for_document(make_doc(text, None))
    assert [(geo.doc.text[m.span.start : m.span.end], m.place.kind) for m in geo.mentions] == [(name, kind)]


@pytest.mark.parametrize(("story", "place", "name", "neighbour", "km"), [
    # "Heish" shares its skeleton with seventy places; the Syrian village (GeoNames' Hish) is
    # among the least populous. Brought in as a village next to a town of the story, it is
    # found however far down the list it sits.
    ("Rebels shelled Khan Shaykhun in April. On 9 May they seized the village of Heish.",
     "Idlib Governorate, Syria", "Heish", "Khan Shaykhun", 20),
    # "Arima" is spelt exactly as a town in Trinidad, and loosely as Al-'Arimah by Manbij, far
    # down its skeleton's list. In a story placed in Syria, "near Arima" is the Syrian one.
    ("Turkish-backed fighters moved east from al-Bab. Their shells later fell on SDF posts near Arima, "
     "close to Manbij.", "Aleppo Governorate, Syria", "Arima", "Manbij", 40),
])
def test_a_village_far_down_a_common_skeleton_is_found_when_introduced(
    geocoder: Geocoder, story: str, place: str, name: str, neighbour: str, km: float
) -> None:
    geo = geocoder.for_document(make_doc(story, place))
    resolved = {geo.doc.text[m.span.start : m.span.end]: m.place for m in geo.mentions}
    assert resolved[name].country_code == "SY"
    assert haversine_km(resolved[name].latitude, resolved[name].longitude,
                        resolved[neighbour].latitude, resolved[neighbour].longitude) < km


@pytest.mark.parametrize(
    "story",
    [
        # never brought in as a settlement (a man's name could be spelt so, or a unit's):
        # however often named, a loose match so far down stays unread
        "Rebels shelled Khan Shaykhun in April. On 9 May they overran Heish. "
        "Heish fell again in June, and Heish was retaken in July.",
        # brought in, but the namesake (a town in Tartus) lies 100 km from the story's
        # Idlib towns; only Homs is that close, and a loose match needs a town within 60 km
        "Reinforcements came from Homs. Rebels cut the road between Maarrat al-Nu'man and Khan "
        "Shaykhun. The army fell back to the village of Hamadiyah. Hamadiyah was shelled in June, "
        "and Hamadiyah fell in July.",
    ],
)
def test_a_loose_match_far_down_a_skeleton_needs_an_introduction_and_a_neighbour(
    geocoder: Geocoder, story: str
) -> None:
    geo = geocoder.for_document(make_doc(story, None))
    assert names_found(geo) <= {"Homs", "Maarrat al-Nu'man", "Khan Shaykhun"}


@pytest.mark.parametrize(("story", "place"), [
    # after "Soledar, Bakhmut", "southeast of the settlement centre" is Soledar again: in the
    # Battle of Soledar the next action with no place of its own is there, not at Bakhmut
    ("Artillery hit Soledar, Bakhmut and nearby villages in early May. Wagner fighters then took a salt "
     "mine southeast of the settlement centre. ", "Soledar"),
    # "the city" right after Bakhmut in its own sentence is Bakhmut, whatever the title
    ("Artillery hit Soledar in early May. Wagner fighters then reached Bakhmut and took a salt mine "
     "southeast of the city centre. ", "Bakhmut"),
])
def test_in_the_battle_for_a_town_the_settlement_said_after_the_latest_town_is_that_town(
    geocoder: Geocoder, story: str, place: str
) -> None:
    action = "Two days later they pushed into a brick works."
    doc = make_doc(story + action, "Soledar, Ukraine", title="Battle of Soledar")
    location = locate_phrase(geocoder.for_document(doc), action)
    assert location is not None and location.name == place


def test_a_place_an_attack_came_from_the_direction_of_is_aside(geocoder: Geocoder) -> None:
    """"attacking from the Bakhmut and Popasna directions" says where the attackers
    came from; in the battle for Soledar, the fighting itself was at Soledar."""
    sentence = "The General Staff said troops kept attacking from the Bakhmut and Popasna directions."
    doc = make_doc("Wagner troops attacked Soledar in May.\n" + sentence, "Soledar, Ukraine",
                   title="Battle of Soledar")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.name == "Soledar"


@pytest.mark.parametrize(("sentence", "place"), [
    ("Drones hit depots in the area around Kyiv, notably in Bucha.", "Bucha"),
    ("Fighting flared in hamlets north of Kharkiv, including Tsyrkuny.", "Tsyrkuny"),
    # the first place is a town in its own right: the list after it does not narrow it
    ("Shelling hit Kharkiv and several villages, including Tsyrkuny.", "Kharkiv"),
])
def test_a_town_after_including_narrows_a_vaguer_place(geocoder: Geocoder, sentence: str, place: str) -> None:
    location = locate_phrase(geocoder.for_document(make_doc(sentence, "Ukraine")), sentence)
    assert location is not None and location.name == place


def test_a_border_between_two_countries_in_the_battle_for_a_town_is_that_town_s_stretch(
    geocoder: Geocoder,
) -> None:
    """"the Syria–Turkey border" has no single point; the midpoint of the two countries'
    centres lies 250 km from Ras al-Ayn. In the battle for Ras al-Ayn, the stretch meant is
    that town's, at precision 3."""
    sentence = "Both sides agreed that the SDF would pull back from the Syria–Turkey border."
    doc = make_doc("Turkish troops attacked Ras al-Ayn in October.\n" + sentence, "Ras al-Ayn, Syria",
                   title="Battle of Ras al-Ayn")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.name == "Ras al-Ayn" and location.geo_precision == 3


@pytest.mark.parametrize(("sentence", "place"), [
    # "the eastern countryside of Homs" is the rural east of Homs Governorate: Palmyra, named
    # in the same sentence 150 km from Homs city, is in it and is the finer place
    ("ISIL attacked army posts in the eastern countryside of Homs, near the hills north of Palmyra.", "Palmyra"),
    # a town fighters fell back to is not where they were
    ("ISIL units in the southern countryside of Al-Shaddadi retreated back to Markada.", "Al-Shaddadi"),
    # the region's town written otherwise than its region ("Raqqa", in Ar Raqqah)
    ("Fighting flared in the northern countryside of Raqqa, east of Tell Abyad.", "Tell Abyad"),
])
def test_the_countryside_of_a_town_gives_way_to_a_town_named_in_it(
    geocoder: Geocoder, sentence: str, place: str
) -> None:
    location = locate_phrase(geocoder.for_document(make_doc(sentence, "Syria")), sentence)
    assert location is not None and location.name == place


@pytest.mark.parametrize(("story", "place", "title", "phrase", "name", "cited"), [
    # "the city" after the article's own town keeps that town as the text spells it, with evidence
    ("Russian guns shelled Izium in March. Later they took a factory in the city centre. Two days later "
     "they pushed into a brick works.", "Izium, Ukraine", "Battle of Izium",
     "Two days later they pushed into a brick works.", "Izium", True),
    # a border between countries outside the battle for a town stays the border
    ("Protesters gathered in Lviv. Officials said troops massed near the Russia–Ukraine border.",
     "Lviv, Ukraine", "2022 Lviv protests", "Officials said troops massed near the Russia–Ukraine border.",
     "Russia–Ukraine", True),
    # directions named by several words, and a sentence that opens with one
    ("Wagner troops attacked Soledar in May.\nThe General Staff said troops kept attacking from the Nova "
     "Kakhovka and Bakhmut directions.", "Soledar, Ukraine", "Battle of Soledar",
     "The General Staff said troops kept attacking from the Nova Kakhovka and Bakhmut directions.", "Soledar",
     False),
    ("Wagner troops attacked Soledar in May.\nFrom the Bakhmut direction, troops kept attacking.",
     "Soledar, Ukraine", "Battle of Soledar", "From the Bakhmut direction, troops kept attacking.", "Soledar",
     False),
])
def test_fallbacks_keep_to_what_the_text_says(
    geocoder: Geocoder, story: str, place: str, title: str, phrase: str, name: str, cited: bool
) -> None:
    doc = make_doc(story, place, title=title)
    location = locate_phrase(geocoder.for_document(doc), phrase)
    assert location is not None and location.name == name
    assert bool(location.evidence) == cited  # the town's own words in the text, when it has them


@pytest.mark.parametrize(("before", "place"), [
    # "the town" is not one of "the villages of" the sentence before: it is the article's town
    ("Shells fell on the villages of Umm Jalal and Hish.", "Maarrat al-Nu'man"),
    # a town named as such is: "the town" refers back to it
    ("Shells fell on the town of Hish.", "Hish"),
])
def test_the_town_refers_back_to_a_town_not_to_villages(geocoder: Geocoder, before: str, place: str) -> None:
    follow = "A week later the garrison fled the town."
    doc = make_doc("Rebels besieged the army base by Maarrat al-Nu'man in October.\n" + before + " " + follow,
                   "Maarrat al-Nu'man, Syria", title="Siege of the Wadi base")
    location = locate_phrase(geocoder.for_document(doc), follow)
    assert location is not None and location.name == place


def test_a_paragraph_back_in_the_article_towns_region_is_back_at_that_town(geocoder: Geocoder) -> None:
    """After Tikrit, the paragraph names Nineveh, the region of Mosul (the article's town) and
    not of Tikrit: the next sentence with no place of its own is in Mosul again."""
    follow = "The commander then ordered a general retreat."
    doc = make_doc("Gunmen shot captured policemen in Tikrit. Later, fighters seized police stations in "
                   "Nineveh. " + follow, "Mosul, Iraq", title="Fall of Mosul")
    location = locate_phrase(geocoder.for_document(doc), follow)
    assert location is not None and location.name == "Mosul"


@pytest.mark.parametrize(("sentence", "absent"), [
    # "Oleksandrivka" is an old name of Donetsk, 120 km from the villages listed with it: the
    # village of that name the gazetteer lacks is meant, not the city
    ("Ukrainian troops moved on Yatskivka, Oleksandrivka and Korovii Yar in late September.", "Donetsk"),
])
def test_a_large_city_s_old_name_in_a_list_of_far_villages_is_no_city(
    geocoder: Geocoder, sentence: str, absent: str
) -> None:
    geo = geocoder.for_document(make_doc(sentence, "Donetsk Oblast, Ukraine"))
    places = [loc.name for loc in geo.locate_all(Span(0, len(sentence)))]
    assert "Yatskivka" in places and absent not in places and "Oleksandrivka" not in places


def test_a_large_city_spelt_otherwise_in_a_list_stays_the_city(geocoder: Geocoder) -> None:
    """"Berdiansk" is another spelling of Berdyansk, not another name: listed with small
    towns far from it, it stays the city."""
    sentence = "Troops took Berdiansk, Vasylivka and Polohy in early March."
    geo = geocoder.for_document(make_doc(sentence, "Zaporizhzhia Oblast, Ukraine"))
    assert "Berdiansk" in [loc.name for loc in geo.locate_all(Span(0, len(sentence)))]


def test_a_region_named_as_an_origin_does_not_bring_the_story_back(geocoder: Geocoder) -> None:
    """Nineveh, Mosul's region, named only as where reinforcements came from, does not move
    the story from Tikrit back to Mosul."""
    follow = "The commander ordered a retreat."
    doc = make_doc("Gunmen held Tikrit. Reinforcements arrived from Nineveh. " + follow, "Mosul, Iraq",
                   title="Fall of Mosul")
    location = locate_phrase(geocoder.for_document(doc), follow)
    assert location is not None and location.name == "Tikrit"


def test_a_town_known_by_an_old_name_of_its_own_stays_the_town(geocoder: Geocoder) -> None:
    """"Nikolaev" is an old name of Mykolaiv and of no other Ukrainian place: listed with
    small towns far from it, it is still the city."""
    sentence = "Shelling hit Nikolaev, Novyi Buh and Kazanka."
    geo = geocoder.for_document(make_doc(sentence, "Mykolaiv Oblast, Ukraine"))
    assert "Nikolaev" in [loc.name for loc in geo.locate_all(Span(0, len(sentence)))]


def test_a_title_naming_the_strikes_at_a_place_makes_it_the_story_s_town(geocoder: Geocoder) -> None:
    """"2022 Chornobaivka attacks" is about one place as a "Battle of" title is: guns there
    that fired "in the direction of Snihurivka" were at Chornobaivka, not Snihurivka."""
    sentence = "Ukrainian drones destroyed Russian air defences that had fired in the direction of Snihurivka."
    doc = make_doc("Russian helicopters were based at Chornobaivka.\n" + sentence, "Chornobaivka, Ukraine",
                   title="2022 Chornobaivka attacks")
    location = locate_phrase(geocoder.for_document(doc), sentence)
    assert location is not None and location.name == "Chornobaivka"
