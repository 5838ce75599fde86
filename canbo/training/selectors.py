"""Reads of training records, standards, gaps and targets, through the actor's scope."""

from __future__ import annotations

import mimetypes
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.org.models import Unit
from canbo.people.models import Assignment, Person
from canbo.policy import training as rules
from canbo.policy.access import Capability
from canbo.training.models import Kind, Standard, Target, Training, level_label

VIEW = Capability.VIEW_CAREERS
MANAGE = Capability.MANAGE_CAREERS
# Short courses count over the last 12 months up to the day of the report.
COURSE_WINDOW_DAYS = 365


def _scope(actor: Actor, capability: Capability) -> Q:
    return actor.scope_q(capability, path="unit_path", unit_id="unit_id")


# --- training records -------------------------------------------------------


def records_visible_to(actor: Actor) -> QuerySet[Training]:
    """Records of people in the actor's careers scope, and the actor's own."""
    query = _scope(actor, VIEW)
    if actor.person_id is not None:
        query |= Q(person_id=actor.person_id)
    return Training.objects.filter(query)


def access_record(actor: Actor, pk: int, *, for_write: bool = False) -> Training:
    """Return the record if the actor may see it (or change it, with `for_write`)."""
    if for_write and actor.read_only:
        raise Http404
    found = (
        Training.objects.filter(_scope(actor, MANAGE))
        if for_write
        else records_visible_to(actor)
    )
    record = found.select_related("person", "unit").filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


@dataclass(frozen=True)
class Certificate:
    name: str
    content: bytes
    content_type: str


def certificate_of(actor: Actor, pk: int) -> Certificate:
    """The certificate file of a record the actor may see; 404 when there is none.

    Certificates are small (EVIDENCE_MAX_BYTES), so the file is read and closed
    at once rather than streamed. Served only this way, never by a raw URL.
    """
    record = access_record(actor, pk)
    if not record.certificate_file:
        raise Http404
    try:
        with record.certificate_file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    name = record.certificate_name or "certificate"
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Certificate(name, content, content_type)


def can_manage(actor: Actor, unit_path: str, unit_id: int) -> bool:
    return not actor.read_only and actor.covers(MANAGE, unit_path, unit_id)


@dataclass(frozen=True)
class RecordFilter:
    unit: Unit | None = None
    subtree: bool = True
    kind: str = ""
    year: int | None = None
    person_id: int | None = None


def record_list(actor: Actor, filters: RecordFilter) -> QuerySet[Training]:
    """The records the actor may see, newest first, filtered."""
    found = records_visible_to(actor)
    if filters.unit is not None:
        if filters.subtree:
            found = found.filter(unit_path__pathprefix=filters.unit.path)
        else:
            found = found.filter(unit_id=filters.unit.pk)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.year:
        found = found.filter(
            end_date__gte=date(filters.year, 1, 1),
            end_date__lte=date(filters.year, 12, 31),
        )
    if filters.person_id:
        found = found.filter(person_id=filters.person_id)
    return found.select_related("person", "unit").order_by("-end_date", "-id")


def people_to_record(actor: Actor) -> QuerySet[Person]:
    """People in service for whom the actor may enter training records."""
    return Person.objects.filter(_scope(actor, MANAGE), is_active=True)


def access_person_to_record(actor: Actor, pk: int) -> Person:
    if actor.read_only:
        raise Http404
    person = people_to_record(actor).select_related("unit").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def records_of(person_id: int) -> QuerySet[Training]:
    """Every record of one person (the caller has checked access to the person)."""
    return Training.objects.filter(person_id=person_id).order_by("kind", "-end_date")


# --- qualifications ---------------------------------------------------------


def qualifications_for(
    person_ids: Iterable[int], *, today: date
) -> dict[int, rules.Qualifications]:
    """Return each person's highest levels and course hours (two queries)."""
    ids = list(person_ids)
    cvs = Person.objects.filter(pk__in=ids).values_list(
        "pk", "education", "political_theory", "state_management"
    )
    records: dict[int, list[rules.Record]] = defaultdict(list)
    for person_id, kind, level, hours, end in Training.objects.filter(
        person_id__in=ids
    ).values_list("person_id", "kind", "level", "hours", "end_date"):
        records[person_id].append(
            rules.Record(rules.Kind(kind), level, hours or 0, end)
        )
    since = today - timedelta(days=COURSE_WINDOW_DAYS - 1)
    return {
        pk: rules.qualifications(
            rules.Qualifications(degree=edu, theory=theory, state_management=state),
            records[pk],
            since=since,
            until=today,
        )
        for pk, edu, theory, state in cvs
    }


