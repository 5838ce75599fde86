"""Writes to product catalogues: versions and their product types.

A version used by any task never changes (a past period is always scored with
the catalogue in force then): a change makes a new version, which copies the
current one and closes it the day before the new one starts. Only
administrators (Capability.MANAGE_CATALOGUES) edit catalogues: general ones if
they hold the capability anywhere, a unit's own if the unit is in their scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import diff, log_action, snapshot
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import JobPosition, Unit
from canbo.work.catalogue_selectors import can_manage, in_use, latest_version
from canbo.work.models import Catalogue, ProductGroup, ProductType

PRODUCT_FIELDS = (
    "group",
    "code",
    "name",
    "unit_of_measure",
    "coefficient",
    "quality_criteria",
    "default_days",
)
MAX_COEFFICIENT = Decimal("999.999")
MAX_DAYS = 366


@dataclass(frozen=True)
class ProductValues:
    """One product type as a form or a spreadsheet row gives it."""

    group: ProductGroup
    code: str
    name: str
    unit_of_measure: str
    coefficient: Decimal
    quality_criteria: str = ""
    default_days: int = 5


def _require(actor: Actor, unit: Unit | None) -> None:
    if not can_manage(actor, unit):
        raise NotAllowed


def _audit(
    action: str, actor: Actor, obj: Any, unit: Unit | None, **extra: Any
) -> None:
    log_action(
        action, actor=actor, obj=obj, unit_path=unit.path if unit else "", **extra
    )


def product_problems(values: ProductValues) -> dict[str, list[str]]:
    """Return the field errors of one product type (empty when it is valid)."""
    errors: dict[str, list[str]] = {}
    for name, limit in (("code", 32), ("name", 255), ("unit_of_measure", 50)):
        text = getattr(values, name)
        if not text.strip():
            errors.setdefault(name, []).append(_("This field is required."))
        elif len(text) > limit:
            errors.setdefault(name, []).append(
                _("The text is too long: at most %(limit)s characters.")
                % {"limit": limit}
            )
    coefficient = values.coefficient
    if not 0 < coefficient <= MAX_COEFFICIENT or coefficient != round(coefficient, 3):
        errors["coefficient"] = [
            _(
                "The coefficient must be greater than 0 and at most %(max)s, with at most three decimals."
            )
            % {"max": MAX_COEFFICIENT}
        ]
    if not 1 <= values.default_days <= MAX_DAYS:
        errors["default_days"] = [
            _("The default duration must be from 1 to %(max)s days.")
            % {"max": MAX_DAYS}
        ]
    return errors


def _check_version_open(catalogue: Catalogue) -> None:
    if in_use(catalogue):
        raise InvalidInput.single(
            "",
            _(
                "Tasks already use this version of the catalogue, so it cannot change; make a new version."
            ),
        )


@transaction.atomic
def create_catalogue(
    *,
    actor: Actor,
    job_position: JobPosition,
    unit: Unit | None,
    valid_from: date,
    note: str = "",
) -> Catalogue:
    """Start the (empty) first version of a job position's catalogue, optionally for one unit.

    Audit: work.catalogue.created.
    """
    _require(actor, unit)
    if latest_version(job_position, unit) is not None:
        raise InvalidInput.single(
            "job_position",
            _(
                "This job position already has a catalogue here; make a new version of it instead."
            ),
        )
    catalogue = Catalogue.objects.create(
        job_position=job_position, unit=unit, valid_from=valid_from, note=note.strip()
    )
    _audit("work.catalogue.created", actor, catalogue, unit,
           data={"valid_from": valid_from.isoformat()})  # fmt: skip
    return catalogue


def _next_version(current: Catalogue, valid_from: date, note: str) -> Catalogue:
    latest = latest_version(current.job_position, current.unit) or current
    if valid_from <= latest.valid_from:
        raise InvalidInput.single(
            "valid_from",
            _(
                "The new version must start after %(date)s, the start of the current one."
            )
            % {"date": latest.valid_from.strftime("%d/%m/%Y")},
        )
    if latest.valid_to is None or latest.valid_to >= valid_from:
        latest.valid_to = valid_from - timedelta(days=1)
        latest.save(update_fields=["valid_to"])
    return Catalogue.objects.create(
        job_position=current.job_position,
        unit=current.unit,
        version=latest.version + 1,
        valid_from=valid_from,
        note=note.strip(),
    )


@transaction.atomic
def new_version(
    *, actor: Actor, catalogue: Catalogue, valid_from: date, note: str = ""
) -> Catalogue:
    """Make a new version copying the latest one; the latest ends the day before.

    Audit: work.catalogue.versioned.
    """
    _require(actor, catalogue.unit)
    source = latest_version(catalogue.job_position, catalogue.unit) or catalogue
    created = _next_version(catalogue, valid_from, note)
    ProductType.objects.bulk_create(
        ProductType(catalogue=created, **{f: getattr(p, f) for f in PRODUCT_FIELDS})
        for p in source.products.select_related("group")
    )
    _audit("work.catalogue.versioned", actor, created, created.unit,
           data={"from_version": source.version, "valid_from": valid_from.isoformat()})  # fmt: skip
    return created


def _check_product(
    catalogue: Catalogue, values: ProductValues, exclude_pk: int | None
) -> None:
    errors = product_problems(values)
    taken = catalogue.products.filter(code=values.code.strip())
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if "code" not in errors and taken.exists():
        errors["code"] = [
            _("Code %(code)s is already used in this catalogue.")
            % {"code": values.code}
        ]
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def save_product(
    *,
    actor: Actor,
    catalogue: Catalogue,
    product: ProductType | None,
    values: ProductValues,
) -> ProductType:
    """Add or change a product type in a version no task uses yet.

    Audit: work.product.created / work.product.updated.
    """
    _require(actor, catalogue.unit)
    _check_version_open(catalogue)
    _check_product(catalogue, values, product.pk if product else None)
    before = snapshot(product, PRODUCT_FIELDS) if product else {}
    target = product or ProductType(catalogue=catalogue)
    for name in PRODUCT_FIELDS:
        value = getattr(values, name)
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    target.save()
    action = "work.product.updated" if product else "work.product.created"
    # The catalogue id in `data` lets the catalogue page show its products' history.
    _audit(action, actor, target, catalogue.unit, data={"catalogue": catalogue.pk},
           changes=diff(before, snapshot(target, PRODUCT_FIELDS)))  # fmt: skip
    return target


@transaction.atomic
def delete_product(*, actor: Actor, product: ProductType) -> None:
    """Remove a product type from a version no task uses yet. Audit: work.product.deleted."""
    catalogue = product.catalogue
    _require(actor, catalogue.unit)
    _check_version_open(catalogue)
    _audit("work.product.deleted", actor, product, catalogue.unit,
           data={"catalogue": catalogue.pk},
           changes=diff(snapshot(product, PRODUCT_FIELDS), {}))  # fmt: skip
    product.delete()


@transaction.atomic
def import_products(
    *,
    actor: Actor,
    catalogue: Catalogue,
    rows: Sequence[ProductValues],
    valid_from: date | None,
) -> Catalogue:
    """Load a checked spreadsheet as a new version (or into an empty, unused version).

    The rows were validated as a whole first (canbo.work.catalogue_io): nothing
    is written unless every row is valid. Audit: work.catalogue.imported.
    """
    _require(actor, catalogue.unit)
    empty = not catalogue.products.exists() and not in_use(catalogue)
    if not empty and valid_from is None:
        raise InvalidInput.single(
            "valid_from", _("Give the date from which the new version is valid.")
        )
    target = (
        catalogue
        if empty or valid_from is None
        else _next_version(catalogue, valid_from, "")
    )
    for values in rows:
        _check_product(target, values, None)
        ProductType.objects.create(
            catalogue=target, **{f: getattr(values, f) for f in PRODUCT_FIELDS}
        )
    _audit("work.catalogue.imported", actor, target, target.unit,
           data={"products": len(rows), "version": target.version})  # fmt: skip
    return target
