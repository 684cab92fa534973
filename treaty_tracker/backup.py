"""Backups an ISU can restore: the whole database and every stored file in one archive.

An archive is a ``.tar.gz`` holding

- ``manifest.json``: the format, the treaty-tracker version and database vendor it came
  from, when it was made, the applied migrations (the schema), the number of rows of every
  model, and the SHA-256 and size of ``database.json`` and of every media file;
- ``database.json``: every row of every table (Django's ``dumpdata --all``, primary keys
  kept), portable between SQLite and PostgreSQL; sign-in sessions are left out;
- ``media/…``: every file under ``MEDIA_ROOT`` (reports' originals, draft uploads): the
  evidence.

``backup_write`` makes one and reads it back before giving it its name (a backup that
cannot be read is never left looking like one). ``backup_restore`` refuses an archive
that is damaged (unreadable, a checksum that differs, no manifest, a file more or less than
the manifest lists), made on another schema, or a database that already holds a record
unless told to replace it; then it empties the database and loads the archive in one
transaction (all or nothing), checks every model's count, moves the record version on
(caches refresh) and puts the media files back, checking each one's bytes.

The commands ``treaty-tracker backup`` and ``restore`` are thin shells over these
(docs/deploy.md, "Backups").
"""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import treaty_tracker

FORMAT = "treaty-tracker-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
MEDIA = "media/"
# Sign-ins are not part of the record: a restored site asks everyone to sign in again.
EXCLUDED_APPS = ("sessions",)
# Rows ``migrate`` itself writes: a database holding only these holds no record yet.
WRITTEN_BY_MIGRATE = frozenset(
    {"contenttypes.contenttype", "auth.permission", "sources.recordversion"}
)
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive that cannot be written or restored; the message says why and what to do."""


@dataclass(frozen=True)
class MediaFile:
    name: str  # relative to MEDIA_ROOT, with "/"
    sha256: str
    size: int


@dataclass
class BackupOutcome:
    manifest: dict[str, Any]
    archive_sha256: str = ""
    missing_files: list[str] = field(default_factory=list)  # named by a row, not on disk

    @property
    def rows(self) -> int:
        return sum(self.manifest["counts"].values())

    @property
    def media_bytes(self) -> int:
        return sum(int(f["size"]) for f in self.manifest["media"].values())


@dataclass
class RestoreOutcome:
    manifest: dict[str, Any]
    replaced: dict[str, int]  # rows the database held before, per model (none when empty)
    dry_run: bool

    @property
    def rows(self) -> int:
        return sum(self.manifest["counts"].values())


# Reading the database ------------------------------------------------------------------


def _models() -> list[type[models.Model]]:
    """Every model with its own table, many-to-many tables included, sessions left out."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED_APPS
    ]


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's cuts them to
    milliseconds): a restored record is the record, and history is ordered by them."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _dump(path: Path) -> None:
    """Every row of every model as Django's JSON fixture (what ``dumpdata --all`` writes,
    with exact times), primary keys kept, so links, the admin log and history rows (which
    hold ids) stay true; many-to-many rows go with their model."""
    serialized = [m for m in _models() if not m._meta.auto_created]

    def rows() -> Iterator[models.Model]:
        for model in serialized:
            yield from model._base_manager.order_by(model._meta.pk.name).iterator()

    with path.open("w", encoding="utf-8") as stream:
        serializers.serialize("json", rows(), stream=stream, cls=_ExactEncoder)


