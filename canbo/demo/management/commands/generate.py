"""`canbo generate --staff N [--seed S]`: fill an empty database with a demo province."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.demo.generate import (
    DEFAULT_TODAY,
    GenerationError,
    Summary,
    generate_province,
)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("--today must be a date written YYYY-MM-DD, not “%(value)s”.")
            % {"value": value}
        ) from exc


class Command(BaseCommand):
    help = (
        "Generate a realistic demo province (units, posts, job positions, staff, assignments, "
        "relatives) in bulk. The same seed and --today give the same data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--staff",
            type=int,
            required=True,
            help="Number of staff to generate (at least 100).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (default 1)."
        )
        parser.add_argument(
            "--today",
            default=DEFAULT_TODAY.isoformat(),
            help="Reference date for ages, retirement and service (default %(default)s).",
        )
        parser.add_argument(
            "--task-months",
            type=int,
            default=12,
            help=(
                "Months of tasks to generate, ending at --today, about eight per person "
                "a month (default 12; 0 generates no tasks)."
            ),
        )
        parser.add_argument(
            "--no-evaluations",
            action="store_true",
            help=(
                "Do not generate evaluations (by default: published monthly sheets for "
                "the 12 months before --today's month and a year for the last complete "
                "year, with planted cases for the integrity analytics)."
            ),
        )
        parser.add_argument(
            "--truth",
            type=Path,
            help=(
                "Write what was planted in the evaluations (copied sheet pairs, lenient "
                "unit ids, uniform evaluator and favouring head user ids) to this JSON "
                "file, for measuring the integrity analytics; the database keeps none of it."
            ),
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add a second demo province even if the database already has units.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["today"])
        if options["task_months"] < 0:
            raise CommandError(_("--task-months must be 0 or more."))
        try:
            summary = generate_province(
                staff=options["staff"],
                seed=options["seed"],
                today=today,
                append=options["append"],
                progress=self.stdout.write,
                task_months=options["task_months"],
                evaluations=not options["no_evaluations"],
            )
        except GenerationError as exc:
            raise CommandError(str(exc)) from exc
        self._report(summary)
        if options["truth"] and summary.evaluations is not None:
            truth = dataclasses.asdict(summary.evaluations.truth)
            options["truth"].write_text(json.dumps(truth, indent=1))

    def _report(self, summary: Summary) -> None:
        kinds = ", ".join(
            f"{kind} {count:,}" for kind, count in sorted(summary.units_by_kind.items())
        )
        categories = ", ".join(
            f"{name} {count:,}"
            for name, count in sorted(summary.staff_by_category.items())
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Generated %(staff)s staff in %(units)s units in %(seconds).1f s.")
                % {
                    "staff": f"{summary.staff:,}",
                    "units": f"{summary.units:,}",
                    "seconds": summary.seconds,
                }
            )
        )
        self.stdout.write(f"  units: {kinds}")
        self.stdout.write(f"  staff: {categories}")
        self.stdout.write(
            f"  assignments {summary.assignments:,}, relatives {summary.relatives:,}"
        )
        careers = ", ".join(f"{app} {rows:,}" for app, rows in summary.careers.items())
        self.stdout.write(
            f"  careers records: {careers} ({summary.careers_seconds:.1f} s)"
        )
        self.stdout.write(f"  root unit: {summary.root_code} (id {summary.root_id})")
        if summary.tasks is not None:
            done = summary.tasks
            self.stdout.write(
                f"  tasks {done.tasks:,}, submissions {done.submissions:,}, "
                f"reviews {done.reviews:,}, extension requests {done.extensions:,}, "
                f"product types {done.product_types:,} in {done.catalogues:,} catalogues "
                f"({done.seconds:.1f} s)"
            )
        if summary.evaluations is not None:
            made = summary.evaluations
            truth = made.truth
            self.stdout.write(
                f"  evaluation periods {made.periods:,}, sheets {made.sheets:,}, "
                f"year sheets {made.year_sheets:,}, unit ratings {made.unit_ratings:,} "
                f"({made.seconds:.1f} s)"
            )
            self.stdout.write(
                f"  planted: {len(truth.copied_pairs):,} copied and "
                f"{len(truth.repeated_pairs):,} repeated self-reviews, "
                f"{sum(map(len, truth.template_sheets.values())):,} template copies, "
                f"{len(truth.lenient_units):,} lenient units, "
                f"{len(truth.uniform_evaluators):,} uniform evaluators, "
                f"{len(truth.favouring_heads):,} favouring heads"
            )
