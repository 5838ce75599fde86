"""Copied self-assessments: near-duplicate self-review texts.

Three comparisons over the monthly and quarterly sheets of the run's scope and
year (canbo.policy.similarity for the method):

- colleagues: the texts of one unit in one period, against each other;
- repeated: the texts of one person in the unit, across the periods of the year;
- template: each text against the template texts registered for its unit or a
  unit above it; these findings have the detector "template", and two texts
  copied from the same template are not reported as copied from each other.

The sheets are read once, ordered by unit, in chunks; each unit's texts are
compared in memory and then dropped. A group of texts up to `LSH_FROM` is
compared pair by pair: a set intersection costs about 10 µs and a signature
about 2 ms (128 hashes of some 100 shingles in pure Python), so below about 400
texts pairs are cheaper. A larger group goes through MinHash signatures and LSH
bands, so the work grows with the number of texts, not with its square. Each text keeps its
best match only: twenty copies of one text give nineteen findings, not 190.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.evaluation.models import Period, Sheet
from canbo.integrity.detectors import Threshold, setting
from canbo.integrity.models import Detector, Finding, Run, TemplateText
from canbo.org.models import PATH_STEP, Unit
from canbo.policy import similarity as sim

THRESHOLDS = (
    Threshold(
        "copied_similarity",
        gettext_lazy("Similarity of copied self-reviews"),
        sim.DEFAULT_THRESHOLD,
        0.05,
        1.0,
        help_text=gettext_lazy(
            "Jaccard index of the 5-word runs of two texts, from 0 to 1, after "
            "removing diacritics, case, punctuation and the writers' names."
        ),
    ),
    Threshold(
        "copied_min_words",
        gettext_lazy("Shortest self-review compared (words)"),
        sim.DEFAULT_MIN_WORDS,
        1,
        1000,
        integer=True,
    ),
)
LSH_FROM = 200  # groups of more texts go through MinHash and LSH
CHUNK = 2000
KINDS = (Period.Kind.MONTH, Period.Kind.QUARTER)


@dataclass(slots=True)
class Text:
    sheet_id: int
    unit_id: int
    unit_path: str
    period_id: int
    period_start: date
    person_id: int
    name: str
    submitted_at: datetime | None
    text: str
    shingles: frozenset[str] = frozenset()
    template: int | None = None

    def order(self) -> tuple[int, float, int]:
        """Earlier first: by period, then by submission (unsubmitted last), then
        by sheet."""
        at = self.submitted_at.timestamp() if self.submitted_at else float("inf")
        return (self.period_start.toordinal(), at, self.sheet_id)


@dataclass
class Context:
    run: Run
    threshold: float
    min_words: int
    units: dict[int, str]
    periods: dict[int, str]
    templates: list[tuple[TemplateText, frozenset[str]]]
    stats: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    findings: list[Finding] = field(default_factory=list)


def _period_label(kind: str, start: date) -> str:
    if kind == Period.Kind.QUARTER:
        return _("quarter %(quarter)s/%(year)s") % {
            "quarter": (start.month - 1) // 3 + 1,
            "year": start.year,
        }
    return f"{start:%m/%Y}"


def _sheets(run: Run) -> Any:
    sheets = Sheet.objects.filter(
        unit_path__pathprefix=run.unit_path,
        period__kind__in=KINDS,
        period__start__range=(date(run.year, 1, 1), date(run.year, 12, 31)),
    ).exclude(self_review="")
    if run.period_id is not None:
        sheets = sheets.filter(period_id=run.period_id)
    return sheets


def _ancestor_paths(path: str) -> list[str]:
    step = PATH_STEP + 1
    return [path[:end] for end in range(step, len(path) + 1, step)]


def _context(run: Run) -> Context:
    units = dict(
        Unit.objects.filter(path__pathprefix=run.unit_path).values_list("id", "name")
    )
    periods = {
        pk: _period_label(kind, start)
        for pk, kind, start in Period.objects.filter(
            kind__in=KINDS,
            start__range=(date(run.year, 1, 1), date(run.year, 12, 31)),
        ).values_list("id", "kind", "start")
    }
    chosen = TemplateText.objects.filter(unit_path__pathprefix=run.unit_path) | (
        TemplateText.objects.filter(unit_path__in=_ancestor_paths(run.unit_path))
    )
    templates = [
        (template, sim.shingles(sim.words(template.text)))
        for template in chosen.select_related("unit").order_by("id")
    ]
    return Context(
        run=run,
        threshold=setting(run, "copied_similarity", sim.DEFAULT_THRESHOLD),
        min_words=int(setting(run, "copied_min_words", sim.DEFAULT_MIN_WORDS)),
        units=units,
        periods=periods,
        templates=templates,
    )


def _read(run: Run) -> Iterator[Text]:
    rows = (
        _sheets(run)
        .order_by("unit_path", "id")
        .values_list(
            "id",
            "unit_id",
            "unit_path",
            "period_id",
            "period__start",
            "person_id",
            "person__full_name",
            "submitted_at",
            "self_review",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        yield Text(*row)


def _blocks(texts: Iterable[Text]) -> Iterator[list[Text]]:
    for _path, block in itertools.groupby(texts, key=lambda t: t.unit_path):
        yield list(block)


def _pairs(group: list[Text]) -> Iterable[tuple[int, int]]:
    if len(group) <= LSH_FROM:
        return itertools.combinations(range(len(group)), 2)
    signatures = [sim.minhash(t.shingles) for t in group]
    return sorted(sim.candidate_pairs(signatures, sim.DEFAULT_BANDS))


def _matches(
    context: Context, group: list[Text], pairs: Iterable[tuple[int, int]]
) -> dict[int, tuple[float, int]]:
    """For each text of the group (by index), its most similar other text at or
    above the threshold: {later text: (similarity, earlier text)}."""
    best: dict[int, tuple[float, int]] = {}
    for i, j in pairs:
        first, second = group[i], group[j]
        if first.template is not None and first.template == second.template:
            continue  # both copy the same template: reported as such
        context.stats["pairs_compared"] += 1
        value = sim.jaccard(first.shingles, second.shingles)
        if not sim.is_copy(value, context.threshold):
            continue
        later, earlier = (j, i) if first.order() <= second.order() else (i, j)
        if later not in best or value > best[later][0]:
            best[later] = (value, earlier)
    return best


def _evidence(kind: str, value: float, a: Text, b: Text) -> dict[str, Any]:
    passages = sim.shared_passages(sim.words(a.text), sim.words(b.text))
    return {
        "kind": kind,
        "similarity": round(value, 4),
        "sheets": [a.sheet_id, b.sheet_id],
        "people": [a.name, b.name],
        "periods": [a.period_id, b.period_id],
        "texts": [a.text, b.text],
        "passages": [[p.a_start, p.a_end, p.b_start, p.b_end] for p in passages],
    }


def _percent(value: float) -> str:
    return f"{round(100 * value)}%"


def _fit(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _finding(
    context: Context, detector: str, text: Text, value: float, **values: Any
) -> Finding:
    # Long unit names and template titles must still fit the columns.
    values["comparison"] = _fit(values["comparison"], 255)
    values["summary"] = _fit(values["summary"], 500)
    return Finding(
        run=context.run,
        detector=detector,
        unit_id=text.unit_id,
        unit_path=text.unit_path,
        period_id=text.period_id,
        person_id=text.person_id,
        statistic=Decimal(f"{value:.4f}"),
        threshold=Decimal(f"{context.threshold:.4f}"),
        **values,
    )


def _colleagues(context: Context, group: list[Text]) -> None:
    for later, (value, earlier) in sorted(
        _matches(context, group, _pairs(group)).items()
    ):
        a, b = group[later], group[earlier]
        unit = context.units.get(a.unit_id, "")
        period = context.periods.get(a.period_id, "")
        context.findings.append(
            _finding(
                context, Detector.COPIED, a, value, other_id=b.person_id,
                comparison=_("self-reviews of %(unit)s in %(period)s")
                % {"unit": unit, "period": period},
                summary=_("%(person)s and %(other)s wrote self-reviews %(similarity)s alike in %(period)s")
                % {"person": a.name, "other": b.name, "similarity": _percent(value),
                   "period": period},
                evidence=_evidence("colleagues", value, a, b),
            )
        )  # fmt: skip


def _repeated(context: Context, texts: list[Text]) -> None:
    texts = sorted(texts, key=Text.order)
    pairs = itertools.combinations(range(len(texts)), 2)
    for later, (value, earlier) in sorted(_matches(context, texts, pairs).items()):
        a, b = texts[later], texts[earlier]
        context.findings.append(
            _finding(
                context, Detector.COPIED, a, value,
                comparison=_("self-reviews of %(person)s in %(year)s")
                % {"person": a.name, "year": context.run.year},
                summary=_("%(person)s repeated in %(period)s the self-review of %(earlier)s (%(similarity)s alike)")
                % {"person": a.name, "period": context.periods.get(a.period_id, ""),
                   "earlier": context.periods.get(b.period_id, ""),
                   "similarity": _percent(value)},
                evidence=_evidence("repeated", value, a, b),
            )
        )  # fmt: skip


def _template(context: Context, text: Text) -> None:
    best: tuple[float, TemplateText | None] = (0.0, None)
    for template, shingles in context.templates:
        if not text.unit_path.startswith(template.unit_path):
            continue
        value = sim.jaccard(text.shingles, shingles)
        if sim.is_copy(value, context.threshold) and value > best[0]:
            best = (value, template)
    value, found = best
    if found is None:
        return
    text.template = found.pk
    passages = sim.shared_passages(sim.words(text.text), sim.words(found.text))
    context.findings.append(
        _finding(
            context, Detector.TEMPLATE, text, value,
            comparison=_("the template “%(title)s” registered for %(unit)s")
            % {"title": found.title, "unit": found.unit.name},
            summary=_("%(person)s copied the template “%(title)s” in %(period)s (%(similarity)s alike)")
            % {"person": text.name, "title": found.title,
               "period": context.periods.get(text.period_id, ""),
               "similarity": _percent(value)},
            evidence={
                "kind": "template", "similarity": round(value, 4),
                "sheets": [text.sheet_id], "template": found.pk,
                "people": [text.name, found.title], "periods": [text.period_id],
                "texts": [text.text, found.text],
                "passages": [[p.a_start, p.a_end, p.b_start, p.b_end] for p in passages],
            },
        )
    )  # fmt: skip


def _unit(context: Context, block: list[Text]) -> None:
    kept: list[Text] = []
    for text in block:
        tokens = sim.words(text.text)
        if len(tokens) < context.min_words:
            context.stats["too_short"] += 1
            continue
        text.shingles = sim.shingles(sim.mask(tokens, [text.name]))
        kept.append(text)
        _template(context, text)
    by_period: dict[int, list[Text]] = defaultdict(list)
    by_person: dict[int, list[Text]] = defaultdict(list)
    for text in kept:
        by_period[text.period_id].append(text)
        by_person[text.person_id].append(text)
    for group in by_period.values():
        if len(group) > 1:
            _colleagues(context, group)
    for texts in by_person.values():
        if len(texts) > 1:
            _repeated(context, texts)


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    """The copied and template findings of the run's scope and year (unsaved)."""
    started = time.perf_counter()
    context = _context(run)
    total = _sheets(run).count() or 1
    read = 0
    for block in _blocks(_read(run)):
        _unit(context, block)
        before, read = read, read + len(block)
        if read * 20 // total != before * 20 // total:
            progress(min(99, 100 * read // total))
    context.stats["texts"] = read
    context.stats["seconds"] = round(time.perf_counter() - started)
    run.stats["copied"] = dict(context.stats)
    return context.findings
