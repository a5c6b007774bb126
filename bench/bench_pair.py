"""Score a ``lexamend diff --format json`` result against a gen_bench.py corpus's ground truth.

    python bench/bench_pair.py CORPUS_DIR [DIFF.json]

``CORPUS_DIR`` holds ``original.txt``, ``amended.txt`` and ``edits.json`` (see
``bench/gen_bench.py``). Every edit recorded in ``edits.json`` must be found as
one reported change at the right source lines (1-based lines = 0-based
paragraph indices + 1), of the right kind, and with word operations that
rebuild both wordings exactly; every reported change must be one of those
edits. Recall = edits found / edits; precision = reported changes that are
edits / reported changes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORD_EDITS = ("word_delete", "word_insert", "phrase_replace")


@dataclass
class Score:
    edits: int
    found: int
    reported: int
    explained: int
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.edits if self.edits else 1.0

    @property
    def precision(self) -> float:
        return self.explained / self.reported if self.reported else 1.0


def _rebuilds(change: dict[str, Any], before: str, after: str) -> bool:
    """The change's word operations give the old and the new paragraph exactly."""
    old_ref, new_ref = change["old"], change["new"]
    old_text = {f["field"]: "".join(o["text"] for o in f["ops"] if o["op"] != "insert") for f in change["fields"]}
    new_text = {f["field"]: "".join(o["text"] for o in f["ops"] if o["op"] != "delete") for f in change["fields"]}
    if "text" not in old_text:
        return False
    label_old, label_new = old_ref["label"] or "", new_ref["label"] or ""
    return f"{label_old} {old_text['text']}".strip() == before and f"{label_new} {new_text['text']}".strip() == after


def score(edits: list[dict[str, Any]], diff: dict[str, Any]) -> Score:
    """Match ground-truth edits to reported changes (see the module docstring)."""
    # A "notes" entry only carries note changes: those are what is counted.
    changes = [c for c in diff["changes"] if c["within"] is None and c["kind"] != "notes"]
    notes = [(c, n) for c in diff["changes"] for n in c["notes"]] + [(None, n) for n in diff["document_notes"]]
    used_changes: set[int] = set()
    used_notes: set[int] = set()
    found = 0
    missed = []
    for edit in edits:
        kind = edit["kind"]
        old_line = edit["orig_index"] + 1
        new_line = edit["amended_index"] + 1 if edit.get("amended_index") is not None else None
        hit = None
        for k, change in enumerate(changes):
            if k in used_changes:
                continue
            old, new = change["old"], change["new"]
            if kind == "paragraph_insert":
                ok = change["kind"] == "inserted" and new["line"] == new_line
            elif kind == "paragraph_delete":
                ok = change["kind"] == "deleted" and old["line"] == old_line
            elif old is None or new is None or old["line"] != old_line or new["line"] != new_line:
                ok = False
            elif kind in WORD_EDITS:
                ok = change["text_changed"] and not change["moved"] and _rebuilds(change, edit["before"], edit["after"])
            elif kind == "renumber":
                ok = change["renumbered"] and not change["moved"] and not change["text_changed"]
            elif kind == "move":
                ok = change["moved"] and not change["text_changed"]
            else:
                ok = False
            if ok:
                hit = k
                break
        if hit is None and kind == "paragraph_delete":
            for k, (_, note) in enumerate(notes):
                if k not in used_notes and note["change"] == "removed" and note["old_line"] == old_line:
                    used_notes.add(k)
                    hit = -1
                    break
        if hit is None:
            missed.append(edit)
            continue
        if hit >= 0:
            used_changes.add(hit)
        found += 1
    spurious = [
        f"{c['kind']}: {c['description']} (old line {c['old'] and c['old']['line']}, new line {c['new'] and c['new']['line']})"
        for k, c in enumerate(changes)
        if k not in used_changes
    ]
    spurious += [f"note {n['change']}: {(n['old'] or n['new'])[:60]}" for k, (_, n) in enumerate(notes) if k not in used_notes]
    reported = len(changes) + len(notes)
    return Score(len(edits), found, reported, reported - len(spurious), missed, spurious)


def score_corpus(corpus: Path, diff: dict[str, Any]) -> Score:
    truth = json.loads((corpus / "edits.json").read_text(encoding="utf-8"))
    return score(truth["edits"], diff)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    corpus = Path(args[0])
    if len(args) > 1:
        diff = json.loads(Path(args[1]).read_text(encoding="utf-8"))
    else:
        from lexamend.diff.document import diff_documents
        from lexamend.parse import parse_file
        from lexamend.render.diff_json import diff_to_dict

        diff = diff_to_dict(diff_documents(parse_file(corpus / "original.txt"), parse_file(corpus / "amended.txt")))
    result = score_corpus(corpus, diff)
    print(f"recall {result.found}/{result.edits} = {result.recall:.1%}; precision {result.explained}/{result.reported} = {result.precision:.1%}")
    for edit in result.missed:
        print(f"  missed {edit['kind']} at original line {edit['orig_index'] + 1}: {(edit['before'] or edit['after'])[:70]}")
    for text in result.spurious:
        print(f"  spurious {text}")
    return 0 if result.recall == 1.0 and result.precision == 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
