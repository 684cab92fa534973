from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from treaty_tracker.reference.loader import (
    AcceptError,
    Correction,
    Outcome,
    ReferenceDataError,
    load,
)
from treaty_tracker.themes.cli import FORMATS, USAGE_ERROR, to_csv, to_json, to_table

CONFLICT_COLUMNS = (
    "key",
    "fact",
    "field",
    "staff value",
    "by",
    "when",
    "reason",
    "file",
    "file value",
)


def _when(correction: Correction) -> str:
    return timezone.localtime(correction.at).strftime("%Y-%m-%d %H:%M")


def _line(correction: Correction) -> str:
    """One correction in words: the fact, what the staff set (who, when, why), what the
    file says."""
    staff = ", ".join(f"{d.field} is {d.staff or '(empty)'}" for d in correction.differences)
    file = ", ".join(f"{d.field} {d.file or '(empty)'}" for d in correction.differences)
    if not correction.differences:  # accepted where staff and file already agree
        staff, file = "same value as the file", "the same"
    who = correction.by or "someone not recorded"
    why = f': "{correction.reason}"' if correction.reason else ""
    return (
        f"  {correction.fact} [{correction.key}]: {staff} (corrected by {who} on "
        f"{_when(correction)}{why}); {correction.file} says {file}"
    )


class Command(BaseCommand):
    help = (
        "Create or update the database and load the reference data (States, depositary "
        "data, and the sourced facts of CCM/CONF/2020/13 and later). Safe to run again: "
        "it changes only what differs from the reference files. A fact a person corrected "
        "(in the fact editor or the admin) is kept and reported, never overwritten: "
        "--show-conflicts lists where the staff's value and the file differ, "
        "--accept-file takes the file's value for one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="validate and report what would change, write nothing",
        )
        parser.add_argument("--no-migrate", action="store_true", help="skip migrations")
        parser.add_argument(
            "--show-conflicts",
            action="store_true",
            help="list each fact a person corrected whose value differs from the reference "
            "data (fact, field, staff value with who, when and why, file value); writes "
            "nothing",
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="table",
            help="output format of --show-conflicts (default: table)",
        )
        parser.add_argument(
            "--accept-file",
            action="append",
            default=[],
            metavar="KEY",
            help="take the reference data's value for the corrected fact KEY (the key "
            "--show-conflicts lists); the fact follows the file again from then on. "
            "Repeat for several. Needs --reason and --by",
        )
        parser.add_argument(
            "--reason", default="", help="why the file's value is taken (kept in history)"
        )
        parser.add_argument(
            "--by", metavar="USERNAME", help="who takes the file's value (kept in history)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        accept: list[str] = options["accept_file"]
        if options["show_conflicts"] and accept:
            raise CommandError(
                "--show-conflicts and --accept-file: choose one", returncode=USAGE_ERROR
            )
        if not accept and (options["reason"] or options["by"]):
            raise CommandError(
                "--reason and --by go with --accept-file KEY", returncode=USAGE_ERROR
            )
        user = self._user(options) if accept else None
        if options["show_conflicts"]:
            self._show_conflicts(options["format"])
            return
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        outcome = self._load(
            dry_run=options["dry_run"], accept=accept, by=user, reason=options["reason"]
        )
        dry = options["dry_run"]
        verb = "would be" if dry else "were"
        self.stdout.write(
            f"Reference data: {outcome.created} facts {verb} created, {outcome.updated} "
            f"updated, {outcome.unchanged} unchanged."
        )
        if outcome.accepted:
            took = "Would take" if dry else "Took"
            self.stdout.write(
                f"{took} the reference data's value for {len(outcome.accepted)} staff "
                f"correction(s), by {options['by']}:"
            )
            for correction in outcome.accepted:
                self.stdout.write(_line(correction))
        if outcome.kept:
            self.stdout.write(
                f"Kept {len(outcome.kept)} staff correction(s) where the reference data "
                "differs (a person's correction wins over the file):"
            )
            for correction in outcome.kept:
                self.stdout.write(_line(correction))
            self.stdout.write(
                "See them with `treaty-tracker setup --show-conflicts`; take the file's "
                'value with `treaty-tracker setup --accept-file KEY --reason "..." '
                "--by USERNAME`."
            )

    def _user(self, options: dict[str, Any]) -> Any:
        if not options["reason"].strip():
            raise CommandError(
                "--accept-file needs --reason: why the file's value is taken",
                returncode=USAGE_ERROR,
            )
        if not options["by"]:
            raise CommandError(
                "--accept-file needs --by USERNAME: who takes the file's value",
                returncode=USAGE_ERROR,
            )
        model = get_user_model()
        try:
            return model.objects.get(**{model.USERNAME_FIELD: options["by"]})
        except model.DoesNotExist:
            raise CommandError(
                f"--by: no user is called {options['by']!r}", returncode=USAGE_ERROR
            ) from None

    def _load(self, **kwargs: Any) -> Outcome:
        try:
            return load(**kwargs)
        except ReferenceDataError as error:
            raise CommandError(
                f"reference data has {len(error.problems)} problem(s):\n{error}"
            ) from error
        except AcceptError as error:
            raise CommandError(f"--accept-file: {error}", returncode=USAGE_ERROR) from error

    def _show_conflicts(self, output: str) -> None:
        kept = self._load(dry_run=True).kept
        if output == "json":
            self.stdout.write(to_json([c.as_dict() for c in kept]), ending="")
            return
        rows = [
            (c.key, c.fact, d.field, d.staff, c.by, _when(c), c.reason, c.file, d.file)
            for c in kept
            for d in c.differences
        ]
        if output == "csv":
            self.stdout.write(to_csv(CONFLICT_COLUMNS, rows), ending="")
            return
        if not rows:
            self.stdout.write("No staff correction differs from the reference data.")
            return
        self.stdout.write(to_table(CONFLICT_COLUMNS, rows), ending="")
