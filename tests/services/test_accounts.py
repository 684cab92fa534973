"""Roles and the policy: who may draft, submit, review, publish and read Article 7 reports.

A permission matrix over every persona and question, then the edges: roles that have
ended or not yet started grant nothing, another State's focal point and another theme's
coordinator are refused, bad combinations are refused by the model and by the database,
and the ``roles`` command.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.models import Role
from treaty_tracker.accounts.selectors import focal_points_of, role_list
from treaty_tracker.accounts.services import role_end, role_grant
from treaty_tracker.cli import main
from treaty_tracker.states.models import State

DAY = date(2026, 3, 1)  # every persona's role started on 2020-01-01


@pytest.fixture
def root(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.org", password=None)


@pytest.fixture
def vera(db: None) -> User:
    """Coordinator for victim assistance: another theme than the reports'."""
    user = User.objects.create_user("vera")
    role_grant(
        user=user,
        kind="coordinator",
        theme="victim_assistance",
        starts=date(2020, 1, 1),
        granted_by=None,
    )
    return user


@pytest.fixture
def nina(db: None) -> User:
    """An account without a role to grant roles to (like bob, without a password to hash)."""
    return User.objects.create_user("nina")


@pytest.fixture
def public() -> AnonymousUser:
    return AnonymousUser()


def _state(iso3: str) -> State:
    return State.objects.get(iso3=iso3)


# --- the permission matrix ---------------------------------------------------------------

Ask = Callable[[Any, str], bool]
PER_STATE: dict[str, Ask] = {
    "draft": lambda u, iso3: policy.can_draft_report(u, iso3, today=DAY),
    "submit": lambda u, iso3: policy.can_submit_report(u, iso3, today=DAY),
    "amend": lambda u, iso3: policy.can_amend_report(u, iso3, today=DAY),
    "read unpublished": lambda u, iso3: policy.can_read_report(u, iso3, published=False, today=DAY),
    "read published": lambda u, iso3: policy.can_read_report(u, iso3, published=True, today=DAY),
}
WHOLE: dict[str, Callable[[Any], bool]] = {
    "is_isu": lambda u: policy.is_isu(u, today=DAY),
    "review": lambda u: policy.can_review_reports(u, today=DAY),
    "publish": lambda u: policy.can_publish_reports(u, today=DAY),
    "enter on behalf": lambda u: policy.can_enter_on_behalf(u, today=DAY),
    "edit record": lambda u: policy.can_edit_record(u, today=DAY),
    "read theme transparency": lambda u: policy.can_read_theme(u, "transparency", today=DAY),
    "read theme victim_assistance": lambda u: policy.can_read_theme(
        u, "victim_assistance", today=DAY
    ),
}
CELLS = [(q, iso3) for q in PER_STATE for iso3 in ("ISL", "PER")] + [(q, None) for q in WHOLE]


def ask(user: Any, question: str, iso3: str | None = None) -> bool:
    return PER_STATE[question](user, iso3) if iso3 else WHOLE[question](user)


EVERYONE = {("read published", "ISL"), ("read published", "PER")}
ISU = {cell for cell in CELLS if cell[0] not in ("draft", "submit", "amend")}  # ISU staff
# enter reports on a State's behalf; drafting, submitting and amending are the State's own.

ALLOWED: dict[str, set[tuple[str, str | None]]] = {
    "public": EVERYONE,
    "bob": EVERYONE,  # an account without a role is the public
    "alice": EVERYONE,  # is_staff and admin permissions, but no role: not ISU here
    "fiona": EVERYONE
    | {("draft", "ISL"), ("submit", "ISL"), ("amend", "ISL"), ("read unpublished", "ISL")},
    "felix": EVERYONE
    | {("draft", "PER"), ("submit", "PER"), ("amend", "PER"), ("read unpublished", "PER")},
    "carla": EVERYONE
    | {
        ("read unpublished", "ISL"),
        ("read unpublished", "PER"),
        ("read theme transparency", None),
    },
    "vera": EVERYONE | {("read theme victim_assistance", None)},  # another theme
    "isla": ISU,
    "root": ISU,  # superusers are ISU staff
}


