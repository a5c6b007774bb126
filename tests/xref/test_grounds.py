"""Ground detection: categories, markers and their scope, guarantees, morphology, languages."""

from __future__ import annotations

import pytest

from lexamend.errors import InputError
from lexamend.xref import detect_grounds, morph
from lexamend.xref.grounds import find_categories, open_marker
from lexamend.xref.language import identify

ORDER_P2 = (
    "Children of foreigners and stateless persons permanently residing in the Republic of Kazakhstan, as well as persons "
    "who temporarily reside in the Republic of Kazakhstan (refugees, asylum seekers, consular officers, employees of "
    "diplomatic institutions, migrant workers, with the exception of the seasonal and frontier workers) are accepted in "
    "the education institution to get preschool, primary, basic secondary and comprehensive secondary education and have "
    "the same rights as the citizens of Kazakhstan."
)


def distinguished(text: str, lang: str) -> dict[str, tuple[str, ...]]:
    return {d.category: d.grounds for d in find_categories(text, lang) if d.distinguishes}


def test_order_468_excludes_seasonal_and_frontier_workers_with_evidence() -> None:
    found = detect_grounds(ORDER_P2, "en")
    assert [d.category for d in found] == ["seasonal-worker", "frontier-worker"]
    seasonal, frontier = found
    assert seasonal.grounds == ("occupation", "migration-status")
    assert [(e.text, ORDER_P2[e.start : e.end]) for e in seasonal.evidence] == [
        ("seasonal", "seasonal"),
        ("workers", "workers"),
    ]
    assert [e.text for e in frontier.evidence] == ["frontier", "workers"]
    assert seasonal.marker == "exception"
    assert seasonal.marker_evidence is not None and seasonal.marker_evidence.text == "with the exception of"
    for required in (
        "kz-constitution-1995:art_14__para_2",
        "un-crc-1989:art_2__para_1",
        "un-crc-1989:art_28__para_1",
        "un-icescr-1966:art_2__para_2",
        "un-icescr-1966:art_13__para_2",
        "unesco-cade-1960:art_3__point_e",
        "unesco-cade-1960:art_1__para_1",
    ):
        assert required in seasonal.provisions, required


def test_groups_named_in_the_guarantee_are_mentions_not_distinctions() -> None:
    mentions = {d.category for d in detect_grounds(ORDER_P2, "en", include_mentions=True) if not d.distinguishes}
    assert {"foreigner", "stateless-person", "refugee", "asylum-seeker", "migrant-worker", "citizen"} <= mentions


def test_anti_discrimination_clauses_never_distinguish() -> None:
    crc = (
        "States Parties shall respect and ensure the rights set forth in the present Convention to each child within their "
        "jurisdiction without discrimination of any kind, irrespective of the child's or his or her parent's or legal "
        "guardian's race, colour, sex, language, religion, political or other opinion, national, ethnic or social origin, "
        "property, disability, birth or other status."
    )
    assert distinguished(crc, "en") == {}
    constitution = (
        "Никто не может подвергаться какой-либо дискриминации по мотивам происхождения, социального, должностного "
        "и имущественного положения, пола, расы, национальности, языка, отношения к религии, убеждений, места "
        "жительства или по любым иным обстоятельствам."
    )
    assert distinguished(constitution, "ru") == {}
    vetoed = [d for d in find_categories(constitution, "ru") if d.category == "place-of-residence"]
    assert vetoed and vetoed[0].vetoed_by is not None and vetoed[0].vetoed_by.text == "дискриминации"


def test_a_guarantee_worded_as_a_denial_is_not_a_distinction() -> None:
    text = "Persons with disabilities are not excluded from the general education system on the basis of disability."
    assert distinguished(text, "en") == {}


def test_russian_exception_with_inflected_coordinated_categories() -> None:
    text = (
        "Дети иностранцев, временно пребывающих в Республике Казахстан, за исключением сезонных и приграничных "
        "трудящихся-мигрантов, принимаются в организации образования."
    )
    assert distinguished(text, "ru") == {
        "seasonal-worker": ("occupation", "migration-status"),
        "frontier-worker": ("occupation", "migration-status"),
    }


