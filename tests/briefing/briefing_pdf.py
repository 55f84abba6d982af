"""Reading a rendered briefing back, page by page, with where each piece of text sits."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from pypdf import PdfReader

from trustplanner.domain.enums import DeliveryModel, Stage
from trustplanner.domain.model import Milestone, Programme
from trustplanner.services.snapshot import PlanSnapshot


@dataclass(frozen=True)
class Page:
    text: str
    height: float
    width: float
    runs: tuple[tuple[float, float, str], ...]  # (x, y, text) of every text run

    def runs_equal(self, text: str) -> list[tuple[float, float]]:
        return [(x, y) for x, y, t in self.runs if t.strip() == text]


def read_pages(pdf: bytes) -> list[Page]:
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, _font, _size, runs=runs):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((x, y, text))

        text = page.extract_text(visitor_text=visit)
        box = page.mediabox
        pages.append(Page(text, float(box.height), float(box.width), tuple(runs)))
    return pages


def between(text: str, start: str, end: str | None) -> str:
    """The text from heading ``start`` up to heading ``end`` (or the end)."""
    begin = text.index(start)
    stop = text.index(end, begin) if end else len(text)
    return text[begin:stop]


def whole_text(pages: list[Page]) -> str:
    """All pages' text with runs of white space made single spaces, as a reader sees it."""
    return flat("\n".join(page.text for page in pages))


def body_text(pages: list[Page], top: float = 24 * 72 / 25.4, bottom: float = 22 * 72 / 25.4) -> str:
    """Like :func:`whole_text` without the page furniture (marking, running header, footer and a
    draft's watermark), so a paragraph that runs onto the next page reads as one."""
    lines = []
    for page in pages:
        furniture = {t.strip() for _, y, t in page.runs if y > page.height - top or y < bottom} | {"DRAFT"}
        lines += [line for line in page.text.splitlines() if line.strip() not in furniture]
    return flat("\n".join(lines))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


PROGRAMME = Programme(
    council="Sunderland City Council",
    trust="Together for Children Sunderland",
    delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY,
    go_live=date(2017, 4, 3),
    shadow_start=date(2016, 9, 1),
    status_date=date(2017, 1, 10),
    marking="OFFICIAL-SENSITIVE",
)


def milestone(ref: str, baseline: date, forecast: date | None = None, *, actual: date | None = None,
              title: str | None = None, depends_on: tuple[str, ...] = (), commentary: str = "",
              owner: str = "") -> Milestone:
    return Milestone(
        ref=ref,
        title=title or f"Milestone {ref}",
        workstream="Governance",
        stage=Stage.SHADOW,
        baseline=baseline,
        forecast=forecast or baseline,
        actual=actual,
        depends_on=depends_on,
        commentary=commentary,
        owner=owner,
    )


def snapshot(*milestones: Milestone, services=(), programme: Programme = PROGRAMME) -> PlanSnapshot:
    return PlanSnapshot(programme, tuple(services), tuple(milestones))


def drawn_lines(pdf: bytes) -> list[str]:
    """Each line of text as it is drawn, glyph after glyph from left to right, decoded through
    the fonts' ToUnicode maps (pypdf's own extraction reverses right-to-left runs)."""
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    lines: list[str] = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        maps: dict[str, dict[int, str] | None] = {}
        font, current = None, []

        def decode(raw: bytes, font: str) -> str:
            if font not in maps:
                entry = fonts[font].get_object()
                maps[font] = _to_unicode(entry["/ToUnicode"].get_data()) if "/ToUnicode" in entry else None
            table = maps[font]
            return raw.decode("cp1252") if table is None else "".join(table.get(b, "\ufffd") for b in raw)

        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = operands[0]
            elif operator == b"Tj":
                current.append(decode(_raw(operands[0]), font))
            elif operator == b"TJ":
                current.extend(decode(_raw(item), font) for item in operands[0] if not isinstance(item, (int, float)))
            elif operator in (b"T*", b"Td", b"TD", b"Tm", b"ET") and current:
                lines.append("".join(current))
                current = []
    return lines


def _raw(value) -> bytes:
    return getattr(value, "original_bytes", None) or bytes(value)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    text = cmap.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = _utf16(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, start in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(first + offset)
    return table


def _utf16(hex_text: str) -> str:
    if len(hex_text) % 4:  # reportlab writes a character beyond the BMP as plain hex digits
        return chr(int(hex_text, 16))
    return bytes.fromhex(hex_text).decode("utf-16-be", "replace")
