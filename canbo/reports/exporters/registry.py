"""Every exporter, loaded: import this module to fill `base.REGISTRY`."""

from __future__ import annotations

from canbo.reports.exporters import annual, careers, lists  # noqa: F401 - they register
from canbo.reports.exporters.base import REGISTRY, Exporter

__all__ = ["REGISTRY", "exporter_for"]


def exporter_for(kind: str) -> Exporter | None:
    return REGISTRY.get(kind)
