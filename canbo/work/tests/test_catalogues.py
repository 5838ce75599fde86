from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import JobPositionFactory
from canbo.tests.fixtures import Cast
from canbo.work import catalogues, services
from canbo.work.catalogue_selectors import catalogue_in_force
from canbo.work.models import Catalogue, ProductGroup, ProductType
from canbo.work.tests.conftest import Desk
from canbo.work.tests.factories import CatalogueFactory, ProductTypeFactory

JAN_1 = date(2026, 1, 1)
JUL_1 = date(2026, 7, 1)


def _values(
    code: str = "SP900", coefficient: str = "2", **extra: object
) -> catalogues.ProductValues:
    fields: dict[str, object] = {
        "group": ProductGroup.objects.get(code="C"),
        "code": code,
        "name": "Báo cáo chuyên đề",
        "unit_of_measure": "báo cáo",
        "coefficient": Decimal(coefficient),
    } | extra
    return catalogues.ProductValues(**fields)  # type: ignore[arg-type]


def test_the_four_groups_of_khanh_hoa_are_seeded(db: None) -> None:
    assert list(ProductGroup.objects.values_list("code", flat=True)) == [
        "A",
        "B",
        "C",
        "D",
    ]


def test_a_new_version_copies_the_products_and_closes_the_previous_one(
    cast: Cast,
) -> None:
    old = ProductTypeFactory(catalogue=CatalogueFactory(valid_from=JAN_1)).catalogue
    ProductTypeFactory(catalogue=old)
    new = catalogues.new_version(
        actor=cast.actor("admin"), catalogue=old, valid_from=JUL_1
    )
    old.refresh_from_db()
    assert old.valid_to == date(2026, 6, 30)
    assert (new.version, new.valid_from, new.valid_to) == (2, JUL_1, None)
    assert sorted(new.products.values_list("code", flat=True)) == sorted(
        old.products.values_list("code", flat=True)
    )
    assert AuditEntry.objects.filter(action="work.catalogue.versioned").count() == 1


def test_a_new_version_must_start_after_the_current_one(cast: Cast) -> None:
    old = CatalogueFactory(valid_from=JUL_1)
    with pytest.raises(InvalidInput) as error:
        catalogues.new_version(
            actor=cast.actor("admin"), catalogue=old, valid_from=JUL_1
        )
    assert "valid_from" in error.value.errors
    assert Catalogue.objects.count() == 1


def test_past_tasks_keep_their_version_and_a_used_version_cannot_change(
    desk: Desk,
) -> None:
    (task,) = services.assign_task(
        actor=desk.cast.actor("manager"), product_type=desk.product, quantity=Decimal(2),
        deadline=date(2026, 3, 10), today=date(2026, 3, 2), assignees=[desk.worker],
    )  # fmt: skip
    admin = desk.cast.actor("admin")
    with pytest.raises(InvalidInput) as error:
        catalogues.save_product(
            actor=admin, catalogue=desk.product.catalogue, product=desk.product,
            values=_values(desk.product.code, "9"),
        )  # fmt: skip
    assert "" in error.value.errors
    new = catalogues.new_version(
        actor=admin, catalogue=desk.product.catalogue, valid_from=JUL_1
    )
    copy = new.products.get(code=desk.product.code)
    catalogues.save_product(
        actor=admin, catalogue=new, product=copy, values=_values(copy.code, "9")
    )
    task.refresh_from_db()
    assert task.product_type.catalogue.version == 1
    assert task.coefficient == Decimal("1.5")
    assert ProductType.objects.get(pk=desk.product.pk).coefficient == Decimal("1.5")
    jp = desk.product.catalogue.job_position
    assert (
        catalogue_in_force(jp, desk.worker.unit, date(2026, 3, 10))
        == desk.product.catalogue
    )
    assert catalogue_in_force(jp, desk.worker.unit, date(2026, 8, 1)) == new
    assert catalogue_in_force(jp, None, date(2025, 12, 31)) is None


def test_the_units_own_catalogue_comes_before_the_general_one(cast: Cast) -> None:
    jp = JobPositionFactory()
    general = CatalogueFactory(job_position=jp)
    department = CatalogueFactory(job_position=jp, unit=cast.org.dept_a)
    other = CatalogueFactory(job_position=jp, unit=cast.org.dept_b)
    day = date(2026, 5, 1)
    assert catalogue_in_force(jp, cast.org.division_a1, day) == department
    assert catalogue_in_force(jp, cast.org.division_b1, day) == other
    assert catalogue_in_force(jp, cast.org.province, day) == general


