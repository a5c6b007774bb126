"""The rights registry: every provision quotes real corpus text; versions; reference look-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexamend.address import resolve
from lexamend.corpus import find
from lexamend.errors import CitationError, InputError
from lexamend.parse import parse_file
from lexamend.render.text import unit_lines
from lexamend.xref import load_registry
from lexamend.xref.datafiles import packaged

#: The provisions issue 7 asks for (ICRMW is not in the corpus, so it cannot be registered).
REQUIRED = [
    "kz-constitution-1995:art_14__para_2",
    "kz-constitution-1995:art_19__para_2",
    "kz-constitution-1995:art_30__para_1",
    "kz-law-education-2007:art_8__para_2__part_2",
    "kz-law-rights-child-2002:art_4__para_1",
    "kz-law-rights-child-2002:art_15__para_1",
    "un-crc-1989:art_2__para_1",
    "un-crc-1989:art_3__para_1",
    "un-crc-1989:art_28__para_1",
    "un-icescr-1966:art_2__para_2",
    "un-icescr-1966:art_13__para_2",
    "un-iccpr-1966:art_2__para_1",
    "un-iccpr-1966:art_24__para_1",
    "un-iccpr-1966:art_26",
    "un-cerd-1965:art_5__point_e__subpoint_v",
    "unesco-cade-1960:art_1__para_1",
    "unesco-cade-1960:art_3__point_e",
    "un-crpd-2006:art_24__para_1",
]


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return load_registry()


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_every_provision_quotes_the_corpus_text_of_its_unit(registry) -> None:  # type: ignore[no-untyped-def]
    assert len(registry.provisions) >= len(REQUIRED)
    for provision in registry.provisions:
        assert provision.texts, provision.id
        for lang, quoted in provision.texts:
            doc = parse_file(find(f"{provision.doc}.{lang}"))
            unit = resolve(doc, provision.address)
            expected = "\n".join(line for _, line in unit_lines(unit))
            assert quoted == expected, f"{provision.id} ({lang})"
            assert len(_squash(quoted)) > 20, provision.id


def test_the_provisions_the_issue_names_are_registered(registry) -> None:  # type: ignore[no-untyped-def]
    ids = {p.id for p in registry.provisions}
    assert [r for r in REQUIRED if r not in ids] == []
    assert not any(p.doc.startswith("un-icrmw") for p in registry.provisions)


def test_ground_words_are_the_provisions_own_words(registry) -> None:  # type: ignore[no-untyped-def]
    constitution = registry.get("kz-constitution-1995:art_14__para_2")
    assert constitution.names("residence").words == "места жительства"
    assert constitution.other_status == "или по любым иным обстоятельствам"
    text = _squash(constitution.text("ru")[1])
    for cover in constitution.grounds:
        assert cover.words in text
    crc = registry.get("un-crc-1989:art_2__para_2")
    assert crc.names("occupation").words == "activities"


def test_national_laws_are_quoted_in_russian_and_kazakh(registry) -> None:  # type: ignore[no-untyped-def]
    provision = registry.get("kz-law-education-2007:art_8__para_2__part_2")
    assert [lang for lang, _ in provision.texts] == ["ru", "kk"]
    assert provision.text("kk")[1].startswith("Қазақстан Республикасында тұрақты тұратын")
    assert provision.text("en")[0] == "ru"  # no English text: the source language
    assert provision.citation("ru") == "часть вторая пункта 2 статьи 8"


def test_constitution_versions_come_from_the_corpus_metadata(registry) -> None:  # type: ignore[no-untyped-def]
    constitution = next(i for i in registry.instruments if i.id == "kz-constitution")
    old, new = constitution.versions
    assert (old.doc, old.valid_from, old.valid_to, old.in_corpus) == (
        "kz-constitution-1995",
        "1995-09-05",
        "2026-06-30",
        True,
    )
    assert (new.doc, new.valid_from, new.adopted, new.in_corpus) == (
        "kz-constitution-2026",
        "2026-07-01",
        "2026-03-15",
        False,
    )
    assert old.in_force("2026-06-30") is True and old.in_force("2026-07-01") is False
    assert constitution.in_force_on("2026-11-25") is new
    assert registry.citable_version(constitution, "2026-11-25") is old  # the only text in the corpus


def test_unknown_provision_suggests_the_nearest(registry) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CitationError) as info:
        registry.lookup("un-crc-1989:art_99")
    assert "no unit 'art_99' in un-crc-1989" in str(info.value)
    assert "un-crc-1989:art_2__para_1" in str(info.value)
    with pytest.raises(CitationError) as info:
        registry.lookup("un-crc-1990:art_2__para_1")
    assert "did you mean un-crc-1989:art_2__para_1" in str(info.value)


def test_a_version_without_text_cannot_be_cited(registry) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CitationError, match="not in the corpus"):
        registry.lookup("kz-constitution-2026:art_14__para_2")


def test_a_whole_instrument_is_not_a_provision(registry) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CitationError, match="whole instrument"):
        registry.lookup("un-crc-1989")


def test_an_unregistered_unit_of_the_corpus_is_quoted(registry) -> None:  # type: ignore[no-untyped-def]
    provision = registry.lookup("un-crc-1989:art_28__para_1__point_a")
    assert not provision.registered
    assert provision.text()[1] == "a) Make primary education compulsory and available free to all;"
    assert provision.short == "CRC Art. 28(1)(a)"
    citation = registry.lookup("un-crc-1989:sec_I__art_28__para_1")  # a full eId names the registered provision
    assert citation.id == "un-crc-1989:art_28__para_1" and citation.registered


def test_a_registry_that_breaks_its_schema_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "registry.yaml"
    text = (
        packaged("registry.yaml")
        .read_text(encoding="utf-8")
        .replace("kind: non-discrimination", "kind: nondiscrimination", 1)
    )
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_registry(broken)
    message = str(info.value)
    assert "registry.yaml:" in message and "nondiscrimination" in message


def test_registry_words_missing_from_the_corpus_are_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "registry.yaml"
    text = (
        packaged("registry.yaml")
        .read_text(encoding="utf-8")
        .replace("residence: места жительства", "residence: места пребывания", 1)
    )
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="are not in the quoted ru text"):
        load_registry(broken)


def test_a_new_constitution_is_added_as_a_version(tmp_path: Path) -> None:
    """The 2026 Constitution's text is not in the corpus; adding it is a corpus file and a registry entry.

    The test stands the 1995 text in for the new one (only the dates and ids matter here).
    """
    import shutil

    import yaml

    from lexamend.xref import detect_grounds
    from lexamend.xref.crossref import _version_notes
    from tests.conftest import CORPUS

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    meta = yaml.safe_load((corpus / "kz/constitution-1995.ru.meta.yaml").read_text(encoding="utf-8"))
    meta.update(id="kz-constitution-2026", version={"label": "Constitution of 2026", "valid_from": "2026-07-01"})
    shutil.copy(corpus / "kz/constitution-1995.ru.txt", corpus / "kz/constitution-2026.ru.txt")
    (corpus / "kz/constitution-2026.ru.meta.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8"
    )
    text = packaged("registry.yaml").read_text(encoding="utf-8")
    text = text.replace(
        """        valid_from: '2026-07-01'
        in_corpus: false
