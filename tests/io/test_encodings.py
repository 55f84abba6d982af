"""CSV text encodings are read strictly: UTF-8, or Windows-1252 when nothing says otherwise.

The files here are real encodings of typical text, made with Python's own codecs: what Excel
writes on Windows ("CSV (Comma delimited)": Windows-1252; "CSV UTF-8"), on a Mac
("CSV (Macintosh)": Mac Roman) and what DOS tools write (CP437).
"""

from __future__ import annotations

import pytest

HEADER = "ref,title,workstream,stage,baseline,commentary\r\n"
WINDOWS_TEXTS = [
    "Café £5 – Zoë",
    "“Revised” cost £1.2m, not £0.9m – see O’Brien’s note",
    "€3.5m for 2016–17; Renée, Chloé, Zoë Brontë",
    "Crèche fees £12.50 • naïve façade • déjà vu",
    "Œuvre, Škoda, Žižek, Ångström, Müller, São Paulo",
    "½ day at 30°C; Excel™ ©2017; 5µg; ±5%",
    "Seán Ó Súilleabháin and Aoife Ní Bhriain",
    "ÉTIENNE, CAFÉ, ZOË; À la carte; El Niño; Hôtel",
]
#: typical text with accents and £, each with at least one character Mac Roman or CP437 writes
#: differently from Windows-1252
FOREIGN_TEXTS = [
    "Café £5 – Zoë",
    "Crèche fees £12.50",
    "Zoë Brontë",
    "Müller, Jäger",
    "naïve façade",
    "“Quoted” – and don’t",
    "30°C today",
    "El Niño",
    "Hôtel de Ville",
    "Renée, Chloé",
]


def row(text: str) -> str:
    return f'A1,"{text}",Finance,shadow,2017-03-01,"{text}"\r\n'


def read_bytes(tmp_path, raw: bytes):
    from trustplanner.domain.problems import ValidationFailed
    from trustplanner.io.tables import read_table

    path = tmp_path / "m.csv"
    path.write_bytes(raw)
    try:
        table = read_table(path, "milestones", required=("ref", "title"), optional=("commentary",),
                           free_text=("commentary",))
    except ValidationFailed as exc:
        return None, [str(p) for p in exc.problems]
    return table, []


@pytest.mark.parametrize("text", WINDOWS_TEXTS)
@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_windows_and_utf8_files_keep_their_text(tmp_path, text, encoding):
    table, problems = read_bytes(tmp_path, (HEADER + row(text)).encode(encoding))
    assert problems == []
    assert table.rows[0][1]["title"] == text


def _foreign(encoding: str, text: str) -> str:
    if encoding == "cp437":  # DOS has no curly quotes or dashes
        text = text.replace("–", "-").replace("“", "'").replace("”", "'").replace("’", "'")
    return text


FOREIGN_FILES = [(encoding, _foreign(encoding, text)) for encoding in ("mac_roman", "cp437")
                 for text in FOREIGN_TEXTS if not _foreign(encoding, text).isascii()]


@pytest.mark.parametrize(("encoding", "text"), FOREIGN_FILES)
def test_mac_roman_and_dos_files_are_refused_not_read_as_mojibake(tmp_path, encoding, text):
    raw = (HEADER + row(text)).encode(encoding)
    assert raw != (HEADER + row(text)).encode("cp1252")  # read as Windows text, it would be mojibake
    table, problems = read_bytes(tmp_path, raw)
    assert table is None
    [problem] = problems
    assert "UTF-8" in problem and "CSV UTF-8" in problem
    assert "line 2" in problem


def test_a_mac_file_names_the_word_that_gave_it_away(tmp_path):
    _, [problem] = read_bytes(tmp_path, (HEADER + row("Café £5")).encode("mac_roman"))
    path = tmp_path / "m.csv"
    assert problem.startswith(f"{path}: looks like Mac or DOS text, not UTF-8 or Windows-1252: ")
    assert "line 2 has 'CafŽ'" in problem  # é is 0x8E on a Mac: Ž in Windows-1252
    assert "save it as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')" in problem


def test_utf8_with_one_stray_byte_is_refused_with_the_bytes_position(tmp_path):
    raw = (HEADER + row("Café £5 – Zoë")).encode("utf-8") + b'A2,Caf\xe9 bar,Finance,shadow,2017-03-01,\r\n'
    table, [problem] = read_bytes(tmp_path, raw)
    assert table is None
    assert "is not valid UTF-8: byte 0xE9 at line 3, column 7" in problem
    assert "stray byte" in problem and "CSV UTF-8" in problem


def test_a_stray_byte_after_the_utf8_mark_is_refused_even_in_an_otherwise_plain_file(tmp_path):
    raw = b"\xef\xbb\xbf" + HEADER.encode() + b"A1,Caf\xe9,Finance,shadow,2017-03-01,\r\n"
    _, [problem] = read_bytes(tmp_path, raw)
    assert "byte 0xE9 at line 2, column 7" in problem and "starts with the UTF-8 mark" in problem


def test_a_plain_file_with_one_windows_accent_is_windows_1252(tmp_path):
    raw = HEADER.encode() + b"A1,Caf\xe9,Finance,shadow,2017-03-01,\r\n"  # no UTF-8 anywhere: Windows text
    table, problems = read_bytes(tmp_path, raw)
    assert problems == [] and table.rows[0][1]["title"] == "Café"


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_windows_1252_leaves_undefined_are_refused(tmp_path, byte):
    raw = HEADER.encode() + b"A1,Caf" + bytes([byte]) + b",Finance,shadow,2017-03-01,\r\n"
    _, [problem] = read_bytes(tmp_path, raw)
    assert f"is neither UTF-8 nor Windows-1252 text (byte 0x{byte:02X} at line 2, column 7)" in problem
    assert "CSV UTF-8" in problem


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_is_refused_with_what_to_do(tmp_path, encoding):
    raw = ("\ufeff" + HEADER + row("Café")).encode(encoding)  # Excel's "Unicode Text" starts with the mark
    _, [problem] = read_bytes(tmp_path, raw)
    assert "is UTF-16 text" in problem and "CSV UTF-8" in problem


def test_an_import_of_a_mac_file_changes_nothing_and_says_so_in_one_line(cli, sample_plan, plan_data_dump, tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(("ref,title,workstream,stage,baseline\r\nN1,Café £5 – Zoë,Finance,shadow,2017-03-01\r\n")
                     .encode("mac_roman"))
    before = plan_data_dump(sample_plan)
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert result.err.splitlines()[1:] == ["Rejected: 1 problem(s); nothing was changed."]
    assert plan_data_dump(sample_plan) == before
