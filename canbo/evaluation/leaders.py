"""Defaults of a leader's components (Decree 335 art. 15), for the reviewer to
confirm or change: the unit result d from the subordinates' scores in the same
period, and the capacity to organise đ as the unit's share of ordered work done
on time and at quality. The capacity to unite e is the superior's own score."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum

from canbo.evaluation.models import Sheet
from canbo.policy.levels import Level, classify
from canbo.policy.scoring import unit_result
from canbo.work.models import Task
from canbo.work.selectors import COUNTED

SHARE = DecimalField(max_digits=20, decimal_places=5)


def unit_result_of(sheet: Sheet) -> Decimal | None:
    """1 when every scored subordinate is at HTNV or above, 0.5 otherwise."""
    scores = (
        Sheet.objects.filter(
            period_id=sheet.period_id, unit_path__startswith=sheet.unit_path
        )
        .exclude(pk=sheet.pk)
        .exclude(score__isnull=True)
        .values_list("score", flat=True)
    )
    levels = [classify(float(score)) for score in scores if score is not None]
    if not levels:
        return None
    return Decimal(str(unit_result(level != Level.KHTNV for level in levels)))


def organise_of(sheet: Sheet) -> Decimal | None:
    """The unit's converted work of the period done on time and at quality."""
    good = Q(status=Task.Status.ACCEPTED, meets_quality=True) & (
        Q(late=False) | Q(delay_excused=True)
    )
    done = ExpressionWrapper(
        F("completed_quantity") * F("coefficient"), output_field=SHARE
    )
    totals = Task.objects.filter(
        COUNTED, unit_path__startswith=sheet.unit_path,
        deadline__gte=sheet.period.start, deadline__lte=sheet.period.end,
    ).aggregate(ordered=Sum("converted_quantity"), good=Sum(done, filter=good))  # fmt: skip
    ordered, good_done = totals["ordered"], totals["good"] or Decimal(0)
    if not ordered:
        return None
    return min(Decimal(1), Decimal(str(good_done)) / Decimal(str(ordered))).quantize(
        Decimal("0.001")
    )


def leader_defaults(sheet: Sheet) -> dict[str, Decimal]:
    found = {"unit_result": unit_result_of(sheet), "organise": organise_of(sheet)}
    return {name: value for name, value in found.items() if value is not None}
