from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from treaty_tracker.backup import BackupError, backup_write
from treaty_tracker.themes.cli import USAGE_ERROR


class Command(BaseCommand):
    help = (
        "Write the whole record to one archive (.tar.gz): the database as portable JSON "
        "(SQLite or PostgreSQL, restorable into either), every file under MEDIA_ROOT "
        "(reports' originals, uploads) and a manifest with the version, schema, counts per "
        "model and the SHA-256 of every file. The archive is read back and verified before "
        "it is given its name. Restore it with 'treaty-tracker restore'; see "
        'docs/deploy.md, "Backups".'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            metavar="FILE",
            required=True,
            help="the archive to write, e.g. /srv/backups/treaty-2026-01-31.tar.gz "
            "(refused if it exists)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be written, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        try:
            outcome = backup_write(output=output, dry_run=options["dry_run"])
        except BackupError as error:
            raise CommandError(f"--output: {error}", returncode=USAGE_ERROR) from None
        except OSError as error:
            raise CommandError(f"--output: cannot write {output}: {error}") from None
        for name in outcome.missing_files:
            self.stderr.write(f"warning: the record names {name}, which is not in MEDIA_ROOT")
        manifest = outcome.manifest
        summary = (
            f"{outcome.rows} rows in {sum(1 for n in manifest['counts'].values() if n)} "
            f"models, {len(manifest['media'])} media files ({outcome.media_bytes} bytes), "
            f"treaty-tracker {manifest['app_version']} on {manifest['database']['vendor']}"
        )
        if options["dry_run"]:
            self.stdout.write(f"Would write {output}: {summary}; nothing written.")
            return
        self.stdout.write(f"Wrote {output}: {summary}.")
        self.stdout.write(f"SHA-256 of the archive: {outcome.archive_sha256}")
