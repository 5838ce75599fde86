"""Demo data for trust votes and relatives' conflicts (not wired into the generator).

Marks the demo posts as heads (Giám đốc, Chủ tịch, Trưởng…) or deputies (Phó…),
the job positions whose names say so as restricted for leaders' relatives
(kế toán, thủ quỹ, thủ kho, quản lý cán bộ / nhân sự); records a mid-term trust
vote in 2024 for most leaders by their collective (mostly high trust, about 2 %
"review", a few "dismiss"); links a few declared relatives to staff records,
leaving a handful of relatives' conflicts for the report.
"""

from __future__ import annotations

import random
from datetime import date

from django.db.models import Q

from canbo.core.bulk import bulk_insert
from canbo.demo.generate.tasks import system_user
from canbo.org.models import JobPosition, Post
from canbo.people.models import Assignment, Relative
from canbo.policy.trust import trust_vote_outcome
from canbo.trust.models import TrustVote

HEAD_WORDS = ("Giám đốc", "Chủ tịch", "Trưởng", "trưởng", "Chánh")
RESTRICTED_NAMES = (
    ("accounting", Q(name__icontains="kế toán")),
    ("cashier", Q(name__icontains="thủ quỹ")),
    ("storekeeper", Q(name__icontains="thủ kho")),
    ("personnel", Q(name__icontains="quản lý cán bộ") | Q(name__icontains="nhân sự")),
)
VOTE_YEAR = 2024
CONFLICTS = 3
HARMLESS_LINKS = 5


def _mark_catalogue() -> int:
    written = Post.objects.filter(name__startswith="Phó").update(unit_role="deputy")
    heads = Q()
    for word in HEAD_WORDS:
        heads |= Q(name__contains=word)
    written += (
        Post.objects.filter(heads, is_leadership=True)
        .exclude(name__startswith="Phó")
        .update(unit_role="head")
    )
    for role, names in RESTRICTED_NAMES:
        written += JobPosition.objects.filter(names, conflict_role="").update(
            conflict_role=role
        )
    return written


def _counts(rng: random.Random) -> tuple[int, int, int, int, int]:
    summoned = rng.randint(12, 60)
    returned = summoned - rng.randint(0, max(0, summoned // 10))
    draw = rng.random()
    if draw < 0.004:
        low = -(-2 * returned // 3) + rng.randint(0, max(0, returned // 6))
    elif draw < 0.024:
        low = returned // 2 + 1 + rng.randint(0, max(0, returned // 8))
    else:
        low = rng.randint(0, max(0, returned // 10))
    low = min(low, returned)
    rest = returned - low - rng.randint(0, 1 if returned - low > 0 else 0)
    high = round(rest * rng.uniform(0.55, 0.9))
    return summoned, returned, high, rest - high, low


def _votes(root_path: str, today: date, rng: random.Random, user_id: int) -> int:
    held = date(VOTE_YEAR, 11, 15)
    if held > today:
        return 0
    leaders = (
        Assignment.objects.filter(
            unit__path__startswith=root_path, post__isnull=False,
            post__is_leadership=True, start_date__lte=date(VOTE_YEAR, 1, 1),
            person__is_active=True,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=held))
        .order_by("person_id", "-post__rank", "id")
        .values_list("person_id", "unit_id", "unit__path", "unit__name", "post_id")
    )  # fmt: skip
    rows = []
    seen: set[int] = set()
    for person_id, unit_id, path, unit_name, post_id in leaders.iterator(2000):
        if person_id in seen or rng.random() < 0.1:  # recently appointed, retiring
            seen.add(person_id)
            continue
        seen.add(person_id)
        summoned, returned, high, trust, low = _counts(rng)
        day = date(VOTE_YEAR, rng.choice((10, 11, 12)), rng.randint(1, 28))
        rows.append((
            person_id, unit_id, path, post_id, day,
            f"Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ – {unit_name}"[:200],
            summoned, returned, high, trust, low, trust_vote_outcome(low, returned),
            f"{rng.randint(1, 300)}/BB-{VOTE_YEAR}", user_id, today,
        ))  # fmt: skip
    columns = ("person", "unit", "unit_path", "post", "held_on", "body", "summoned",
               "returned", "high", "trust", "low", "outcome", "minutes_ref",
               "created_by", "created_at")  # fmt: skip
    bulk_insert(TrustVote, columns, rows)
    return len(rows)


def _relatives(root_path: str, rng: random.Random) -> int:
    """Link a few leaders to colleagues in their unit declared as siblings:
    CONFLICTS of them in restricted positions, the others not."""
    open_ = Q(end_date__isnull=True) & Q(unit__path__startswith=root_path)
    leaders = dict(
        Assignment.objects.filter(open_, post__unit_role__in=("head", "deputy"))
        .order_by("unit_id", "id")
        .values_list("unit_id", "person_id")
    )
    staff = list(
        Assignment.objects.filter(open_, unit_id__in=list(leaders))
        .exclude(person_id__in=list(leaders.values()))
        .filter(post__isnull=True, job_position__isnull=False)
        .order_by("unit_id", "id")
        .values_list("unit_id", "person_id", "job_position__conflict_role",
                     "person__full_name", "person__birth_date", "person__citizen_id")
    )  # fmt: skip
    rng.shuffle(staff)
    chosen: list[tuple[int, int, str, date, str]] = []
    wanted = {True: CONFLICTS, False: HARMLESS_LINKS}
    used_units: set[int] = set()
    for unit_id, person_id, role, name, born, citizen_id in staff:
        restricted = bool(role)
        if wanted[restricted] <= 0 or unit_id in used_units:
            continue
        wanted[restricted] -= 1
        used_units.add(unit_id)
        chosen.append((leaders[unit_id], person_id, name, born, citizen_id))
    rows = [
        (leader, "sibling", name, born.year, "Công chức", "", citizen_id, person_id)
        for leader, person_id, name, born, citizen_id in chosen
    ]
    columns = ("person", "relation", "full_name", "birth_year", "occupation",
               "workplace", "citizen_id", "staff_record")  # fmt: skip
    bulk_insert(Relative, columns, rows)
    return len(rows)


def generate(*, root_path: str, today: date, seed: int) -> int:
    """Add the trust and relatives' demo data under `root_path`; return the rows written."""
    rng = random.Random(f"trust-{seed}")  # noqa: S311 - demo data, not secrets
    written = _mark_catalogue()
    written += _votes(root_path, today, rng, system_user())
    written += _relatives(root_path, rng)
    return written
