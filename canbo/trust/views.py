"""Trust-vote pages: the list, the form, a session, a vote, the flagged people."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.org.models import Unit
from canbo.org.selectors import units_visible_to
from canbo.people.models import Person
from canbo.people.selectors import people_visible_to
from canbo.policy.access import Capability
from canbo.trust import messages as words
from canbo.trust import selectors, services
from canbo.trust.forms import SessionForm, SessionRows, VoteFilterForm, VoteForm
from canbo.trust.models import TrustVote

PAGE_SIZE = 25
VOTE_INPUTS = ("post", "held_on", "body", "summoned", "returned", "high", "trust",
               "low", "minutes_ref")  # fmt: skip


def _filters(request: AuthedRequest) -> tuple[VoteFilterForm, selectors.VoteFilter]:
    form = VoteFilterForm(request.GET or None)
    if not form.is_valid():
        return form, selectors.VoteFilter()
    data = form.cleaned_data
    unit: Unit | None = None
    if data["unit"]:
        unit = (
            units_visible_to(request.actor, Capability.VIEW_CAREERS)
            .filter(code=data["unit"].strip())
            .first()
        )
        if unit is None:
            form.add_error("unit", _("Unknown unit code, or it is outside your scope."))
            unit = Unit(path="-")  # matches nothing
    return form, selectors.VoteFilter(
        unit=unit, year=data["year"], outcome=data["outcome"] or ""
    )


def _may_manage(request: AuthedRequest) -> bool:
    actor = request.actor
    return not actor.read_only and actor.can_anywhere(Capability.MANAGE_CAREERS)


def home(request: AuthedRequest) -> HttpResponse:
    """The votes of the actor's scope, filtered by unit subtree, year and outcome."""
    require_anywhere(request.actor, Capability.VIEW_CAREERS)
    form, filters = _filters(request)
    listed = selectors.vote_list(request.actor, filters)
    context = {
        "form": form,
        "votes": Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_manage": _may_manage(request),
    }
    return render(request, "trust/home.html", context)


def flagged(request: AuthedRequest) -> HttpResponse:
    """People whose latest vote calls for review or dismissal."""
    require_anywhere(request.actor, Capability.VIEW_CAREERS)
    form, filters = _filters(request)
    listed = selectors.flagged(request.actor, filters)
    context = {
        "form": form,
        "votes": Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")),
        "explained": words.OUTCOME_EXPLAINED,
    }
    return render(request, "trust/flagged.html", context)


def find_person(request: AuthedRequest, ref: str) -> Person | None:
    """The staff record with this CCCD (or record number) the actor may manage."""
    ref = ref.strip()
    people = people_visible_to(request.actor, Capability.MANAGE_CAREERS)
    if len(ref) == 12 and ref.isdigit():
        return people.filter(citizen_id=ref).select_related("unit").first()
    if ref.isdigit() and len(ref) < 12:
        return people.filter(pk=int(ref)).select_related("unit").first()
    return None


def _person_or_error(request: AuthedRequest, form: Any, field: str) -> Person | None:
    person = find_person(request, form.cleaned_data[field])
    if person is None:
        form.add_error(
            field,
            _("No staff record with this citizen ID in your scope."),
        )
    return person


@require_http_methods(["GET", "POST"])
def new_vote(request: AuthedRequest) -> HttpResponse:
    """Record one trust vote."""
    if not _may_manage(request):
        raise Http404
    if request.method == "POST":
        form = VoteForm(request.POST)
        if form.is_valid():
            person = _person_or_error(request, form, "person")
            if person is not None:
                values = {k: form.cleaned_data[k] for k in VOTE_INPUTS}
                try:
                    vote = services.record_vote(
                        actor=request.actor, person=person, **values
                    )
                except InvalidInput as error:
                    add_service_errors(form, error)
                except NotAllowed:
                    form.add_error("person", _("This person is outside your scope."))
                else:
                    messages.success(request, _("The trust vote is recorded."))
                    return redirect("trust:vote", vote.pk)
    else:
        initial: dict[str, Any] = {"held_on": timezone.localdate()}
        ref = request.GET.get("person", "")
        person = find_person(request, ref) if ref else None
        if person is not None:
            initial["person"] = person.citizen_id
        form = VoteForm(initial=initial)
    status = 422 if form.errors else 200
    context = {"form": form, "title": _("Record a trust vote")}
    return render(request, "trust/vote_form.html", context, status=status)


