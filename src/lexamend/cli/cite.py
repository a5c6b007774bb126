"""``lexamend cite``: resolve a citation or eId and show the unit with its citations."""

from __future__ import annotations

import click

from lexamend.cli.options import load, source_options
from lexamend.render.text import unit_lines
from lexamend.render.tree_json import dumps


@click.command("cite")
@click.argument("file")
@click.argument("citation")
@click.option("--json", "as_json", is_flag=True, help="Print eId, address, citations and text as JSON.")
@source_options
def cite_cmd(file: str, citation: str, as_json: bool, lang: str | None, encoding: str | None, layout: str | None, strict: bool) -> None:
    """Find the unit CITATION names in FILE and print its address, citations and text.

    CITATION may be an eId or short address (art_8__para_2__subpara_1) or a
    citation in either word order: "paragraph 2 of Article 8", "Article 8(2)",
    «подпункт 1) пункта 2 статьи 8», «подп. 1) п. 2 ст. 8», «8-баптың 2-тармағы».
    FILE may be a path or a corpus id (kz-law-education-2007.ru).
    """
    from lexamend.address import cite, resolve
    from lexamend.corpus import find

    doc = load(str(find(file)), lang=lang, encoding=encoding, layout=layout, strict=strict, quiet=True)
    unit = resolve(doc, citation)
    info = cite(doc, unit)
    text = "\n".join(line for _, line in unit_lines(unit))
    if as_json:
        click.echo(dumps({**info, "kind": unit.kind.value, "status": unit.status.value, "text": text}), nl=False)
        return
    click.echo(f"eId:      {info['eid']}")
    click.echo(f"address:  {info['address']}")
    for key, name in (("en", "EN"), ("en_short", "EN short"), ("ru", "RU"), ("kk", "KK")):
        if info.get(key):
            click.echo(f"{name + ':':<10}{info[key]}")
    click.echo("")
    click.echo(text)
