"""`{% export_link "kind" name=value … %}`: the "Export .xlsx" button of a list.

The button carries the list's current filters (the page's query string) and the
values given; it is shown only to those who may export that kind, so a page
seen by more people than its list's exporters shows it to the right ones only.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from canbo.reports.exporters.base import may_export
from canbo.reports.exporters.registry import exporter_for

register = template.Library()


@register.simple_tag(takes_context=True)
def export_link(context: dict[str, Any], kind: str, **values: Any) -> SafeString | str:
    request = context.get("request")
    actor = getattr(request, "actor", None)
    exporter = exporter_for(kind)
    if exporter is None or actor is None or not may_export(actor, exporter):
        return ""
    query = QueryDict(mutable=True)
    for name in exporter.params:
        value = values.get(name, request.GET.get(name, "") if request else "")
        if value not in (None, ""):
            query[name] = str(value)
    query["kind"] = kind
    url = f"{reverse('reports:export_new')}?{query.urlencode()}"
    return render_to_string("reports/_export_link.html", {"url": url, "kind": kind})
