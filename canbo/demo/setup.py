"""The demo set-up behind `canbo serve`: a generated province and one login per role.

Demo logins share one printed password, so they are only ever created on the
generated demo province (its root unit has the code "AS"): a database holding real
data gets no demo accounts. Running the set-up again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet

from canbo.accounts import services as accounts
from canbo.accounts.models import RoleGrant, User
from canbo.core.audit import log_action
from canbo.demo.generate import (
    Progress,
    Summary,
    generate_province,
    store_dashboards,
)
from canbo.demo.generate.evaluations import GENERATED_USER, generate_evaluations
from canbo.demo.generate.tasks import generate_tasks
from canbo.org.models import Unit
from canbo.people.models import Assignment, Person
from canbo.policy.access import Role

DEMO_PASSWORD = "canbo-demo-2026"  # noqa: S105  (published on purpose: demo data only)
DEMO_STAFF = 3000
DEMO_SEED = 2026
DEMO_ROOT_CODE = "AS"
DEMO_DEPARTMENT_CODE = "AS-SNV"  # Sở Nội vụ
DEMO_TASK_MONTHS = 12  # about 270,000 tasks for 3,000 staff: ~11 s on SQLite


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    unit: Unit
    subtree: bool
    person: Person | None = None
    created: bool = False


def _current(unit: Unit) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        unit=unit, end_date__isnull=True, is_primary=True
    ).select_related("person")


def _head_of(unit: Unit) -> Person | None:
    """The person holding the unit's highest post."""
    found = (
        _current(unit)
        .filter(post__isnull=False)
        .order_by("-post__rank", "person_id")
        .first()
    )
    return found.person if found else None


def _professional_in(unit: Unit) -> Person | None:
    found = _current(unit).filter(post__isnull=True).order_by("person_id").first()
    return found.person if found else None


def _demo_division(department: Unit) -> Unit:
    """The department's first specialist division (or its office when it has only that)."""
    divisions = list(
        department.children.filter(kind=Unit.Kind.DIVISION).order_by("code")
    )
    return divisions[1] if len(divisions) > 1 else divisions[0]


def demo_plan() -> list[DemoLogin]:
    """Return who gets which role where in the demo province (nothing is written)."""
    root = Unit.objects.get(code=DEMO_ROOT_CODE)
    department = Unit.objects.get(code=DEMO_DEPARTMENT_CODE)
    division = _demo_division(department)
    return [
        DemoLogin("admin", Role.ADMIN, root, True),
        DemoLogin("personnel", Role.PERSONNEL, root, True),
        DemoLogin("head", Role.HEAD, department, True, _head_of(department)),
        DemoLogin("manager", Role.MANAGER, division, False, _head_of(division)),
        DemoLogin("staff", Role.STAFF, division, False, _professional_in(division)),
        DemoLogin("auditor", Role.AUDITOR, root, True),
    ]


def _ensure_login(login: DemoLogin) -> DemoLogin:
    user = User.objects.filter(username=login.username).first()
    created = user is None
    if user is None and login.person is not None:
        user = _claim_generated(login)
    if user is None:
        name = login.person.full_name if login.person else ""
        user = accounts.create_user(
            actor=None,
            username=login.username,
            password=DEMO_PASSWORD,
            person=login.person,
            full_name=name,
        )
    held = RoleGrant.objects.filter(
        user=user, role=login.role.value, unit=login.unit, include_subtree=login.subtree
    )
    if not held.exists():
        accounts.grant_role(
            actor=None,
            user=user,
            role=login.role,
            unit=login.unit,
            include_subtree=login.subtree,
        )
    if login.role == Role.ADMIN and not user.is_superuser:
        _make_superuser(user)
    return DemoLogin(
        login.username, login.role, login.unit, login.subtree, user.person, created
    )


@transaction.atomic
def _claim_generated(login: DemoLogin) -> User | None:
    """Turn the inactive login the evaluation generator made for the person (it
    names them as evaluator) into their demo login. Audit: demo.user.claimed."""
    if login.person is None:
        return None
    user = User.objects.filter(
        person=login.person,
        username=GENERATED_USER.format(person=login.person.pk),
    ).first()
    if user is None:
        return None
    user.username, user.is_active = login.username, True
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["username", "is_active", "password"])
    log_action("demo.user.claimed", actor=None, obj=user, data={"user": user.username})
    return user


@transaction.atomic
def _make_superuser(user: User) -> None:
    """Let the demo administrator create root units. Audit: demo.superuser.granted."""
    user.is_superuser = True
    user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    log_action(
        "demo.superuser.granted", actor=None, obj=user, data={"user": user.username}
    )


def has_demo_province() -> bool:
    return Unit.objects.filter(code=DEMO_ROOT_CODE, parent__isnull=True).exists()


def ensure_demo(
    *,
    today: date,
    progress: Progress,
    staff: int = DEMO_STAFF,
    task_months: int = 0,
    evaluations: bool = False,
) -> tuple[Summary | None, list[DemoLogin]]:
    """Generate the demo province if the database has no units, then ensure the logins.

    With `task_months`, a freshly generated province also gets that many months
    of tasks, generated after the logins so the demo heads assign their units' work;
    with `evaluations`, a year of evaluations, reviewed and decided by the demo
    heads and managers where they are their units' heads.

    Returns the generation summary (None when nothing was generated) and the logins;
    no logins when the database holds units that are not the demo province.
    """
    summary = None
    if not Unit.objects.exists():
        summary = generate_province(
            staff=staff, seed=DEMO_SEED, today=today, progress=progress,
            snapshots=False,
        )  # fmt: skip
    if not has_demo_province():
        return summary, []
    logins = [_ensure_login(login) for login in demo_plan()]
    if summary is not None and task_months > 0:
        with transaction.atomic():
            summary.tasks = generate_tasks(
                months=task_months, seed=DEMO_SEED, today=today,
                root_path=Unit.objects.get(code=DEMO_ROOT_CODE).path, progress=progress,
            )  # fmt: skip
    if summary is not None and evaluations:
        with transaction.atomic():
            summary.evaluations = generate_evaluations(
                seed=DEMO_SEED, today=today, progress=progress,
                root_path=Unit.objects.get(code=DEMO_ROOT_CODE).path,
            )  # fmt: skip
    if summary is not None:
        with transaction.atomic():
            root = Unit.objects.get(code=DEMO_ROOT_CODE)
            summary.snapshots = store_dashboards(root.path, today, progress)
            if evaluations:
                _queue_analyses(root, today.year)
    return summary, logins


def _queue_analyses(root: Unit, year: int) -> None:
    """Queue every integrity detector over the demo province for `year`, as the
    demo auditor: the worker runs them, so the demo shows findings to review."""
    from canbo.core.actor import actor_for
    from canbo.integrity.detectors import RUNNABLE
    from canbo.integrity.services import start_run

    auditor = User.objects.get(username="auditor")
    start_run(actor=actor_for(auditor), unit=root, year=year, detectors=RUNNABLE)
