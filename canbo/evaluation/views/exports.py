"""Downloads of the official forms: .docx, .pdf and the year's .xlsx."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from canbo.core.http import AuthedRequest
from canbo.evaluation import exports, selectors
from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.pdf import PdfUnavailableError, render_pdf
from canbo.evaluation.scores import criteria_rows, pack_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _pdf(template: str, context: dict[str, object], name: str) -> HttpResponse:
    try:
        content = render_pdf(template, context)
    except PdfUnavailableError:
        message = _(
            "PDF export is not available on this server: it needs the Pango library."
        )
        return HttpResponse(
            message, status=503, content_type="text/plain; charset=utf-8"
        )
    return _file(content, "application/pdf", name)


def sheet_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    sheet = selectors.access_sheet(request.actor, pk)
    return _file(exports.sheet_docx(sheet), DOCX, f"phieu-danh-gia-{sheet.pk}.docx")


def sheet_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    sheet = selectors.access_sheet(request.actor, pk)
    pack = pack_of(sheet)
    rows = criteria_rows(sheet, pack)
    context = {"sheet": sheet, "pack": pack, "rows": rows}
    return _pdf(
        "evaluation/print/sheet.html", context, f"phieu-danh-gia-{sheet.pk}.pdf"
    )


def _results(request: AuthedRequest, pk: int) -> tuple[Period, list[Sheet]]:
    """The period and the sheets of it the actor may see."""
    period = selectors.access_period(request.actor, pk)
    return period, list(selectors.period_sheets(request.actor, period))


def results_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    period, sheets = _results(request, pk)
    return _file(
        exports.results_docx(period, sheets), DOCX, f"ket-qua-{period.pk}.docx"
    )


def results_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    period, sheets = _results(request, pk)
    context = {"period": period, "sheets": sheets}
    return _pdf("evaluation/print/results.html", context, f"ket-qua-{period.pk}.pdf")


def summary_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    period, sheets = _results(request, pk)
    return _file(exports.year_xlsx(period, sheets), XLSX, f"tong-hop-{period.pk}.xlsx")
