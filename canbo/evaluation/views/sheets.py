"""A sheet: its figures and points, and the step the viewer may take on it."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.evaluation import selectors, sheets
from canbo.evaluation.forms import (
    DecisionForm,
    PartyRatingForm,
    ReviewForm,
    SelfAssessmentForm,
    points_of,
)
from canbo.evaluation.models import PartyRating, Period, Sheet
from canbo.evaluation.scores import criteria_rows, pack_of
from canbo.policy.access import Capability
from canbo.policy.levels import classify

SELF, REVIEW, DECIDE = "self", "review", "decide"
REASONS = {
    "worked_less_than_min_months": gettext_lazy(
        "Not classified: fewer months worked than the rules require."
    ),
    "no_period_scores": gettext_lazy("Not classified: no scored month or quarter."),
    "discipline": gettext_lazy("Not completed: disciplined in the year."),
    "degradation": gettext_lazy("Not completed: a conclusion of degradation."),
    "corruption_in_unit": gettext_lazy(
        "Not completed: corruption or waste in a unit the leader manages."
    ),
    "quota": gettext_lazy("Lowered to good by the excellence quota."),
    "capped_by_unit": gettext_lazy("Lowered to the level of the unit it heads."),
}


def _step(actor: Actor, sheet: Sheet) -> str:
    """The step this viewer may take on the sheet now, or ""."""
    if actor.read_only or sheet.period.status != Period.Status.OPEN:
        return ""
    own = actor.person_id is not None and actor.person_id == sheet.person_id
    if own:
        return SELF if sheet.status == Sheet.Status.DRAFT else ""
    decides = actor.covers(Capability.DECIDE_LEVELS, sheet.unit_path, sheet.unit_id)
    reviews = actor.covers(Capability.REVIEW_SHEETS, sheet.unit_path, sheet.unit_id)
    if decides and sheet.status in (Sheet.Status.REVIEWED, Sheet.Status.DECIDED):
        return DECIDE
    if reviews and sheet.status in (Sheet.Status.SUBMITTED, Sheet.Status.REVIEWED):
        return REVIEW
    return ""


def _proposal(sheet: Sheet) -> str:
    return classify(float(sheet.score)).value if sheet.score is not None else ""


def _form(step: str, sheet: Sheet, data: QueryDict | None = None) -> forms.Form | None:
    pack = pack_of(sheet)
    if step == SELF:
        return SelfAssessmentForm(data, pack=pack, sheet=sheet)
    if step == REVIEW:
        return ReviewForm(data, pack=pack, sheet=sheet, proposal=_proposal(sheet))
    if step == DECIDE:
        initial = {
            "level": sheet.level or sheet.proposed_level,
            "version": sheet.version,
        }
        return DecisionForm(data, initial=initial)
    return None


def _render(
    request: AuthedRequest, sheet: Sheet, form: forms.Form | None, status: int = 200
) -> HttpResponse:
    pack = pack_of(sheet)
    rows = criteria_rows(sheet, pack)
    published = sheet.period.status == Period.Status.PUBLISHED
    context = {
        "sheet": sheet, "pack": pack, "rows": rows, "form": form,
        "step": _step(request.actor, sheet), "proposal": _proposal(sheet),
        "show_level": published or request.actor.person_id != sheet.person_id,
        "reasons": [(code, str(REASONS.get(code, code))) for code in sheet.reasons],
        **_party(request.actor, sheet),
    }  # fmt: skip
    return render(request, "evaluation/sheet.html", context, status=status)


def _party(actor: Actor, sheet: Sheet) -> dict[str, object]:
    """The Party rating of a published year sheet, and its form for the head."""
    year = sheet.period.kind == Period.Kind.YEAR
    if not year or sheet.person.party_join_date is None:
        return {}
    rating = PartyRating.objects.filter(
        person=sheet.person, year=sheet.period.start.year
    ).first()
    can_rate = (
        sheet.period.status == Period.Status.PUBLISHED
        and not actor.read_only
        and actor.person_id != sheet.person_id
        and actor.covers(Capability.DECIDE_LEVELS, sheet.unit_path, sheet.unit_id)
    )
    return {
        "party_rating": rating,
        "party_form": PartyRatingForm() if can_rate else None,
    }


def sheet(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_sheet(request.actor, pk)
    return _render(request, found, _form(_step(request.actor, found), found))


Call = Callable[[Actor, Sheet, forms.Form], object]


def _act(
    request: AuthedRequest, pk: int, step: str, call: Call, done: str
) -> HttpResponse:
    found = selectors.access_sheet(request.actor, pk)
    if _step(request.actor, found) != step:
        raise Http404
    form = _form(step, found, request.POST)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            call(request.actor, found, form)
        except InvalidInput as error:
            add_service_errors(form, error)
            conflict = str(sheets.CONFLICT) in form.non_field_errors()
            return _render(request, found, form, status=409 if conflict else 422)
        except NotAllowed:
            raise Http404 from None
        messages.success(request, done)
        return redirect("evaluation:sheet", pk)
    return _render(request, found, form, status=422)


@require_POST
def self_assessment(request: AuthedRequest, pk: int) -> HttpResponse:
    submit = "submit" in request.POST

    def call(actor: Actor, found: Sheet, form: forms.Form) -> object:
        comments = form.comments() if isinstance(form, SelfAssessmentForm) else {}
        return sheets.self_assess(
            actor=actor, sheet=found, points=points_of(form, pack_of(found)),
            comments=comments, review_text=form.cleaned_data["self_review"],
            submit=submit, version=form.cleaned_data["version"],
        )  # fmt: skip

    done = _("Your self-assessment was submitted.") if submit else _("Saved.")
    return _act(request, pk, SELF, call, done)


@require_POST
def review(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(actor: Actor, found: Sheet, form: forms.Form) -> object:
        data = form.cleaned_data
        parts: dict[str, object] = {
            k: data[k] for k in ("unit_result", "organise", "unite") if k in data
        }
        return sheets.review_sheet(
            actor=actor, sheet=found, points=points_of(form, pack_of(found)),
            reason=data["reason"], proposed_level=data["proposed_level"],
            leader_parts=parts or None, version=data["version"],
        )  # fmt: skip

    return _act(request, pk, REVIEW, call, _("The review was saved."))


@require_POST
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(actor: Actor, found: Sheet, form: forms.Form) -> object:
        data = form.cleaned_data
        return sheets.decide_sheet(
            actor=actor, sheet=found, level=data["level"], note=data["note"],
            version=data["version"],
        )  # fmt: skip

    return _act(request, pk, DECIDE, call, _("The level was decided."))
