"""Which old line is which new line: from carried source blocks, or from an alignment of the trees.

* After :func:`lexamend.apply.apply_patches`, every unit of the amended tree that
  existed in the base keeps its source blocks (restated units included, see
  :func:`lexamend.treeops.carry_blocks`); a line of the amended text and a line
  of the base are the same paragraph exactly when they come from the same block
  (:func:`by_block`).
* Two versions parsed separately share no blocks; their units are aligned by
  :func:`lexamend.diff.align.align` (same number and words; renumbered; moved;
  amended) and the lines of each aligned pair are matched role by role
  (:func:`by_alignment`). Every aligned pair is offered, moved ones too; the
  planner keeps the largest set of matches that do not cross
  (:func:`lexamend.render.redline.plan.monotone`), so a unit moved across others
  shows deleted where it was and inserted where it goes, while a unit that only
  changed its parent (an article split in two) stays in place.
"""

from __future__ import annotations

from lexamend.diff.align import Alignment
from lexamend.render.redline.lines import Line, unit_line_index

def by_block(old: list[Line], new: list[Line]) -> list[tuple[int, int]]:
    """Matches of lines read from the same source block (each block matched once)."""
    where: dict[int, int] = {}
    for index, line in enumerate(old):
        if line.block is not None:
            where.setdefault(line.block, index)
    matches: list[tuple[int, int]] = []
    used: set[int] = set()
    for index, line in enumerate(new):
        if line.block is None:
            continue
        found = where.get(line.block)
        if found is not None and found not in used:
            used.add(found)
            matches.append((found, index))
    return matches


def _pair_lines(old_ids: list[int], new_ids: list[int], old: list[Line], new: list[Line]) -> list[tuple[int, int]]:
    """Match the lines of one aligned unit: in order when they have the same roles, else role by role."""
    if [old[i].role for i in old_ids] == [new[j].role for j in new_ids]:
        return list(zip(old_ids, new_ids))
    out: list[tuple[int, int]] = []
    free = list(new_ids)
    for i in old_ids:
        for j in free:
            if new[j].role == old[i].role:
                out.append((i, j))
                free.remove(j)
                break
    return out


def by_alignment(alignment: Alignment, old: list[Line], new: list[Line]) -> list[tuple[int, int]]:
    """Matches of the lines of aligned units; titles match each other."""
    old_index, new_index = unit_line_index(old), unit_line_index(new)
    matches: list[tuple[int, int]] = []
    if old and new and old[0].role == "title" and new[0].role == "title":
        matches.append((0, 0))
    for pair in alignment.pairs:
        if pair.old is None or pair.new is None:
            continue
        old_ids = old_index.get(id(pair.old.unit), [])
        new_ids = new_index.get(id(pair.new.unit), [])
        matches.extend(_pair_lines(old_ids, new_ids, old, new))
    return matches


__all__ = ["by_alignment", "by_block"]
