"""PDF versions of the official forms, rendered by WeasyPrint with the bundled
DejaVu Sans embedded (it covers every Vietnamese letter)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

FONTS = Path(__file__).resolve().parent / "fonts"


class PdfUnavailableError(RuntimeError):
    """WeasyPrint or the Pango library it needs is missing on this server."""


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a print template to PDF bytes."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango is not installed
        raise PdfUnavailableError(str(error)) from error
    html = render_to_string(template, {**context, "font_dir": FONTS.as_uri()})
    return bytes(HTML(string=html, base_url=str(FONTS)).write_pdf())
