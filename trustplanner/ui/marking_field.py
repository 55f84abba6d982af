"""Choosing a protective marking: OFFICIAL or OFFICIAL-SENSITIVE (with a descriptor), or, only by
choosing "Other", a marking typed in full."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from trustplanner.domain.marking import (
    DESCRIPTORS,
    MARKINGS,
    OFFICIAL_SENSITIVE,
    Marking,
    read_marking,
)

OTHER = "Other…"


class MarkingField(QWidget):
    changed = Signal()

    def __init__(self, text: str = "OFFICIAL", parent: QWidget | None = None):
        super().__init__(parent)
        self.base = QComboBox()
        self.base.setAccessibleName("Protective marking")
        for marking in MARKINGS:
            self.base.addItem(marking, marking)
        self.base.addItem(OTHER, "")
        self.descriptor = QComboBox()
        self.descriptor.setAccessibleName("Descriptor")
        self.descriptor.addItem("no descriptor", "")
        for name, meaning in DESCRIPTORS.items():
            self.descriptor.addItem(name, name)
            self.descriptor.setItemData(self.descriptor.count() - 1, meaning, 3)  # tooltip
        self.other = QLineEdit()
        self.other.setAccessibleName("Other marking")
        self.other.setPlaceholderText("the marking as it should print")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.base)
        layout.addWidget(self.descriptor)
        layout.addWidget(self.other, 1)
        self.set_text(text)
        self.base.currentIndexChanged.connect(self._follow)
        self.descriptor.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.other.textChanged.connect(lambda _t: self.changed.emit())

    def set_text(self, text: str) -> None:
        marking = read_marking(text)
        self.base.setCurrentIndex(self.base.findData(marking.base))
        self.descriptor.setCurrentIndex(max(self.descriptor.findData(marking.descriptor), 0))
        self.other.setText(marking.other)
        self._follow()

    def marking(self) -> Marking:
        return Marking(self.base.currentData(), self.descriptor.currentData() or "", self.other.text())

    def text(self) -> str:
        return self.marking().text

    def _follow(self, *_args) -> None:
        base = self.base.currentData()
        self.descriptor.setVisible(base == OFFICIAL_SENSITIVE)
        self.other.setVisible(base == "")
        if base == "":
            self.other.setFocus()
        self.changed.emit()