# --- standards --------------------------------------------------------------


def standards_visible_to(actor: Actor) -> QuerySet[Standard]:
    """Province-wide standards and those of units in scope, for careers viewers."""
    if not actor.can_anywhere(VIEW):
        return Standard.objects.none()
    return Standard.objects.filter(Q(unit__isnull=True) | _scope(actor, VIEW))


def standard_list(actor: Actor) -> QuerySet[Standard]:
    return standards_visible_to(actor).select_related("post", "job_position", "unit")


def can_edit_standard(actor: Actor, unit: Unit | None) -> bool:
    """Province-wide: an admin (catalogues); a unit's: careers managers of that unit."""
    if actor.read_only:
        return False
    if unit is None:
        return actor.can_anywhere(Capability.MANAGE_CATALOGUES)
    return actor.covers(MANAGE, unit.path, unit.pk) or actor.covers(
        Capability.MANAGE_CATALOGUES, unit.path, unit.pk
    )


def can_add_standards(actor: Actor) -> bool:
    return not actor.read_only and (
        actor.can_anywhere(MANAGE) or actor.can_anywhere(Capability.MANAGE_CATALOGUES)
    )


def access_standard(actor: Actor, pk: int, *, for_write: bool = False) -> Standard:
    standard = (
        standards_visible_to(actor)
        .select_related("post", "job_position", "unit")
        .filter(pk=pk)
        .first()
    )
    if standard is None or (for_write and not can_edit_standard(actor, standard.unit)):
        raise Http404
    return standard


def applicable_standards(
    pairs: Iterable[tuple[int | None, int | None, str]],
) -> dict[tuple[int | None, int | None, str], Standard]:
    """Return the standard that holds for each (post id, job position id, unit path).

    A unit's own standard (the deepest unit above the holder) replaces the
    province-wide one. One query for all pairs.
    """
    wanted = list(pairs)
    posts = {p for p, _j, _u in wanted if p}
    jobs = {j for _p, j, _u in wanted if j}
    candidates = list(
        Standard.objects.filter(
            Q(post_id__in=posts) | Q(job_position_id__in=jobs)
        ).order_by("unit_path")
    )
    found: dict[tuple[int | None, int | None, str], Standard] = {}
    for key in wanted:
        post_id, job_id, path = key
        matching = [
            ((s.post_id is not None, len(s.unit_path)), s)
            for s in candidates
            if path.startswith(s.unit_path)
            and (
                (post_id and s.post_id == post_id)
                or (job_id and s.job_position_id == job_id)
            )
        ]
        if matching:
            # The post's standard before the job position's; then the deepest unit.
            found[key] = max(matching, key=lambda pair: pair[0])[1]
    return found


def as_rule(standard: Standard) -> rules.Standard:
    return rules.Standard(
        degree=standard.degree,
        theory=standard.theory,
        state_management=standard.state_management,
        language=standard.language,
        it=standard.it,
        course_hours=standard.course_hours,
    )


# --- the gap report -----------------------------------------------------------


@dataclass(frozen=True)
class GapLine:
    code: str
    kind: str
    required: str
    held: str


@dataclass(frozen=True)
class GapRow:
    assignment: Assignment
    standard: Standard
    gaps: tuple[GapLine, ...]


def holders_with_standards(
    actor: Actor, *, unit: Unit | None = None, post_id: int | None = None
) -> QuerySet[Assignment]:
    """Current assignments in scope whose post or job position has a standard."""
    found = Assignment.objects.filter(
        actor.scope_q(VIEW, path="unit__path", unit_id="unit_id"),
        end_date__isnull=True,
        person__is_active=True,
    )
    found = found.filter(
        Exists(Standard.objects.filter(post_id=OuterRef("post_id")))
        | Exists(Standard.objects.filter(job_position_id=OuterRef("job_position_id")))
    )
    if unit is not None:
        found = found.filter(unit__path__pathprefix=unit.path)
    if post_id:
        found = found.filter(post_id=post_id)
    return found.order_by("unit__path", "person__sort_name", "id")


