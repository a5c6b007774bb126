"""Amendment instructions: write a patch in the drafting formulas of an amending act, and read them back.

* :func:`write_instructions` — a patch → «в пункте 2 слова "…" исключить;» (RU),
  "in paragraph 2, the words “…” shall be deleted;" (EN), «… деген сөздер алып
  тасталсын» (KK, experimental), as text, markdown or .docx;
* :func:`read_instructions` — the text of an amending act → a patch against the
  text it amends, with every statement it could not read reported by line.

The formulas themselves are data: ``formulas/ru.yaml``, ``en.yaml``, ``kk.yaml``.
"""

from __future__ import annotations

from lexamend.instructions.read import Problem, ReadResult, read_instructions
from lexamend.instructions.source import guess_language, instructions_text
from lexamend.instructions.write import Instructions, Line, write_instructions

__all__ = [
    "Instructions",
    "Line",
    "Problem",
    "ReadResult",
    "guess_language",
    "instructions_text",
    "read_instructions",
    "write_instructions",
]
