from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from treaty_tracker.themes.cli import USAGE_ERROR, add_format, to_csv, to_json, to_table
from treaty_tracker.transparency.models import DraftUpload
from treaty_tracker.transparency.services import report_upload_purge, report_uploads_to_purge

HEADER = ("id", "state", "kind", "year", "original_name", "size", "sha256", "uploaded_at")


def _row(upload: DraftUpload) -> tuple[Any, ...]:
    return (
        upload.pk,
        upload.state.iso3,
        upload.kind,
        upload.year,
        upload.original_name,
        upload.size,
        upload.sha256,
        upload.uploaded_at.isoformat(),
    )


class Command(BaseCommand):
    help = (
        "Keep the log of files focal points uploaded into drafts within its retention "
        "limit. 'uploads purge' deletes the stored file of every refused upload older than "
        "REFUSED_UPLOAD_RETENTION_DAYS (default 90) days; its log row stays, stamped with "
        "when the file was purged. Accepted uploads and submissions' original files are "
        "never purged. Run it daily from cron (docs/deploy.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION")
        purge = actions.add_parser(
            "purge",
            help="delete refused uploads' files past the retention limit: purge [--dry-run] "
            "[--format table|json|csv]",
        )
        purge.add_argument(
            "--dry-run", action="store_true", help="list the files that would go, delete nothing"
        )
        add_format(purge)

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("action") != "purge":
            raise CommandError(
                "choose an action: uploads purge [--dry-run] (uploads --help shows it)",
                returncode=USAGE_ERROR,
            )
        days = settings.REFUSED_UPLOAD_RETENTION_DAYS
        if options["dry_run"]:
            uploads = report_uploads_to_purge(days=days)
        else:
            uploads = report_upload_purge(days=days)
        rows = [_row(upload) for upload in uploads]
        if options["format"] == "json":
            data = {
                "retention_days": days,
                "dry_run": options["dry_run"],
                "purged": [dict(zip(HEADER, row, strict=True)) for row in rows],
            }
            self.stdout.write(to_json(data), ending="")
            return
        if options["format"] == "csv":
            self.stdout.write(to_csv(HEADER, rows), ending="")
            return
        verb = "would be purged" if options["dry_run"] else "purged"
        self.stdout.write(
            f"{len(rows)} refused upload file(s) older than {days} days {verb}"
            f"{'; nothing deleted' if options['dry_run'] else ''}.\n"
        )
        if rows:
            self.stdout.write(to_table(HEADER, rows), ending="")
