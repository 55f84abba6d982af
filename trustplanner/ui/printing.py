"""Printing what the window shows (File → Print this page…, Ctrl+P).

The page is drawn as it is on screen, scaled to the paper's width (never enlarged) and centred
at the top of an A4 page, landscape when the page is wider than it is tall. The cabinet briefing
itself prints from its PDF (File → Print the briefing…), which is what the reader is given.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QPoint
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def page_printer(widget: QWidget) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    orientation = (QPageLayout.Orientation.Landscape if widget.width() > widget.height()
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    return printer


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    """The system's print dialog (tests replace this); True when the user chose to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print this page")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def render_widget(widget: QWidget, printer: QPrinter) -> bool:
    """Draw ``widget`` on one sheet of ``printer``; False when the printer could not be started."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        scale = min(area.width() / max(widget.width(), 1), area.height() / max(widget.height(), 1))
        # a page is drawn at screen size or smaller: a printer's 1200 dpi would otherwise enlarge it 12 times
        scale = min(scale, printer.resolution() / max(widget.logicalDpiX(), 1))
        painter.translate((area.width() - widget.width() * scale) / 2, 0)
        painter.scale(scale, scale)
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    return True


def print_widget(widget: QWidget, parent: QWidget, title: str) -> str | None:
    """Ask where to print ``widget`` and print it; what to tell the user (None: cancelled)."""
    printer = page_printer(widget)
    printer.setDocName(title)
    if not ask_printer(printer, parent):
        return None
    if not render_widget(widget, printer):
        return f"Could not print {title}: the printer could not be started."
    where = printer.outputFileName() or printer.printerName() or "the printer"
    return f"Printed {title} to {where}."