@pytest.mark.parametrize(
    ("persona", "question", "iso3"),
    [(persona, question, iso3) for persona in ALLOWED for question, iso3 in CELLS],
)
def test_it_answers_every_question_for_every_persona(
    request: pytest.FixtureRequest, persona: str, question: str, iso3: str | None
) -> None:
    user = request.getfixturevalue(persona)
    assert ask(user, question, iso3) is ((question, iso3) in ALLOWED[persona])


@pytest.mark.parametrize(
    ("persona", "states", "themes"),
    [
        ("public", set(), set()),
        ("bob", set(), set()),
        ("fiona", {"ISL"}, set()),
        ("felix", {"PER"}, set()),
        ("carla", set(), {"transparency"}),
        ("isla", set(), set()),
    ],
)
def test_it_lists_the_states_and_themes_a_persona_holds(
    request: pytest.FixtureRequest, persona: str, states: set[str], themes: set[str]
) -> None:
    user = request.getfixturevalue(persona)
    assert policy.focal_point_states(user, today=DAY) == states
    assert policy.coordinator_themes(user, today=DAY) == themes


def test_it_refuses_another_states_focal_point(fiona: User, felix: User) -> None:
    assert not policy.can_draft_report(felix, "ISL")
    assert not policy.can_submit_report(felix, "ISL")
    assert not policy.can_draft_report(fiona, "PER")
    assert not policy.can_submit_report(fiona, "PER")
    assert not policy.can_read_report(fiona, "PER", published=False)
    assert policy.can_read_report(fiona, "PER", published=True)


def test_it_refuses_unpublished_reports_to_a_coordinator_of_another_theme(vera: User) -> None:
    assert not policy.can_read_report(vera, "ISL", published=False)
    assert not policy.can_read_theme(vera, "transparency")
    assert policy.can_read_report(vera, "ISL", published=True)


def test_it_accepts_an_iso3_code_in_lower_case(fiona: User) -> None:
    assert policy.can_draft_report(fiona, "isl")


def test_it_lets_one_account_be_the_focal_point_of_two_states(fiona: User) -> None:
    role_grant(user=fiona, kind="focal_point", state=_state("PER"), granted_by=None)
    assert policy.focal_point_states(fiona) == {"ISL", "PER"}


# --- roles in time -----------------------------------------------------------------------


def test_it_grants_nothing_from_the_day_a_role_ends(fiona: User) -> None:
    role = fiona.roles.get()
    role_end(role=role, ends=date(2025, 6, 30), ended_by=None)
    assert policy.can_draft_report(fiona, "ISL", today=date(2025, 6, 29))
    assert not policy.can_draft_report(fiona, "ISL", today=date(2025, 6, 30))
    assert not policy.can_read_report(fiona, "ISL", published=False, today=date(2025, 7, 1))
    assert policy.focal_point_states(fiona, today=date(2025, 7, 1)) == set()


def test_it_grants_nothing_once_isu_staff_rotate_out(isla: User) -> None:
    role_end(role=isla.roles.get(), ends=date(2024, 1, 1), ended_by=None)
    assert policy.is_isu(isla, today=date(2023, 12, 31))
    for question in ("is_isu", "review", "publish", "enter on behalf", "edit record"):
        assert not ask(isla, question), question


def test_it_ends_a_role_at_once_when_it_ends_today(carla: User) -> None:
    role_end(role=carla.roles.get(), ends=timezone.localdate(), ended_by=None)
    assert not policy.can_read_report(carla, "ISL", published=False)


