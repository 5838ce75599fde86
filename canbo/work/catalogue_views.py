"""Product catalogue pages: read by everyone, edited by administrators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest
from canbo.imports.problems import Problem
from canbo.org.models import Unit
from canbo.org.selectors import job_positions, units_visible_to
from canbo.policy.access import Capability
from canbo.work import catalogue_io, catalogues
from canbo.work import catalogue_selectors as selectors
from canbo.work.catalogue_forms import (
    CatalogueForm,
    CatalogueImportForm,
    ProductForm,
    VersionForm,
)
from canbo.work.models import Catalogue, ProductType

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_manager(request: AuthedRequest, unit: Unit | None) -> None:
    if not selectors.can_manage(request.actor, unit):
        raise Http404


@require_GET
def catalogue_list(request: AuthedRequest) -> HttpResponse:
    raw = request.GET.get("job_position", "")
    job_position_id = int(raw) if raw.isdigit() else None
    page = Paginator(selectors.catalogues(job_position_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "job_positions": job_positions(),
        "selected": job_position_id,
        "can_create": request.actor.can_anywhere(Capability.MANAGE_CATALOGUES)
        and not request.actor.read_only,
    }
    return render(request, "work/catalogue_list.html", context)


def _unit_for(request: AuthedRequest, form: CatalogueForm) -> Unit | None:
    code = form.cleaned_data["unit_code"].strip()
    if not code:
        return None
    unit = (
        units_visible_to(request.actor, Capability.MANAGE_CATALOGUES)
        .filter(code=code)
        .first()
    )
    if unit is None:
        form.add_error(
            "unit_code",
            _("Unknown unit code “%(code)s”, or it is outside your scope.")
            % {"code": code},
        )
    return unit


@require_http_methods(["GET", "POST"])
def catalogue_create(request: AuthedRequest) -> HttpResponse:
    if request.actor.read_only or not request.actor.can_anywhere(
        Capability.MANAGE_CATALOGUES
    ):
        raise Http404
    form = CatalogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = _unit_for(request, form)
        if not form.errors:
            data = form.cleaned_data
            try:
                catalogue = catalogues.create_catalogue(
                    actor=request.actor, job_position=data["job_position"], unit=unit,
                    valid_from=data["valid_from"], note=data["note"],
                )  # fmt: skip
            except InvalidInput as error:
                add_service_errors(form, error)
            except NotAllowed:
                form.add_error(
                    "unit_code", _("You may not edit this unit's catalogues.")
                )
            else:
                messages.success(request, _("Catalogue created."))
                return redirect("catalogues:detail", catalogue.pk)
    status = 422 if form.errors else 200
    context = {"form": form, "title": _("New product catalogue")}
    return render(request, "work/catalogue_form.html", context, status=status)


def _detail_context(request: AuthedRequest, catalogue: Catalogue) -> dict[str, Any]:
    can_manage = selectors.can_manage(request.actor, catalogue.unit)
    return {
        "catalogue": catalogue,
        "groups": selectors.products_by_group(catalogue),
        "versions": selectors.versions_of(catalogue),
        "in_use": selectors.in_use(catalogue),
        "can_manage": can_manage,
        "version_form": VersionForm() if can_manage else None,
        "import_form": CatalogueImportForm() if can_manage else None,
        "history": selectors.catalogue_history(catalogue),
    }


@require_GET
def catalogue_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    catalogue = selectors.access_catalogue(pk)
    return render(
        request, "work/catalogue_detail.html", _detail_context(request, catalogue)
    )


@require_POST
def new_version(request: AuthedRequest, pk: int) -> HttpResponse:
    catalogue = selectors.access_catalogue(pk)
    _require_manager(request, catalogue.unit)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            created = catalogues.new_version(
                actor=request.actor, catalogue=catalogue,
                valid_from=form.cleaned_data["valid_from"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("New version created."))
            return redirect("catalogues:detail", created.pk)
    context = _detail_context(request, catalogue) | {"version_form": form}
    return render(request, "work/catalogue_detail.html", context, status=422)


def _product_initial(product: ProductType | None) -> dict[str, Any]:
    if product is None:
        return {}
    return {name: getattr(product, name) for name in catalogues.PRODUCT_FIELDS}


@require_http_methods(["GET", "POST"])
def product_form(
    request: AuthedRequest, pk: int | None = None, catalogue_pk: int | None = None
) -> HttpResponse:
    product = selectors.access_product(pk) if pk else None
    catalogue = (
        product.catalogue if product else selectors.access_catalogue(catalogue_pk or 0)
    )
    _require_manager(request, catalogue.unit)
    form = ProductForm(request.POST or None, initial=_product_initial(product))
    if request.method == "POST" and form.is_valid():
        values = catalogues.ProductValues(**form.cleaned_data)
        try:
            catalogues.save_product(
                actor=request.actor, catalogue=catalogue, product=product, values=values
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("catalogues:detail", catalogue.pk)
    title = _("Edit product type") if product else _("New product type")
    context = {"form": form, "title": title, "catalogue": catalogue}
    status = 422 if form.errors else 200
    return render(request, "work/catalogue_form.html", context, status=status)


@require_POST
def product_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    product = selectors.access_product(pk)
    catalogue = product.catalogue
    _require_manager(request, catalogue.unit)
    try:
        catalogues.delete_product(actor=request.actor, product=product)
    except InvalidInput as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Product type removed."))
    return redirect("catalogues:detail", catalogue.pk)


@require_GET
def catalogue_export(request: AuthedRequest, pk: int) -> HttpResponse:
    catalogue = selectors.access_catalogue(pk)
    response = HttpResponse(catalogue_io.export_catalogue(catalogue), content_type=XLSX)
    name = catalogue_io.file_name(catalogue)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def catalogue_import(request: AuthedRequest, pk: int) -> HttpResponse:
    catalogue = selectors.access_catalogue(pk)
    _require_manager(request, catalogue.unit)
    form = CatalogueImportForm(request.POST, request.FILES)
    problems: list[Problem] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        rows, found = catalogue_io.read_catalogue(
            upload.name or "", upload.size or 0, upload
        )
        problems = found.sorted(catalogue_io.COLUMNS)
        if not problems:
            try:
                target = catalogues.import_products(
                    actor=request.actor, catalogue=catalogue, rows=rows,
                    valid_from=form.cleaned_data["valid_from"],
                )  # fmt: skip
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The catalogue file has been imported."))
                return redirect("catalogues:detail", target.pk)
    context = _detail_context(request, catalogue) | {
        "import_form": form,
        "problems": problems,
    }
    return render(request, "work/catalogue_detail.html", context, status=422)
