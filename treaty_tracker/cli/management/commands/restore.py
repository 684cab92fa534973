from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from treaty_tracker.backup import BackupError, backup_restore
from treaty_tracker.themes.cli import USAGE_ERROR


class Command(BaseCommand):
    help = (
        "Restore the database and MEDIA_ROOT from an archive written by 'treaty-tracker "
        "backup'. The whole archive is checked first: a damaged one (a checksum that "
        "differs, no manifest), one made on another schema, or a database that already "
        "holds a record (without --yes) is refused and nothing changes. The database is "
        "then replaced in one transaction, every model's count checked, and each media file "
        "put back and checked against its SHA-256. Run 'treaty-tracker migrate' on a new "
        'database first; see docs/deploy.md, "Backups".'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", metavar="FILE", help="the .tar.gz archive to restore")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace a database that already holds a record (everything in it goes)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the archive and the database and say what would happen, write nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        try:
            outcome = backup_restore(
                archive=archive, replace=options["yes"], dry_run=options["dry_run"]
            )
        except BackupError as error:
            raise CommandError(f"FILE: {error}", returncode=USAGE_ERROR) from None
        except OSError as error:
            raise CommandError(f"cannot restore {archive}: {error}") from None
        manifest = outcome.manifest
        made = (
            f"{outcome.rows} rows and {len(manifest['media'])} media files from "
            f"treaty-tracker {manifest['app_version']} ({manifest['database']['vendor']}), "
            f"made {manifest['created_at']}"
        )
        replaced = f", replacing {sum(outcome.replaced.values())} rows" if outcome.replaced else ""
        if outcome.dry_run:
            self.stdout.write(f"{archive} is intact: would restore {made}{replaced}.")
            if outcome.replaced and not options["yes"]:
                self.stdout.write("The database holds a record: restoring it needs --yes.")
            self.stdout.write("Nothing written.")
            return
        self.stdout.write(f"Restored {made}{replaced}.")
