"""``lexamend redline`` and ``lexamend table`` on the command line: usage, bad input, no partial output."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.clirunner import run_cli
from tests.conftest import CORPUS, REPO
from tests.parse.docx_fixtures import build_docx, para, rezip
from tests.parse.test_package import _cfb
from tests.render import wordml
from tests.render.corpus_docx import corpus_docx

ORDER = "kz/order-468-rules.en.txt"
P2 = str(REPO / "proposals" / "order-468-p2-delete-categories.yaml")
P4 = str(REPO / "proposals" / "order-468-p4-registration.yaml")
P2_ALT = str(REPO / "proposals" / "order-468-p2-delete-seasonal.yaml")
MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.fixture()
def order_docx(tmp_path: Path) -> Path:
    path = tmp_path / "order.docx"
    path.write_bytes(corpus_docx(ORDER))
    return path


def _bad_inputs(tmp_path: Path, good: bytes) -> dict[str, tuple[Path, str]]:
    """name → (file, words the error message must contain)."""
    types = zipfile.ZipFile(io.BytesIO(good)).read("[Content_Types].xml")
    docm_types = types.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", MACRO_TYPE)
    document = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml")
    # Someone made a label bold with Track Changes on: the text is the same, the file holds a revision.
    bolded = b'<w:rPr><w:b/><w:rPrChange w:id="99" w:author="Someone"><w:rPr/></w:rPrChange></w:rPr>'
    tracked = rezip(good, replace={"word/document.xml": document.replace(b"<w:rPr><w:b/></w:rPr>", bolded, 1)})
    files = {
        "corrupt.docx": (good[: len(good) // 2], "damaged zip"),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "Word 97-2003"),
        "locked.docx": (_cfb(["EncryptionInfo", "EncryptedPackage"]), "password-protected"),
        "macros.docm": (rezip(good, replace={"[Content_Types].xml": docm_types}), "macro-enabled"),
        "vba.docx": (rezip(good, add={"word/vbaProject.bin": b"\0"}), "macro-enabled"),
        "tracked.docx": (tracked, "tracked change"),
    }
    out = {}
    for name, (data, words) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[name] = (path, words)
    return out


@pytest.mark.parametrize("case", ["corrupt.docx", "old.doc", "locked.docx", "macros.docm", "vba.docx", "tracked.docx"])
@pytest.mark.parametrize("mode", ["patch", "from", "to"])
def test_bad_word_files_are_refused_with_a_clear_error_and_nothing_written(tmp_path: Path, order_docx: Path, case: str, mode: str) -> None:
    bad, words = _bad_inputs(tmp_path, order_docx.read_bytes())[case]
    out = tmp_path / "out.docx"
    if mode == "patch":
        result = run_cli("redline", str(bad), P2, "-o", str(out))
    elif mode == "from":
        result = run_cli("redline", "--from", str(bad), "--to", str(order_docx), "-o", str(out))
    else:
        result = run_cli("redline", "--from", str(order_docx), "--to", str(bad), "-o", str(out))
    if mode == "to" and case in ("macros.docm", "vba.docx"):
        # The new version is only read; the base it is written into is clean.
        assert result.code == 0, result.err
        return
    if case == "tracked.docx":
        # Existing tracked changes are kept by default (and said so), refused with --existing refuse.
        assert result.code == 0, result.err
        assert out.exists()
        if mode != "patch":
            assert "tracked change(s) by Someone" in result.err
        out.unlink()
        refused = run_cli(*result_args(mode, bad, order_docx, out), "--existing", "refuse")
        assert refused.code == 2 and "Someone" in refused.err and "--existing accept" in refused.err, refused.err
        assert not out.exists()
        return
    assert result.code == 2, result.err
    assert words in result.err and str(bad.name) in result.err
    assert "Traceback" not in result.err
    assert not out.exists()
    assert not list(tmp_path.glob(".out.docx.*"))  # no temporary file left behind


def result_args(mode: str, bad: Path, good: Path, out: Path) -> list[str]:
    if mode == "patch":
        return ["redline", str(bad), P2, "-o", str(out)]
    if mode == "from":
        return ["redline", "--from", str(bad), "--to", str(good), "-o", str(out)]
    return ["redline", "--from", str(good), "--to", str(bad), "-o", str(out)]


def test_a_docx_whose_text_is_not_the_patch_base_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.docx"
    other.write_bytes(build_docx(para("Rules for admission to education institutions") + para("2. Some other wording of paragraph two.")))
    out = tmp_path / "out.docx"
    result = run_cli("redline", str(other), P2, "-o", str(out))
    assert result.code == 1
    assert "base hash mismatch" in result.err
    assert not out.exists()


def test_a_failing_edit_writes_nothing_and_keeps_an_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    result = run_cli("redline", str(CORPUS / ORDER), P2, P2_ALT, "-o", str(out))
    assert result.code == 1
    assert "conflict" in result.err
    assert out.read_bytes() == b"previous"


def test_usage_errors(tmp_path: Path) -> None:
    out = str(tmp_path / "out.docx")
    assert run_cli("redline", str(CORPUS / ORDER), "-o", out).code == 2
    assert run_cli("redline", "--from", str(CORPUS / ORDER), "-o", out).code == 2
    both = run_cli("redline", str(CORPUS / ORDER), P2, "--from", "a", "--to", "b", "-o", out)
    assert both.code == 2 and "either" in both.err
    bad_date = run_cli("redline", str(CORPUS / ORDER), P2, "--date", "yesterday", "-o", out)
    assert bad_date.code == 2 and "ISO date" in bad_date.err


def test_the_output_may_not_be_an_input(order_docx: Path) -> None:
    result = run_cli("redline", str(order_docx), P2, "-o", str(order_docx))
    assert result.code == 2 and "refusing to overwrite an input" in result.err


def test_author_and_date_are_on_every_revision(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    result = run_cli("redline", str(CORPUS / ORDER), P2, P4, "--author", "Адвокат", "--date", "2027-03-01", "-o", str(out))
    assert result.code == 0, result.err
    root = wordml.document_root(out.read_bytes())
    revisions = [e for e in root.iter() if e.tag in (wordml.W + "ins", wordml.W + "del")]
    assert revisions
    assert {e.get(wordml.W + "author") for e in revisions} == {"Адвокат"}
    assert {e.get(wordml.W + "date") for e in revisions} == {"2027-03-01T00:00:00Z"}


def test_from_to_on_texts_and_on_word_files(tmp_path: Path, order_docx: Path) -> None:
    amended_txt = tmp_path / "amended.txt"
    assert run_cli("apply", str(CORPUS / ORDER), P2, P4, "-o", str(amended_txt), "-q").code == 0
    amended_docx = tmp_path / "amended.docx"
    assert run_cli("apply", str(order_docx), P2, P4, "--format", "docx", "-o", str(amended_docx), "-q").code == 0
    want = [line for line in amended_txt.read_text(encoding="utf-8").splitlines() if line]
    for old, new in ((CORPUS / ORDER, amended_txt), (order_docx, amended_docx), (order_docx, amended_txt)):
        out = tmp_path / f"{Path(old).suffix[1:]}-{Path(new).suffix[1:]}.docx"
        result = run_cli("redline", "--from", str(old), "--to", str(new), "-o", str(out))
        assert result.code == 0, result.err
        assert wordml.lines(out.read_bytes(), "accept") == want
        assert wordml.problems(out.read_bytes()) == []


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_table_command_writes_each_format(tmp_path: Path, lang: str, fmt: str) -> None:
    out = tmp_path / f"table.{fmt}"
    result = run_cli("table", str(CORPUS / ORDER), P2, P4, "--lang", lang, "--format", fmt, "-o", str(out), "-q")
    assert result.code == 0, result.err
    assert out.stat().st_size > 0


def test_table_refuses_failing_patches(tmp_path: Path) -> None:
    out = tmp_path / "table.docx"
    assert run_cli("table", str(CORPUS / ORDER), P2, P2_ALT, "-o", str(out), "-q").code == 1
    assert not out.exists()


def test_every_command_is_byte_identical_when_run_twice(tmp_path: Path, order_docx: Path) -> None:
    amended = tmp_path / "amended.docx"
    assert run_cli("apply", str(order_docx), P2, P4, "--format", "docx", "-o", str(amended), "-q").code == 0
    amended_txt = tmp_path / "amended.txt"
    assert run_cli("apply", str(CORPUS / ORDER), P2, P4, "-o", str(amended_txt), "-q").code == 0
    commands = {
        "from-to-docx": ("redline", "--from", str(order_docx), "--to", str(amended)),
        "from-to-text": ("redline", "--from", str(CORPUS / ORDER), "--to", str(amended_txt)),
        "table": ("table", str(CORPUS / ORDER), P2, P4, "--lang", "kk", "-q"),
        "clean": ("apply", str(order_docx), P2, "--format", "docx", "-q"),
    }
    for name, command in commands.items():
        outputs = []
        for run in range(2):
            out = tmp_path / f"{name}-{run}.docx"
            result = run_cli(*command, "-o", str(out))
            assert result.code == 0, (name, result.err)
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], name


def test_a_user_template_lays_out_a_text_base(tmp_path: Path) -> None:
    import docx

    template = tmp_path / "house-style.docx"
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.save(template)
    out = tmp_path / "out.docx"
    result = run_cli("redline", str(CORPUS / ORDER), P2, "--template", str(template), "-o", str(out))
    assert result.code == 0, result.err
    styles = zipfile.ZipFile(out).read("word/styles.xml")
    assert b"Arial" in styles
    assert wordml.problems(out.read_bytes()) == []