def gap_rows(assignments: Sequence[Assignment], *, today: date) -> list[GapRow]:
    """Compare each holder with the standard of their post (or job position)."""
    keys = {a.pk: (a.post_id, a.job_position_id, a.unit.path) for a in assignments}
    standards = applicable_standards(keys.values())
    held = qualifications_for({a.person_id for a in assignments}, today=today)
    rows = []
    for assignment in assignments:
        standard = standards.get(keys[assignment.pk])
        if standard is None:
            continue
        found = rules.gaps(as_rule(standard), held[assignment.person_id])
        rows.append(GapRow(assignment, standard, tuple(describe(g) for g in found)))
    return rows


def describe(gap: rules.Gap) -> GapLine:
    if gap.kind == rules.Kind.COURSE:
        return GapLine(gap.code, gap.kind, gap.required, gap.held)
    return GapLine(
        gap.code,
        gap.kind,
        level_label(gap.kind, gap.required),
        level_label(gap.kind, gap.held),
    )


def person_gaps(
    person: Person, *, today: date
) -> tuple[rules.Qualifications, list[GapRow]]:
    """The person's qualifications and the gaps against their current posts."""
    current = list(
        Assignment.objects.filter(person=person, end_date__isnull=True).select_related(
            "unit", "post", "job_position"
        )
    )
    held = qualifications_for([person.pk], today=today).get(
        person.pk, rules.Qualifications()
    )
    return held, gap_rows(current, today=today)


# --- targets ----------------------------------------------------------------


def targets_visible_to(actor: Actor) -> QuerySet[Target]:
    return Target.objects.filter(_scope(actor, VIEW)).select_related("unit")


def access_target(actor: Actor, pk: int, *, for_write: bool = False) -> Target:
    if for_write and actor.read_only:
        raise Http404
    capability = MANAGE if for_write else VIEW
    target = (
        Target.objects.filter(_scope(actor, capability))
        .select_related("unit")
        .filter(pk=pk)
        .first()
    )
    if target is None:
        raise Http404
    return target


def population_of(target: Target) -> QuerySet[Person]:
    """The people in service under the target's unit that the target counts."""
    people = Person.objects.filter(
        unit_path__pathprefix=target.unit_path, is_active=True
    )
    current = Assignment.objects.filter(person_id=OuterRef("pk"), end_date__isnull=True)
    if target.population == Target.Population.LEADERS:
        people = people.filter(Exists(current.filter(post__is_leadership=True)))
    elif target.population == Target.Population.POSTS:
        post_ids = [p.pk for p in target.posts.all()]
        people = people.filter(Exists(current.filter(post_id__in=post_ids)))
    return people


CV_FIELD = {
    Kind.DEGREE: "education",
    Kind.THEORY: "political_theory",
    Kind.STATE: "state_management",
}


def qualified_q(kind: str, level: str) -> Q:
    """People holding at least `level` of `kind`, on their CV or in a record."""
    levels = rules.at_least(rules.Kind(kind), level)
    query = Q(
        Exists(
            Training.objects.filter(
                person_id=OuterRef("pk"), kind=kind, level__in=levels
            )
        )
    )
    if kind in CV_FIELD:
        query |= Q(**{f"{CV_FIELD[Kind(kind)]}__in": levels})
    return query


@dataclass(frozen=True)
class TargetRow:
    target: Target
    progress: rules.Progress


def target_rows(targets: Iterable[Target]) -> list[TargetRow]:
    """Each target with its progress: one counting query per target."""
    rows = []
    for target in targets:
        counts = population_of(target).aggregate(
            population=Count("pk"),
            achieved=Count("pk", filter=qualified_q(target.kind, target.level)),
        )
        rows.append(
            TargetRow(
                target,
                rules.target_progress(
                    population=counts["population"],
                    achieved=counts["achieved"],
                    threshold_percent=target.threshold_percent,
                ),
            )
        )
    return rows
