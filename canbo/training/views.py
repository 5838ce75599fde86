"""Training pages: targets, records, standards and the gap report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.org.models import Post
from canbo.org.selectors import access_unit, units_visible_to
from canbo.policy.access import Capability
from canbo.training import selectors, services
from canbo.training.forms import RecordFilterForm, RecordForm, StandardForm, TargetForm
from canbo.training.models import Standard, Target, Training

PAGE_SIZE = 25
VIEW = Capability.VIEW_CAREERS
MANAGE = Capability.MANAGE_CAREERS


def _can_manage_anywhere(request: AuthedRequest) -> bool:
    return not request.actor.read_only and request.actor.can_anywhere(MANAGE)


def home(request: AuthedRequest) -> HttpResponse:
    """The targets of the actor's scope as progress bars, and the ways in."""
    actor = request.actor
    require_anywhere(actor, VIEW)
    targets = selectors.targets_visible_to(actor).prefetch_related("posts")
    page = Paginator(targets, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "rows": selectors.target_rows(page.object_list),
        "page": page,
        "can_manage": _can_manage_anywhere(request),
    }
    return render(request, "training/home.html", context)


def record_list(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    require_anywhere(actor, VIEW)
    data = request.GET.copy()
    if "subtree" not in data:
        data["subtree"] = "on"
    form = RecordFilterForm(data)
    form.fields["unit"].queryset = units_visible_to(actor, VIEW)  # type: ignore[attr-defined]
    filters = selectors.RecordFilter()
    if form.is_valid():
        cleaned = form.cleaned_data
        filters = selectors.RecordFilter(
            unit=cleaned["unit"],
            subtree=cleaned["subtree"],
            kind=cleaned["kind"],
            year=cleaned["year"],
        )
    records = selectors.record_list(actor, filters)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/record_list.html",
        {"form": form, "page": page, "can_manage": _can_manage_anywhere(request)},
    )


def _save_record(
    request: AuthedRequest, form: RecordForm, record: Training | None, person: Any
) -> Training | None:
    if request.method != "POST" or not form.is_valid():
        return None
    upload = form.cleaned_data.get("certificate_file")
    try:
        if record is None:
            return services.record_training(
                actor=request.actor,
                person=person,
                certificate_file=upload,
                **form.values(),
            )
        return services.update_training(
            actor=request.actor,
            record=record,
            version=form.cleaned_data.get("version"),
            certificate_file=upload,
            **form.values(),
        )
    except InvalidInput as error:
        add_service_errors(form, error)
    except NotAllowed:
        form.add_error(None, _("You may not enter training records for this person."))
    return None


def record_create(request: AuthedRequest) -> HttpResponse:
    """Enter a record for the person named by ?person=<id> (from their profile)."""
    try:
        person_id = int(request.GET.get("person", ""))
    except ValueError:
        raise Http404 from None
    person = selectors.access_person_to_record(request.actor, person_id)
    form = RecordForm(request.POST or None, request.FILES or None)
    record = _save_record(request, form, None, person)
    if record is not None:
        messages.success(request, _("The training record was saved."))
        return redirect(reverse("people:detail", args=[person.pk]))
    return render(
        request,
        "training/record_form.html",
        {"form": form, "person": person, "record": None},
    )


def record_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    record = selectors.access_record(request.actor, pk, for_write=True)
    initial = {
        name: getattr(record, name)
        for name in services.RECORD_FIELDS
        if name in RecordForm.base_fields
    }
    initial["version"] = record.version
    form = RecordForm(request.POST or None, request.FILES or None, initial=initial)
    saved = _save_record(request, form, record, record.person)
    if saved is not None:
        messages.success(request, _("The training record was saved."))
        return redirect(reverse("people:detail", args=[record.person_id]))
    return render(
        request,
        "training/record_form.html",
        {"form": form, "person": record.person, "record": record},
    )


@require_POST
def record_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    record = selectors.access_record(request.actor, pk, for_write=True)
    services.delete_training(actor=request.actor, record=record)
    messages.success(request, _("The training record was deleted."))
    return redirect(reverse("people:detail", args=[record.person_id]))


def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    """Serve a certificate to those who may see the record, never by a raw URL."""
    found = selectors.certificate_of(request.actor, pk)
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    return response


