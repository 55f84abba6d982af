"""Personal data on the way out: the export leaves names and salaries out unless asked, and blank cells keep."""

from __future__ import annotations

import csv

from trustplanner.services.snapshot import load_snapshot
from trustplanner.services.staff import load_staff
from trustplanner.store.plan_file import open_plan_file

# the first person in the demo's HR extract (resources/demo/staff.csv)
NAME, SALARY = "Natalie Donnelly", "23951.60"


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_leaves_names_and_salaries_out_unless_asked_and_says_so(cli, tmp_path):
    demo = tmp_path / "demo.tplan"
    assert cli("demo", demo).rc == 0

    plain = cli("export", demo, tmp_path / "plain")
    assert plain.rc == 0, plain.err
    assert ("staff.csv: names and salaries left out (personal data); add --with-personal-data to include them"
            in plain.out.splitlines())
    written = b"".join(p.read_bytes() for p in (tmp_path / "plain").iterdir())
    assert NAME.encode() not in written and SALARY.encode() not in written
    staff = _rows(tmp_path / "plain" / "staff.csv")
    assert all(r["name"] == "" and r["annual_cost"] == "" for r in staff)
    first = next(r for r in staff if r["ref"] == "TFC-00100")
    assert (first["team"], first["role"], first["grade"], first["fte"]) == (
        "Children's homes", "Night care worker", "Scale 4", "1")

    full = cli("export", demo, tmp_path / "full", "--with-personal-data")
    assert full.rc == 0, full.err
    assert "left out" not in full.out
    first = next(r for r in _rows(tmp_path / "full" / "staff.csv") if r["ref"] == "TFC-00100")
    assert (first["name"], first["annual_cost"]) == (NAME, SALARY)


def test_importing_an_export_without_personal_data_keeps_the_names_and_salaries(cli, tmp_path):
    demo = tmp_path / "demo.tplan"
    assert cli("demo", demo).rc == 0
    with open_plan_file(demo) as plan:
        before = load_staff(plan)
    assert cli("export", demo, tmp_path / "out").rc == 0

    result = cli("import", demo, "staff", tmp_path / "out" / "staff.csv")

    assert result.rc == 0, result.err
    assert ": 0 joiners, 0 leavers, 0 changed, " in result.out
    assert "kept the plan's values: " in result.out and " name (TFC-00100" in result.out
    assert "annual_cost (TFC-00100" in result.out
    assert NAME not in result.out  # the note names refs, never a person's name
    with open_plan_file(demo) as plan:
        after = load_staff(plan)
    assert after == before
    assert next(r for r in after if r.ref == "TFC-00100").name == NAME
    assert cli("export", demo, tmp_path / "again").rc == 0
    assert (tmp_path / "again" / "staff.csv").read_bytes() == (tmp_path / "out" / "staff.csv").read_bytes()


def test_blank_cells_keep_by_default_and_clear_when_asked(cli, tmp_path, write_csv):
    demo = tmp_path / "demo.tplan"
    assert cli("demo", demo).rc == 0
    assert cli("export", demo, tmp_path / "out").rc == 0
    rows = _rows(tmp_path / "out" / "milestones.csv")
    target = next(r for r in rows if r["owner"] and r["commentary"])
    target["owner"] = target["commentary"] = ""
    path = write_csv("milestones.csv", [list(rows[0]), list(target.values())])
    with open_plan_file(demo) as plan:
        old = load_snapshot(plan).milestone(target["ref"])

    kept = cli("import", demo, "milestones", path)
    assert kept.rc == 0, kept.err
    assert f"owner ({target['ref']})" in kept.out and "--blank clear" in kept.out
    with open_plan_file(demo) as plan:
        now = load_snapshot(plan).milestone(target["ref"])
    assert (now.owner, now.commentary) == (old.owner, old.commentary)

    cleared = cli("import", demo, "milestones", path, "--blank", "clear")
    assert cleared.rc == 0, cleared.err
    assert "1 changed" in cleared.out and "cleared the plan's values" in cleared.out
    with open_plan_file(demo) as plan:
        now = load_snapshot(plan).milestone(target["ref"])
    assert (now.owner, now.commentary) == ("", "")


def test_a_blank_salary_for_a_new_person_is_still_refused(cli, tmp_path, write_csv):
    demo = tmp_path / "demo.tplan"
    assert cli("demo", demo).rc == 0
    assert cli("export", demo, tmp_path / "out").rc == 0
    rows = _rows(tmp_path / "out" / "staff.csv")
    rows.append({**rows[0], "ref": "NEW-1"})
    path = write_csv("staff.csv", [list(rows[0]), *[list(r.values()) for r in rows]])

    result = cli("import", demo, "staff", path)

    assert result.rc == 1
    assert "annual_cost: annual_cost is required" in result.err


def test_an_export_without_personal_data_gives_finance_the_costs_by_band(cli, demo_file, tmp_path):
    """Per grade band: count, FTE and total cost, adding up to the staff file's; small bands pooled."""
    from trustplanner.services.exports import BANDS_FILE, OTHER_GRADES, SMALLEST_BAND

    result = cli("export", demo_file, tmp_path / "plain")
    assert result.rc == 0, result.err
    assert f"Wrote {tmp_path / 'plain' / BANDS_FILE}" in result.out
    bands = _rows(tmp_path / "plain" / BANDS_FILE)
    assert list(bands[0]) == ["grade", "count", "fte", "total_cost", "note"]
    assert "name" not in bands[0] and "ref" not in bands[0]
    full = cli("export", demo_file, tmp_path / "full", "--with-personal-data")
    assert full.rc == 0 and not (tmp_path / "full" / BANDS_FILE).exists()
    staff = _rows(tmp_path / "full" / "staff.csv")
    assert sum(int(b["count"]) for b in bands) == len(staff)
    shown = [b for b in bands if b["total_cost"]]
    assert all(int(b["count"]) >= SMALLEST_BAND for b in shown)  # no total is one or two people's pay
    by_grade = {}
    for person in staff:
        by_grade.setdefault(person["grade"] or "(no grade)", []).append(person)
    for band in bands:
        if band["grade"] != OTHER_GRADES:
            people = by_grade[band["grade"]]
            assert int(band["count"]) == len(people)
            assert round(float(band["total_cost"]), 2) == round(sum(float(p["annual_cost"]) for p in people), 2)