def test_it_grants_nothing_before_a_role_starts(bob: User) -> None:
    role_grant(
        user=bob, kind="focal_point", state=_state("ISL"), starts=date(2030, 1, 1), granted_by=None
    )
    assert not policy.can_draft_report(bob, "ISL", today=date(2029, 12, 31))
    assert policy.can_draft_report(bob, "ISL", today=date(2030, 1, 1))


def test_it_grants_nothing_to_a_deactivated_account(isla: User) -> None:
    isla.is_active = False
    isla.save()
    assert not policy.is_isu(isla)


def test_it_does_not_count_is_staff_alone_as_isu(alice: User) -> None:
    assert alice.is_staff
    assert not policy.is_isu(alice)
    role_grant(user=alice, kind="isu_staff", granted_by=None)
    assert policy.is_isu(alice)


def test_it_lets_a_role_be_granted_again_after_it_ended(fiona: User) -> None:
    role_end(role=fiona.roles.get(), ends=date(2024, 1, 1), ended_by=None)
    role_grant(
        user=fiona,
        kind="focal_point",
        state=_state("ISL"),
        starts=date(2025, 1, 1),
        granted_by=None,
    )
    assert not policy.can_draft_report(fiona, "ISL", today=date(2024, 6, 1))
    assert policy.can_draft_report(fiona, "ISL", today=date(2025, 1, 1))


# --- model validation and database constraints ------------------------------------------

BAD = [
    pytest.param({"kind": "focal_point"}, "state", id="focal point without a State"),
    pytest.param({"kind": "isu_staff", "state": "ISL"}, "state", id="ISU staff with a State"),
    pytest.param(
        {"kind": "coordinator", "theme": "transparency", "state": "ISL"},
        "state",
        id="coordinator with a State",
    ),
    pytest.param({"kind": "coordinator"}, "theme", id="coordinator without a theme"),
    pytest.param(
        {"kind": "focal_point", "state": "ISL", "theme": "transparency"},
        "theme",
        id="focal point with a theme",
    ),
    pytest.param({"kind": "isu_staff", "theme": "transparency"}, "theme", id="ISU with a theme"),
    pytest.param(
        {"kind": "isu_staff", "starts": date(2025, 1, 2), "ends": date(2025, 1, 1)},
        "ends",
        id="ends before it starts",
    ),
    pytest.param({"kind": "president"}, "kind", id="unknown kind"),
    pytest.param({"kind": "coordinator", "theme": "mines"}, "theme", id="unknown theme"),
]


def _role(user: User, fields: dict[str, Any]) -> Role:
    fields = dict(fields)
    if "state" in fields:
        fields["state"] = _state(fields["state"])
    return Role(user=user, **fields)


@pytest.mark.parametrize(("fields", "field"), BAD)
def test_it_refuses_a_bad_combination_with_an_error_on_the_field(
    bob: User, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _role(bob, fields).full_clean()
    assert field in refused.value.message_dict


# A theme is any key of the theme registry, which apps extend without a migration of
# accounts (decision 25 in docs/decisions.md): the database checks the combinations, the
# model the key.
IN_THE_DATABASE = [p for p in BAD if p.id != "unknown theme"]


@pytest.mark.parametrize(("fields", "field"), IN_THE_DATABASE)
def test_it_refuses_a_bad_combination_in_the_database_too(
    bob: User, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        _role(bob, fields).save()
    assert not Role.objects.filter(user=bob).exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "focal_point", "state": "ISL"},
        {"kind": "coordinator", "theme": "transparency"},
        {"kind": "isu_staff"},
    ],
)
def test_it_refuses_a_second_open_grant_of_the_same_role_in_the_database(
    bob: User, fields: dict[str, Any]
) -> None:
    _role(bob, fields).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _role(bob, fields).save()
    assert Role.objects.filter(user=bob).count() == 1


def test_it_refuses_a_grant_that_overlaps_an_earlier_one(fiona: User) -> None:
    with pytest.raises(ValidationError) as refused:
        role_grant(user=fiona, kind="focal_point", state=_state("ISL"), granted_by=None)
    assert "already holds this role from 2020-01-01" in str(refused.value)
    assert fiona.roles.count() == 1


