"""Messages: A ledger that does not fit its rulebook."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

ENTRIES: dict[str, _T] = {
    "pinned_elsewhere": _T(
        "the ledger is pinned to rulebook {pin_id} {pin_version}, "
        "but it is being scored with {id} {version}",
        "台账指定的规则库是 {pin_id} {pin_version}，但现在用的是 {id} {version}",
        "score it with the pinned rulebook, or change the pin",
        "请用台账指定的规则库评分，或修改台账中的指定",
    ),
    "no_such_item": _T(
        "there is no item {item}", "没有第 {item} 项", "items are 1–{count}", "项的编号是 1–{count}"
    ),
    "item_has_no_situation": _T(
        "item {item} has no situation {key!r}", "第 {item} 项没有情形 {key!r}"
    ),
    "situation_is_measured": _T(
        "{key!r} of item {item} is worked out from a measure, not recorded",
        "第 {item} 项的 {key!r} 由计量项算出，不逐条记录",
        "give the figure under measures: {measure}",
        "请在 measures 下填写 {measure}",
    ),
    "needs_tier": _T(
        "{key!r} of item {item} needs a tier",
        "第 {item} 项的 {key!r} 需要写明档次 tier",
        "one of: {options}",
        "可选：{options}",
    ),
    "tier_unknown": _T("{key!r} has no tier {tier!r}", "{key!r} 没有档次 {tier!r}"),
    "tier_not_needed": _T(
        "{key!r} of item {item} has no tiers",
        "第 {item} 项的 {key!r} 不分档次",
        "remove `tier`",
        "请删除 `tier`",
    ),
    "modifier_not_allowed": _T("{mod!r} does not apply to {key!r}", "{mod!r} 不适用于 {key!r}"),
    "modifier_twice": _T(
        "modifier {mod!r} is given twice", "调整系数 {mod!r} 写了两次", "give it once", "只写一次"
    ),
    "count_over": _T(
        "{key!r} of item {item} can happen {times}; this makes {total}",
        "第 {item} 项的 {key!r} {times}；这里累计已有 {total} 次",
    ),
    "once_a_year": _T("once a year", "每年最多一次"),
    "at_most_times": _T("at most {count} times", "最多 {count} 次"),
    "count_not_whole": _T("{key!r} is a count: give a whole number", "{key!r} 是计数：请写整数"),
    "count_above_max": _T(
        "{value} is more than the largest accepted {key!r} ({top})",
        "{value} 超过了 {key!r} 允许的最大值（{top}）",
        "check for a typo",
        "请检查是否写错",
    ),
    "rate_range": _T(
        "{key!r} is a rate: give a number from 0 to 1 (90% is 0.9)",
        "{key!r} 是比率：请写 0 到 1 之间的数（90% 写作 0.9）",
    ),
    "figure_places": _T(
        "a number here has at most {places} decimal places",
        "此处数字最多只能有 {places} 位小数",
        "round it as the source document does",
        "请按原始材料的写法取舍",
    ),
    "rate_places": _T(
        "a rate has at most {places} decimal places", "比率最多只能有 {places} 位小数"
    ),
    "rank_shape": _T(
        "{key!r} is a rank: give {{rank: N, of: M}}", "{key!r} 是排名：请写 {{rank: N, of: M}}"
    ),
    "rank_outside": _T(
        "rank {rank} (tied {tied}) is outside 1..{of}", "名次 {rank}（并列 {tied}）超出了 1..{of}"
    ),
    "rank_needs_of": _T(
        "{key!r} needs `of`: how many units were ranked",
        "{key!r} 需要写 `of`：参加排名的单位数",
        "add of: N",
        "请加上 of: N",
    ),
    "rank_needs_score": _T(
        "{key!r} needs `score`: the rule only applies below {below}",
        "{key!r} 需要写 `score`：该规则只在得分低于 {below} 时适用",
        "add score: N",
        "请加上 score: N",
    ),
    "no_bonus_rule": _T(
        "this rulebook has no bonus rule",
        "本规则库没有加分规则",
        "remove the awards",
        "请删除 awards",
    ),
    "unknown_award_level": _T("unknown award level {level!r}", "未知的表彰级别 {level!r}"),
    "no_amount_for_scope": _T(
        "level {level!r} has no amount for {scope!r}", "级别 {level!r} 没有 {scope!r} 的加分分值"
    ),
    "not_for_awards": _T("{mod!r} does not apply to awards", "{mod!r} 不适用于表彰"),
    "cap_on_remainder": _T(
        "{key!r} is a remainder rule: it cannot be capped",
        "{key!r} 是剩余分值折算规则，不能设置封顶",
        "its deduction never exceeds what is left of the row; remove it from the cap",
        "它的扣分不会超过本栏剩余分值；请从封顶中去掉它",
    ),
    "class_not_used": _T(
        "this rulebook has no unit classes",
        "本规则库不区分单位类别",
        "remove `class`",
        "请删除 `class`",
    ),
    "needs_class": _T(
        "the ledger must state its unit class (单位类别)",
        "台账需要写明单位类别（class）",
        "one of: {options}",
        "可选：{options}",
    ),
    "item_not_for_class": _T(
        "item {item} does not apply to units of class {unit_class!r}",
        "第 {item} 项不适用于 {unit_class!r} 类单位",
    ),
    "situation_not_for_class": _T(
        "{key!r} of item {item} does not apply to units of class {unit_class!r}",
        "第 {item} 项的 {key!r} 不适用于 {unit_class!r} 类单位",
    ),
    "amount_not_allowed": _T(
        "{key!r} of item {item} has a fixed amount: the ledger cannot state one",
        "第 {item} 项的 {key!r} 分值固定，台账中不能填写分值",
        "remove `amount`",
        "请删除 `amount`",
    ),
    "amount_needed": _T(
        "{key!r} of item {item} needs the amount: from {low} to {high}",
        "第 {item} 项的 {key!r} 需要填写分值：{low} 至 {high}",
        "add amount: N",
        "请加上 amount: N",
    ),
    "amount_outside_range": _T(
        "{amount} is outside the range {low}–{high} the rulebook allows",
        "{amount} 超出了规则库允许的范围 {low}–{high}",
    ),
    "figure_other_class": _T(
        "figure {key!r} belongs to another class of unit, not {unit_class!r}",
        "数据 {key!r} 属于其他类别的单位，不适用于 {unit_class!r}",
        "remove it: it would never count for this unit",
        "请删除：它不会计入本单位",
    ),
    "figure_twice": _T(
        "figure {key!r} is given twice (by key and by label)",
        "数据 {key!r} 填写了两次（键和名称各一次）",
        "keep one",
        "请只保留一个",
    ),
    "percent_not_rate": _T(
        "{key!r} is not a rate: write a plain number",
        "{key!r} 不是比率：请写普通数字",
    ),
    "not_a_rank": _T(
        "{key!r} is not a rank: write a plain number",
        "{key!r} 不是排名：请写普通数字",
    ),
    "award_needs_bonus": _T(
        "this rulebook has several award rules: name one with `bonus`",
        "本规则库有多个表彰加分规则：请用 `bonus` 指明",
        "one of: {options}",
        "可选：{options}",
    ),
    "unknown_bonus": _T("unknown bonus rule {key!r}", "未知的加分规则 {key!r}"),
}
