"""A rulebook printed back for proofreading: the table as on paper, then what each rule reads.

Every construct of the format is said in words: amounts, tiers, ranges,
multipliers, caps at every level, cliffs, ladders, grades, vetoes, classes,
weights, bonuses. Text from the rulebook is escaped for Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from mofan_rules._text import canonical, markdown_text
from mofan_rules.messages import word
from mofan_rules.rulebook import (
    AnySituation,
    AwardBonus,
    GradeBand,
    Item,
    Ladder,
    MeasuredBonus,
    PerOccurrence,
    PerUnit,
    Rank,
    Remainder,
    Rulebook,
    Threshold,
    Veto,
    for_class,
    resolve_tiers,
)

_m = markdown_text


def _c(value: Decimal | int) -> str:
    return canonical(Decimal(value))


def _veto(rulebook: Rulebook, veto: Veto | None, lang: str) -> str:
    if veto is None:
        return ""
    parts = [veto.outcome] if veto.outcome else []
    if veto.grade is not None:
        labels = {g.key: g.label for g in rulebook.grades or []}
        parts.append(word("r_veto_grade", lang, grade=labels.get(veto.grade, veto.grade)))
    if veto.score is not None:
        parts.append(word("r_sets_score", lang, score=_c(veto.score)))
    return word("r_veto", lang, what=word("r_and", lang).join(parts))


def _names(labels: Mapping[str, str], keys: Iterable[str], lang: str) -> str:
    """Keys by their labels, each with its key aside, as a rule editor proofreads them."""
    return word("r_list", lang).join(
        labels.get(key, key) + word("r_aside", lang, text=key) for key in keys
    )


def rule_words(
    rulebook: Rulebook,
    sit: AnySituation,
    lang: str = "zh",
    unit_class: str | None = None,
    *,
    earns: bool = False,
) -> str:
    """What one situation reads, in words; with ``unit_class``, its numbers for that class.

    ``earns``: the situation's item is scored by earning (得分制), so a cliff
    that takes `all` gives all the points rather than taking them.

    Raises nothing: every kind of situation has its words.
    """
    sit = for_class(sit, unit_class)
    if isinstance(sit, PerOccurrence):
        tiers = resolve_tiers(rulebook, sit, unit_class)
        if tiers:
            text = " / ".join(
                f"{t.label} {_c(t.amount)}{_veto(rulebook, t.veto, lang)}" for t in tiers
            )
        elif sit.range is not None:
            text = word("r_range", lang, low=_c(sit.range.min), high=_c(sit.range.max))
        else:
            text = word("r_each", lang, amount=_c(sit.amount or 0))
        extras = []
        if sit.multiplier is not None:
            extras.append(word("r_multiplier", lang, factor=_c(sit.multiplier)))
        if sit.per_record_cap is not None:
            extras.append(word("r_per_record_cap", lang, cap=_c(sit.per_record_cap)))
        if sit.max_count:
            extras.append(word("r_max_count", lang, count=sit.max_count))
        if sit.modifiers:
            labels = {m.key: m.label for m in rulebook.modifiers}
            extras.append(word("r_modifiers", lang, names=_names(labels, sit.modifiers, lang)))
        shown = "".join(word("r_aside", lang, text=e) for e in extras)
        return text + shown + _veto(rulebook, sit.veto, lang)
    if isinstance(sit, PerUnit):
        return word(
            f"r_per_unit_{sit.direction.value}",
            lang,
            measure=sit.measure,
            threshold=_c(sit.threshold),
            step=_c(sit.step),
            amount=_c(sit.amount),
            partial=word(f"r_partial_{sit.partial.value}", lang),
        )
    if isinstance(sit, Threshold):
        cliffs = []
        for cliff in sit.cliffs:
            for name in ("below", "at_most", "above", "at_least"):
                bound = getattr(cliff, name)
                if bound is not None:
                    everything = word("r_all_earn" if earns else "r_all", lang)
                    amount = everything if cliff.amount == "all" else _c(cliff.amount)
                    cliffs.append(word(f"r_cliff_{name}", lang, bound=_c(bound), amount=amount))
        return f"{sit.measure}: " + word("w_join", lang).join(cliffs)
    if isinstance(sit, Rank):
        where = word(f"r_rank_{sit.mode.value}", lang, places=sit.places)
        cond = (
            word("r_score_below", lang, below=_c(sit.score_below))
            if sit.score_below is not None
            else ""
        )
        return word(
            "r_rank",
            lang,
            measure=sit.measure,
            where=where,
            cond=cond,
            amount=_c(sit.amount),
            ties=word(f"r_ties_{sit.ties.value}", lang),
        )
    if isinstance(sit, Ladder):
        amounts = "/".join(_c(a) for a in sit.amounts)
        return word(
            f"r_ladder_{sit.counted_from.value}",
            lang,
            measure=sit.measure,
            amounts=amounts,
            otherwise=_c(sit.otherwise),
        )
    if isinstance(sit, Remainder):
        return word("r_remainder", lang, measure=sit.measure)
    return word("r_todo", lang, reason=sit.reason or "")


def _bands(bands: list[GradeBand] | None, lang: str) -> str:
    if not bands:
        return ""
    parts = []
    for band in bands:
        low = f"≥ {_c(band.at_least)}" if band.at_least is not None else ""
        high = f"< {_c(band.below)}" if band.below is not None else ""
        parts.append(f"{band.label} {' '.join(p for p in (low, high) if p)}".strip())
    return word("w_join", lang).join(parts)


def _item_lines(rulebook: Rulebook, item: Item, lang: str) -> list[str]:
    bounds = []
    if item.points is not None:
        bounds.append(word("r_points", lang, points=_c(item.points)))
    if item.cap is not None:
        bounds.append(
            word(
                "r_item_cap_earn" if item.basis.value == "earn" else "r_item_cap",
                lang,
                cap=_c(item.cap),
            )
        )
    if item.floor is not None:
        bounds.append(word("r_floor", lang, floor=_c(item.floor)))
    if item.one_per_case:
        bounds.append(word("r_one_per_case", lang))
    classes = {c.key: c.label for c in rulebook.classes}
    if item.classes:
        bounds.append(word("r_classes", lang, names=_names(classes, item.classes, lang)))
    if not bounds:
        bounds.append(word("r_no_cap", lang))
    basis = word("r_earn", lang) if item.basis.value == "earn" else ""
    aside = word("r_aside", lang, text=_m(word("w_join", lang).join(bounds)))
    out = [f"- **{item.number} {_m(item.title)}** " + (basis + aside if basis else aside.lstrip())]
    earns = item.basis.value == "earn"
    for sit in item.situations:
        only = f"〔{_names(classes, sit.classes, lang)}〕" if sit.classes else ""
        said = rule_words(rulebook, sit, lang, earns=earns)
        out.append(f"  - `{sit.key}` {_m(sit.label)}{_m(only)}: {_m(said)}")
        # A class with numbers of its own: the whole rule again, as that class has it.
        for cls in getattr(sit, "by_class", {}):
            name = word("r_by_class", lang, name=classes.get(cls, cls))
            said = rule_words(rulebook, sit, lang, cls, earns=earns)
            out.append(f"    - {_m(name)}: {_m(said)}")
    out += [
        f"  - {word('r_cap', lang)} `{c.key}`: {', '.join(c.applies_to)} ≤ {_c(c.limit)} ({_m(c.source)})"
        for c in item.caps
    ]
    if item.grades:
        out.append(f"  - {word('w_grade', lang)}: {_m(_bands(item.grades, lang))}")
    return out


def rulebook_markdown(rulebook: Rulebook, lang: str = "zh") -> str:
    """The rulebook printed back as the task breakdown table, then every rule in words.

    Raises nothing: any rulebook the model accepts can be printed.
    """
    out = [
        f"# {_m(rulebook.title)}",
        "",
        f"{_m(rulebook.id)} {_m(rulebook.version)} · {_m(rulebook.unit)} · "
        f"{rulebook.effective.start} – {rulebook.effective.end} · {_c(rulebook.total_points)}分",
    ]
    if rulebook.base is not None:
        out.append(word("r_overlay_of", lang, id=rulebook.base.id, version=rulebook.base.version))
    out += [
        "",
        "| 考评指标 | 考评办法 | 分值 | 责任领导 | 考核部门 | 本会责任部室 |",
        "|---|---|---:|---|---|---|",
    ]
    for indicator in rulebook.indicators:
        for row in indicator.rows:
            method = [_m(item.source) for item in row.items]
            method += [_m(b.source) for b in rulebook.bonuses if b.row == row.number]
            cells = [
                _m(indicator.name),
                "<br>".join(method),
                f"{_c(row.points)}分",
                _m("、".join(row.leaders)),
                _m("、".join(row.assessing_departments)),
                _m("、".join(row.responsible_offices)),
            ]
            out.append("| " + " | ".join(cells) + " |")
    out += ["", f"## {word('r_heading', lang)}", ""]
    out += _whole(rulebook, lang)
    for indicator in rulebook.indicators:
        extra = []
        if indicator.weight is not None:
            extra.append(word("r_weight", lang, weight=_c(indicator.weight)))
        if indicator.cap is not None:
            extra.append(word("r_cap_at", lang, cap=_c(indicator.cap)))
        if indicator.grades:
            extra.append(_bands(indicator.grades, lang))
        joined = _m(word("w_join", lang).join(extra))
        out.append(
            f"### {_m(indicator.name)}" + (word("r_aside", lang, text=joined) if extra else "")
        )
        for row in indicator.rows:
            info = [word("r_row", lang, number=row.number, points=_c(row.points))]
            if row.weight is not None:
                info.append(word("r_weight", lang, weight=_c(row.weight)))
            if row.cap is not None:
                info.append(word("r_cap_at", lang, cap=_c(row.cap)))
            if row.grades:
                info.append(_bands(row.grades, lang))
            out.append(f"- {_m(word('w_join', lang).join(info))}")
            for item in row.items:
                out += ["  " + line for line in _item_lines(rulebook, item, lang)]
    if rulebook.direct_deductions is not None:
        direct = rulebook.direct_deductions
        at_most = word("r_cap_at", lang, cap=_c(direct.cap)) if direct.cap is not None else ""
        cap = word("r_aside", lang, text=_m(at_most)) if at_most else ""
        out.append(f"### {_m(direct.title)}{cap}")
        for item in direct.items:
            out += _item_lines(rulebook, item, lang)
    for bonus in rulebook.bonuses:
        out += _bonus(rulebook, bonus, lang)
    return "\n".join(out) + "\n"


def _whole(rulebook: Rulebook, lang: str) -> list[str]:
    out = []
    if rulebook.classes:
        classes = word("r_list", lang).join(
            c.label + word("r_aside", lang, text=c.key) for c in rulebook.classes
        )
        out.append(f"- {word('r_classes_all', lang)}: {_m(classes)}")
    if rulebook.grades:
        out.append(f"- {word('w_grade', lang)}: {_m(_bands(rulebook.grades, lang))}")
    if rulebook.deduction_cap is not None:
        out.append(f"- {word('r_deduction_cap', lang, cap=_c(rulebook.deduction_cap))}")
    if rulebook.floor is not None:
        out.append(f"- {word('r_total_floor', lang, floor=_c(rulebook.floor))}")
    if rulebook.score_rounding is not None:
        r = rulebook.score_rounding
        mode = word(f"r_mode_{r.mode.value}", lang)
        out.append(f"- {word('r_score_rounding', lang, quantum=_c(r.quantum), mode=mode)}")
    out.append(f"- {word(f'r_missing_{rulebook.missing_figures.value}', lang)}")
    return [*out, ""]


def _bonus(rulebook: Rulebook, bonus: AwardBonus | MeasuredBonus, lang: str) -> list[str]:
    if bonus.added_to.value == "row":
        target = word("r_to_row", lang, row=bonus.row)
    elif bonus.added_to.value == "indicator":
        names = {i.key: i.name for i in rulebook.indicators if i.key}
        indicator = bonus.indicator or ""
        target = word("r_to_indicator", lang, name=names.get(indicator, indicator))
    else:
        target = word("r_to_total", lang)
    cap = word("r_bonus_cap", lang, cap=_c(bonus.cap), target=target)
    out = [f"### {_m(bonus.label)}" + _m(word("r_aside", lang, text=cap))]
    if isinstance(bonus, AwardBonus):
        scopes = {s.key: s.label for s in bonus.scopes}
        for level in bonus.levels:
            amounts = word("r_list", lang).join(
                f"{scopes.get(k, k)} +{_c(v)}" for k, v in level.amounts.items()
            )
            out.append(f"- {_m(level.label)}: {_m(amounts)}")
        if bonus.modifiers:
            labels = {m.key: m.label for m in rulebook.modifiers}
            modifiers = word("r_modifiers", lang, names=_names(labels, bonus.modifiers, lang))
            out.append(f"- {_m(modifiers)}")
        if bonus.one_per_deed:
            out.append(f"- {word('r_one_per_deed', lang)}")
    else:
        out.extend(
            f"- `{sit.key}` {_m(sit.label)}: {_m(rule_words(rulebook, sit, lang))}"
            for sit in bonus.situations
        )
    return out


def interpretations_markdown(rulebook: Rulebook) -> str:
    """``docs/interpretations.md``: every reading the rulebook chose, with the source wording.

    Raises nothing for a loaded rulebook (loading checks every pointer); for
    one built in Python, :class:`IndexError` or :class:`ValueError` when a
    pointer names a list entry that is not there.
    """
    out = [
        "# Interpretations (解释口径)",
        "",
        f"<!-- Generated from rulebooks by scripts/generate_docs.py from {rulebook.id} {rulebook.version}; "
        "edit the rulebook's `interpretations:` and regenerate. -->",
        "",
        "Where the source table leaves a choice open, the rulebook makes it, and the choice is a value in",
        "the file: change the values listed under each reading to adopt another one. READING.md",
        "(`docs/source/READING.md`) is where these readings come from. Each reading carries a `checksum`",
        "of its values: `mofan-rules validate` warns when the values change and the reading was not reviewed.",
        "",
    ]
    data = rulebook.model_dump(mode="json")
    for number, interp in enumerate(rulebook.interpretations, start=1):
        out += [
            f"## {number}. {interp.title}",
            "",
            f"`{interp.key}`",
            "",
            f"> {interp.source}",
            "",
            interp.reading,
            "",
            "Values that carry it:",
            "",
            *[f"- `{pointer}`{_shown(data, pointer)}" for pointer in interp.values],
            "",
        ]
    return "\n".join(out)


def _shown(data: object, pointer: str) -> str:
    node = data
    for part in pointer.split("/")[1:]:
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.get(part)
    if isinstance(node, dict | list) or node is None:
        return ""
    return f" = `{node}`"


__all__ = ["interpretations_markdown", "rule_words", "rulebook_markdown"]