def test_it_allows_the_same_kind_for_another_state_or_theme(felix: User, carla: User) -> None:
    role_grant(user=felix, kind="focal_point", state=_state("ISL"), granted_by=None)
    role_grant(user=carla, kind="coordinator", theme="general_status", granted_by=None)
    assert policy.focal_point_states(felix) == {"ISL", "PER"}
    assert policy.coordinator_themes(carla) == {"transparency", "general_status"}


# --- services ----------------------------------------------------------------------------


def test_it_records_who_granted_and_ended_a_role(bob: User, root: User) -> None:
    role = role_grant(user=bob, kind="isu_staff", note="Joined the ISU", granted_by=root)
    assert (role.granted_by, role.starts) == (root, timezone.localdate())
    role = role_end(role=role, ends=timezone.localdate(), ended_by=root)
    assert role.ended_by == root
    history = list(role.history.order_by("history_id"))
    assert [h.history_user for h in history] == [root, root]
    assert [h.ends for h in history] == [None, timezone.localdate()]


def test_it_refuses_to_end_a_role_twice(isla: User) -> None:
    role = role_end(role=isla.roles.get(), ends=date(2025, 1, 1), ended_by=None)
    with pytest.raises(ValidationError) as refused:
        role_end(role=role, ends=date(2025, 6, 1), ended_by=None)
    assert "already ended on 2025-01-01" in str(refused.value)
    role.refresh_from_db()
    assert role.ends == date(2025, 1, 1)


def test_it_refuses_an_end_before_the_start(isla: User) -> None:
    with pytest.raises(ValidationError) as refused:
        role_end(role=isla.roles.get(), ends=date(2019, 1, 1), ended_by=None)
    assert "ends" in refused.value.message_dict
    assert isla.roles.get().ends is None


def test_it_selects_roles_in_force_and_a_states_focal_points(fiona: User, felix: User) -> None:
    role_end(role=felix.roles.get(), ends=date(2025, 1, 1), ended_by=None)
    assert [r.user.username for r in role_list(on=DAY)] == ["fiona"]
    assert [r.user.username for r in role_list(on=DAY, include_ended=True)] == ["felix", "fiona"]
    assert [r.user.username for r in focal_points_of("isl", on=DAY)] == ["fiona"]
    assert not focal_points_of("PER", on=DAY).exists()


# --- the roles command -------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(["roles", *argv])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_it_grants_lists_and_ends_a_role_from_the_command_line(
    nina: User, root: User, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "grant", "nina", "focal_point", "--state", "isl", "--by", "root")
    assert (code, err) == (0, "")
    role = Role.objects.get(user=nina)
    assert (
        out == f"Granted role {role.pk}: nina: focal point of Iceland (ISL) from {role.starts}.\n"
    )
    assert (role.state.iso3, role.granted_by) == ("ISL", root)
    assert policy.can_draft_report(nina, "ISL")

    code, out, _ = _run(capsys, "list", "--format", "json", "--user", "nina")
    assert json.loads(out)["roles"] == [
        {
            "id": role.pk,
            "user": "nina",
            "kind": "focal_point",
            "state": "ISL",
            "theme": None,
            "starts": role.starts.isoformat(),
            "ends": None,
            "in_force": True,
        }
    ]

    code, out, _ = _run(capsys, "end", str(role.pk), "--by", "root")
    assert code == 0 and out.startswith(f"Ended role {role.pk}: nina: focal point of Iceland")
    assert not policy.can_draft_report(nina, "ISL")
    role.refresh_from_db()
    assert role.ended_by == root