def vote(request: AuthedRequest, pk: int) -> HttpResponse:
    """A vote: the shares of the ballots and the outcome explained."""
    found = selectors.access_vote(request.actor, pk)
    returned = found.returned or 1
    shares = [
        ("high", _("High trust"), found.high, 100 * found.high / returned),
        ("trust", _("Trust"), found.trust, 100 * found.trust / returned),
        ("low", _("Low trust"), found.low, 100 * found.low / returned),
    ]
    spoilt = found.returned - found.high - found.trust - found.low
    context = {
        "vote": found,
        "shares": shares,
        "spoilt": spoilt,
        "explained": words.OUTCOME_EXPLAINED[found.outcome],
        "can_manage": selectors.can_manage(
            request.actor, found.unit_path, found.unit_id
        ),
        "turnout": 100 * found.returned / (found.summoned or 1),
    }
    return render(request, "trust/vote.html", context)


@require_http_methods(["GET", "POST"])
def edit_vote(request: AuthedRequest, pk: int) -> HttpResponse:
    """Correct a vote; the outcome is computed again."""
    found = selectors.access_vote(request.actor, pk, for_write=True)
    if request.method == "POST":
        form = VoteForm(request.POST, editing=True)
        if form.is_valid():
            values = {k: form.cleaned_data[k] for k in VOTE_INPUTS}
            try:
                services.update_vote(actor=request.actor, vote=found, **values)
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The trust vote is corrected."))
                return redirect("trust:vote", found.pk)
    else:
        form = VoteForm(
            initial={k: getattr(found, k) for k in VOTE_INPUTS}, editing=True
        )
    status = 422 if form.errors else 200
    context = {
        "form": form,
        "vote": found,
        "title": _("Correct the trust vote of %(name)s")
        % {"name": found.person.full_name},
    }
    return render(request, "trust/vote_form.html", context, status=status)


@require_POST
def delete_vote(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_vote(request.actor, pk, for_write=True)
    try:
        services.delete_vote(actor=request.actor, vote=found)
    except InvalidInput as error:
        flash_errors(request, error)
        return redirect("trust:vote", found.pk)
    messages.success(request, _("The trust vote is deleted."))
    return redirect("trust:home")


def _row_values(
    request: AuthedRequest, rows: Any
) -> tuple[list[services.SessionRow], bool]:
    found: list[services.SessionRow] = []
    ok = True
    for row in rows.forms:
        data = row.cleaned_data
        if not data.get("person"):
            continue
        person = _person_or_error(request, row, "person")
        if person is None:
            ok = False
            continue
        found.append(
            services.SessionRow(person, data["high"], data["trust"], data["low"])
        )
    return found, ok


def _session_errors(form: SessionForm, rows: Any, error: InvalidInput) -> None:
    """Put each service error on the session form or on its row."""
    filled = [r for r in rows.forms if r.cleaned_data.get("person")]
    for field, reasons in error.errors.items():
        parts = field.split(".")
        if parts[0] == "rows" and len(parts) == 3 and int(parts[1]) < len(filled):
            target = filled[int(parts[1])]
            name = parts[2] if parts[2] in target.fields else None
            for reason in reasons:
                target.add_error(name, reason)
        else:
            for reason in reasons:
                form.add_error(field if field in form.fields else None, reason)


@require_http_methods(["GET", "POST"])
def session(request: AuthedRequest) -> HttpResponse:
    """Several people voted on by the same body on the same day: one row each."""
    if not _may_manage(request):
        raise Http404
    if request.method == "POST":
        form = SessionForm(request.POST)
        rows = SessionRows(request.POST, prefix="rows")
        if form.is_valid() and rows.is_valid():
            people, ok = _row_values(request, rows)
            if not people and ok:
                form.add_error(None, _("Add at least one person."))
            elif ok:
                try:
                    votes = services.record_session(
                        actor=request.actor, rows=people, **form.cleaned_data
                    )
                except InvalidInput as error:
                    _session_errors(form, rows, error)
                else:
                    messages.success(
                        request,
                        _("%(n)s trust votes are recorded.") % {"n": len(votes)},
                    )
                    return redirect("trust:home")
    else:
        form = SessionForm(initial={"held_on": timezone.localdate()})
        rows = SessionRows(prefix="rows")
    has_errors = bool(form.errors) or any(r.errors for r in rows.forms)
    context = {"form": form, "rows": rows}
    return render(
        request, "trust/session.html", context, status=422 if has_errors else 200
    )


def outcome_words(vote: TrustVote) -> str:
    return str(words.OUTCOME_EXPLAINED[vote.outcome])