def test_russian_only_restricts_forward_and_not_only_does_not() -> None:
    assert distinguished("Участниками целевых требований могут быть только граждане Республики Казахстан.", "ru") == {
        "citizen": ("nationality",)
    }
    assert distinguished("Лишение гражданства допускается лишь по решению суда.", "ru") == {}
    assert distinguished("Admission is open not only to citizens but to foreigners.", "en") == {}


def test_generic_citizens_in_a_denial_are_not_singled_out() -> None:
    text = (
        "Не имеют право избирать и быть избранными граждане, признанные судом недееспособными, а также содержащиеся в "
        "местах лишения свободы по приговору суда."
    )
    assert distinguished(text, "ru") == {"disability": ("disability",)}


def test_kazakh_exception_governs_the_words_before_it() -> None:
    text = (
        "Мектепке дейінгі ұйым мүмкіндіктері шектеулі балаларды қоспағанда, алты жасқа толған тәрбиеленушілерді "
        "шығаруды жүзеге асырады."
    )
    found = [d for d in find_categories(text, "kk") if d.distinguishes]
    assert [(d.category, d.marker) for d in found] == [("disability", "exception")]
    assert [e.text for e in found[0].evidence] == ["мүмкіндіктері", "шектеулі"]


def test_a_list_lead_in_governs_its_items() -> None:
    governing = open_marker(
        "Иммиграция с целью воссоединения семьи не допускается в отношении членов семей следующих категорий иммигрантов:",
        "ru",
        "art_27__para_5",
    )
    assert (
        governing is not None and governing.kind == "denial" and governing.evidence.text == "не допускается в отношении"
    )
    item = find_categories("сезонных иностранных работников;", "ru", governed=governing)
    assert [(d.category, d.status, d.marker_unit) for d in item] == [
        ("seasonal-worker", "distinguishes", "art_27__para_5")
    ]
    assert find_categories("сезонных иностранных работников;", "ru")[0].status == "mentions"
    assert open_marker("Иммигранты в Республике Казахстан имеют право:", "ru") is None


def test_english_plurals_and_possessives() -> None:
    assert {"refugee", "refugees"} == set(morph.english_keys("refugees"))
    assert "child" in morph.english_keys("children's")


def test_kazakh_suffix_chains_and_consonant_alternation() -> None:
    assert "шетелдік" in morph.kazakh_keys("шетелдіктердің")
    assert "азаматтық" in morph.kazakh_keys("азаматтығы")
    assert "қыз" not in morph.kazakh_keys("қызмет")
    assert morph.fold("Тегiне") == "тегіне"  # a Latin i inside a Cyrillic word is the Kazakh і


def test_russian_lemmas_from_pymorphy3() -> None:
    assert morph.russian_method() == "pymorphy3"  # a declared dependency (pyproject.toml)
    assert morph.russian_keys("детей") == {"ребенок"}
    assert "гражданин" in morph.russian_keys("граждан")


def test_russian_stem_fallback_still_finds_the_exclusion(monkeypatch: pytest.MonkeyPatch) -> None:
    from lexamend.xref import lexicon

    monkeypatch.setenv(morph.RU_MORPHOLOGY_ENV, "stems")
    for cached in (morph._analyzer, morph.russian_keys, lexicon.lexicon):
        cached.cache_clear()
    try:
        assert morph.russian_method() == "stems"
        text = "Прибывший в Республику Казахстан иностранный работник, кроме сезонного работника, вправе:"
        assert distinguished(text, "ru") == {"seasonal-worker": ("occupation", "migration-status")}
    finally:
        monkeypatch.delenv(morph.RU_MORPHOLOGY_ENV)
        for cached in (morph._analyzer, morph.russian_keys, lexicon.lexicon):
            cached.cache_clear()


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(InputError, match="language 'fr' is not supported"):
        detect_grounds("Les enfants des étrangers sont admis.", "fr")
    with pytest.raises(InputError, match="not in a supported language"):
        detect_grounds(
            "Les enfants des travailleurs saisonniers sont exclus de l'école et des établissements d'enseignement."
        )


def test_language_identification_rejects_neighbours() -> None:
    assert identify(ORDER_P2) == "en"
    assert (
        identify(
            "Die Kinder von Ausländern und Staatenlosen werden in die Bildungseinrichtung aufgenommen und haben dieselben Rechte."
        )
        is None
    )
    assert identify("Діти іноземців приймаються до закладів освіти на загальних підставах, як і діти громадян.") is None
