"""Messages: A rulebook that contradicts itself, and a folder of editions that do not agree."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

ENTRIES: dict[str, _T] = {
    "edition_differs": _T(
        "{id} {version} is also in {other} with different content",
        "{id} {version} 也出现在 {other} 中，但内容不同",
        "give the edited copy a new version",
        "修改后的副本请使用新的版本号",
    ),
    "editions_overlap": _T(
        "{id} {version} is in effect over the same days as {other}",
        "{id} {version} 的生效期与 {other} 重叠",
        "make the effective periods of one rulebook follow each other",
        "同一规则库各版本的生效期应前后衔接、互不重叠",
    ),
    "no_rulebooks": _T(
        "the folder holds no rulebook (.yaml)",
        "文件夹中没有规则库（.yaml）",
    ),
    "pinned_edition_missing": _T(
        "no rulebook {id} {version} in the folder",
        "文件夹中没有规则库 {id} {version}",
        "add that edition, or change the ledger's pin",
        "请放入该版本，或修改台账中指定的版本",
    ),
    "no_edition_in_effect": _T(
        "no rulebook in effect for {start} – {end}; editions: {periods}",
        "没有在 {start} 至 {end} 期间生效的规则库；现有版本：{periods}",
        "check the ledger's period",
        "请检查台账的考核期",
    ),
    "several_editions_in_effect": _T(
        "several rulebooks are in effect for {start} – {end}: {periods}",
        "{start} 至 {end} 期间有多个规则库生效：{periods}",
        "pin the ledger to one (its id and version under `rulebook:`), or name one with --rulebook FILE",
        "请在台账的 `rulebook:` 中写明其一的 id 和 version，或用 --rulebook 指定一个文件",
    ),
    "used_twice": _T(
        "{what} {value!r} is used twice (first at entry {first})",
        "{what} {value!r} 重复使用（第 {first} 条已用过）",
    ),
    "key_modifier": _T("modifier key", "调整系数键"),
    "label_modifier": _T("modifier label", "调整系数名称"),
    "label_measure": _T("measure label", "计量项名称"),
    "label_class": _T("class label", "单位类别名称"),
    "label_situation": _T("situation label", "情形名称"),
    "label_tier": _T("tier label", "档次名称"),
    "tier_label_taken": _T(
        "{label!r} is already the label of tier {other!r}: a ledger could name neither by it",
        "名称 {label!r} 已是档次 {other!r} 的名称：台账将无法用它指明任何一档",
        "give this tier a label of its own",
        "请为该档另起一个名称",
    ),
    "key_measure": _T("measure key", "计量项键"),
    "key_interpretation": _T("interpretation key", "解释键"),
    "key_situation": _T("situation key", "情形键"),
    "key_tier": _T("tier key", "档次键"),
    "key_cap": _T("cap key", "封顶键"),
    "key_scope": _T("scope key", "范围键"),
    "key_level": _T("level key", "级别键"),
    "period_reversed": _T(
        "the period ends ({end}) before it starts", "结束日期（{end}）早于开始日期"
    ),
    "pointer_to_nothing": _T(
        "{pointer} points at nothing in this rulebook",
        "{pointer} 在本规则库中指向不存在的位置",
        "fix the pointer after moving or renumbering entries",
        "移动条目或重新编号后，请同步修改指针",
    ),
    "row_number": _T(
        "row {number} should be numbered {expected}",
        "第 {number} 栏应编为第 {expected} 栏",
        "number rows 1, 2, 3… in order",
        "栏按 1、2、3…… 依次编号",
    ),
    "item_number": _T(
        "item {number} should be numbered {expected}",
        "第 {number} 项应编为第 {expected} 项",
        "number items 1, 2, 3… without gaps, across rows",
        "项跨栏连续编号 1、2、3……，不要跳号",
    ),
    "item_cap_above_row": _T(
        "{cap} is above the row's {points} points",
        "第 {item} 项的上限 {cap} 分超过了该栏分值 {points} 分",
    ),
    "one_remainder_per_row": _T(
        "a row can hold only one remainder situation",
        "一栏只能有一个按剩余分值计算的情形",
    ),
    "row_never_emptied": _T(
        "the items' caps add up to {reach}, so this row can never lose all its {points} points",
        "各项上限合计 {reach} 分，该栏的 {points} 分永远扣不完",
    ),
    "total_mismatch": _T(
        "the rows' points add up to {total}, not {expected}",
        "各栏分值合计 {total} 分，而不是 {expected} 分",
    ),
    "measure_unused": _T(
        "measure {key!r} is not used by any situation", "计量项 {key!r} 没有被任何情形使用"
    ),
    "quantum_not_power_of_ten": _T(
        "{value} is not 1, 0.1, 0.01 or another power of ten: rounding keeps decimal places",
        "{value} 不是 1、0.1、0.01 这样的 10 的幂：取舍只能保留到某一位小数",
        "write 0.1 to keep one decimal place, 0.01 to keep two",
        "保留一位小数写 0.1，保留两位写 0.01",
    ),
    "too_many_places": _T(
        "{value} has more than {places} decimal places",
        "{value} 的小数超过 {places} 位",
        "write it with at most {places} decimal places",
        "最多写 {places} 位小数",
    ),
    "amount_xor_tiers": _T(
        "give exactly one of `amount`, `tiers` and `range` (none only for a veto that costs nothing)",
        "`amount`、`tiers`、`range` 必须且只能写一个（只有不扣分的一票否决情形可以都不写）",
    ),
    "item_grades_need_points": _T(
        "item {item} has grades but no `points`: its grade is worked out from its points",
        "第{item}项设有等次但没有 `points`：等次按该项得分评定",
        "give the item's points, or move the grades to its row",
        "请写明该项分值，或把等次放到所在的栏",
    ),
    "empty": _T("must not be empty", "不能为空"),
    "unknown_modifier": _T("unknown modifier {key!r}", "未知的调整系数 {key!r}"),
    "unknown_measure": _T("unknown measure {key!r}", "未知的计量项 {key!r}"),
    "measure_wrong_kind": _T(
        "measure {key!r} is not a {kind} measure", "计量项 {key!r} 不是{kind}类计量项"
    ),
    "kind_count": _T("count", "计数"),
    "kind_rank": _T("rank", "排名"),
    "kind_rate": _T("rate", "比率"),
    "remainder_alone": _T(
        "a remainder situation must be the only situation of its item",
        "按剩余分值计算的情形必须是所在项唯一的情形",
    ),
    "unknown_situation_in_item": _T(
        "unknown situation {key!r} in item {item}", "第 {item} 项中没有情形 {key!r}"
    ),
    "situation_has_no_tier": _T(
        "situation {key!r} has no tier {tier!r}", "情形 {key!r} 没有档次 {tier!r}"
    ),
    "caps_overlap": _T(
        "cap {cap!r} overlaps cap {other!r}",
        "封顶 {cap!r} 与封顶 {other!r} 重叠",
        "a situation or tier can be in one cap only",
        "一个情形或档次只能属于一个封顶",
    ),
    "no_such_row": _T(
        "there is no row {row} (the table has {rows})", "没有第 {row} 栏（表中共 {rows} 栏）"
    ),
    "unknown_scope": _T("unknown scope {key!r}", "未知的表彰范围 {key!r}"),
    "not_exact": _T(
        "the score cannot be worked out exactly in {digits} digits",
        "无法在 {digits} 位有效数字内精确算出得分",
        "write the rulebook's amounts and factors with fewer decimal places",
        "请减少规则库中分值和系数的小数位数",
    ),
    "key_class": _T("class key", "单位类别键"),
    "key_grade": _T("grade key", "等次键"),
    "key_bonus": _T("bonus key", "加分规则键"),
    "key_indicator": _T("indicator key", "考评指标键"),
    "kind_number": _T("number", "数值"),
    "unknown_class": _T("unknown unit class {key!r}", "未知的单位类别 {key!r}"),
    "row_cap_above_points": _T(
        "the row's cap {cap} is above its {points} points",
        "该栏的扣分上限 {cap} 分超过了分值 {points} 分",
        "leave the cap out: the points already bound the row",
        "请删除上限：分值本身已经限制了扣分",
    ),
    "earn_needs_points": _T(
        "item {item} is scored by earning (得分制) and needs its `points`",
        "第 {item} 项为得分制，需要写明该项分值 `points`",
    ),
    "direct_cannot_earn": _T(
        "item {item} is a direct deduction (直接扣分): it deducts from the total and cannot be earned",
        "第 {item} 项是直接扣分项：只能从总分中扣分，不能按得分制计分",
        "move it into a row, or remove `basis: earn`",
        "请把它放进某一栏，或删去 `basis: earn`",
    ),
    "floor_needs_points": _T(
        "item {item} has a floor (最低得分) but no `points` to count it from",
        "第 {item} 项规定了最低得分，却没有写该项分值 `points`",
    ),
    "floor_above_points": _T(
        "{floor} is above the {points} points it is part of",
        "{floor} 超过了所在的 {points} 分",
    ),
    "remainder_needs_row": _T(
        "a remainder situation must stand in a row, in an item scored by deduction",
        "按剩余分值计算的情形只能用于分值栏中的扣分制项目",
    ),
    "unknown_tier_set": _T("unknown tier set {key!r}", "未知的档次组 {key!r}"),
    "range_reversed": _T(
        "the range runs from {low} down to {high}",
        "区间从 {low} 到 {high}，下限大于上限",
        "write the smaller amount as min",
        "请把较小的数写在 min",
    ),
    "situation_classes_outside_item": _T(
        "none of these classes is one item {number} applies to ({item}): the situation could never count",
        "这些单位类别都不在第 {number} 项适用的类别（{item}）之内：该情形永远不会计分",
        "name classes the item applies to, or change the item's classes",
        "请写该项适用的类别，或修改该项的 classes",
    ),
    "override_needs_base": _T(
        "a class cannot set `{field}` when the situation itself has none",
        "情形本身没有 `{field}`，单位类别不能单独设置",
    ),
    "rate_above_one": _T(
        "{value} is above 1, but the measure is a rate (90% is 0.9)",
        "{value} 大于 1，但该计量项是比率（90% 写作 0.9）",
    ),
    "cliff_one_comparison": _T(
        "a cliff needs exactly one of below, at_most, above and at_least",
        "每一档需要且只能写 below、at_most、above、at_least 中的一个",
    ),
    "cliff_unreachable": _T(
        "cliff {index} can never apply: an earlier cliff catches every figure it would",
        "第 {index} 档永远不会适用：前面的档已经包含了它的范围",
        "write the most severe cliff first",
        "请把最严重的一档写在最前面",
    ),
    "all_needs_points": _T(
        "`all` (此项不得分) needs item {item}'s points: give the item `points` or `cap`",
        "`all`（此项不得分）需要知道第 {item} 项的分值：请写该项的 `points` 或 `cap`",
    ),
    "band_top_open": _T(
        "the best grade {label!r} must have no `below`: it goes up to full marks",
        "最高等次 {label!r} 不应写 `below`：它一直到满分",
    ),
    "band_bottom_open": _T(
        "the lowest grade {label!r} must have no `at_least`: every score below the others is in it",
        "最低等次 {label!r} 不应写 `at_least`：低于其他等次的分数都属于它",
    ),
    "band_needs_lower": _T(
        "grade {label!r} needs `at_least`: where it starts",
        "等次 {label!r} 需要写 `at_least`：从多少分起",
    ),
    "band_needs_upper": _T(
        "grade {label!r} needs `below`: where it stops",
        "等次 {label!r} 需要写 `below`：到多少分以下",
    ),
    "bands_gap": _T(
        "scores from {low} up to {high} have no grade: {lower!r} stops below {low}, {upper!r} starts at {high}",
        "{low} 至 {high} 分之间没有等次：{lower!r} 到 {low} 分以下，{upper!r} 从 {high} 分起",
        "make each band start where the next one stops",
        "请让相邻等次首尾相接",
    ),
    "bands_overlap": _T(
        "scores from {low} up to {high} are in two grades, {upper!r} and {lower!r}",
        "{low} 至 {high} 分同时属于 {upper!r} 和 {lower!r} 两个等次",
        "make each band start where the next one stops",
        "请让相邻等次首尾相接",
    ),
    "band_empty": _T("grade {label!r} covers no score", "等次 {label!r} 不包含任何分数"),
    "veto_without_outcome": _T(
        "a veto (一票否决) must say what it sets: `outcome`, `grade` or both",
        "一票否决需要写明结果：`outcome`、`grade` 或两者",
    ),
    "unknown_grade": _T("unknown grade {key!r}", "未知的等次 {key!r}"),
    "no_grades_defined": _T(
        "the rulebook defines no grades: add `grades:`",
        "本规则库没有定义等次：请添加 `grades:`",
    ),
    "weights_two_levels": _T(
        "weights are given on indicators and on rows: choose one level",
        "考评指标和分值栏都写了权重：只能选一层",
    ),
    "weight_missing": _T(
        "this has no weight while its siblings have one",
        "同级的其他项都有权重，这里却没有",
        "give every indicator, or every row, a weight, or none",
        "请给每个考评指标或每个分值栏都写权重，或都不写",
    ),
    "weights_do_not_add_up": _T(
        "weight × points add up to {total}, not the full marks {expected}",
        "权重 × 分值合计 {total} 分，而不是满分 {expected} 分",
    ),
    "deduction_cap_with_weights": _T(
        "a cap on the whole deduction cannot be combined with weights",
        "扣分总上限不能与权重同时使用",
    ),
    "bonus_needs_target": _T(
        "the bonus is added to a {field}: name it with `{field}`",
        "加分加到{field}：请用 `{field}` 指明",
    ),
    "unknown_indicator": _T("unknown indicator {key!r}", "未知的考评指标 {key!r}"),
    "number_not_in_source": _T(
        "{value} appears nowhere in its source text",
        "{value} 没有出现在对应的原文中",
        "check the value against the table, or explain it under interpretations",
        "请对照原表核对该数值，或在 interpretations 中说明",
    ),
    "amount_above_cap": _T(
        "{amount} is more than the {cap} of {limit} over it in item {item}: one occurrence can never count in full",
        "第 {item} 项中 {amount} 超过了其上的{cap} {limit}：一次也无法全额计入",
        "check the amount and the cap",
        "请核对分值和上限",
    ),
    "cap_word_per_record_cap": _T("cap per record", "每条记录上限"),
    "cap_word_item": _T("item cap", "单项上限"),
    "cap_word_row": _T("row's points", "本栏分值"),
    "interpretation_values_changed": _T(
        "the values interpretation {key!r} explains have changed since its reading was reviewed",
        "解释 {key!r} 所说明的数值已经改变，但说明尚未复核",
        'check that its reading still holds, then set checksum: "{checksum}"',
        '请确认说明仍然成立，然后把 checksum 改为 "{checksum}"',
    ),
    "key_row": _T("row number", "栏号"),
    "format_1": _T(
        "this file is in rulebook format 1; it is read as format 2",
        "本文件是第 1 版规则库格式，已按第 2 版读取",
        "convert it once with: mofan-rules migrate FILE --out NEW.yaml",
        "请用 mofan-rules migrate 文件 --out 新文件.yaml 转换一次",
    ),
    "base_not_in_files": _T(
        "`base` is set when an overlay is loaded, not written in a file",
        "`base` 由加载覆盖层时自动设置，不应写在文件中",
        "to build on another edition, write an overlay with `extends:`",
        "如需基于另一个版本，请写覆盖层并使用 `extends:`",
    ),
    "base_not_found": _T(
        "the base edition {id} {version} is not in this folder",
        "本文件夹中没有基础版本 {id} {version}",
        "put the base rulebook beside the overlay, or give extends: file:",
        "请把基础规则库放在覆盖层旁边，或写明 extends: file:",
    ),
    "base_ambiguous": _T(
        "the base edition {id} {version} is in {file} and in {other}, with different content",
        "基础版本 {id} {version} 同时出现在 {file} 和 {other} 中，且内容不同",
        "keep one of them, give the edited copy a new version, or name the base with extends: file:",
        "请只保留一个，给修改后的副本换一个版本号，或用 extends: file: 指明基础文件",
    ),
    "base_is_overlay": _T(
        "the base {file} is itself an overlay; an overlay must extend a full rulebook",
        "基础版本 {file} 本身也是覆盖层；覆盖层只能基于完整的规则库",
    ),
    "base_mismatch": _T(
        "{file} is {id} {version}, not the edition `extends` names",
        "{file} 是 {id} {version}，不是 `extends` 指定的版本",
    ),
    "overlay_changes_rule": _T(
        "an overlay cannot set {key!r}: it sets only the people of rows and its own title, unit and period",
        "覆盖层不能设置 {key!r}：它只能设置各栏的责任人员和自身的标题、单位、考核期",
        "change scoring rules in the base edition",
        "评分规则请在基础版本中修改",
    ),
    "todo_clause": _T(
        "this clause is not yet written as a rule: {source} ({reason})",
        "该条款尚未写成规则：{source}（{reason}）",
        "replace `kind: todo` with the rule it states",
        "请把 `kind: todo` 改写为条款所说的规则",
    ),
    "base_file_missing": _T(
        "the base file {file!r} does not exist (it should hold {id} {version})",
        "基础文件 {file!r} 不存在（应为 {id} {version}）",
        "check extends: file:, a path relative to this overlay",
        "请检查 extends: file:，路径相对于本覆盖层",
    ),
}
