"""Reads of product catalogues.

Catalogues are reference data, like job positions: every logged-in user may read
every catalogue. Editing is for administrators (Capability.MANAGE_CATALOGUES);
see canbo.work.catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.core.models import AuditEntry
from canbo.org.models import JobPosition, Unit
from canbo.policy.access import Capability
from canbo.work.models import Catalogue, ProductGroup, ProductType, Task


def catalogues(job_position_id: int | None = None) -> QuerySet[Catalogue]:
    """Return every catalogue version with its job position, unit and product count."""
    rows = (
        Catalogue.objects.select_related("job_position", "unit")
        .annotate(product_count=Count("products"))
        .order_by("job_position__name", "unit__name", "-version")
    )
    if job_position_id is not None:
        rows = rows.filter(job_position_id=job_position_id)
    return rows


def access_catalogue(pk: int) -> Catalogue:
    """Return the catalogue version; a missing one answers 404."""
    catalogue = (
        Catalogue.objects.select_related("job_position", "unit").filter(pk=pk).first()
    )
    if catalogue is None:
        raise Http404
    return catalogue


def access_product(pk: int) -> ProductType:
    product = (
        ProductType.objects.select_related("catalogue__job_position", "catalogue__unit")
        .filter(pk=pk)
        .first()
    )
    if product is None:
        raise Http404
    return product


def versions_of(catalogue: Catalogue) -> QuerySet[Catalogue]:
    """Return every version of the same job position and unit, newest first."""
    return Catalogue.objects.filter(
        job_position_id=catalogue.job_position_id, unit=catalogue.unit
    ).order_by("-version")


def latest_version(job_position: JobPosition, unit: Unit | None) -> Catalogue | None:
    return (
        Catalogue.objects.filter(job_position=job_position, unit=unit)
        .order_by("-version")
        .first()
    )


def in_use(catalogue: Catalogue) -> bool:
    """Whether any task was ordered from this version (it can then no longer change)."""
    return Task.objects.filter(product_type__catalogue=catalogue).exists()


@dataclass(frozen=True)
class GroupOfProducts:
    group: ProductGroup
    products: list[ProductType]


def products_by_group(catalogue: Catalogue) -> list[GroupOfProducts]:
    """Return the catalogue's product types grouped by ProductGroup, in code order."""
    groups: dict[int, GroupOfProducts] = {}
    products = catalogue.products.select_related("group").order_by(
        "group__code", "code"
    )
    for product in products:
        entry = groups.setdefault(product.group_id, GroupOfProducts(product.group, []))
        entry.products.append(product)
    return list(groups.values())


def catalogue_in_force(
    job_position: JobPosition, unit: Unit | None, day: date
) -> Catalogue | None:
    """Return the catalogue version in force on `day` for the job position in `unit`.

    The unit's own catalogue comes first, then the nearest ancestor's, then the
    general one (no unit). One query.
    """
    ancestor_ids = [int(part) for part in unit.path.split(".") if part] if unit else []
    candidates = Catalogue.objects.filter(
        Q(unit__isnull=True) | Q(unit_id__in=ancestor_ids),
        job_position=job_position,
        valid_from__lte=day,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    depth: dict[int | None, int] = {
        unit_id: index for index, unit_id in enumerate(ancestor_ids)
    }
    ranked = [((depth.get(c.unit_id, -1), c.version), c) for c in candidates]
    return max(ranked, key=lambda pair: pair[0])[1] if ranked else None


def can_manage(actor: Actor, unit: Unit | None) -> bool:
    """Administrators edit catalogues: general ones anywhere, a unit's in their scope."""
    if actor.read_only:
        return False
    if unit is None:
        return actor.can_anywhere(Capability.MANAGE_CATALOGUES)
    return actor.covers(Capability.MANAGE_CATALOGUES, unit.path, unit.pk)


def catalogue_history(catalogue: Catalogue, limit: int = 50) -> QuerySet[AuditEntry]:
    """Return the audit entries of the version and of its product types, newest first."""
    return AuditEntry.objects.filter(
        Q(object_type="work.catalogue", object_id=str(catalogue.pk))
        | Q(object_type="work.producttype", data__catalogue=catalogue.pk)
    ).order_by("-at", "-id")[:limit]


def groups() -> QuerySet[ProductGroup]:
    return ProductGroup.objects.order_by("code")
