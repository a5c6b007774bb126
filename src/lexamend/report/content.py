"""What the recommendation section says: one item per edit, as plain data for the templates.

For each edit of the applied patches: where it applies (citations), the
current wording and the proposed wording with the edit's own changes marked
(the edit applied alone to the base where it can be, so that the reader sees
this edit's change against the law in force), the rationale, and — from the
rights cross-reference — the grounds it removes or introduces and the
provisions it engages, quoted with the version cited. Patches that a shipped
patch names as its alternatives are summarised the same way, unapplied.

Everything here is data (dicts, lists, strings) so that templates, which users
may override, need no Python objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from lexamend.apply import ApplyResult, apply_patches
from lexamend.diff.words import word_diff
from lexamend.errors import CitationError
from lexamend.model import Document, Edit, Op, Patch, Unit
from lexamend.render.text import unit_lines

#: Words of the recommendation, by language. Templates take them from ``pack.words``.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Recommendations",
        "intro": "The proposals below amend the {act}. Each recommendation gives the provision, its current and proposed wording, the reasons, and the constitutional and treaty provisions it serves.",
        "current": "Current wording",
        "proposed": "Proposed wording",
        "rationale": "Rationale",
        "no_rationale": "No rationale given.",
        "grounds": "Grounds of distinction",
        "provisions": "Provisions engaged",
        "also_engaged": "Also engaged (suggested by the cross-reference)",
        "recommendation": "Recommendation",
        "committee": "The Committee may wish to recommend that the State party amend {citation} of the {act} {how}.",
        "new_unit": "(new)",
        "removed_unit": "(repealed)",
        "cited": "cited",
        "suggested": "suggested",
        "cited+suggested": "cited, confirmed",
        "version": "version",
        "not_in_force": "not in force on {date}",
        "alternatives": "Alternative proposals",
        "alternative_of": "An alternative to the proposal above: {title}",
        "edit": "edit",
        "patch": "proposal",
        "removed": "removed",
        "narrowed": "partly removed",
        "introduced": "introduced",
        "widened": "widened",
        "replaced": "replaced by another distinction",
        "unchanged": "unchanged",
        "contents": "Contents of this pack",
        "summary": "Summary",
        "edits": "edits",
        "units": "provisions amended",
        "grounds_addressed": "grounds of distinction addressed",
        "alternative_edits": "edits in alternative proposals",
        "generated": "Texts as of {date}.",
        "how_delete": "by deleting the words {old}",
        "how_insert_after": "by inserting the words {new} after the words {anchor}",
        "how_insert_before": "by inserting the words {new} before the words {anchor}",
        "how_replace": "by replacing the words {old} with the words {new}",
        "how_restate": "by restating it as proposed",
        "how_insert_unit": "by adding {citation}",
        "how_repeal": "by repealing it",
        "how_renumber": "by renumbering it {num}",
        "quote_open": "“",
        "quote_close": "”",
    },
    "ru": {
        "title": "Рекомендации",
        "intro": "Ниже приведены предложения об изменении {act}. По каждому предложению указаны норма, ее действующая и предлагаемая редакции, обоснование, а также положения Конституции и международных договоров, которым оно служит.",
        "current": "Действующая редакция",
        "proposed": "Предлагаемая редакция",
        "rationale": "Обоснование",
        "no_rationale": "Обоснование не приведено.",
        "grounds": "Признаки различия",
        "provisions": "Затрагиваемые положения",
        "also_engaged": "Также затрагиваются (предложено при соотнесении)",
        "recommendation": "Рекомендация",
        "committee": "Комитет, возможно, пожелает рекомендовать государству-участнику внести изменения в {citation} ({act}), {how}.",
        "new_unit": "(новая норма)",
        "removed_unit": "(утрачивает силу)",
        "cited": "указано",
        "suggested": "предложено",
        "cited+suggested": "указано, подтверждено",
        "version": "редакция",
        "not_in_force": "не действует на {date}",
        "alternatives": "Альтернативные предложения",
        "alternative_of": "Альтернатива предложению выше: {title}",
        "edit": "правка",
        "patch": "предложение",
        "removed": "устраняется",
        "narrowed": "устраняется частично",
        "introduced": "вводится",
        "widened": "расширяется",
        "replaced": "заменяется другим различием",
        "unchanged": "без изменений",
        "contents": "Состав пакета",
        "summary": "Сводка",
        "edits": "правок",
        "units": "изменяемых норм",
        "grounds_addressed": "затронутых признаков различия",
        "alternative_edits": "правок в альтернативных предложениях",
        "generated": "Тексты по состоянию на {date}.",
        "how_delete": "исключив слова {old}",
        "how_insert_after": "дополнив после слов {anchor} словами {new}",
        "how_insert_before": "дополнив перед словами {anchor} словами {new}",
        "how_replace": "заменив слова {old} словами {new}",
        "how_restate": "изложив {it} в предлагаемой редакции",
        "how_insert_unit": "дополнив {citation}",
        "how_repeal": "признав {it} {lost} силу",
        "how_renumber": "изменив {its} номер на {num}",
        "quote_open": "«",
        "quote_close": "»",
    },
}

LANGUAGES = tuple(WORDS)


def _quote(text: str, words: dict[str, str]) -> str:
    return f"{words['quote_open']}{' '.join(text.split())}{words['quote_close']}"


def _wording(unit: Unit | None) -> str:
    if unit is None:
        return ""
    return "\n".join(line for _, line in unit_lines(unit))


def _citation(doc: Document, unit: Unit, lang: str, case: str = "nom") -> str:
    from lexamend.address import format_citation, path_of

    try:
        return format_citation(path_of(doc, unit), lang, case=case)
    except (CitationError, ValueError, KeyError):
        return unit.address or unit.eid


def _act_name(doc: Document, lang: str) -> str:
    extra = dict(doc.meta.extra)
    if lang == "en" and extra.get("title_en"):
        return extra["title_en"]
    return doc.meta.title or doc.meta.source


#: Russian grammatical gender of each kind of unit (пункт — masculine, статья — feminine …).
_RU_FEMININE = frozenset({"article", "chapter", "part"})


def _pronouns(kind: str) -> dict[str, str]:
    if kind in _RU_FEMININE:
        return {"it": "ее", "its": "ее", "lost": "утратившей"}
    return {"it": "его", "its": "его", "lost": "утратившим"}


def _how(edit: Edit, words: dict[str, str], citation_new: str, kind: str = "paragraph") -> str:
    q = lambda t: _quote(t or "", words)  # noqa: E731
    forms = _pronouns(kind)
    if edit.op is Op.DELETE:
        return words["how_delete"].format(old=q(edit.text))
    if edit.op is Op.REPLACE:
        return words["how_replace"].format(old=q(edit.old), new=q(edit.new))
    if edit.op is Op.INSERT:
        if edit.after is not None:
            return words["how_insert_after"].format(new=q(edit.text), anchor=q(edit.after))
        return words["how_insert_before"].format(new=q(edit.text), anchor=q(edit.before))
    if edit.op is Op.RESTATE:
        return words["how_restate"].format(**forms)
    if edit.op is Op.INSERT_UNIT:
        return words["how_insert_unit"].format(citation=citation_new)
    if edit.op is Op.REPEAL:
        return words["how_repeal"].format(**forms)
    return words["how_renumber"].format(num=edit.num or "", **forms)


def _alone(base: Document, edit: Edit) -> tuple[Document, str] | None:
    """The base with only this edit applied, and the address it landed on (None if it needs earlier edits)."""
    result = apply_patches(base, [Patch(edits=(replace(edit, patch=edit.patch or "proposal"),), title="", base="")])
    if not result.ok:
        return None
    return result.document, result.results[0].address


def _locate(doc: Document, address: str) -> Unit | None:
    from lexamend.address import resolve

    try:
        return resolve(doc, address)
    except CitationError:
        return None


def _provision_entries(xref_edit: dict[str, Any], provisions: dict[str, dict[str, Any]], words: dict[str, str], as_of: str) -> list[dict[str, Any]]:
    out = []
    for ref in xref_edit.get("rights", []):
        provision = provisions.get(ref["provision"], {})
        text = provision.get("text") or {}
        quote_lang, quote = next(iter(text.items()), ("", ""))
        version = provision.get("version") or {}
        out.append(
            {
                "id": ref["provision"],
                "short": ref.get("short") or provision.get("short") or ref["provision"],
                "title": provision.get("title", ""),
                "source": words.get(ref.get("source", ""), ref.get("source", "")),
                "cited": "cited" in ref.get("source", ""),
                "why": "; ".join(basis["why"] for basis in ref.get("bases", [])),
                "quote": quote,
                "quote_lang": quote_lang,
                "version": version.get("doc") or provision.get("doc", ""),
                "version_label": version.get("label", ""),
                "in_force": version.get("in_force", True),
                "not_in_force": words["not_in_force"].format(date=as_of) if version.get("in_force") is False else "",
            }
        )
    # Cited provisions first, then suggested; each group in the cross-reference's order.
    return sorted(out, key=lambda p: not p["cited"])


def _grounds(xref_edit: dict[str, Any], categories: dict[str, Any], words: dict[str, str]) -> list[dict[str, Any]]:
    label = lambda cid: categories.get(cid, {}).get("label", cid)  # noqa: E731
    return [
        {
            "label": g["label"],
            "change": words.get(g["change"], g["change"]),
            "change_key": g["change"],
            "removed": [label(c) for c in g.get("removed", [])],
            "introduced": [label(c) for c in g.get("introduced", [])],
            "remaining": [label(c) for c in g.get("remaining", [])],
        }
        for g in xref_edit.get("grounds", [])
    ]


def edit_items(
    base: Document,
    result: ApplyResult,
    patches: Sequence[Patch],
    xrefs: Sequence[dict[str, Any]],
    lang: str,
    *,
    start: int = 1,
) -> list[dict[str, Any]]:
    """The recommendation items, one per edit, numbered from ``start``."""
    words = WORDS[lang]
    act = _act_name(base, lang)
    by_id: dict[tuple[str, str], dict[str, Any]] = {}
    provisions: dict[str, dict[str, Any]] = {}
    categories: dict[str, Any] = {}
    as_of = ""
    for xref in xrefs:
        as_of = xref.get("as_of", as_of)
        categories.update(xref.get("categories", {}))
        for p in xref.get("provisions", []):
            provisions[p["id"]] = p
        for e in xref.get("edits", []):
            by_id[(e.get("patch", ""), e["id"])] = e
    results = {(r.patch, r.edit_id): r for r in result.results}
    items = []
    number = start
    for patch in patches:
        for edit in patch.edits:
            applied = results.get((edit.patch, edit.id))
            alone = _alone(base, edit)
            before_unit = _locate(base, edit.at) if edit.op is not Op.INSERT_UNIT else None
            if alone is not None:
                after_doc, address = alone
            else:
                after_doc, address = result.document, applied.address if applied else edit.at
            after_unit = _locate(after_doc, address) if edit.op is not Op.REPEAL or after_doc.find(address) else None
            current, proposed = _wording(before_unit), _wording(after_unit)
            if edit.op is Op.REPEAL and after_doc.find(before_unit.eid if before_unit else "") is None:
                proposed = ""
            anchor = before_unit or after_unit
            citing_doc = base if before_unit else after_doc
            citation = _citation(citing_doc, anchor, lang) if anchor else edit.at
            # «внести изменения в часть вторую …»: Russian needs the accusative after «в».
            citation_in = _citation(citing_doc, anchor, lang, case="acc" if lang == "ru" else "nom") if anchor else edit.at
            how_citation = _citation(after_doc, after_unit, lang, case="ins" if lang == "ru" else "nom") if after_unit else citation
            other = "ru" if lang == "en" else "en"
            citation_other = _citation(base if before_unit else after_doc, anchor, other) if anchor else ""
            xref_edit = by_id.get((edit.patch, edit.id), {})
            ops = [(op.kind, op.text) for op in word_diff(current, proposed).ops]
            entries = _provision_entries(xref_edit, provisions, words, as_of)
            rationale = edit.rationale.strip()
            items.append(
                {
                    "number": number,
                    "id": edit.id,
                    "op": edit.op.value,
                    "patch": patch.path,
                    "patch_title": patch.title,
                    "line": edit.line,
                    "address": (anchor.address or anchor.eid) if anchor else edit.at,
                    "citation": citation,
                    "citation_other": citation_other,
                    "current": current,
                    "proposed": proposed,
                    "current_label": words["new_unit"] if not current else "",
                    "proposed_label": words["removed_unit"] if not proposed else "",
                    "ops": ops,
                    "rationale": rationale,
                    "has_rationale": bool(rationale),
                    "recommendation": words["committee"].format(
                        citation=citation_in, act=act, how=_how(edit, words, how_citation, anchor.kind.value if anchor else "paragraph")
                    ),
                    "grounds": _grounds(xref_edit, categories, words),
                    "provisions": [p for p in entries if p["cited"]],
                    "suggested": [p for p in entries if not p["cited"]],
                    "rights": list(edit.rights),
                }
            )
            number += 1
    return items