def standard_list(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    require_anywhere(actor, VIEW)
    standards = selectors.standard_list(actor).order_by(
        "unit_path", "post__name", "job_position__name", "id"
    )
    page = Paginator(standards, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(s, selectors.can_edit_standard(actor, s.unit)) for s in page.object_list]
    return render(
        request,
        "training/standard_list.html",
        {
            "page": page,
            "rows": rows,
            "can_add": selectors.can_add_standards(actor),
        },
    )


def _standard_units(request: AuthedRequest) -> Any:
    return units_visible_to(request.actor, MANAGE) | units_visible_to(
        request.actor, Capability.MANAGE_CATALOGUES
    )


def _save_standard(
    request: AuthedRequest, form: StandardForm, standard: Standard | None
) -> Standard | None:
    if request.method != "POST" or not form.is_valid():
        return None
    cleaned = form.cleaned_data
    values = {name: cleaned[name] for name in services.STANDARD_FIELDS}
    try:
        if standard is None:
            return services.save_standard(
                actor=request.actor,
                post=cleaned["post"],
                job_position=cleaned["job_position"],
                unit=cleaned["unit"],
                **values,
            )
        return services.save_standard(
            actor=request.actor,
            standard=standard,
            version=cleaned.get("version"),
            **values,
        )
    except InvalidInput as error:
        add_service_errors(form, error)  # type: ignore[arg-type]
    except NotAllowed:
        form.add_error("unit", _("You may not set standards for this unit."))
    return None


def standard_create(request: AuthedRequest) -> HttpResponse:
    if not selectors.can_add_standards(request.actor):
        raise Http404
    form = StandardForm(request.POST or None, units=_standard_units(request))
    if _save_standard(request, form, None) is not None:
        messages.success(request, _("The standard was saved."))
        return redirect("training:standards")
    return render(
        request, "training/standard_form.html", {"form": form, "standard": None}
    )


def standard_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    standard = selectors.access_standard(request.actor, pk, for_write=True)
    form = StandardForm(
        request.POST or None,
        instance=standard,
        initial={"version": standard.version},
        units=_standard_units(request),
    )
    if _save_standard(request, form, standard) is not None:
        messages.success(request, _("The standard was saved."))
        return redirect("training:standards")
    return render(
        request, "training/standard_form.html", {"form": form, "standard": standard}
    )


def gap_report(request: AuthedRequest) -> HttpResponse:
    """Each holder of a post or job position with a standard, and their gaps."""
    actor = request.actor
    require_anywhere(actor, VIEW)
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = access_unit(actor, int(request.GET["unit"]))
    post_id = request.GET.get("post", "")
    holders = selectors.holders_with_standards(
        actor, unit=unit, post_id=int(post_id) if post_id.isdigit() else None
    ).select_related("person", "unit", "post", "job_position")
    page = Paginator(holders, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.gap_rows(list(page.object_list), today=timezone.localdate())
    return render(
        request,
        "training/gaps.html",
        {
            "page": page,
            "rows": rows,
            "unit": unit,
            "units": units_visible_to(actor, VIEW).order_by("path")[:500],
            "posts": Post.objects.order_by("-rank", "name"),
            "post_id": int(post_id) if post_id.isdigit() else None,
        },
    )


def _target_form(request: AuthedRequest, target: Target | None) -> TargetForm:
    initial: dict[str, Any] = {}
    if target is not None:
        initial = {
            "version": target.version,
            "name": target.name,
            "unit": target.unit,
            "population": target.population,
            "posts": list(target.posts.all()),
            "kind": target.kind,
            "level": target.level,
            "threshold_percent": target.threshold_percent,
            "year": target.year,
            "basis": target.basis,
        }
    form = TargetForm(request.POST or None, initial=initial)
    form.fields["unit"].queryset = units_visible_to(request.actor, MANAGE)  # type: ignore[attr-defined]
    return form


def _save_target(
    request: AuthedRequest, form: TargetForm, target: Target | None
) -> Target | None:
    if request.method != "POST" or not form.is_valid():
        return None
    cleaned = form.cleaned_data
    try:
        return services.save_target(
            actor=request.actor,
            unit=cleaned["unit"],
            target=target,
            posts=cleaned["posts"],
            version=cleaned.get("version"),
            **form.values(),
        )
    except InvalidInput as error:
        add_service_errors(form, error)
    except NotAllowed:
        form.add_error("unit", _("You may not set targets for this unit."))
    return None


def target_create(request: AuthedRequest) -> HttpResponse:
    if not _can_manage_anywhere(request):
        raise Http404
    form = _target_form(request, None)
    if _save_target(request, form, None) is not None:
        messages.success(request, _("The target was saved."))
        return redirect("training:home")
    return render(request, "training/target_form.html", {"form": form, "target": None})


def target_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    target = selectors.access_target(request.actor, pk, for_write=True)
    form = _target_form(request, target)
    if _save_target(request, form, target) is not None:
        messages.success(request, _("The target was saved."))
        return redirect("training:home")
    return render(
        request, "training/target_form.html", {"form": form, "target": target}
    )
