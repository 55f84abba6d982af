"""A reportlab Drawing as a PNG, drawn with Pillow, for the Word version's pictures.

reportlab's own bitmap renderer needs a Cairo binding this app does not ship, and the briefing's
charts use only groups, lines, rectangles, circles and strings, so this draws those (any other
shape is refused, not dropped). Fonts are the TrueType files the PDF registered.
"""

from __future__ import annotations

import io
import math
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.pdfbase import pdfmetrics

from trustplanner.briefing.styles import briefing_fonts

DPI = 200

Affine = tuple[float, float, float, float, float, float]
_IDENTITY: Affine = (1, 0, 0, 1, 0, 0)


def drawing_png(drawing: Drawing, dpi: int = DPI) -> bytes:
    """``drawing`` rasterised at ``dpi`` on white, as PNG bytes."""
    scale = dpi / 72
    size = (max(1, math.ceil(drawing.width * scale)), max(1, math.ceil(drawing.height * scale)))
    image = Image.new("RGB", size, "white")
    painter = _Painter(ImageDraw.Draw(image, "RGBA"), scale, drawing.height)
    painter.group(drawing, _IDENTITY)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _multiply(a: Affine, b: Affine) -> Affine:
    """The transform ``b`` then ``a``, as reportlab composes them."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (a0 * b0 + a2 * b1, a1 * b0 + a3 * b1, a0 * b2 + a2 * b3, a1 * b2 + a3 * b3,
            a0 * b4 + a2 * b5 + a4, a1 * b4 + a3 * b5 + a5)


def _rgba(color, opacity: float | None = None) -> tuple[int, int, int, int] | None:
    if color is None:
        return None
    alpha = getattr(color, "alpha", 1.0) if opacity is None else opacity
    return (round(color.red * 255), round(color.green * 255), round(color.blue * 255), round(alpha * 255))


@cache
def _font(name: str, pixels: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = None
    try:
        path = getattr(pdfmetrics.getFont(name).face, "filename", None)
    except KeyError:
        pass
    if not path:  # a built-in font (no TrueType file): the briefing's regular face
        path = getattr(pdfmetrics.getFont(briefing_fonts().regular).face, "filename", None)
    if path:
        return ImageFont.truetype(path, pixels)
    return ImageFont.load_default(pixels)


class _Painter:
    def __init__(self, draw: ImageDraw.ImageDraw, scale: float, height: float):
        self.draw = draw
        self.scale = scale
        self.height = height

    def point(self, t: Affine, x: float, y: float) -> tuple[float, float]:
        px = t[0] * x + t[2] * y + t[4]
        py = t[1] * x + t[3] * y + t[5]
        return px * self.scale, (self.height - py) * self.scale  # y runs down in a bitmap

    def size(self, t: Affine, length: float) -> float:
        return length * math.sqrt(abs(t[0] * t[3] - t[1] * t[2])) * self.scale

    def group(self, group: Group, t: Affine) -> None:
        t = _multiply(t, tuple(group.transform))
        for shape in group.contents:
            if isinstance(shape, Group):
                self.group(shape, t)
            elif isinstance(shape, Rect):
                self.rect(shape, t)
            elif isinstance(shape, Line):
                self.line(shape, t)
            elif isinstance(shape, Circle):
                self.circle(shape, t)
            elif isinstance(shape, String):
                self.string(shape, t)
            else:
                raise TypeError(f"the briefing cannot draw a {type(shape).__name__} as a picture")

    def _stroke(self, t: Affine, points: list[tuple[float, float]], shape) -> None:
        color = _rgba(shape.strokeColor, getattr(shape, "strokeOpacity", None))
        if color is None or not shape.strokeWidth:
            return
        width = max(1, round(self.size(t, shape.strokeWidth)))
        dashes = [self.size(t, d) for d in (shape.strokeDashArray or [])]
        for start, end in zip(points, points[1:], strict=False):
            for a, b in _dashed(start, end, dashes):
                self.draw.line([a, b], fill=color, width=width)

    def rect(self, shape: Rect, t: Affine) -> None:
        x, y, w, h = shape.x, shape.y, shape.width, shape.height
        corners = [self.point(t, x, y), self.point(t, x + w, y), self.point(t, x + w, y + h), self.point(t, x, y + h)]
        fill = _rgba(shape.fillColor, getattr(shape, "fillOpacity", None))
        if fill is not None and w and h:
            self.draw.polygon(corners, fill=fill)
        self._stroke(t, [*corners, corners[0]], shape)

    def line(self, shape: Line, t: Affine) -> None:
        self._stroke(t, [self.point(t, shape.x1, shape.y1), self.point(t, shape.x2, shape.y2)], shape)

    def circle(self, shape: Circle, t: Affine) -> None:
        cx, cy = self.point(t, shape.cx, shape.cy)
        r = self.size(t, shape.r)
        fill = _rgba(shape.fillColor, getattr(shape, "fillOpacity", None))
        stroke = _rgba(shape.strokeColor, getattr(shape, "strokeOpacity", None))
        width = max(1, round(self.size(t, shape.strokeWidth or 0))) if stroke and shape.strokeWidth else 0
        self.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill, outline=stroke if width else None,
                          width=width)

    def string(self, shape: String, t: Affine) -> None:
        fill = _rgba(shape.fillColor)
        if fill is None or not shape.text:
            return
        x, y = self.point(t, shape.x, shape.y)
        font = _font(shape.fontName, max(1, round(self.size(t, shape.fontSize))))
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(shape.textAnchor)
        if anchor is None:
            raise ValueError(f"the briefing cannot place text anchored at {shape.textAnchor!r}")
        self.draw.text((x, y), shape.text, fill=fill, font=font, anchor=anchor)


def _dashed(start: tuple[float, float], end: tuple[float, float], dashes: list[float]):
    """The drawn pieces of a line from ``start`` to ``end`` with a dash pattern (on, off, ...)."""
    if not dashes or sum(dashes) <= 0:
        yield start, end
        return
    length = math.dist(start, end)
    if length == 0:
        return
    dx, dy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    at, index, on = 0.0, 0, True
    while at < length:
        step = min(max(dashes[index % len(dashes)], 0.5), length - at)
        if on:
            yield (start[0] + dx * at, start[1] + dy * at), (start[0] + dx * (at + step), start[1] + dy * (at + step))
        at += step
        index += 1
        on = not on
