"""The figures of CCM/CONF/2020/13 paras 28-31, computed from the engine's Art. 3
obligations and each State's progress and retention.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from treaty_tracker.rules.records import Basis
from treaty_tracker.rules.results import ObligationResult, ObligationStatus
from treaty_tracker.rules.stockpiles.facts import (
    Amount,
    Category,
    Retention,
    total,
)
from treaty_tracker.rules.stockpiles.progress import (
    StateProgress,
    latest_retention,
)


@dataclass(frozen=True)
class Share:
    """Destroyed / declared, over the States whose both figures are known."""

    destroyed: Amount
    declared: Amount
    states: tuple[str, ...]

    @property
    def value(self) -> float:
        return self.destroyed.value / self.declared.value if self.declared.value else 0.0


@dataclass(frozen=True)
class Figures:
    """Paras 28-31, computed from the record for ``as_of``.

    ``with_obligation``: States Parties whose Art. 3 obligation is confirmed (basis known;
    para 28: "reported to have stockpiles ... when the Convention entered into force");
    ``unconfirmed``: those whose obligation is not (para 28(d): Guinea-Bissau).
    """

    as_of: date
    with_obligation: tuple[str, ...]
    completed: tuple[str, ...]
    outstanding: tuple[str, ...]
    overdue: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    extended: tuple[str, ...]  # an extension granted and applied by the date
    pending_request: tuple[str, ...]
    destroyed_munitions: Amount | None
    destroyed_submunitions: Amount | None
    destroyed_states: tuple[str, ...]
    share_munitions: Share | None
    share_submunitions: Share | None
    retaining: tuple[str, ...]
    not_retaining: tuple[str, ...]
    discovered: tuple[str, ...]


def _share(progresses: Sequence[StateProgress], category: Category) -> Share | None:
    pairs = [
        (p.state, c)
        for p in progresses
        if (c := p.category(category)) is not None
        and c.declared is not None
        and c.destroyed is not None
        and c.declared.value > 0
    ]
    if not pairs:
        return None
    destroyed_sum = total(c.destroyed for _s, c in pairs)
    declared_sum = total(c.declared for _s, c in pairs)
    assert destroyed_sum is not None and declared_sum is not None
    return Share(destroyed_sum, declared_sum, tuple(s for s, _c in pairs))


def figures(
    as_of: date,
    obligations: Sequence[ObligationResult],
    progresses: Sequence[StateProgress],
    retention: Mapping[str, Sequence[Retention]],
) -> Figures:
    """Paras 28-31 from the engine's Art. 3 obligations (statuses and deadlines) and the
    per-State facts (progress on ``as_of``, retention)."""
    confirmed = [o for o in obligations if o.basis is not Basis.NOT_KNOWN]
    destroyed_rows = [
        (
            p.state,
            p.category(Category.CLUSTER_MUNITIONS),
            p.category(Category.EXPLOSIVE_SUBMUNITIONS),
        )
        for p in progresses
    ]
    latest = {state: latest_retention(rows, as_of) for state, rows in retention.items()}
    return Figures(
        as_of=as_of,
        with_obligation=tuple(o.state for o in confirmed),
        completed=tuple(o.state for o in confirmed if o.status is ObligationStatus.COMPLETED),
        outstanding=tuple(o.state for o in confirmed if o.status is not ObligationStatus.COMPLETED),
        overdue=tuple(o.state for o in confirmed if o.status is ObligationStatus.OVERDUE),
        unconfirmed=tuple(o.state for o in obligations if o.basis is Basis.NOT_KNOWN),
        extended=tuple(o.state for o in obligations if any(e.applied for e in o.extensions)),
        pending_request=tuple(o.state for o in obligations if o.pending_request),
        destroyed_munitions=total(m.destroyed for _s, m, _u in destroyed_rows if m is not None),
        destroyed_submunitions=total(u.destroyed for _s, _m, u in destroyed_rows if u is not None),
        destroyed_states=tuple(
            s
            for s, m, u in destroyed_rows
            if (m is not None and m.destroyed is not None)
            or (u is not None and u.destroyed is not None)
        ),
        share_munitions=_share(progresses, Category.CLUSTER_MUNITIONS),
        share_submunitions=_share(progresses, Category.EXPLOSIVE_SUBMUNITIONS),
        retaining=tuple(sorted(s for s, r in latest.items() if r is not None and r.retains)),
        not_retaining=tuple(
            sorted(s for s, r in latest.items() if r is not None and not r.retains)
        ),
        discovered=tuple(p.state for p in progresses if p.discovered),
    )
