from __future__ import annotations

from typing import Any

import pytest

from canbo.core.errors import NotAllowed
from canbo.core.models import AuditEntry
from canbo.imports.models import ImportJob
from canbo.imports.services import start_import
from canbo.imports.tests.helpers import UNIT_HEADER, Runner, unit_row, upload, xlsx
from canbo.org.models import Unit
from canbo.tests.fixtures import Cast

Status = ImportJob.Status


def unit(code: str, parent: str | None = "SNV", **values: Any) -> list[Any]:
    row: dict[str, Any] = {
        "code": code,
        "name": f"Phòng {code}",
        "kind": "Phòng",
        "parent": parent,
    }
    row.update(values)
    return unit_row(**row)


def problems(job: ImportJob) -> list[tuple[int | None, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in job.errors]


def test_units_may_name_a_parent_that_comes_later_in_the_file(
    cast: Cast, run_import: Runner
) -> None:
    rows = [
        unit(
            "SNV-CCVT",
            parent="SNV-VP",
            name="Tổ Văn thư lưu trữ",
            kind="other",
            staffing_quota=3,
        ),
        unit("SNV-VP", name="Văn phòng Sở", staffing_quota="12"),
    ]
    job = run_import(cast.actor("admin"), "units", xlsx(UNIT_HEADER, rows))

    assert job.status == Status.APPLIED, job.errors
    office = Unit.objects.get(code="SNV-VP")
    archive = Unit.objects.get(code="SNV-CCVT")
    assert (office.parent, office.staffing_quota, office.kind) == (
        cast.org.dept_a,
        12,
        "division",
    )
    assert (archive.parent, archive.name, archive.kind) == (
        office,
        "Tổ Văn thư lưu trữ",
        "other",
    )
    assert archive.path.startswith(office.path)
    assert AuditEntry.objects.filter(action="org.unit.created").count() == 2


def test_reimporting_a_units_file_changes_nothing(
    cast: Cast, run_import: Runner
) -> None:
    content = xlsx(
        UNIT_HEADER,
        [
            unit("SNV-VP"),
            unit("SNV-VP-1", parent="SNV-VP"),
            unit("SNV", parent="P01", name="Sở Nội vụ", kind="Sở/ban/ngành"),
        ],
    )
    actor = cast.actor("admin")
    run_import(actor, "units", content)
    audit = AuditEntry.objects.exclude(action__startswith="imports.").count()

    again = run_import(actor, "units", content)

    assert again.summary == {"rows": 3, "created": 0, "updated": 0, "unchanged": 3}
    assert AuditEntry.objects.exclude(action__startswith="imports.").count() == audit


def test_moving_a_unit_moves_its_subtree_and_is_shown_before_and_after(
    cast: Cast, run_import: Runner
) -> None:
    actor = cast.actor("admin")
    rows = [
        unit(
            "SNV-TCBC", parent="STC", name="Phòng Tổ chức, biên chế", staffing_quota=10
        )
    ]

    preview = run_import(actor, "units", xlsx(UNIT_HEADER, rows), dry_run=True)
    assert preview.changes[0]["changes"] == [["Mã đơn vị cấp trên", "SNV", "STC"]]
    cast.org.division_a1.refresh_from_db()
    assert cast.org.division_a1.parent == cast.org.dept_a

    job = run_import(actor, "units", xlsx(UNIT_HEADER, rows))
    assert job.status == Status.APPLIED, job.errors
    cast.org.division_a1.refresh_from_db()
    assert cast.org.division_a1.path.startswith(cast.org.dept_b.path)
    assert (
        cast.org.person_a1.__class__.objects.get(pk=cast.org.person_a1.pk).unit_path
        == cast.org.division_a1.path
    )


def test_a_child_listed_first_is_placed_after_its_parent_moves(
    cast: Cast, run_import: Runner
) -> None:
    rows = [
        unit("SNV-TCBC-1", parent="SNV-TCBC"),
        unit("SNV-TCBC", parent="STC", name="Phòng Tổ chức, biên chế"),
    ]
    job = run_import(cast.actor("admin"), "units", xlsx(UNIT_HEADER, rows))

    assert job.status == Status.APPLIED, job.errors
    child = Unit.objects.get(code="SNV-TCBC-1")
    assert child.path.startswith(cast.org.dept_b.path)
    assert child.depth == 3


CYCLE = (
    "Unit %s cannot be placed under itself or under one of its own subordinate units."
)
# Each case follows a valid row, so its rows start at 3.
BAD_UNITS: dict[str, tuple[list[list[Any]], list[tuple[int, str, str]]]] = {
    "parents forming a cycle": (
        [unit("X1", parent="X2"), unit("X2", parent="X1"), unit("X3", parent="X2")],
        [(3, "Mã đơn vị cấp trên", CYCLE % "X1"), (4, "Mã đơn vị cấp trên", CYCLE % "X2")],
    ),
    "a unit as its own parent": ([unit("X1", parent="X1")], [(3, "Mã đơn vị cấp trên", CYCLE % "X1")]),
    "a unit moved under its own subordinate": (
        [unit("SNV", parent="SNV-TCBC", name="Sở Nội vụ", kind="department")],
        [(3, "Mã đơn vị cấp trên", CYCLE % "SNV")],
    ),
    "an unknown parent": (
        [unit("X1", parent="KHONG-CO")],
        [(3, "Mã đơn vị cấp trên", "Unknown unit code “KHONG-CO”, or it is outside your scope.")],
    ),
    "a code twice in the file": (
        [unit("X1"), unit("X1", name="Khác")],
        [(4, "Mã đơn vị", "This unit code is already on row 3 of this file.")],
    ),
    "a negative staffing quota": (
        [unit("X1", staffing_quota=-2)],
        [(3, "Biên chế", "The staffing quota cannot be negative.")],
    ),
    "a child of a refused row": (
        [unit("X1", staffing_quota=-1), unit("X2", parent="X1")],
        [(3, "Biên chế", "The staffing quota cannot be negative.")],
    ),
    "a staffing quota too large to store": (
        [unit("X1", staffing_quota=10**12)],
        [(3, "Biên chế", "“1000000000000” is too large.")],
    ),
    "a missing name": ([unit("X1", name=None)], [(3, "Tên đơn vị", "This value is required.")]),
    "an unknown kind": (
        [unit("X1", kind="Tổ")],
        [(3, "Loại đơn vị", "Unknown value “Tổ”; allowed: Tỉnh/thành phố, Bộ, Sở/ban/ngành, Xã, Phường, Đặc khu, Phòng, Đơn vị sự nghiệp, Khác.")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_UNITS))
def test_each_bad_unit_row_is_reported_and_nothing_is_written(
    cast: Cast, run_import: Runner, case: str
) -> None:
    rows, expected = BAD_UNITS[case]
    units = list(Unit.objects.values_list("code", "path", "name"))

    job = run_import(
        cast.actor("admin"), "units", xlsx(UNIT_HEADER, [unit("OK-1"), *rows])
    )

    assert job.status == Status.INVALID
    assert problems(job) == expected
    assert list(Unit.objects.values_list("code", "path", "name")) == units


def test_a_unit_admin_cannot_import_into_another_tree(
    cast: Cast, run_import: Runner
) -> None:
    dept_admin = cast.users["outsider"]
    from canbo.accounts.tests.factories import RoleGrantFactory

    RoleGrantFactory(user=dept_admin, role="admin", unit=cast.org.dept_b)
    rows = [
        unit("X1", parent="SNV"),
        unit("SNV-TCBC", parent="STC-NS"),
        unit("STC-1", parent="STC"),
    ]

    job = run_import(cast.actor("outsider"), "units", xlsx(UNIT_HEADER, rows))

    assert job.status == Status.INVALID
    assert problems(job) == [
        (
            2,
            "Mã đơn vị cấp trên",
            "Unknown unit code “SNV”, or it is outside your scope.",
        ),
        (3, "Mã đơn vị", "Unit code SNV-TCBC is already used by another unit."),
    ]
    assert not Unit.objects.filter(code__in=["X1", "STC-1"]).exists()


def test_only_a_superuser_may_add_a_unit_without_a_parent(
    cast: Cast, run_import: Runner
) -> None:
    job = run_import(
        cast.actor("admin"),
        "units",
        xlsx(UNIT_HEADER, [unit("T02", parent=None, kind="Tỉnh/thành phố")]),
    )

    assert problems(job) == [
        (
            2,
            "Mã đơn vị cấp trên",
            "Give the parent unit's code: only a superuser can add a top-level unit.",
        )
    ]


def test_a_personnel_officer_cannot_start_a_units_import(cast: Cast) -> None:
    with pytest.raises(NotAllowed):
        start_import(
            actor=cast.actor("personnel"),
            kind="units",
            upload=upload(xlsx(UNIT_HEADER, [])),
            dry_run=True,
        )
    assert not ImportJob.objects.exists()