def counts_per_model() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in sorted(_models(), key=lambda m: m._meta.label_lower)
    }


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _file_names() -> set[str]:
    """Every stored file a row names (a report's original, a draft upload)."""
    names: set[str] = set()
    for model in _models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                values = model._base_manager.exclude(**{model_field.name: ""})
                names.update(values.values_list(model_field.name, flat=True))
    return names


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole dump. SQLite gives it to any
    transaction; PostgreSQL only at REPEATABLE READ, which must be the transaction's first
    statement (so not when a caller's transaction is already open)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


# Files ---------------------------------------------------------------------------------


def _sha256_of(handle: IO[bytes], copy_to: IO[bytes] | None = None) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest(), size


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> list[MediaFile]:
    root = _media_root()
    found = []
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                with path.open("rb") as handle:
                    sha256, size = _sha256_of(handle)
                found.append(MediaFile(path.relative_to(root).as_posix(), sha256, size))
    return found


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return _sha256_of(handle)[0]


# Writing -------------------------------------------------------------------------------


def backup_write(*, output: Path, dry_run: bool = False) -> BackupOutcome:
    """Write the database and every media file to the archive ``output`` (refused if it
    exists), then read it back and verify it. The database is read first, in one snapshot,
    then the files: every file a row names was stored before its row was committed, so
    it is in the archive (unless it is missing from ``MEDIA_ROOT``: see
    ``missing_files``). With ``dry_run``, count what would be written and write nothing.
    """
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists: choose a new name, or delete it first")
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a directory")
    with tempfile.TemporaryDirectory(prefix="treaty-backup-") as work:
        dump = Path(work) / DATABASE
        with _snapshot():
            if not dry_run:
                _dump(dump)
            counts = counts_per_model()
            migrations = _applied_migrations()
            named = _file_names()
        media = _media_files()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": treaty_tracker.__version__,
            "created_at": timezone.now().isoformat(),
            "database": {
                "vendor": connection.vendor,
                "file": DATABASE,
                "sha256": "" if dry_run else _file_sha256(dump),
            },
            "migrations": migrations,
            "counts": counts,
            "media": {f.name: {"sha256": f.sha256, "size": f.size} for f in media},
        }
        outcome = BackupOutcome(
            manifest=manifest, missing_files=sorted(named - {f.name for f in media})
        )
        if dry_run:
            return outcome
        (Path(work) / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # Written beside its final name and renamed once verified: no half-written archive
        # ever carries the name a cron job or an operator will look for.
        partial = output.with_name(f".{output.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
                archive.add(dump, arcname=DATABASE)
                for media_file in media:
                    archive.add(_media_root() / media_file.name, arcname=MEDIA + media_file.name)
            with tempfile.TemporaryDirectory(prefix="treaty-verify-") as check:
                _extract(partial, Path(check))
            outcome.archive_sha256 = _file_sha256(partial)
            os.replace(partial, output)
        except BackupError as error:
            raise BackupError(
                f"the archive did not read back as written ({error}); a file under "
                "MEDIA_ROOT may have changed while it was copied: run the backup again"
            ) from None
        finally:
            partial.unlink(missing_ok=True)
    return outcome


# Reading an archive --------------------------------------------------------------------


def _member_path(name: str) -> PurePosixPath:
    """The archive's own names only, and no way out of the folder it is unpacked into."""
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or ".." in path.parts
        or not (name in (MANIFEST, DATABASE) or (name.startswith(MEDIA) and len(path.parts) > 1))
    ):
        raise BackupError(f"it holds {name!r}, which no treaty-tracker backup holds")
    return path


def _extract(archive_path: Path, into: Path) -> dict[str, Any]:
    """Unpack ``archive_path`` into ``into`` and return its manifest, once every file's
    checksum and size match it (BackupError otherwise, naming what is wrong)."""
    found: dict[str, tuple[str, int]] = {}
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive:
                path = _member_path(member.name)
                if not member.isfile():
                    raise BackupError(f"{member.name!r} is not a plain file")
                if member.name in found:
                    raise BackupError(f"it holds {member.name!r} twice")
                source = archive.extractfile(member)
                assert source is not None  # a regular file
                target = into.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with source, target.open("wb") as copy:
                    found[member.name] = _sha256_of(source, copy_to=copy)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"it is not a readable .tar.gz archive (damaged?): {error}") from None
    if MANIFEST not in found:
        raise BackupError(f"it has no {MANIFEST}: not a treaty-tracker backup, or damaged")
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"its {MANIFEST} is not a treaty-tracker backup's")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"it is in backup format {manifest.get('format_version')!r}; this "
                f"treaty-tracker reads format {FORMAT_VERSION}"
            )
        for section in ("database", "migrations", "counts", "media"):
            if not isinstance(manifest.get(section), dict):
                raise BackupError(f"its {MANIFEST} has no {section!r} section (damaged)")
        expected = {MEDIA + name: entry for name, entry in manifest["media"].items()}
        expected[DATABASE] = manifest["database"]
    except (ValueError, TypeError, AttributeError) as error:
        raise BackupError(f"its {MANIFEST} is damaged ({error!r})") from None
    for name in sorted(set(expected) | set(found) - {MANIFEST}):
        if name not in found:
            raise BackupError(f"{name} is listed in the manifest but missing from the archive")
        if name not in expected:
            raise BackupError(f"{name} is in the archive but not in the manifest")
        sha256, size = found[name]
        if sha256 != expected[name].get("sha256") or (
            "size" in expected[name] and size != expected[name]["size"]
        ):
            raise BackupError(f"{name} does not match its SHA-256 in the manifest (damaged)")
    return manifest


