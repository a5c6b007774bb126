"""The report pack: every file, self-contained HTML, Word files that open, templates as data, bad input."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from lexamend.errors import InputError
from lexamend.report import PackOptions, build_pack
from tests.clirunner import run_cli
from tests.conftest import CORPUS, REPO
from tests.render.wordml import lines, problems

PROPOSALS = REPO / "proposals"
ORDER = str(CORPUS / "kz" / "order-468-rules.en.txt")
ORDER_PATCHES = [str(PROPOSALS / n) for n in ("order-468-p2-delete-categories.yaml", "order-468-p4-registration.yaml", "order-468-p5-documents.yaml")]
LAW = str(CORPUS / "kz" / "law-education-2007.ru.txt")
LAW_PATCH = str(PROPOSALS / "law-education-art8-migrants.ru.yaml")


@pytest.fixture(scope="module")
def order_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "order-468"
    result = run_cli("report", ORDER, *ORDER_PATCHES, "-o", str(out), "-q")
    assert result.code == 0, result.err
    return out


def test_pack_holds_every_part(order_pack: Path) -> None:
    names = sorted(str(p.relative_to(order_pack)) for p in order_pack.rglob("*") if p.is_file())
    for expected in (
        "index.html", "recommendation.html", "recommendation.md", "recommendation.docx",
        "comparative-table.docx", "comparative-table.html", "comparative-table.md",
        "instructions.docx", "instructions.html", "instructions.md", "redline.docx", "summary.json",
        "xref/order-468-p2-delete-categories.html",
    ):
        assert expected in names
    summary = json.loads((order_pack / "summary.json").read_text(encoding="utf-8"))
    assert summary["edits"] == 4 and summary["units"] == 3
    assert "occupation" in summary["grounds"]
    (alternative,) = summary["alternatives"]
    assert alternative["path"].endswith("proposals/order-468-p2-delete-seasonal.yaml") and alternative["edits"] == 1


def test_recommendation_says_what_each_edit_does_and_why(order_pack: Path) -> None:
    md = (order_pack / "recommendation.md").read_text(encoding="utf-8")
    assert "The Committee may wish to recommend that the State party amend paragraph 2 of the" in md
    assert "~~(refugees, asylum seekers, consular officers, employees of diplomatic institutions, migrant workers, with the exception of the seasonal and frontier workers)~~ are accepted" in md
    assert "**Constitution Art. 14(2)**" in md and "Никто не может подвергаться какой-либо дискриминации" in md
    assert "occupation: removed — seasonal workers, frontier workers" in md
    # The alternative (delete only "seasonal") is shown too, unapplied, with its partial effect.
    assert "## Alternative proposals" in md
    assert "occupation: partly removed — seasonal workers (frontier workers: unchanged)" in md


def test_html_pages_are_self_contained_and_their_links_resolve(order_pack: Path) -> None:
    for page in order_pack.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html), f"{page.name} refers to an external asset"
        assert "<link " not in html and "<script" not in html
        for target in re.findall(r'href="([^"#]+)"', html):
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"
    index = (order_pack / "index.html").read_text(encoding="utf-8")
    for name in ("recommendation.html", "comparative-table.docx", "instructions.md", "redline.docx"):
        assert f'href="{name}"' in index


def test_word_files_are_valid_and_the_recommendation_tracks_the_proposed_wordings(order_pack: Path) -> None:
    for name in ("recommendation.docx", "redline.docx", "comparative-table.docx", "instructions.docx"):
        data = (order_pack / name).read_bytes()
        assert zipfile.ZipFile(BytesIO(data)).testzip() is None
        assert problems(data, tracked=name in ("recommendation.docx", "redline.docx")) == [], name
    rec = (order_pack / "recommendation.docx").read_bytes()
    accepted, rejected = "\n".join(lines(rec, "accept")), "\n".join(lines(rec, "reject"))
    assert "temporarily reside in the Republic of Kazakhstan are accepted" in accepted
    assert "(refugees, asylum seekers" in rejected


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    one = build_pack(ORDER, ORDER_PATCHES)
    two = build_pack(ORDER, ORDER_PATCHES)
    digest = lambda pack: {k: hashlib.sha256(v if isinstance(v, bytes) else v.encode()).hexdigest() for k, v in pack.files.items()}  # noqa: E731
    assert digest(one) == digest(two)


def test_russian_pack_for_the_law_on_education(tmp_path: Path) -> None:
    pack = build_pack(LAW, [LAW_PATCH], PackOptions(lang="ru"))
    md = pack.files["recommendation.md"]
    assert "### 1. Часть вторая пункта 2 статьи 8" in md
    assert "внести изменения в часть вторую пункта 2 статьи 8" in md
    assert "**временно пребывающие в Республике Казахстан мигранты,**" in md
    assert "Действующая редакция" in pack.files["comparative-table.md"]
    assert "Внести в Закон Республики Казахстан «Об образовании»" in pack.files["instructions.md"]


def test_a_patch_without_rationale_still_renders_with_a_visible_note(tmp_path: Path) -> None:
    bare = tmp_path / "bare.yaml"
    bare.write_text(
        "lexamend: 1\ntitle: Bare\nbase: kz/order-468-rules.en.txt\ndate: 2026-11-25\nedits:\n"
        "  - id: e1\n    op: delete\n    at: paragraph 2\n    text: seasonal\n",
        encoding="utf-8",
    )
    pack = build_pack(ORDER, [str(bare)])
    assert "*No rationale given.*" in pack.files["recommendation.md"]
    assert 'class="missing">No rationale given.' in pack.files["recommendation.html"]


def test_a_user_template_overrides_one_template_and_keeps_the_rest(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "recommendation.md.j2").write_text(
        "# Our own recommendations\n{% for item in pack.entries %}- {{ item.citation }}: {{ item.recommendation }}\n{% endfor %}",
        encoding="utf-8",
    )
    pack = build_pack(ORDER, ORDER_PATCHES, PackOptions(template_dir=str(templates)))
    assert pack.files["recommendation.md"].startswith("# Our own recommendations\n- paragraph 2: The Committee")
    assert "<h1>Recommendations:" in pack.files["recommendation.html"]  # the package's template, untouched


def test_a_missing_template_variable_fails_loudly(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "recommendation.md.j2").write_text("{{ pack.no_such_field }}", encoding="utf-8")
    with pytest.raises(InputError, match="template uses an undefined value"):
        build_pack(ORDER, ORDER_PATCHES, PackOptions(template_dir=str(templates)))


def test_an_existing_output_directory_is_not_clobbered(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    out.mkdir()
    keep = out / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    refused = run_cli("report", ORDER, *ORDER_PATCHES, "-o", str(out), "-q")
    assert refused.code == 2 and "exists and is not empty" in refused.err and "--force" in refused.err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    forced = run_cli("report", ORDER, *ORDER_PATCHES, "-o", str(out), "-q", "--force")
    assert forced.code == 0 and keep.read_text(encoding="utf-8") == "mine" and (out / "index.html").exists()


def test_a_failing_patch_writes_no_pack(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    result = run_cli("report", ORDER, *ORDER_PATCHES, str(PROPOSALS / "order-468-p2-delete-seasonal.yaml"), "-o", str(out), "-q")
    assert result.code == 1 and "conflict" in result.err
    assert not out.exists()


def test_json_summary_on_standard_output(tmp_path: Path) -> None:
    result = run_cli("report", ORDER, ORDER_PATCHES[0], "-o", str(tmp_path / "p"), "--json", "--format", "md")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["schema"] == "lexamend/report-summary" and summary["edits"] == 1
    assert "recommendation.md" in summary["files"] and "recommendation.docx" not in summary["files"]


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(InputError, match="pdf"):
        build_pack(ORDER, ORDER_PATCHES, PackOptions(formats=("pdf",)))
