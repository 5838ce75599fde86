"""Demo data for succession planning (not wired into the generator).

Pools for the term 2026–2031 for the leadership posts the demo fills: Giám đốc
Sở and Phó Giám đốc Sở, Trưởng phòng, and the chairs of communes. Each pool gets
1–3 candidates drawn from the level below in the same unit (deputy directors for
the director, heads of division for a deputy director, deputy heads for a head of
division, vice-chairs for a commune chair), respecting QĐ 377-QĐ/TW: a higher
post, at most 3 per post, one full term of service left; someone with less than
two terms left is kept with a written justification (a flagged case). A few
candidates were removed at the 2025 review, with the reason and the decision.
Set-based: a handful of queries and bulk inserts, whatever the province's size.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import UTC, date, datetime

from django.db.models import Q

from canbo.appointments.models import Appointment
from canbo.core.bulk import bulk_insert
from canbo.demo.generate.tasks import system_user
from canbo.people.models import Assignment
from canbo.planning.models import PlanningCandidate, PlanningChange, PlanningPool
from canbo.policy.planning import serves_until
from canbo.policy.retirement import retirement_date
from canbo.trust.models import TrustVote

TERM = (2026, 2031)
# Pool post → the post of the level below it that feeds it, and whether the
# feeders sit in the pool's unit itself or anywhere below it.
FEEDERS = {
    "GD_SO": ("PGD_SO", False),
    "PGD_SO": ("TRUONG_PHONG", True),
    "TRUONG_PHONG": ("PHO_TRUONG_PHONG", False),
    "CT_UBND_XA": ("PCT_UBND_XA", False),
}
ADDED_ON = date(2025, 6, 30)
REVIEWED_ON = date(2025, 12, 22)
REMOVED_SHARE = 0.04
REMOVAL_REASON = (
    "Rà soát quy hoạch năm 2025: xếp loại “Không hoàn thành nhiệm vụ” năm 2025 "
    "(QĐ 377-QĐ/TW)."
)
JUSTIFICATION = (
    "Còn dưới hai nhiệm kỳ công tác nhưng đủ một nhiệm kỳ; năng lực nổi bật, "
    "được tập thể lãnh đạo thống nhất giới thiệu."
)


def _holders(
    root_path: str, today: date
) -> list[tuple[int, int, str, int, str, date, str]]:
    """Current holders of the posts above, as (assignment unit, person, post code,
    post id, unit path, birth date, sex)."""
    codes = set(FEEDERS) | {feeder for feeder, _below in FEEDERS.values()}
    return list(
        Assignment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            post__code__in=codes,
            unit__path__startswith=root_path,
            person__is_active=True,
        )
        .order_by("unit__path", "post__code", "person_id")
        .values_list(
            "unit_id", "person_id", "post__code", "post_id", "unit__path",
            "person__birth_date", "person__sex",
        )
    )  # fmt: skip


def generate(*, root_path: str, today: date, seed: int) -> int:
    """Add pools, candidates and their record under `root_path`; return the rows written."""
    rng = random.Random(f"planning-{seed}")  # noqa: S311 - demo data
    system = system_user()
    now = datetime(today.year, today.month, today.day, tzinfo=UTC)
    holders = _holders(root_path, today)
    excluded = set(
        TrustVote.objects.filter(
            unit_path__startswith=root_path, outcome__in=["review", "dismiss"]
        ).values_list("person_id", flat=True)
    ) | set(
        Appointment.objects.filter(
            unit_path__startswith=root_path, status=Appointment.Status.PROPOSED
        ).values_list("person_id", flat=True)
    )
    term_start = date(TERM[0], 1, 1)
    # Feeders by (post code, unit path), and by every unit above them.
    at_unit: dict[tuple[str, str], list[tuple[int, bool]]] = defaultdict(list)
    below: dict[tuple[str, str], list[tuple[int, bool]]] = defaultdict(list)
    pools: dict[tuple[int, int], str] = {}
    for unit_id, person, code, post_id, path, birth, sex in holders:
        if code in FEEDERS:
            pools[(post_id, unit_id)] = path
        retirement = retirement_date(birth, sex)  # type: ignore[arg-type]
        if person in excluded or not serves_until(term_start, retirement, 5):
            continue
        two_terms = serves_until(term_start, retirement, 10)
        at_unit[(code, path)].append((person, two_terms))
        parts = path.split(".")[:-1]
        for depth in range(1, len(parts)):
            below[(code, ".".join(parts[:depth]) + ".")].append((person, two_terms))
    existing = set(
        PlanningPool.objects.filter(term_start=TERM[0]).values_list(
            "post_id", "unit_id"
        )
    )
    codes = {post_id: code for _u, _p, code, post_id, *_rest in holders}
    new_pools = sorted(k for k in pools if k not in existing)
    bulk_insert(
        PlanningPool,
        ["post", "unit", "unit_path", "term_start", "term_end", "decision_ref",
         "created_by", "created_at"],
        [(post, unit, pools[(post, unit)], TERM[0], TERM[1], "", system, now)
         for post, unit in new_pools],
    )  # fmt: skip
    ids = {
        (post, unit): pk
        for pk, post, unit in PlanningPool.objects.filter(
            term_start=TERM[0], unit_path__startswith=root_path
        ).values_list("pk", "post_id", "unit_id")
    }
    candidates: list[tuple[object, ...]] = []
    changes: list[tuple[object, ...]] = []
    for post, unit in new_pools:
        feeder, anywhere = FEEDERS[codes[post]]
        path = pools[(post, unit)]
        found = (below if anywhere else at_unit).get((feeder, path), [])
        if not found:
            continue
        chosen = rng.sample(found, min(len(found), rng.randint(1, 3)))
        for person, two_terms in chosen:
            removed = rng.random() < REMOVED_SHARE
            flags = [] if two_terms else ["under_two_terms"]
            candidates.append(
                (ids[(post, unit)], person, "removed" if removed else "active",
                 "internal", ADDED_ON, REVIEWED_ON if removed else None,
                 REMOVAL_REASON if removed else "",
                 rng.choice((None, 1, 2, 2, 3, 3)), "" if two_terms else JUSTIFICATION,
                 json.dumps(flags))
            )  # fmt: skip
            changes.append(
                (ids[(post, unit)], person, "added", ADDED_ON, None,
                 "" if two_terms else JUSTIFICATION, "", system, now)
            )  # fmt: skip
            if removed:
                changes.append(
                    (ids[(post, unit)], person, "removed", REVIEWED_ON, 2025,
                     REMOVAL_REASON, "35/QĐ-BTV", system, now)
                )  # fmt: skip
    bulk_insert(
        PlanningCandidate,
        ["pool", "person", "status", "source", "added_on", "removed_on",
         "removal_reason", "potential", "justification", "flags"],
        candidates,
    )  # fmt: skip
    bulk_insert(
        PlanningChange,
        ["pool", "person", "kind", "on", "review_year", "reason", "decision_ref",
         "actor", "created_at"],
        changes,
    )  # fmt: skip
    return len(new_pools) + len(candidates) + len(changes)
