"""Guards against a Qt binding release that corrupts the interpreter (seen in PySide6 6.12.0)."""

import sys

import pytest
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_qt_binding_keeps_references_to_none(qapp):
    table = QTableWidget(200, 2)
    before = sys.getrefcount(None)
    for row in range(200):
        table.setItem(row, 0, QTableWidgetItem("x"))
    assert sys.getrefcount(None) >= before - 20  # a leak of one per call would lose ~200
