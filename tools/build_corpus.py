#!/usr/bin/env python3
"""Build corpus/ from the official source texts, keeping their provenance.

    python tools/build_corpus.py [SOURCES_DIR]      # default: ../shared/corpus-sources
    python tools/build_corpus.py --check            # verify corpus/ against its metadata

Each source text is copied byte for byte (its sha256 is recorded) into
``corpus/<jurisdiction>/<name>.<lang>.<ext>`` with a ``<name>.<lang>.meta.yaml``
beside it: title, jurisdiction, language, official URL, retrieval date, scope
(full/partial), the upstream copy it came from, and known defects, taken from
the sources' MANIFEST.tsv plus the bibliographic details below.

The Order No. 468 Rules are not among the sources; ``corpus/kz/order-468-rules.en.txt``
is a reconstruction written by hand from the wording an advocacy brochure quotes,
with a metadata file that says so (it is not produced by this script).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# source file -> (corpus path, doc id, bibliographic details)
DETAILS: dict[str, dict] = {
    "kz-constitution-1995.ru.txt": {
        "path": "kz/constitution-1995.ru.txt",
        "id": "kz-constitution-1995",
        "title": "Конституция Республики Казахстан",
        "title_en": "Constitution of the Republic of Kazakhstan",
        "kind": "constitution",
        "date": "1995-08-30",
        "number": "",
        "version": {
            "label": "1995 Constitution, consolidated text as amended up to the Law of 08.06.2022",
            "valid_from": "1995-09-05",
            "valid_to": "2026-06-30",
            "superseded_by": "Constitution adopted by referendum on 15 March 2026, in force 1 July 2026 (text not in the corpus)",
        },
    },
    "kz-law-education-2007.ru.txt": {
        "path": "kz/law-education-2007.ru.txt",
        "id": "kz-law-education-2007",
        "title": "Закон Республики Казахстан «Об образовании»",
        "title_en": "Law of the Republic of Kazakhstan \"On Education\"",
        "kind": "law",
        "date": "2007-07-27",
        "number": "319-III",
    },
    "kz-law-education-2007.kk.txt": {
        "path": "kz/law-education-2007.kk.txt",
        "id": "kz-law-education-2007",
        "title": "«Білім туралы» Қазақстан Республикасының Заңы",
        "title_en": "Law of the Republic of Kazakhstan \"On Education\"",
        "kind": "law",
        "date": "2007-07-27",
        "number": "319-III",
    },
    "kz-law-rights-child-2002.ru.txt": {
        "path": "kz/law-rights-child-2002.ru.txt",
        "id": "kz-law-rights-child-2002",
        "title": "Закон Республики Казахстан «О правах ребенка в Республике Казахстан»",
        "title_en": "Law of the Republic of Kazakhstan \"On the Rights of the Child in the Republic of Kazakhstan\"",
        "kind": "law",
        "date": "2002-08-08",
        "number": "345-II",
    },
    "kz-law-rights-child-2002.kk.txt": {
        "path": "kz/law-rights-child-2002.kk.txt",
        "id": "kz-law-rights-child-2002",
        "title": "«Қазақстан Республикасындағы баланың құқықтары туралы» Қазақстан Республикасының Заңы",
        "title_en": "Law of the Republic of Kazakhstan \"On the Rights of the Child in the Republic of Kazakhstan\"",
        "kind": "law",
        "date": "2002-08-08",
        "number": "345-II",
    },
    "kz-law-migration-2011.ru.txt": {
        "path": "kz/law-migration-2011.ru.txt",
        "id": "kz-law-migration-2011",
        "title": "Закон Республики Казахстан «О миграции населения»",
        "title_en": "Law of the Republic of Kazakhstan \"On Migration of Population\"",
        "kind": "law",
        "date": "2011-07-22",
        "number": "477-IV",
    },
    "un-crc-1989.en.md": {
        "path": "un/crc-1989.en.md",
        "id": "un-crc-1989",
        "title": "Convention on the Rights of the Child",
        "kind": "treaty",
        "date": "1989-11-20",
        "number": "UNGA res. 44/25",
    },
    "un-icescr-1966.en.md": {
        "path": "un/icescr-1966.en.md",
        "id": "un-icescr-1966",
        "title": "International Covenant on Economic, Social and Cultural Rights",
        "kind": "treaty",
        "date": "1966-12-16",
        "number": "UNGA res. 2200A (XXI)",
    },
    "un-iccpr-1966.en.md": {
        "path": "un/iccpr-1966.en.md",
        "id": "un-iccpr-1966",
        "title": "International Covenant on Civil and Political Rights",
        "kind": "treaty",
        "date": "1966-12-16",
        "number": "UNGA res. 2200A (XXI)",
    },
    "un-cerd-1965.en.md": {
        "path": "un/cerd-1965.en.md",
        "id": "un-cerd-1965",
        "title": "International Convention on the Elimination of All Forms of Racial Discrimination",
        "kind": "treaty",
        "date": "1965-12-21",
        "number": "UNGA res. 2106 (XX)",
    },
    "un-crpd-2006.en.md": {
        "path": "un/crpd-2006.en.md",
        "id": "un-crpd-2006",
        "title": "Convention on the Rights of Persons with Disabilities",
        "kind": "treaty",
        "date": "2006-12-13",
        "number": "UNGA res. 61/106",
    },
    "unesco-cade-1960.en.md": {
        "path": "unesco/cade-1960.en.md",
        "id": "unesco-cade-1960",
        "title": "Convention against Discrimination in Education",
        "kind": "treaty",
        "date": "1960-12-14",
        "number": "",
    },
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def meta_path(text_path: Path) -> Path:
    """``law-education-2007.ru.txt`` → ``law-education-2007.ru.meta.yaml``."""
    return text_path.with_name(text_path.name.rsplit(".", 1)[0] + ".meta.yaml")


def build(sources: Path) -> None:
    manifest = {row["file"]: row for row in csv.DictReader((sources / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t")}
    for name, details in DETAILS.items():
        row = manifest[name]
        src = sources / name
        dest = CORPUS / details["path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(src.read_bytes())
        meta = {
            "id": details["id"],
            "title": details["title"],
            "title_en": details.get("title_en", details["title"]),
            "instrument": row["instrument"],
            "kind": details["kind"],
            "jurisdiction": name.split("-", 1)[0],
            "language": row["language"],
            "date": details["date"],
            "number": details["number"],
            "scope": "partial" if row["scope"].startswith("partial") else "full",
            "scope_note": row["scope"],
            "official_url": row["upstream_official_url"],
            "source": row["source"],
            "retrieved": row["retrieved_date"],
            "notes": row["notes"],
            "sha256": sha256(dest),
            "source_file": name,
        }
        if "version" in details:
            meta["version"] = details["version"]
        meta_path(dest).write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=100), encoding="utf-8"
        )
        print(f"{dest.relative_to(ROOT)}  {meta['sha256'][:12]}")


def check() -> int:
    bad = 0
    for meta_file in sorted(CORPUS.rglob("*.meta.yaml")):
        meta = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
        text = next(p for p in meta_file.parent.iterdir() if p.name.startswith(meta_file.name[: -len(".meta.yaml")] + ".") and not p.name.endswith(".meta.yaml"))
        if sha256(text) != meta["sha256"]:
            print(f"MISMATCH {text}")
            bad += 1
    print("ok" if not bad else f"{bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        sys.exit(check())
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    build(Path(args[0]) if args else ROOT.parent / "shared" / "corpus-sources")
