from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from treaty_tracker.accounts.models import Role, theme_choices
from treaty_tracker.accounts.selectors import role_list
from treaty_tracker.accounts.services import role_end, role_grant
from treaty_tracker.states.models import State
from treaty_tracker.themes.cli import USAGE_ERROR, add_format, to_csv, to_json, to_table

ACTIONS = ("grant", "end", "list")
# Where a refused field came from on the command line, for the error message.
OPTION_OF_FIELD = {"state": "--state", "theme": "--theme", "starts": "--starts", "ends": "--on"}


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


def _date(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _usage(f"{option}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _one_line(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    parts = []
    for field, messages in error.message_dict.items():
        prefix = "" if field == "__all__" else f"{OPTION_OF_FIELD.get(field, field)}: "
        parts.append(prefix + " ".join(messages))
    return "; ".join(parts)


class Command(BaseCommand):
    help = (
        "Grant, end and list user roles (ISU staff, a State's focal point, a thematic "
        "coordinator). Only administrators run it; ISU staff cannot grant roles. See "
        "docs/roles.md, and 'roles ACTION --help' for each action's options."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION")
        grant = actions.add_parser(
            "grant",
            help="give USERNAME a role: grant USERNAME KIND [--state ISO3] [--theme THEME] "
            "[--starts DATE] [--note TEXT] [--by USERNAME] [--dry-run]",
        )
        grant.add_argument(
            "username", metavar="USERNAME", help="the account that receives the role"
        )
        grant.add_argument("kind", metavar="KIND", help=f"one of: {', '.join(Role.Kind.values)}")
        grant.add_argument("--state", metavar="ISO3", help="focal points only: the State, e.g. ISL")
        grant.add_argument(
            "--theme", metavar="THEME", help=f"coordinators only: one of {', '.join(_themes())}"
        )
        grant.add_argument(
            "--starts", metavar="YYYY-MM-DD", help="first day of the role (default: today)"
        )
        grant.add_argument("--note", default="", help="why, e.g. the letter that names them")
        grant.add_argument(
            "--by", metavar="USERNAME", help="the administrator granting it (for the history)"
        )
        grant.add_argument(
            "--dry-run", action="store_true", help="validate and show the role, write nothing"
        )
        end = actions.add_parser(
            "end",
            help="end a role: end ROLE_ID [--on DATE] [--by USERNAME] [--dry-run]",
        )
        end.add_argument("role_id", metavar="ROLE_ID", type=int, help="the id shown by 'list'")
        end.add_argument(
            "--on",
            metavar="YYYY-MM-DD",
            help="first day without the role (default: today, effective at once)",
        )
        end.add_argument(
            "--by", metavar="USERNAME", help="the administrator ending it (for the history)"
        )
        end.add_argument(
            "--dry-run", action="store_true", help="validate and show the change, write nothing"
        )
        listing = actions.add_parser(
            "list",
            help="list roles in force: list [--all] [--as-of DATE] [--user USERNAME] "
            "[--kind KIND] [--format table|json|csv]",
        )
        listing.add_argument("--all", action="store_true", help="include ended roles")
        listing.add_argument(
            "--as-of", metavar="YYYY-MM-DD", help="roles in force on this date (default: today)"
        )
        listing.add_argument("--user", metavar="USERNAME", help="only this account's roles")
        listing.add_argument("--kind", metavar="KIND", help="only roles of this kind")
        add_format(listing)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        if action is None:
            raise _usage(
                "choose an action: roles grant USERNAME KIND, roles end ROLE_ID or roles list "
                "(roles --help shows them all)"
            )
        getattr(self, f"_{action}")(options)

    def _user(self, username: str, option: str = "USERNAME") -> Any:
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise _usage(f"{option}: unknown user {username!r}") from None

    def _kind(self, kind: str) -> str:
        if kind not in Role.Kind.values:
            raise _usage(f"unknown role {kind!r} (use one of: {', '.join(Role.Kind.values)})")
        return kind

    def _grant(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        kind = self._kind(options["kind"])
        state = None
        if options["state"] is not None:
            state = State.objects.filter(iso3=options["state"].upper()).first()
            if state is None:
                raise _usage(
                    f"--state: unknown State {options['state']!r} "
                    "(use an ISO 3166-1 alpha-3 code, e.g. ISL)"
                )
        theme = options["theme"]
        if theme is not None and theme not in _themes():
            raise _usage(f"--theme: unknown theme {theme!r} (use one of: {', '.join(_themes())})")
        granted_by = self._user(options["by"], "--by") if options["by"] else None
        starts = _date("--starts", options["starts"])
        with transaction.atomic():
            try:
                role = role_grant(
                    user=user,
                    kind=kind,
                    state=state,
                    theme=theme,
                    starts=starts,
                    note=options["note"],
                    granted_by=granted_by,
                )
            except ValidationError as error:
                raise _usage(_one_line(error)) from None
            if options["dry_run"]:
                transaction.set_rollback(True)
                self.stdout.write(f"Would grant {role} from {role.starts}; nothing written.")
                return
        self.stdout.write(f"Granted role {role.pk}: {role} from {role.starts}.")

    def _end(self, options: dict[str, Any]) -> None:
        role = Role.objects.filter(pk=options["role_id"]).first()
        if role is None:
            raise _usage(f"ROLE_ID: no role {options['role_id']} (roles list --all shows them)")
        ends = _date("--on", options["on"]) or timezone.localdate()
        ended_by = self._user(options["by"], "--by") if options["by"] else None
        with transaction.atomic():
            try:
                role = role_end(role=role, ends=ends, ended_by=ended_by)
            except ValidationError as error:
                raise _usage(_one_line(error)) from None
            if options["dry_run"]:
                transaction.set_rollback(True)
                self.stdout.write(f"Would end role {role.pk}: {role} on {ends}; nothing written.")
                return
        self.stdout.write(f"Ended role {role.pk}: {role} on {ends}.")

    def _list(self, options: dict[str, Any]) -> None:
        kind = self._kind(options["kind"]) if options["kind"] else None
        on = _date("--as-of", options["as_of"]) or timezone.localdate()
        roles = role_list(on=on, include_ended=options["all"], username=options["user"], kind=kind)
        header = ("id", "user", "kind", "state", "theme", "starts", "ends", "in_force")
        rows = [
            (
                role.pk,
                role.user.get_username(),
                role.kind,
                role.state.iso3 if role.state_id else None,
                role.theme or None,
                role.starts.isoformat(),
                role.ends.isoformat() if role.ends else None,
                role.is_active(on),
            )
            for role in roles
        ]
        if options["format"] == "json":
            data = {
                "as_of": on.isoformat(),
                "roles": [dict(zip(header, row, strict=True)) for row in rows],
            }
            self.stdout.write(to_json(data), ending="")
            return
        shown = [[("yes" if c else "no") if isinstance(c, bool) else c for c in r] for r in rows]
        render = to_csv if options["format"] == "csv" else to_table
        self.stdout.write(render(header, shown), ending="")


def _themes() -> list[str]:
    return [key for key, _label in theme_choices()]
