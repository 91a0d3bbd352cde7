"""The table scored by hand-written Python, straight from READING.md: no engine.

The limit a declarative engine is measured against, and a differential
oracle: every number here is typed in from READING.md's tables, not read from
the rulebook, so an engine or rulebook mistake shows up as a disagreement.
Exact decimals, like the engine.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from mofan_rules.ledger import Ledger

D = Decimal
ZERO = D(0)
CRIT = {"central": D(2), "provincial": D(1), "city": D("0.5")}

# (item, situation) → amount, or {tier: amount}
AMOUNTS: dict[tuple[int, str], Decimal | dict[str, Decimal]] = {
    (1, "criticism"): CRIT,
    (2, "task_not_done"): D(1), (2, "criticism"): CRIT,
    (3, "poor_quality"): D("0.5"), (3, "criticism"): CRIT,
    (4, "not_listed"): D("0.5"), (4, "annual_report_not_sent"): D("0.5"),
    (4, "position_control"): {"interview": D(1), "notice": D(2), "accountability": D(3)},
    (5, "no_feedback"): D("0.5"), (5, "criticism"): CRIT,
    (6, "missing_element"): D(1), (6, "notified"): D(1),
    (7, "task_not_done"): D("0.5"), (7, "platform_deduction"): D("0.5"), (7, "notified"): D(1),
    (8, "missing_link"): D("0.5"), (8, "branch_below_standard"): D(1),
    (9, "member_problem"): {"exposed": D("0.5"), "notified": D(1), "disciplined": D(2)},
    (9, "no_volunteer_service"): D("0.1"),
    (10, "task_not_done"): D(1), (10, "poor_quality"): D("0.5"), (10, "criticism"): CRIT,
    (11, "hedonism_case"): {"interview": D("0.5"), "notice": D(1), "accountability": D(2)},
    (12, "cadre_case"): {"exempted": D("0.5"), "light_sanction": D(1), "heavy_sanction": D(2), "judicial": D(3)},
    (12, "accountability_case"): {"national": D(3), "provincial": D(2), "city": D(1)},
    (13, "talks_not_held"): D("0.5"),
    (14, "decision_not_enforced"): D("0.5"), (14, "risk_review_not_done"): D("0.5"),
    (15, "no_reform_after_case"): D("0.5"), (15, "no_culture_activity"): D("0.5"),
    (17, "incident"): {"public_order": D("0.1"), "criminal": D("0.2"), "major_criminal": D("0.5"), "other_major": D(1)},
    (18, "task_not_completed"): D(1),
    (19, "not_completed"): D(2), (19, "low_quality"): D(1),
    (20, "not_diligent"): D(1), (20, "unlawful"): D(2), (20, "inaction_or_misconduct"): D(3),
}  # fmt: skip
ITEM_CAP = {1: 5, 2: 5, 3: 10, 4: 8, 5: 7, 6: 4, 7: 4, 8: 4, 9: 3, 10: 5, 11: 5, 12: 5, 13: 2, 14: 3, 15: 3,
            17: 2, 18: 10, 19: 5, 20: 5, 21: 5}  # fmt: skip
ROWS = {1: (10, (1, 2)), 2: (10, (3,)), 3: (8, (4,)), 4: (7, (5,)), 5: (15, (6, 7, 8, 9)), 6: (5, (10,)),
        7: (18, (11, 12, 13, 14, 15)), 8: (2, (17,)), 9: (25, (18, 19, 20, 21))}  # fmt: skip
FACTOR = {"non_city_managed": D("0.5"), "self_reported": ZERO}
BONUS = {("central", "comprehensive"): D(2), ("central", "single"): D(1),
         ("provincial", "comprehensive"): D(1), ("provincial", "single"): D("0.5")}  # fmt: skip
ITEM_CAPS_D = {k: D(v) for k, v in ITEM_CAP.items()}
TWO, ONE = D(2), D(1)


def score(ledger: Ledger) -> tuple[Decimal, dict[int, Decimal]]:
    """The total and each item's deduction."""
    raw: dict[int, Decimal] = {}
    tiers: dict[tuple[int, str], Decimal] = {}  # items 1–3: 每种情形最多扣2分
    for rec in ledger.records:
        amount = AMOUNTS[(rec.item, rec.situation)]
        if isinstance(amount, dict):
            amount = amount[rec.tier]  # type: ignore[index]
        value = amount * rec.count
        for mod in rec.modifiers:
            value *= FACTOR[mod]
        if rec.item <= 3 and rec.situation == "criticism":
            key = (rec.item, rec.tier or "")
            tiers[key] = tiers.get(key, ZERO) + value
        else:
            raw[rec.item] = raw.get(rec.item, ZERO) + value
    for (item, _), value in tiers.items():
        raw[item] = raw.get(item, ZERO) + min(value, TWO)
    m = ledger.measures
    if (held := m.get("half_yearly_analyses")) is not None:
        raw[4] = raw.get(4, ZERO) + D("0.5") * max(0, 2 - held)  # type: ignore[operator]
    if (held := m.get("monthly_studies")) is not None:
        raw[5] = raw.get(5, ZERO) + max(0, 12 - held)  # type: ignore[operator]
    poll = m.get("public_security_poll")
    if poll is not None and poll.score < 90 and poll.rank > poll.of - 10:  # type: ignore[union-attr,operator]
        raw[17] = raw.get(17, ZERO) + min(ONE, D("0.1") * (poll.rank - (poll.of - 10)))  # type: ignore[union-attr,operator]
    for key in ("supervisor_indicator_rank", "business_indicator_rank"):
        rank = m.get(key)
        if rank is not None and rank.rank > 5:  # type: ignore[union-attr]
            raw[21] = raw.get(21, ZERO) + D("0.5") * (rank.rank - 5)  # type: ignore[union-attr]
    items = {n: min(v, ITEM_CAPS_D[n]) for n, v in raw.items()}
    total = ZERO
    for number, (points, members) in ROWS.items():
        deducted = sum((items.get(i, ZERO) for i in members), ZERO)
        if number == 7:  # item 16: what is left of the pool × (1 − satisfaction), half-up to 0.01
            rate = m.get("satisfaction_rate")
            if rate is not None:
                left = max(ZERO, points - deducted)
                item16 = min(left, (left * (1 - rate)).quantize(D("0.01"), ROUND_HALF_UP))  # type: ignore[operator]
                items[16] = item16
                deducted += item16
        total += points - min(deducted, points)
    bonus = ZERO
    for award in ledger.awards:
        amount = BONUS[(award.level, award.scope)]
        if "general_office" in award.modifiers:
            amount /= 2
        bonus += amount
    return total + min(bonus, TWO), items
