"""The Jinja2 environment of the report: package templates, overridable one by one.

``--template DIR`` puts a user's directory in front of the templates shipped in
the package (a :class:`jinja2.ChoiceLoader`), so a user can override
``recommendation.md.j2`` alone without copying the rest. Undefined variables
fail loudly (:class:`jinja2.StrictUndefined`): a template that refers to a
field the pack does not have is an error, never an empty string in a document
sent to a ministry. HTML templates are autoescaped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from lexamend.errors import InputError


@lru_cache(maxsize=1)
def _markdown() -> Any:
    # markdown-it-py (CommonMark; already a dependency of rich) with raw HTML disabled, so that a
    # rationale cannot inject markup into the page.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown_to_html(text: str) -> Any:
    from markupsafe import Markup

    return Markup(_markdown().render(text or ""))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#<>|~])")


def md_inline(text: str) -> str:
    """Escape Markdown's special characters in a passage of legal text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split("\n")))


def md_quote(text: str) -> str:
    """Continue a block quote over the lines of ``text``."""
    return "\n> ".join(str(text).split("\n"))


def md_escape_lines(text: str) -> str:
    """Escape Markdown's special characters line by line, keeping the line breaks."""
    return "\n".join(_MD_SPECIAL.sub(r"\\\1", line) for line in str(text).split("\n"))


def md_mark(text: str, marker: str) -> str:
    """Wrap ``text`` in an emphasis ``marker`` ("~~", "**"), with the spaces at its ends left outside.

    "~~deleted ~~" is not struck through in Markdown: the closing marker must
    follow a non-space character.
    """
    text = str(text)
    core = text.strip()
    if not core:
        return text
    left = text[: len(text) - len(text.lstrip())]
    right = text[len(text.rstrip()) :]
    lines = [_MD_SPECIAL.sub(r"\\\1", line) for line in core.split("\n")]
    return left + "\n".join(f"{marker}{line}{marker}" if line.strip() else line for line in lines) + right


def capitalize_first(text: str) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def environment(template_dir: str | Path | None = None) -> Any:
    """The template environment (package templates, behind ``template_dir`` when given)."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

    loaders = []
    if template_dir is not None:
        directory = Path(template_dir)
        if not directory.is_dir():
            raise InputError(str(template_dir), "is not a directory of templates", hint="Give a directory with .j2 files named like the package's (e.g. recommendation.md.j2).")
        loaders.append(FileSystemLoader(str(directory)))
    loaders.append(PackageLoader("lexamend.report", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=lambda name: bool(name) and ".html" in name,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown_to_html
    env.filters["md_inline"] = md_inline
    env.filters["md_quote"] = md_quote
    env.filters["md_escape_lines"] = md_escape_lines
    env.filters["md_mark"] = md_mark
    env.filters["capitalize_first"] = capitalize_first
    return env


def render(env: Any, name: str, **context: Any) -> str:
    """Render one template, turning Jinja2's errors into a message that names the template."""
    from jinja2 import TemplateError, UndefinedError

    try:
        return env.get_template(name).render(**context)
    except UndefinedError as exc:
        raise InputError(name, f"template uses an undefined value: {exc.message}", hint="Check the variable names against the package's template of the same name.") from None
    except TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or name}:{getattr(exc, 'lineno', '')}".rstrip(":")
        raise InputError(where, f"template error: {exc}") from None
