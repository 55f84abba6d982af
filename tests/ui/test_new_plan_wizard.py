from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

import trustplanner.ui.dialogs.new_plan_wizard as wizard_module
from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import Service
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.template import STANDARD_TEMPLATE, anchored_dates
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file
from trustplanner.ui.dialogs.new_plan_pages import RETAINED, SHADOW, TYPICAL_SERVICES, default_go_live
from trustplanner.ui.dialogs.new_plan_wizard import NewPlanWizard, run_new_plan_wizard


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


@pytest.fixture
def wizard(qtbot, settings, tmp_path):
    settings.set_last_folder(tmp_path)
    wizard = NewPlanWizard(settings)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_sunderland(wizard: NewPlanWizard) -> None:
    """Programme and stages as Sunderland's, then on to the services page."""
    wizard.programme_page.council.setText("Sunderland City Council")
    wizard.programme_page.trust.setText("Together for Children Sunderland")
    model = wizard.programme_page.delivery_model
    model.setCurrentIndex(model.findData(DeliveryModel.COUNCIL_OWNED_COMPANY))
    wizard.programme_page.has_decision.setChecked(True)
    wizard.programme_page.decision_date.setDate(QDate(2016, 4, 12))
    wizard.next()
    wizard.stages_page.shadow_start.setDate(QDate(2016, 9, 1))
    wizard.stages_page.go_live.setDate(QDate(2017, 4, 1))
    wizard.stages_page.tolerance.setValue(15)
    marking = wizard.stages_page.marking
    marking.base.setCurrentIndex(marking.base.findText("OFFICIAL-SENSITIVE"))
    wizard.next()
    assert wizard.currentPage() is wizard.services_page


def to_save_page(wizard: NewPlanWizard, path) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.template_page
    wizard.next()
    if wizard.template_page.seed.isChecked():
        assert wizard.currentPage() is wizard.done_page
        wizard.next()
    assert wizard.currentPage() is wizard.save_page
    wizard.save_page.path.setText(str(path))


