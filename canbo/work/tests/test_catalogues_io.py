from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from canbo.core.models import AuditEntry
from canbo.tests.fixtures import Cast
from canbo.work.catalogue_io import COLUMNS, export_catalogue, read_catalogue
from canbo.work.models import Catalogue, ProductGroup
from canbo.work.tests.factories import CatalogueFactory, ProductTypeFactory

HEADER = [column.title for column in COLUMNS]


def _xlsx(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _upload(content: bytes, name: str = "danh-muc.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_an_exported_catalogue_reads_back_the_same(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    ProductTypeFactory(catalogue=catalogue, code="SP1", coefficient=Decimal("1.25"),
                       quality_criteria="Đúng thể thức", default_days=7)  # fmt: skip
    ProductTypeFactory(
        catalogue=catalogue, code="SP2", group=ProductGroup.objects.get(code="D")
    )
    content = export_catalogue(catalogue)
    rows, problems = read_catalogue("a.xlsx", len(content), BytesIO(content))
    assert not problems
    assert [(r.group.code, r.code, r.coefficient, r.default_days) for r in rows] == [
        ("B", "SP1", Decimal("1.25"), 7),
        ("D", "SP2", Decimal("1.5"), 5),
    ]
    assert rows[0].quality_criteria == "Đúng thể thức"


def test_importing_a_file_makes_a_new_version_with_its_products(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    ProductTypeFactory(catalogue=catalogue, code="OLD")
    content = _xlsx([["a", "LD1", "Chủ trì họp giao ban", "cuộc", 0.5, "", None],
                     ["C", "CM1", "Thẩm định hồ sơ", "hồ sơ", "1,2", "Đúng hạn", 3]])  # fmt: skip
    response = cast.client("admin").post(
        f"/catalogues/{catalogue.pk}/import/",
        {"file": _upload(content), "valid_from": "2026-07-01"},
    )
    new = Catalogue.objects.get(version=2)
    assert response["Location"] == f"/catalogues/{new.pk}/"
    assert new.valid_from == date(2026, 7, 1)
    assert sorted(new.products.values_list("code", "coefficient")) == [
        ("CM1", Decimal("1.200")),
        ("LD1", Decimal("0.500")),
    ]
    assert list(catalogue.products.values_list("code", flat=True)) == ["OLD"]
    assert AuditEntry.objects.filter(action="work.catalogue.imported").count() == 1


def test_an_empty_unused_version_is_filled_by_the_import(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    content = _xlsx([["B", "SP1", "Văn bản", "văn bản", 1, "", 5]])
    response = cast.client("admin").post(
        f"/catalogues/{catalogue.pk}/import/", {"file": _upload(content)}
    )
    assert response.status_code == 302
    assert Catalogue.objects.get().products.count() == 1


def test_a_bad_file_lists_every_problem_by_row_and_column_and_saves_nothing(
    cast: Cast,
) -> None:
    catalogue = CatalogueFactory()
    ProductTypeFactory(catalogue=catalogue)
    content = _xlsx([
        ["X", "SP1", "Văn bản", "văn bản", 1, "", 5],
        ["B", "SP2", "", "văn bản", "nhiều", "", 5],
        ["B", "SP3", "Tờ trình", "tờ trình", 0, "", "năm"],
        ["B", "SP3", "Tờ trình", "tờ trình", 1, "", 5],
    ])  # fmt: skip
    response = cast.client("admin").post(
        f"/catalogues/{catalogue.pk}/import/",
        {"file": _upload(content), "valid_from": "2026-07-01"},
    )
    assert response.status_code == 422
    page = response.text
    for expected in (
        "Mã nhóm",
        "Tên sản phẩm",
        "Hệ số quy đổi",
        "Số ngày mặc định",
        "Mã sản phẩm",
    ):
        assert expected in page
    assert "“X”" in page
    assert "nhiều" in page
    assert Catalogue.objects.count() == 1
    _rows, problems = read_catalogue("a.xlsx", len(content), BytesIO(content))
    assert sorted((p["row"], p["column"]) for p in problems.items) == [
        (2, "Mã nhóm"),
        (3, "Hệ số quy đổi"),
        (3, "Tên sản phẩm"),
        (4, "Hệ số quy đổi"),
        (4, "Số ngày mặc định"),
        (5, "Mã sản phẩm"),
    ]


def test_a_file_that_is_not_a_workbook_is_refused(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    response = cast.client("admin").post(
        f"/catalogues/{catalogue.pk}/import/",
        {"file": _upload(b"not a workbook"), "valid_from": "2026-07-01"},
    )
    assert response.status_code == 422
    assert ".xlsx" in response.text
    assert Catalogue.objects.count() == 1


def test_a_missing_column_is_reported_on_row_one(cast: Cast) -> None:
    content = _xlsx([["B", "SP1", "Văn bản", "văn bản"]], header=HEADER[:4])
    _rows, problems = read_catalogue("a.xlsx", len(content), BytesIO(content))
    assert (1, "Hệ số quy đổi") in {(p["row"], p["column"]) for p in problems.items}


def test_the_export_is_a_workbook_with_the_header(cast: Cast) -> None:
    catalogue = ProductTypeFactory().catalogue
    response = cast.client("staff").get(f"/catalogues/{catalogue.pk}/export.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.max_row == 2