def test_it_lists_roles_as_a_table_and_csv(
    fiona: User, carla: User, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].split() == [
        "id",
        "user",
        "kind",
        "state",
        "theme",
        "starts",
        "ends",
        "in_force",
    ]
    assert "fiona  focal_point  ISL" in out
    out_csv = io.StringIO()
    call_command("roles", "list", "--format", "csv", "--kind", "coordinator", stdout=out_csv)
    rows = list(csv.DictReader(io.StringIO(out_csv.getvalue())))
    assert [(r["user"], r["theme"], r["in_force"]) for r in rows] == [
        ("carla", "transparency", "yes")
    ]


def test_it_lists_ended_roles_only_with_all(
    fiona: User, capsys: pytest.CaptureFixture[str]
) -> None:
    role_end(role=fiona.roles.get(), ends=date(2025, 1, 1), ended_by=None)
    assert "fiona" not in _run(capsys, "list")[1]
    assert "fiona" in _run(capsys, "list", "--as-of", "2024-12-31")[1]
    assert "2025-01-01  no" in _run(capsys, "list", "--all")[1]


@pytest.mark.parametrize(
    "argv",
    [
        ["grant", "nina", "isu_staff", "--dry-run"],
        ["grant", "nina", "coordinator", "--theme", "universalization", "--dry-run"],
    ],
)
def test_it_writes_nothing_on_a_dry_run_grant(
    nina: User, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, _ = _run(capsys, *argv)
    assert code == 0
    assert out.startswith("Would grant nina: ") and out.endswith("nothing written.\n")
    assert not Role.objects.filter(user=nina).exists()


def test_it_writes_nothing_on_a_dry_run_end(isla: User, capsys: pytest.CaptureFixture[str]) -> None:
    role = isla.roles.get()
    code, out, _ = _run(capsys, "end", str(role.pk), "--on", "2026-01-01", "--dry-run")
    assert code == 0
    assert out == (f"Would end role {role.pk}: isla: ISU staff on 2026-01-01; nothing written.\n")
    role.refresh_from_db()
    assert role.ends is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "choose an action: roles grant USERNAME KIND, roles end ROLE_ID or roles list"),
        (["grant", "nobody", "isu_staff"], "USERNAME: unknown user 'nobody'"),
        (["grant", "nina", "president"], "unknown role 'president' (use one of: isu_staff,"),
        (["grant", "nina", "focal_point"], "--state: A focal point belongs to one State"),
        (["grant", "nina", "focal_point", "--state", "XYZ"], "--state: unknown State 'XYZ'"),
        (["grant", "nina", "isu_staff", "--state", "ISL"], "--state: Only a focal point"),
        (["grant", "nina", "coordinator"], "--theme: A coordinator follows one theme"),
        (["grant", "nina", "coordinator", "--theme", "mines"], "--theme: unknown theme 'mines'"),
        (["grant", "nina", "isu_staff", "--starts", "2026-02-30"], "--starts: '2026-02-30' is"),
        (["grant", "nina", "isu_staff", "--by", "ghost"], "--by: unknown user 'ghost'"),
        (["grant", "fiona", "focal_point", "--state", "ISL"], "fiona already holds this role"),
        (["end", "999999"], "ROLE_ID: no role 999999"),
        (["end", "ROLE"], "invalid int value: 'ROLE'"),
        (["list", "--format", "xml"], "invalid choice: 'xml'"),
        (["list", "--as-of", "yesterday"], "--as-of: 'yesterday' is not a date"),
    ],
)
def test_it_refuses_bad_input_on_stderr_with_exit_code_2(
    nina: User, fiona: User, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = Role.objects.count()
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert message in err
    assert out == ""
    assert Role.objects.count() == before


def test_it_refuses_to_end_a_role_twice_from_the_command_line(
    isla: User, capsys: pytest.CaptureFixture[str]
) -> None:
    role = isla.roles.get()
    assert _run(capsys, "end", str(role.pk), "--on", "2025-01-01")[0] == 0
    code, _, err = _run(capsys, "end", str(role.pk))
    assert code == 2
    assert err.strip() == f"CommandError: --on: Role {role.pk} already ended on 2025-01-01."