def test_product_types_are_checked_field_by_field(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    ProductTypeFactory(catalogue=catalogue, code="SP1")
    bad = _values("SP1", "0", unit_of_measure=" ", default_days=0)
    with pytest.raises(InvalidInput) as error:
        catalogues.save_product(
            actor=cast.actor("admin"), catalogue=catalogue, product=None, values=bad
        )
    assert set(error.value.errors) == {
        "code",
        "coefficient",
        "unit_of_measure",
        "default_days",
    }


def test_editing_a_product_type_is_audited_with_its_changes(cast: Cast) -> None:
    product = ProductType.objects.get(pk=ProductTypeFactory().pk)
    catalogues.save_product(
        actor=cast.actor("admin"), catalogue=product.catalogue, product=product,
        values=_values(product.code, "2.25"),
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="work.product.updated")
    assert entry.changes["coefficient"] == ["1.500", "2.25"]


@pytest.mark.parametrize(
    "persona", ["personnel", "head", "manager", "staff", "auditor"]
)
def test_only_administrators_edit_catalogues(cast: Cast, persona: str) -> None:
    catalogue = CatalogueFactory()
    with pytest.raises(NotAllowed):
        catalogues.save_product(
            actor=cast.actor(persona),
            catalogue=catalogue,
            product=None,
            values=_values(),
        )
    assert not ProductType.objects.exists()


def test_a_job_position_has_one_catalogue_per_unit(cast: Cast) -> None:
    jp = JobPositionFactory()
    admin = cast.actor("admin")
    catalogues.create_catalogue(
        actor=admin, job_position=jp, unit=None, valid_from=JAN_1
    )
    with pytest.raises(InvalidInput):
        catalogues.create_catalogue(
            actor=admin, job_position=jp, unit=None, valid_from=JUL_1
        )
    catalogues.create_catalogue(
        actor=admin, job_position=jp, unit=cast.org.dept_a, valid_from=JUL_1
    )
    assert AuditEntry.objects.filter(action="work.catalogue.created").count() == 2


# --- pages -------------------------------------------------------------------


def test_everyone_reads_the_catalogue_grouped_by_group(cast: Cast) -> None:
    product = ProductTypeFactory(name="Tờ trình đề án")
    page = cast.client("staff").get(f"/catalogues/{product.catalogue.pk}/").text
    assert "Tờ trình đề án" in page
    assert "B. Công việc chuyên môn dùng chung" in page
    assert "/products/" not in page  # no edit links for staff


def test_an_administrator_adds_a_product_type_through_the_form(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    group = ProductGroup.objects.get(code="A")
    data = {"group": group.pk, "code": "LD01", "name": "Chỉ đạo, điều hành",
            "unit_of_measure": "việc", "coefficient": "3.5", "default_days": "10"}  # fmt: skip
    response = cast.client("admin").post(
        f"/catalogues/{catalogue.pk}/products/new/", data
    )
    assert response.status_code == 302
    assert catalogue.products.get().coefficient == Decimal("3.5")


def test_a_new_version_from_the_page(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    response = cast.client("admin").post(
        f"/catalogues/{catalogue.pk}/versions/", {"valid_from": "2026-09-01"}
    )
    new = Catalogue.objects.get(version=2)
    assert response["Location"] == f"/catalogues/{new.pk}/"


def test_a_bad_new_version_date_is_shown_on_the_page(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    response = cast.client("admin").post(
        f"/catalogues/{catalogue.pk}/versions/", {"valid_from": "2025-09-01"}
    )
    assert response.status_code == 422
    assert "01/01/2026" in response.text


def test_the_catalogue_page_shows_the_history_of_its_product_types(cast: Cast) -> None:
    catalogue = CatalogueFactory()
    catalogues.save_product(
        actor=cast.actor("admin"), catalogue=catalogue, product=None,
        values=_values("LD9"),
    )  # fmt: skip
    ProductTypeFactory(name="Khác")  # another catalogue's product
    page = cast.client("personnel").get(f"/catalogues/{catalogue.pk}/").text
    history = page[page.index('id="history"') :]
    assert "LD9" in history
    assert "admin" in history


def test_the_list_can_be_narrowed_to_one_job_position(cast: Cast) -> None:
    shown = CatalogueFactory(job_position=JobPositionFactory(name="Kế toán viên"))
    CatalogueFactory(job_position=JobPositionFactory(name="Văn thư"))
    page = cast.client("staff").get(
        f"/catalogues/?job_position={shown.job_position_id}"
    )
    rows = page.text[page.text.index("<tbody>") :]
    assert "Kế toán viên" in rows
    assert "Văn thư" not in rows
