"""The Timeline page: every milestone on a Gantt-style chart, grouped by workstream.

Baseline and forecast sit side by side so slippage shows at a glance; each service's stage
periods run along the top; the status date is a line down the chart. The row labels and the
time axis are separate panes that follow the chart, so they stay in view while it scrolls.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trustplanner.services.milestone_lines import MilestoneLine, milestone_lines
from trustplanner.ui.errors import error_text
from trustplanner.ui.flow_layout import FlowLayout
from trustplanner.ui.icons import icon
from trustplanner.ui.pages.base import Page
from trustplanner.ui.timeline import style
from trustplanner.ui.timeline.export import Legend, write_png
from trustplanner.ui.timeline.layout import build_layout, workstream_key
from trustplanner.ui.timeline.panes import (
    AxisHeader,
    CornerPane,
    RowLabels,
    header_height,
)
from trustplanner.ui.timeline.scale import Zoom
from trustplanner.ui.timeline.scene import TimelineScene
from trustplanner.ui.timeline.view import TimelineView
from trustplanner.ui.widgets import ANY, MessageBar, fill_filter

ZOOMS = list(Zoom)


class TimelinePage(Page):
    title = "Timeline"
    areas = frozenset({"milestones", "services"})
    icon = "timeline.svg"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.zoom = Zoom.MONTHS
        self.lines: list[MilestoneLine] = []
        self._placed = False  # scrolled to the status date once the page has a size
        self._stale = False  # the plan changed while the page was hidden
        self.scene = TimelineScene(self)
        self.view = TimelineView(self.scene)
        self.header = AxisHeader(self.view)
        self.corner = CornerPane(self.view)
        self.labels = RowLabels(self.view)
        self.legend = Legend()
        self.messages = MessageBar()
        self.view.milestone_clicked.connect(self.show_in_table)
        self.labels.milestone_clicked.connect(self.show_in_table)
        self.view.zoom_step.connect(self.step_zoom)
        self._build_controls()

        left = QWidget()
        left.setMinimumWidth(160)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.corner)
        left_layout.addWidget(self.labels, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("timelineSplitter")
        self.splitter.setHandleWidth(3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([style.LABEL_WIDTH, 900])
        self.splitter.splitterMoved.connect(lambda *_: self.labels.update())
        chart = QWidget()
        chart.setObjectName("timelineChart")
        chart.setStyleSheet("#timelineChart { border: 1px solid #c9d1da; }")
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(1, 1, 1, 1)
        chart_layout.setSpacing(0)
        chart_layout.addWidget(self.splitter, 1)
        chart_layout.addWidget(self.legend)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self.controls)
        layout.addWidget(self.messages)
        layout.addWidget(chart, 1)

    def _build_controls(self) -> None:
        self.controls = FlowLayout()  # wraps onto a second line in a narrow window
        self.zoom_buttons = QButtonGroup(self)
        self.zoom_buttons.setExclusive(True)
        zoom_buttons = []
        for index, zoom in enumerate(ZOOMS):
            button = QToolButton()
            button.setText(zoom.label)
            button.setCheckable(True)
            button.setChecked(zoom is self.zoom)
            button.setAccessibleName(f"Zoom to {zoom.label.lower()}")
            button.setToolTip(f"Show the time axis in {zoom.label.lower()} (Ctrl+wheel zooms too)")
            button.setMinimumWidth(72)
            self.zoom_buttons.addButton(button, index)
            zoom_buttons.append(button)
        self.zoom_buttons.idClicked.connect(lambda index: self.set_zoom(ZOOMS[index]))
        caption = QLabel("Zoom")
        self.controls.add_group(caption, *zoom_buttons).layout().setSpacing(0)
        self.status_button = QToolButton()
        self.status_button.setText("Go to status date")
        self.status_button.setIcon(icon("calendar.svg"))
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status_button.clicked.connect(self.go_to_status_date)
        self.controls.addWidget(self.status_button)
        self.workstream_filter = QComboBox()
        self.service_filter = QComboBox()
        for combo, name in ((self.workstream_filter, "Workstream"), (self.service_filter, "Service")):
            combo.addItem(ANY, None)
            combo.setAccessibleName(f"Show only one {name.lower()}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(lambda *_: self.rebuild())
            label = QLabel(name)
            label.setBuddy(combo)
            self.controls.add_group(label, combo, stretch=1)
        self.dependencies_box = QCheckBox("Dependencies")
        self.dependencies_box.setChecked(True)
        self.dependencies_box.setToolTip("Draw finish-to-start dependencies between milestones")
        self.dependencies_box.toggled.connect(lambda *_: self.rebuild())
        self.controls.addWidget(self.dependencies_box)
        self.count = QLabel()
        self.count.setStyleSheet("color: #555;")
        self.controls.addWidget(self.count)
        self.export_button = QToolButton()
        self.export_button.setText("Export PNG…")
        self.export_button.setIcon(icon("export.svg"))
        self.export_button.setIconSize(QSize(18, 18))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setToolTip("Save the whole timeline as a picture, e.g. for a briefing")
        self.export_button.clicked.connect(self.export_png)
        self.controls.addWidget(self.export_button)

    # showing the plan -------------------------------------------------------------------------
    def set_document(self, document) -> None:
        self._placed = False
        self.scene.selected_ref = None
        super().set_document(document)

    def refresh(self) -> None:
        """Redraw now if the page is on screen, else when it is next shown (edits elsewhere stay quick)."""
        self._stale = True
        if self.isVisible():
            self._update_from_document()

    def _update_from_document(self) -> None:
        self._stale = False
        snapshot = self.document.snapshot
        self.lines = milestone_lines(snapshot)
        fill_filter(self.workstream_filter,
                         sorted({m.workstream for m in snapshot.milestones}, key=workstream_key))
        fill_filter(self.service_filter, [s.name for s in snapshot.services])
        self.rebuild()

    def rebuild(self, centre: date | None = None) -> None:
        """Lay out and draw again, keeping the same dates and rows in view (or centring ``centre``)."""
        if self.document is None:
            return
        view = self.view
        had_scene = self.scene.grid is not None
        left_day = self.scene.scale.day_at(view.scene_left())
        top = view.scene_top()
        layout = build_layout(self.document.snapshot, self.lines, workstream=self.workstream_filter.currentData(),
                              service=self.service_filter.currentData())
        self.scene.rebuild(self.document.snapshot, layout, self.zoom,
                           show_dependencies=self.dependencies_box.isChecked(),
                           min_width=view.visible_width(), min_height=view.visible_height())
        if not layout.rows:
            self.scene.show_note("No milestones match the filters." if layout.total else
                                 "This plan has no milestones yet: add them on the Milestones page or "
                                 "import a table (File → Import).")
        height = header_height(self.scene)
        self.header.setFixedHeight(height)
        self.corner.setFixedHeight(height)
        shown = len(layout.rows)
        self.count.setText(f"{shown} milestones" if shown == layout.total
                           else f"{shown} of {layout.total} milestones")
        if centre is not None:
            view.scroll_to(x=self.scene.scale.centre(centre) - view.visible_width() / 2)
        elif had_scene and self._placed:
            view.scroll_to(x=self.scene.scale.x(left_day), y=top)
        elif self.isVisible():
            self.go_to_status_date()
        self.header.update()
        self.corner.update()
        self.labels.update()


    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.document is not None:
            self._update_from_document()
        if not self._placed and self.document is not None:
            self.scene.fit_viewport(self.view.visible_width(), self.view.visible_height())
            self.go_to_status_date()

    def go_to_status_date(self) -> None:
        """Scroll so the status date sits a third of the way across, with the past to its left."""
        if self.document is None:
            return
        x = self.scene.scale.centre(self.document.snapshot.status_date)
        self.view.scroll_to(x=x - self.view.visible_width() / 3)
        self._placed = True

    # zoom ------------------------------------------------------------------------------------
    def set_zoom(self, zoom: Zoom) -> None:
        button = self.zoom_buttons.button(ZOOMS.index(zoom))
        if not button.isChecked():
            button.setChecked(True)
        if zoom is self.zoom:
            return
        view = self.view
        middle = self.scene.scale.day_at(view.scene_left() + view.visible_width() / 2)
        self.zoom = zoom
        self.rebuild(centre=middle if self.scene.grid is not None else None)

    def step_zoom(self, step: int) -> None:
        """Ctrl+wheel: +1 shows more detail (towards weeks), -1 less (towards quarters)."""
        index = min(max(ZOOMS.index(self.zoom) - step, 0), len(ZOOMS) - 1)
        self.set_zoom(ZOOMS[index])

    # milestones ------------------------------------------------------------------------------
    def show_in_table(self, ref: str) -> None:
        """A click on a milestone: highlight it here and ask the window to show it in the table."""
        self.scene.select(ref)
        self.labels.update()
        self.milestone_selected.emit(ref)

    def select_milestone(self, ref: str) -> None:
        if self._stale and self.document is not None:
            self._update_from_document()
        if ref not in self.scene.markers:
            if not any(line.ref == ref for line in self.lines):
                return
            for combo in (self.workstream_filter, self.service_filter):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.rebuild()
        item = self.scene.select(ref)
        if item is not None:
            self.view.centre_on_scene(item.marker_x, item.y())
            self._placed = True
        self.labels.update()

    # export ----------------------------------------------------------------------------------
    def choose_export_path(self) -> str | None:
        """Ask where to save the picture (tests replace this)."""
        folder = self.document.path.parent if self.document else Path.home()
        stem = self.document.path.stem if self.document else "plan"
        suggested = str(folder / f"{stem} timeline {self.zoom.label.lower()}.png")
        name, _ = QFileDialog.getSaveFileName(self, "Export timeline as PNG", suggested, "PNG images (*.png)")
        return name or None

    def export_png(self) -> Path | None:
        if self.document is None:
            return None
        name = self.choose_export_path()
        if not name:
            return None
        if self._stale:
            self._update_from_document()
        snapshot = self.document.snapshot
        title = f"{snapshot.programme.trust}: milestone timeline"
        subtitle = f"Status {snapshot.status_date:%d/%m/%Y}   ·   {snapshot.programme.marking}"
        try:
            path = write_png(self.scene, name, self.labels.width() or style.LABEL_WIDTH, title, subtitle)
        except Exception as exc:  # noqa: BLE001 - shown in place, the page carries on
            self.messages.show_message(f"Could not export the timeline: {error_text(exc)}")
            return None
        self.messages.show_message(f"Saved the timeline to {path}", "info")
        return path

    # state -----------------------------------------------------------------------------------
    def save_state(self, settings) -> None:
        settings.set_state("timeline/splitter", self.splitter.saveState())
        settings.set_value("timeline/zoom", self.zoom.name)
        settings.set_value("timeline/dependencies", "1" if self.dependencies_box.isChecked() else "0")

    def restore_state(self, settings) -> None:
        if state := settings.state("timeline/splitter"):
            self.splitter.restoreState(state)
        self.dependencies_box.setChecked(settings.value("timeline/dependencies", "1") != "0")
        name = settings.value("timeline/zoom", self.zoom.name)
        if name in Zoom.__members__:
            self.set_zoom(Zoom[name])