""",
        """        valid_from: '2026-07-01'
        provisions:
          - at: art_14__para_2
            title: Prohibition of discrimination
            kind: non-discrimination
            grounds: {residence: места жительства}
            other_status: или по любым иным обстоятельствам
""",
    )
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    registry = load_registry(path, corpus_root=corpus)
    constitution = next(i for i in registry.instruments if i.id == "kz-constitution")
    assert [v.in_corpus for v in constitution.versions] == [True, True]
    assert registry.citable_version(constitution, "2026-11-25").doc == "kz-constitution-2026"
    assert registry.citable_version(constitution, "2026-01-15").doc == "kz-constitution-1995"
    clause = "Children are admitted only if they have registration at the place of residence."
    late = detect_grounds(clause, "en", registry=registry, as_of="2026-11-25")[0].provisions
    early = detect_grounds(clause, "en", registry=registry, as_of="2026-01-15")[0].provisions
    assert "kz-constitution-2026:art_14__para_2" in late and "kz-constitution-1995:art_14__para_2" not in late
    assert "kz-constitution-1995:art_14__para_2" in early
    (note,) = _version_notes(registry, (registry.get("kz-constitution-1995:art_14__para_2"),), "2026-11-25")
    assert note.warning.endswith("cite kz-constitution-2026 instead.")