def finish(wizard: NewPlanWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_wizard_creates_the_plan_with_its_programme_services_and_template(wizard, tmp_path):
    fill_sunderland(wizard)
    page = wizard.services_page
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == list(TYPICAL_SERVICES)
    page.table.item(1, SHADOW).setText("01/10/2016")  # Early help moves into shadow later
    page.add_row("Independent reviewing officers", retained=True)
    page.table.selectRow(3)
    page.remove_selected()  # Quality assurance & performance
    to_save_page(wizard, tmp_path / "sunderland")  # .tplan is added
    finish(wizard)

    assert wizard.result() == QWizard.DialogCode.Accepted
    path = tmp_path / "sunderland.tplan"
    assert wizard.created_path == path
    with open_plan_file(path) as plan:
        snapshot = load_snapshot(plan)
    p = snapshot.programme
    assert (p.council, p.trust, p.delivery_model) == ("Sunderland City Council", "Together for Children Sunderland",
                                                     DeliveryModel.COUNCIL_OWNED_COMPANY)
    assert (p.shadow_start, p.go_live, p.decision_date) == (date(2016, 9, 1), date(2017, 4, 1), date(2016, 4, 12))
    assert (p.tolerance_days, p.marking) == (15, "OFFICIAL-SENSITIVE")
    assert sorted(snapshot.services, key=lambda s: s.name) == [
        Service("Children's social care"),
        Service("Early help", shadow=date(2016, 10, 1)),
        Service("Education services"),
        Service("Independent reviewing officers", retained=True),
    ]
    assert len(snapshot.milestones) == len(STANDARD_TEMPLATE) == 29
    go_live = next(m for m in snapshot.milestones if m.ref == "GOV-09")
    assert go_live.baseline == date(2017, 4, 1)
    assert wizard.settings.last_folder() == str(tmp_path)


def test_run_new_plan_wizard_returns_the_path_or_none_when_cancelled(settings, tmp_path, monkeypatch, qapp):
    settings.set_last_folder(tmp_path)

    def answer(wizard):
        wizard.show()
        fill_sunderland(wizard)
        wizard.template_page.seed.setChecked(False)
        to_save_page(wizard, tmp_path / "plan.tplan")
        wizard.accept()
        wizard.hide()
        return wizard.result() == QWizard.DialogCode.Accepted

    monkeypatch.setattr(wizard_module.dialogs, "run_dialog", answer)
    path = run_new_plan_wizard(None, settings)
    assert path == tmp_path / "plan.tplan"
    with open_plan_file(path) as plan:
        assert load_snapshot(plan).milestones == ()

    monkeypatch.setattr(wizard_module.dialogs, "run_dialog", lambda wizard: False)
    assert run_new_plan_wizard(None, settings) is None


def test_wizard_refuses_shadow_after_go_live(wizard):
    wizard.programme_page.council.setText("Slough Borough Council")
    wizard.programme_page.trust.setText("Slough Children's Services Trust")
    wizard.next()
    wizard.stages_page.go_live.setDate(QDate(2015, 10, 1))
    wizard.stages_page.shadow_start.setDate(QDate(2015, 11, 1))
    wizard.next()
    assert wizard.currentPage() is wizard.stages_page
    assert wizard.stages_page.messages.isVisible()
    assert "01/11/2015 is after 01/10/2015" in wizard.stages_page.messages.label.text()
    wizard.stages_page.shadow_start.setDate(QDate(2015, 4, 1))
    wizard.next()
    assert wizard.currentPage() is wizard.services_page
    assert not wizard.stages_page.messages.isVisible()


def test_wizard_needs_council_and_trust_names(wizard):
    wizard.programme_page.council.setText("   ")
    wizard.next()
    assert wizard.currentPage() is wizard.programme_page
    assert "council and the trust or company name" in wizard.programme_page.messages.label.text()


def test_wizard_refuses_an_existing_file_and_leaves_it_alone(wizard, tmp_path):
    existing = tmp_path / "taken.tplan"
    existing.write_bytes(b"someone else's plan")
    fill_sunderland(wizard)
    to_save_page(wizard, existing)
    finish(wizard)
    assert wizard.isVisible() and wizard.created_path is None
    assert "already in" in wizard.save_page.messages.label.text()
    wizard.accept()  # the same check guards accept() itself
    assert wizard.isVisible() and wizard.created_path is None
    assert existing.read_bytes() == b"someone else's plan"


def test_wizard_removes_the_file_when_adding_services_fails(wizard, tmp_path, monkeypatch):
    def refuse(plan, services):
        raise ValidationFailed([Problem("services", 2, "name", "service 'Early help' is listed twice")])

    monkeypatch.setattr(wizard_module, "add_services", refuse)
    fill_sunderland(wizard)
    to_save_page(wizard, tmp_path / "half.tplan")
    finish(wizard)
    assert wizard.isVisible() and wizard.created_path is None
    assert not (tmp_path / "half.tplan").exists()
    assert wizard.save_page.messages.label.text() == "Service 2: Service 'Early help' is listed twice"


def test_services_page_lists_every_bad_row(wizard):
    fill_sunderland(wizard)
    page = wizard.services_page
    page.table.item(1, 0).setText("children's social care")
    page.table.item(2, SHADOW).setText("31/02/2017")
    page.table.item(3, SHADOW).setText("01/05/2017")  # after the programme's go-live
    wizard.next()
    assert wizard.currentPage() is page
    text = page.messages.label.text()
    assert "Service 2: Service 'children's social care' is listed twice" in text
    assert "Service 3:" in text and "31/02/2017" in text
    assert "Service 4: Shadow start 01/05/2017 is after go-live 01/04/2017" in text


def test_ticking_retained_clears_the_service_dates(wizard):
    fill_sunderland(wizard)
    table = wizard.services_page.table
    table.item(0, SHADOW).setText("01/10/2016")
    table.item(0, RETAINED).setCheckState(Qt.CheckState.Checked)
    assert table.item(0, SHADOW).text() == ""
    assert wizard.services_page.services()[0] == Service("Children's social care", retained=True)


def test_template_page_previews_the_template_against_go_live(wizard):
    fill_sunderland(wizard)
    wizard.next()
    preview = wizard.template_page.preview
    assert preview.topLevelItemCount() == len(STANDARD_TEMPLATE)
    rows = {preview.topLevelItem(i).text(0): preview.topLevelItem(i).text(3) for i in range(preview.topLevelItemCount())}
    assert rows["GOV-09"] == "01/04/2017"


def test_browse_fills_the_path_and_the_default_is_named_after_the_trust(wizard, tmp_path, monkeypatch):
    fill_sunderland(wizard)
    to_save_page(wizard, "")
    wizard.save_page.path.clear()
    wizard.save_page.initializePage()
    assert wizard.save_page.path.text() == str(tmp_path / "Together for Children Sunderland.tplan")
    assert "Sunderland City Council" in wizard.save_page.summary.text()
    asked = []
    monkeypatch.setattr(wizard, "choose_save_path", lambda suggested: asked.append(suggested) or "/x/y.tplan")
    wizard.save_page.browse.click()
    assert asked == [str(tmp_path / "Together for Children Sunderland.tplan")]
    assert wizard.save_page.path.text() == "/x/y.tplan"


def test_default_go_live_is_an_april_or_october_at_least_a_year_away():
    assert default_go_live(date(2016, 1, 16)) == date(2017, 4, 1)
    assert default_go_live(date(2016, 4, 2)) == date(2017, 4, 1)
    assert default_go_live(date(2016, 5, 1)) == date(2017, 10, 1)


def to_done_page(wizard: NewPlanWizard) -> None:
    fill_sunderland(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.template_page and wizard.template_page.seed.isChecked()
    wizard.next()
    assert wizard.currentPage() is wizard.done_page


def test_done_page_lists_the_template_with_the_baselines_the_plan_will_have(wizard):
    to_done_page(wizard)
    rows = wizard.done_page.rows
    assert list(rows) == [t.ref for t in STANDARD_TEMPLATE]
    expected = anchored_dates(date(2017, 4, 1), date(2016, 9, 1))
    assert {ref: row.baseline_label.text() for ref, row in rows.items()} == \
        {ref: f"{day:%d/%m/%Y}" for ref, day in expected.items()}


def test_milestones_ticked_done_with_a_typed_date_and_not_needed_reach_the_plan(wizard, tmp_path):
    to_done_page(wizard)
    page = wizard.done_page
    row = page.rows["LEG-02"]
    row.done.setFocus()
    QTest.keyClick(row.done, Qt.Key.Key_Space)  # space ticks the box with the focus
    assert row.done.isChecked() and row.actual.isEnabled()
    row.actual.setFocus()
    row.actual.selectAll()
    QTest.keyClicks(row.actual, "14/07/2016")
    QTest.keyClick(row.actual, Qt.Key.Key_Tab)
    assert page.focusWidget() is row.not_needed
    QTest.keyClick(row.not_needed, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.rows["GOV-04"].done  # its date is off while it is not done: skipped
    QTest.keyClick(page.rows["GOV-04"].done, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.rows["GOV-04"].not_needed
    ofsted = page.rows["OFS-01"]
    ofsted.not_needed.click()
    ofsted.done.click()  # done and not needed exclude each other
    assert ofsted.done.isChecked() and not ofsted.not_needed.isChecked()
    ofsted.not_needed.click()
    assert not ofsted.done.isChecked() and not ofsted.actual.isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.save_page
    assert "28 standard milestones (1 already done, 1 left out as not needed)" in wizard.save_page.summary.text()
    wizard.save_page.path.setText(str(tmp_path / "started.tplan"))
    finish(wizard)

    assert wizard.result() == QWizard.DialogCode.Accepted
    with open_plan_file(tmp_path / "started.tplan") as plan:
        milestones = {m.ref: m for m in load_snapshot(plan).milestones}
    assert "OFS-01" not in milestones and len(milestones) == 28
    assert milestones["LEG-02"].actual == date(2016, 7, 14)
    assert [ref for ref, m in milestones.items() if m.actual] == ["LEG-02"]
    assert "OFS-01" not in milestones["GOV-08"].depends_on and "LEG-02" in milestones["GOV-08"].depends_on


def test_tick_everything_due_before_a_date_records_them_done_on_their_baseline(wizard, tmp_path):
    to_done_page(wizard)
    page = wizard.done_page
    page.rows["GOV-02"].not_needed.click()
    page.before.setFocus()
    page.before.selectAll()
    QTest.keyClicks(page.before, "01/01/2017")
    page.tick_before.click()
    expected = {ref: day for ref, day in anchored_dates(date(2017, 4, 1), date(2016, 9, 1)).items()
                if day < date(2017, 1, 1) and ref != "GOV-02"}
    assert {ref for ref, row in page.rows.items() if row.done.isChecked()} == set(expected)
    assert page.rows["GOV-05"].actual.text() == f"{expected['GOV-05']:%d/%m/%Y}"
    to_save_page_from_done(wizard, tmp_path / "ticked.tplan")
    finish(wizard)
    with open_plan_file(tmp_path / "ticked.tplan") as plan:
        milestones = {m.ref: m for m in load_snapshot(plan).milestones}
    assert {ref: m.actual for ref, m in milestones.items() if m.actual} == expected
    assert "GOV-02" not in milestones


def to_save_page_from_done(wizard: NewPlanWizard, path) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.save_page
    wizard.save_page.path.setText(str(path))


def test_back_from_the_done_page_and_no_template_skips_it(wizard, tmp_path):
    to_done_page(wizard)
    wizard.done_page.rows["GOV-01"].done.click()
    wizard.back()
    assert wizard.currentPage() is wizard.template_page
    wizard.template_page.seed.setChecked(False)
    wizard.next()
    assert wizard.currentPage() is wizard.save_page
    wizard.back()
    assert wizard.currentPage() is wizard.template_page
    wizard.save_page.path.setText(str(tmp_path / "empty.tplan"))
    wizard.next()
    finish(wizard)
    with open_plan_file(tmp_path / "empty.tplan") as plan:
        assert load_snapshot(plan).milestones == ()


def test_a_typed_future_date_is_refused_and_nothing_is_created(wizard, tmp_path):
    to_done_page(wizard)
    page = wizard.done_page
    row = page.rows["GOV-09"]
    row.done.click()
    row.actual.setFocus()
    row.actual.selectAll()
    future = date.today() + timedelta(days=30)
    QTest.keyClicks(row.actual, f"{future:%d/%m/%Y}")
    wizard.next()
    assert wizard.currentPage() is page
    assert page.messages.isVisible()
    assert f"GOV-09: actual date {future:%d/%m/%Y} is in the future" in page.messages.label.text()
    wizard.save_page.path.setText(str(tmp_path / "future.tplan"))
    page.messages.hide()
    wizard.accept()  # Finish asks the service again: it cannot get round the page
    assert f"GOV-09: actual date {future:%d/%m/%Y} is in the future" in page.messages.label.text()
    assert wizard.isVisible() and wizard.created_path is None and list(tmp_path.glob("*.tplan*")) == []


def test_a_done_milestone_without_a_date_is_refused(wizard):
    to_done_page(wizard)
    page = wizard.done_page
    page.rows["GOV-09"].done.click()  # a baseline already past is offered as the day
    assert page.rows["GOV-09"].actual.text() == "01/04/2017"
    page.rows["GOV-09"].actual.clear()
    wizard.next()
    assert wizard.currentPage() is page
    assert "GOV-09: type the day it was done" in page.messages.label.text()


def test_tick_everything_due_before_a_later_date_than_tomorrow_ticks_nothing(wizard):
    to_done_page(wizard)
    page = wizard.done_page
    page.before.setFocus()
    page.before.selectAll()
    later = date.today() + timedelta(days=10)
    QTest.keyClicks(page.before, f"{later:%d/%m/%Y}")
    page.tick_before.click()
    assert "nothing can be done yet on a later date" in page.messages.label.text()
    assert not any(row.done.isChecked() for row in page.rows.values())
