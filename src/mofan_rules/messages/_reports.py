"""Messages: the words of reports and explanations — headings, cuts, how a figure counted."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

ENTRIES: dict[str, _T] = {
    # ------------------------------------------------ notices (the engine)
    "missing_figure": _T(
        "figure {key!r} ({label}) is not in the ledger: the rules that read it were not applied",
        "台账中没有填写 {key!r}（{label}）：使用该数据的规则未执行",
        "give it under measures, or --strict to make this an error",
        "请在 measures 中填写；使用 --strict 可将此视为错误",
    ),
    "missing_figure_error": _T(
        "figure {key!r} ({label}) is missing and this rulebook requires every figure it uses",
        "缺少数据 {key!r}（{label}），本规则库要求填写所用的全部数据",
        "give it under measures",
        "请在 measures 中填写",
    ),
    # ------------------------------------------------ cuts (caps that cut)
    "cut_item": _T("this item deducts at most {limit}", "此项最多扣{limit}分"),
    "cut_item_earn": _T("this item earns at most {limit}", "此项最多得{limit}分"),
    "cut_floor": _T("this item scores at least {floor}", "此项最低得{floor}分"),
    "cut_row": _T("the row's {points} points", "分值{points}分"),
    "cut_indicator": _T("{name} deducts at most {limit}", "{name}最多扣{limit}分"),
    "cut_direct": _T("direct deductions at most {limit}", "直接扣分最多{limit}分"),
    "cut_whole": _T("all deductions at most {limit}", "扣分总计不超过{limit}分"),
    "cut_record": _T("cap per record", "每条记录扣分上限"),
    "cut_case": _T("one case counts once (the highest)", "同一案件不累计扣分（按最高计）"),
    "award_label": _T("{level} commendation ({scope})", "{level}表彰（{scope}）"),
    # ------------------------------------------------ how a figure counted
    "worked_per_unit_below": _T(
        "{figure} against {threshold}: {gap} short, {steps} step(s) of {step}",
        "{figure}，标准{threshold}：差{gap}，计{steps}个{step}",
    ),
    "worked_per_unit_above": _T(
        "{figure} against {threshold}: {gap} over, {steps} step(s) of {step}",
        "{figure}，标准{threshold}：超出{gap}，计{steps}个{step}",
    ),
    "worked_threshold_none": _T("{figure}: no cliff applies", "{figure}：未达到任何扣分档"),
    "worked_threshold_below": _T("{figure} is below {bound}: {all}", "{figure}低于{bound}：{all}"),
    "worked_threshold_at_most": _T("{figure} is at most {bound}: {all}", "{figure}不高于{bound}：{all}"),
    "worked_threshold_above": _T("{figure} is above {bound}: {all}", "{figure}高于{bound}：{all}"),
    "worked_threshold_at_least": _T(
        "{figure} is at least {bound}: {all}", "{figure}达到{bound}：{all}"
    ),
    "worked_all": _T("the item's whole points", "此项不得分"),
    "worked_points": _T("this cliff's points", "按此档计分"),
    "worked_remainder": _T(
        "the row's {points} less the other items' {used} leaves {left}; "
        "{left} × (1 − {rate}) = {exact}, rounded to {quantum}",
        "本栏{points}分扣除其他项{used}分，剩余{left}分；{left} ×（1 − {rate}）= {exact}，保留到{quantum}",
    ),
    "worked_rank_where": _T("rank {rank}{of}{score}", "第{rank}名{of}{score}"),
    "worked_rank_score": _T(", score {score}", "，得分{score}"),
    "worked_rank_not_below": _T(
        "{where}: score not below {below}, nothing counts",
        "{where}：得分不低于{below}，不计",
    ),
    "worked_rank_below": _T(
        "{where}: {count} place(s) below place {places}",
        "{where}：低于第{places}名{count}个名次",
    ),
    "worked_rank_last": _T(
        "{where}: {count} position(s) into the last {places}",
        "{where}：进入后{places}位{count}个位次",
    ),
    "worked_ladder_top": _T("{where}: place {step} from the top", "{where}：正数第{step}名"),
    "worked_ladder_bottom": _T("{where}: place {step} from the bottom", "{where}：倒数第{step}名"),
}
