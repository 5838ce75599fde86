from __future__ import annotations

from django.urls import path

from canbo.evaluation.views import exports, inputs, packs, periods, sheets

app_name = "evaluation"
urlpatterns = [
    path("", periods.home, name="home"),
    path("periods/<int:pk>/", periods.period, name="period"),
    path("periods/<int:pk>/classify/", periods.classify_year, name="classify"),
    path("periods/<int:pk>/publish/", periods.publish, name="publish"),
    path("periods/<int:pk>/minutes/", periods.minutes, name="minutes"),
    path(
        "periods/<int:pk>/minutes/upload/",
        periods.upload_minutes,
        name="upload_minutes",
    ),
    path("periods/<int:pk>/reopen/", periods.reopen, name="reopen"),
    path("periods/<int:pk>/results.docx", exports.results_docx, name="results_docx"),
    path("periods/<int:pk>/results.pdf", exports.results_pdf, name="results_pdf"),
    path("periods/<int:pk>/summary.xlsx", exports.summary_xlsx, name="summary_xlsx"),
    path(
        "people/<int:person_pk>/disqualification/",
        inputs.disqualification,
        name="disqualification",
    ),
    path("units/<int:unit_pk>/rating/", inputs.unit_rating, name="unit_rating"),
    path("packs/", packs.pack_list, name="packs"),
    path("packs/new/", packs.pack_edit, name="pack_new"),
    path("packs/<str:code>/", packs.pack_detail, name="pack"),
    path("packs/<str:code>/edit/", packs.pack_edit, name="pack_edit"),
    path("sheets/<int:pk>/", sheets.sheet, name="sheet"),
    path("sheets/<int:sheet_pk>/party/", inputs.party_rating, name="party_rating"),
    path("sheets/<int:pk>/sheet.docx", exports.sheet_docx, name="sheet_docx"),
    path("sheets/<int:pk>/sheet.pdf", exports.sheet_pdf, name="sheet_pdf"),
    path("sheets/<int:pk>/self/", sheets.self_assessment, name="self"),
    path("sheets/<int:pk>/review/", sheets.review, name="review"),
    path("sheets/<int:pk>/decide/", sheets.decide, name="decide"),
]
