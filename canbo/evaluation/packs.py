"""Policy packs in use: the built-in ones and those a province or agency stored.

A stored pack is derived from a built-in one (canbo.policy.packs.derive) and
applies to its unit and everything under it from `valid_from`; the most specific
one in force wins, else the built-in pack for the date and the category. Once a
sheet uses a pack, its rules no longer change: a new pack is defined instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.evaluation.models import Sheet, StoredPack
from canbo.policy.access import Capability
from canbo.policy.packs import (
    Cadence,
    Category,
    Criterion,
    LeaderComponent,
    Pack,
    built_in,
    derive,
    pack_for,
    pack_problems,
)

PROBLEMS = {
    "criteria_not_30": (
        "criteria",
        gettext_lazy("The general criteria must add up to 30 points."),
    ),
    "criterion_points": (
        "criteria",
        gettext_lazy("Each criterion must be worth more than 0 points."),
    ),
    "criterion_codes": ("criteria", gettext_lazy("Each criterion needs its own code.")),
    "quota_above_decree": (
        "quota_percent",
        gettext_lazy("The decree allows at most 20 %, or 25 % when raised."),
    ),
    "deduction_range": (
        "deduction",
        gettext_lazy("The deduction must be above 0 and at most 1."),
    ),
    "min_months_range": ("min_months_worked", gettext_lazy("From 0 to 12 months.")),
}
SETTINGS = ("cadence", "quota_percent", "raised_quota_percent", "deduction",
            "head_capped_by_unit", "min_months_worked")  # fmt: skip


def to_pack(stored: StoredPack) -> Pack:
    criteria = tuple(
        Criterion(c["code"], c["group"], c["name"], Decimal(str(c["points"])))
        for c in stored.criteria
    )
    return derive(
        built_in(stored.base), stored.code, stored.title, criteria=criteria,
        leader_components=tuple(LeaderComponent(x) for x in stored.leader_components),
        cadence=Cadence(stored.cadence), quota_percent=stored.quota_percent,
        raised_quota_percent=stored.raised_quota_percent, deduction=stored.deduction,
        head_capped_by_unit=stored.head_capped_by_unit,
        min_months_worked=stored.min_months_worked, valid_from=stored.valid_from,
        valid_to=stored.valid_to,
    )  # fmt: skip


def resolve(code: str) -> Pack:
    """The pack named `code`, built-in or stored."""
    try:
        return built_in(code)
    except LookupError:
        return to_pack(StoredPack.objects.select_related("unit").get(code=code))


class PackChooser:
    """Chooses each person's pack; loads the stored packs once."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.stored = [
            (s.unit.path, to_pack(s))
            for s in StoredPack.objects.select_related("unit").order_by("-unit__depth")
        ]

    def pack(self, category: str, unit_path: str) -> Pack:
        for path, pack in self.stored:
            in_force = pack.in_force(self.day) and Category(category) in pack.categories
            if in_force and unit_path.startswith(path):
                return pack
        return pack_for(Category(category), self.day)


def _values_of(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "criteria": [
            {"code": c.code, "group": c.group, "name": c.name, "points": str(c.points)}
            for c in data["criteria"]
        ],
        "leader_components": [str(x) for x in data["leader_components"]],
        **{name: data[name] for name in SETTINGS},
    }


def _check(pack: Pack) -> None:
    errors: dict[str, list[str]] = {}
    for code in pack_problems(pack):
        field, message = PROBLEMS[code]
        errors.setdefault(field, []).append(str(message))
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def save_pack(
    *, actor: Actor, stored: StoredPack | None, data: Mapping[str, Any]
) -> StoredPack:
    """Create or change a stored pack, validated against the decree's limits.

    Audit: evaluation.pack.created / evaluation.pack.updated.
    """
    unit = data["unit"]
    if actor.read_only or not actor.covers(Capability.MANAGE_PACKS, unit.path, unit.pk):
        raise NotAllowed
    if stored is not None and Sheet.objects.filter(pack=stored.code).exists():
        raise InvalidInput.single(
            "", _("Sheets already use this pack; define a new pack instead.")
        )
    target = stored or StoredPack(created_by=actor.user)
    target.code, target.title, target.base = (
        data["code"].strip(),
        data["title"].strip(),
        data["base"],
    )
    target.unit, target.valid_from, target.valid_to = (
        unit,
        data["valid_from"],
        data["valid_to"],
    )
    for name, value in _values_of(data).items():
        setattr(target, name, value)
    if (
        built_in_code(target.code)
        or StoredPack.objects.filter(code=target.code).exclude(pk=target.pk).exists()
    ):
        raise InvalidInput.single(
            "code", _("This code is already used by another pack.")
        )
    _check(to_pack(target))
    target.save()
    action = "evaluation.pack.updated" if stored else "evaluation.pack.created"
    log_action(
        action, actor=actor, obj=target, unit_path=unit.path, data={"code": target.code}
    )
    return target


def built_in_code(code: str) -> bool:
    try:
        built_in(code)
    except LookupError:
        return False
    return True


def settings_of(pack: Pack) -> list[tuple[str, object, bool]]:
    """(setting, value, left open by the published texts) for display."""
    names = [f.name for f in fields(Pack) if f.name in SETTINGS]
    return [(name, getattr(pack, name), name in pack.open_settings) for name in names]


def criteria_text(criteria: Iterable[Criterion]) -> str:
    return "\n".join(f"{c.code} | {c.group} | {c.name} | {c.points}" for c in criteria)