def _schema_problem(archived: dict[str, list[str]]) -> str | None:
    """Why the archive's schema is not this database's, or None."""
    archive = {(app, name) for app, names in archived.items() for name in names}
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = set(MigrationRecorder(connection).applied_migrations())
    unknown = sorted(archive - known)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        return (
            f"it was made with a newer schema than this treaty-tracker knows ({listed}): "
            "install the treaty-tracker version that made it (or later), run "
            "'treaty-tracker migrate', then restore"
        )
    if archive - applied:
        return (
            "this database's schema is older than the archive's: run "
            "'treaty-tracker migrate', then restore"
        )
    if applied - archive:
        listed = ", ".join(f"{app}.{name}" for app, name in sorted(applied - archive)[:5])
        return (
            f"it was made with an older schema (without {listed}): restore it with the "
            "treaty-tracker version that made it, then upgrade and run 'treaty-tracker setup'"
        )
    return None


def _record_rows() -> dict[str, int]:
    """Rows this database holds beyond what ``migrate`` writes, per model."""
    return {
        label: count
        for label, count in counts_per_model().items()
        if count and label not in WRITTEN_BY_MIGRATE
    }


# Restoring -----------------------------------------------------------------------------


@contextmanager
def constraints_checked_now() -> Iterator[None]:
    """PostgreSQL refuses to TRUNCATE a table with foreign-key checks still pending in the
    transaction (rows a caller wrote before): run them now, and defer them again after,
    so the rows loaded next may come in any order."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _empty_database() -> None:
    tables = connection.introspection.django_table_names(only_existing=True)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    with constraints_checked_now():
        connection.ops.execute_sql_flush(statements)


def _put_back(unpacked: Path, manifest: dict[str, Any]) -> None:
    """Copy each media file into MEDIA_ROOT under a temporary name, check its bytes, then
    rename it into place (a reader never sees half a file)."""
    root = _media_root()
    for name, entry in sorted(manifest["media"].items()):
        target = root.joinpath(*PurePosixPath(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        try:
            with unpacked.joinpath(MEDIA, name).open("rb") as source, partial.open("wb") as copy:
                sha256, _size = _sha256_of(source, copy_to=copy)
            if sha256 != entry["sha256"]:
                raise BackupError(f"{MEDIA}{name} was not written back intact to {target}")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)


def backup_restore(
    *, archive: Path, replace: bool = False, dry_run: bool = False
) -> RestoreOutcome:
    """Restore the database and media files from ``archive``, after checking it whole.

    Refused (``BackupError``, nothing changed) when the archive is damaged, was made on
    another schema, or the database already holds a record and ``replace`` is false
    (``dry_run`` checks the archive and reports that, changing nothing). The
    database is emptied and loaded in one transaction, every model's count is checked
    against the manifest, and the record version is moved on so every cache refreshes;
    then the media files are put back, each checked against its SHA-256, before the
    transaction commits (a file that cannot be written rolls the database back). Files
    under MEDIA_ROOT that the archive does not hold are left where they are.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file")
    with tempfile.TemporaryDirectory(prefix="treaty-restore-") as work:
        try:
            manifest = _extract(archive, Path(work))
        except BackupError as error:
            raise BackupError(f"{archive} cannot be restored: {error}") from None
        problem = _schema_problem(manifest["migrations"])
        if problem:
            raise BackupError(f"{archive} cannot be restored here: {problem}")
        present = _record_rows()
        if present and not replace and not dry_run:
            example = ", ".join(f"{label} {n}" for label, n in list(present.items())[:3])
            raise BackupError(
                f"the database is not empty ({sum(present.values())} rows: {example}, …); "
                "restoring replaces everything in it: pass --yes to do so"
            )
        outcome = RestoreOutcome(manifest=manifest, replaced=present, dry_run=dry_run)
        if dry_run:
            return outcome
        with transaction.atomic():
            _empty_database()
            call_command("loaddata", str(Path(work) / DATABASE), verbosity=0)
            ContentType.objects.clear_cache()  # primary keys are the archive's now
            counts = counts_per_model()
            differ = sorted(
                label
                for label in set(counts) | set(manifest["counts"])
                if counts.get(label, 0) != manifest["counts"].get(label, 0)
            )
            if differ:
                raise BackupError(
                    f"the restored database does not hold what the manifest counts "
                    f"({', '.join(differ[:5])}); nothing was changed"
                )
            _move_record_version()
            _put_back(Path(work), manifest)
    return outcome


def _move_record_version() -> None:
    """The restored record is not the one any cache holds: draw a new record version."""
    from treaty_tracker.sources.models import RecordVersion

    RecordVersion.bump()
