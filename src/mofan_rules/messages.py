"""The message catalogue: every problem text a person can cause, in English and Chinese.

Each entry is a stable code mapped to a :class:`Template` whose texts use
``str.format`` placeholders; :func:`say` fills one in and returns a
:class:`~mofan_rules.errors.Msg` carrying both languages, which the layers that
find problems turn into a :class:`~mofan_rules.errors.Problem`. Keys, numbers,
paths and other values appear unchanged in both languages.

A parameter may itself be a :class:`Msg` (a word or phrase from this
catalogue, such as a type name): its English goes into the English text and
its Chinese into the Chinese. A ``hint`` given to :func:`say` replaces the
template's own hint, for hints worked out at the site ("did you mean …?").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Msg:
    """A message and its hint, in English and Chinese, from the catalogue below."""

    en: str
    zh: str
    hint: str = ""
    hint_zh: str = ""


@dataclass(frozen=True, slots=True)
class Template:
    """One catalogue entry: message and hint, each in English and Chinese."""

    en: str
    zh: str
    hint_en: str = ""
    hint_zh: str = ""


_T = Template

_CATALOGUE: dict[str, Template] = {
    # ------------------------------------------------------------ general
    "unknown_error": _T("unknown error", "未知错误"),
    # ------------------------------------------------ files (loader.py)
    "no_such_file": _T("no such file", "文件不存在", "check the path", "请检查路径"),
    "is_a_folder": _T(
        "is a folder, not a file",
        "这是文件夹，不是文件",
        "name a .yaml file",
        "请指定一个 .yaml 文件",
    ),
    "cannot_read": _T("cannot be read: {reason}", "无法读取：{reason}"),
    "not_a_mapping": _T(
        "the file must hold a mapping of keys to values, not a single value or a list",
        "文件应由键和值组成，不能只是单个值或列表",
    ),
    "invalid_date": _T("{detail}", "不是有效的日期（应写成 2026-01-01 这样的格式）"),
    "model_rejected": _T("{detail}", "内容不符合要求：{detail}"),
    "too_many_problems": _T(
        "more than {limit} problems: only the first {limit} are shown",
        "问题超过 {limit} 个，只列出前 {limit} 个",
        "fix these and check the file again",
        "请先改正这些问题，再重新检查",
    ),
    # ------------------------------------------- text and YAML (source.py)
    "file_too_large": _T(
        "file is {size} bytes, above the limit of {limit}",
        "文件有 {size} 字节，超过了 {limit} 字节的上限",
        "split it",
        "请拆分成几个文件",
    ),
    "not_utf8": _T(
        "not valid UTF-8 (byte 0x{byte:02x} at offset {offset})",
        "不是有效的 UTF-8 编码（偏移 {offset} 处的字节 0x{byte:02x}）",
        "save the file as UTF-8",
        "请把文件另存为 UTF-8 编码",
    ),
    "nul_character": _T(
        "the file contains a NUL character; is it a text file?",
        "文件中有 NUL 字符；这是文本文件吗？",
    ),
    "yaml_syntax": _T(
        "not valid YAML: {detail}",
        "不是有效的 YAML：{detail}",
        "check the indentation and quotes",
        "请检查缩进和引号",
    ),
    "yaml_error": _T("not valid YAML: {detail}", "不是有效的 YAML：{detail}"),
    "nested_too_deeply": _T(
        "nested too deeply (more than {depth} levels)", "嵌套太深（超过 {depth} 层）"
    ),
    "empty_file": _T(
        "the file is empty",
        "文件为空",
        "it must hold a mapping of keys to values",
        "文件中应写入键和值",
    ),
    "alias": _T(
        "anchors and aliases (&name / *name) are not allowed",
        "不允许使用锚点和别名（&名称 / *名称）",
        "write the value out in full where it is needed",
        "请在用到的地方把值完整写出",
    ),
    "nested_deeper_than": _T(
        "nested more than {depth} levels deep",
        "嵌套超过 {depth} 层",
        "flatten the document",
        "请减少嵌套层级",
    ),
    "tag_not_allowed": _T(
        "tag {tag!r} is not allowed", "不允许使用标签 {tag!r}", "remove the tag", "请删除该标签"
    ),
    "unknown_tag": _T(
        "tag {tag!r} is not allowed",
        "不允许使用标签 {tag!r}",
        "only plain values are accepted; remove the tag (e.g. !!python/...)",
        "只接受普通的值；请删除该标签（例如 !!python/...）",
    ),
    "key_not_scalar": _T(
        "keys must be plain words or numbers (no lists, maps or '<<' merges)",
        "键只能是普通的词或数字（不能是列表、映射或 '<<' 合并）",
    ),
    "key_not_word": _T("key {key!r} must be a word or a whole number", "键 {key!r} 必须是词或整数"),
    "duplicate_key": _T(
        "duplicate key {key!r}: it is already set on line {line}",
        "重复的键 {key!r}：第 {line} 行已设置",
        "keep one of the two; YAML would silently keep only the last",
        "请只保留一个；否则 YAML 会悄悄只保留后一个",
    ),
    "fullwidth_digits": _T(
        "{text!r} is written with full-width digits",
        "{text!r} 用了全角数字",
        "write {ascii} with ASCII digits",
        "请改用半角数字 {ascii}",
    ),
    "int_tag_not_whole": _T(
        "{text!r} is not a whole number",
        "{text!r} 不是整数",
        "remove the !!int tag",
        "请删除 !!int 标签",
    ),
    "not_finite": _T(
        "{text} is not a finite number",
        "{text} 不是有限的数",
        "write an ordinary number such as 0.5",
        "请写普通的数，例如 0.5",
    ),
    "float_tag_not_number": _T(
        "{text!r} is not a number",
        "{text!r} 不是数字",
        "write a plain number such as 0.5",
        "请写普通的数，例如 0.5",
    ),
    "invalid_decimal": _T("{text!r} is not a number", "{text!r} 不是数字"),
    "number_out_of_range": _T(
        "{text!r} is too long or too large to read as a number",
        "{text!r} 太长或太大，无法作为数字读取",
        "a number has at most {chars} characters and an exponent within ±{exponent}",
        "数字最多 {chars} 个字符，指数在 ±{exponent} 以内",
    ),
    "not_bool": _T(
        "{text!r} is not true or false",
        "{text!r} 不是 true 或 false",
        "write true or false",
        "请写 true 或 false",
    ),
    "not_null": _T(
        "{text!r} is not empty (null)",
        "{text!r} 不是空值（null）",
        "remove the !!null tag",
        "请删除 !!null 标签",
    ),
    # ------------------------------------------ schema errors (schema.py)
    "unknown_key": _T("unknown key {key!r}", "未知的键 {key!r}"),
    "missing_key": _T("missing key {key!r}", "缺少键 {key!r}", "add it", "请补上"),
    "wrong_type": _T("{value} should be {words}", "{value} 应为{words}"),
    "quoted_number": _T(
        "{value} should be {words}",
        "{value} 应为{words}",
        "write the number without quotes",
        "数字不要加引号",
    ),
    "unknown_kind": _T("unknown kind {kind}", "未知的类型 {kind}"),
    "wrong_const": _T("{value} should be {expected}", "{value} 应为 {expected}"),
    "not_in_enum": _T("{value} is not one of {options}", "{value} 不是可选值之一：{options}"),
    "bad_name": _T(
        "{value} is not a valid name",
        "{value} 不是有效的名称",
        "use lowercase ASCII letters, digits and _, starting with a letter",
        "请用小写英文字母、数字和 _，并以字母开头",
    ),
    "bad_pointer": _T(
        "{value} is not a valid name",
        "{value} 不是有效的 JSON 指针",
        "write a JSON pointer such as /indicators/0/rows/0/points",
        "请写 JSON 指针，例如 /indicators/0/rows/0/points",
    ),
    "bad_version": _T(
        "{value} is not a valid name",
        "{value} 不是有效的版本号",
        'use letters, digits, "." and "-", e.g. "2026.1"',
        '请用字母、数字、"." 和 "-"，例如 "2026.1"',
    ),
    "at_least": _T("{value} must be at least {limit}", "{value} 不能小于 {limit}"),
    "above": _T("{value} must be above {limit}", "{value} 必须大于 {limit}"),
    "at_most": _T("{value} must be at most {limit}", "{value} 不能大于 {limit}"),
    "below": _T("{value} must be below {limit}", "{value} 必须小于 {limit}"),
    "empty_list": _T("must not be empty", "不能为空", "add at least one entry", "请至少写一项"),
    "empty_text": _T("must not be empty text", "文字不能为空"),
    "too_long": _T("is longer than {limit} characters", "超过了 {limit} 个字符"),
    "schema_other": _T("{detail}", "不符合格式要求：{detail}"),
    # Values and types named inside schema messages.
    "value_null": _T("nothing (null)", "空值（null）"),
    "value_mapping": _T("a mapping", "映射"),
    "value_list": _T("a list", "列表"),
    "type_number": _T("a number", "数字"),
    "type_integer": _T("a whole number", "整数"),
    "type_string": _T("text", "文本"),
    "type_object": _T("a mapping of keys to values", "由键和值组成的映射"),
    "type_array": _T("a list", "列表"),
    "type_boolean": _T("true or false", "true 或 false"),
    "type_null": _T("empty", "空值"),
    "or": _T("{a} or {b}", "{a}或{b}"),
    # ------------------------------------------------------------- hints
    # ------------------------------------------ spreadsheets (sheets.py)
    "sheet_unknown_column": _T("unknown column {header!r}", "未知的列 {header!r}"),
    "sheet_value_without_header": _T(
        "a value in a column without a header",
        "该列没有表头，却填了内容",
        "give the column a header or clear the cell",
        "请给该列加上表头，或清空该单元格",
    ),
    "sheet_not_text": _T(
        "not UTF-8 or GB18030 text",
        "不是 UTF-8 或 GB18030 编码的文本",
        "save the sheet as CSV UTF-8",
        "请另存为“CSV UTF-8”格式",
    ),
    "sheet_cell_too_long": _T(
        "a cell holds more than {limit} characters",
        "单元格内容超过 {limit} 个字符",
        "is this the right file?",
        "请确认文件是否正确",
    ),
    "sheet_bad_csv": _T(
        "not a readable CSV sheet ({reason})",
        "无法读取的 CSV 表格（{reason}）",
        "save the sheet as CSV UTF-8 again",
        "请重新另存为“CSV UTF-8”格式",
    ),
    "xlsx_needs_openpyxl": _T(
        "reading .xlsx needs openpyxl",
        "读取 .xlsx 文件需要安装 openpyxl",
        "pip install 'mofan-rules[xlsx]'",
        "请运行 pip install 'mofan-rules[xlsx]'",
    ),
    "xlsx_unreadable": _T(
        "not a readable .xlsx workbook ({reason})",
        "无法读取的 .xlsx 工作簿（{reason}）",
        "open it in Excel and save it again as .xlsx",
        "请用 Excel 打开后重新另存为 .xlsx",
    ),
    "cap_on_remainder": _T(
        "{key!r} is a remainder rule: it cannot be capped",
        "{key!r} 是剩余分值折算规则，不能设置封顶",
        "its deduction never exceeds what is left of the row; remove it from the cap",
        "它的扣分不会超过本栏剩余分值；请从封顶中去掉它",
    ),
    # ------------------------------------------ editions (versions.py)
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
        "name one with --rulebook FILE",
        "请用 --rulebook 指定一个文件",
    ),
    # ------------------------------------------ the command (cli.py)
    "out_suffix": _T(
        "--out must end in .csv or .xlsx",
        "--out 的文件名须以 .csv 或 .xlsx 结尾",
    ),
    "no_ledgers_found": _T(
        "no ledgers found (.yaml, .yml, .json, .csv, .xlsx)",
        "没有找到台账文件（.yaml、.yml、.json、.csv、.xlsx）",
    ),
    "cannot_write": _T(
        "cannot write: {reason}",
        "无法写入：{reason}",
        "check the folder and the disk",
        "请检查文件夹和磁盘",
    ),
    "ledgers_not_scored": _T(
        "{count} ledger(s) could not be scored:",
        "{count} 份台账无法评分：",
    ),
    "no_cases_file": _T(
        "no cases file beside the rulebook",
        "规则库旁没有案例文件",
        "create RULEBOOK.cases.yaml next to it",
        "请在规则库旁建立 同名.cases.yaml",
    ),
    "did_you_mean": _T("did you mean {word!r}?", "是否想写 {word!r}？"),
    "allowed": _T("allowed: {options}", "可用的有：{options}"),
    "allowed_none": _T("allowed: none", "没有可用的"),
    "known": _T("known: {options}", "现有：{options}"),
    "none_defined": _T("none are defined", "一个也没有定义"),
    "there_are_none": _T("there are none", "一个也没有"),
    # ------------------------------ the rulebook with itself (semantics.py)
    "used_twice": _T(
        "{what} {value!r} is used twice (first at entry {first})",
        "{what} {value!r} 重复使用（第 {first} 条已用过）",
    ),
    "key_modifier": _T("modifier key", "调整系数键"),
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
    "too_many_places": _T(
        "{value} has more than {places} decimal places",
        "{value} 的小数超过 {places} 位",
        "write it with at most {places} decimal places",
        "最多写 {places} 位小数",
    ),
    "amount_xor_tiers": _T(
        "give either `amount` or `tiers`, not both or neither",
        "`amount` 和 `tiers` 必须写一个，且只能写一个",
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
    # ------------------------------- the ledger and the rulebook (factcheck.py)
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
}

CATALOGUE: MappingProxyType[str, Template] = MappingProxyType(_CATALOGUE)
"""Every message, by code (read-only)."""


def _local(params: dict[str, object], zh: bool) -> dict[str, object]:
    # A Msg parameter is a catalogue phrase: its text in the language being filled in.
    return {k: ((v.zh if zh else v.en) if isinstance(v, Msg) else v) for k, v in params.items()}


def suggest(
    word: object, options: Iterable[object], *, listing: str = "known", empty: str | None = None
) -> Msg | None:
    """A hint for an unknown word: "did you mean …?" for a close option, else the options (``listing``)."""
    opts = [str(o) for o in options]
    close = difflib.get_close_matches(str(word), opts, n=1, cutoff=0.6)
    if close:
        return say("did_you_mean", word=close[0])
    if opts:
        return say(listing, options=", ".join(opts))
    return say(empty) if empty else None


def say(code: str, /, *, hint: Msg | None = None, **params: object) -> Msg:
    """Fill in the catalogue entry ``code`` in English and Chinese.

    ``hint``, when given, replaces the entry's own hint with its text (a
    phrase built by another :func:`say`, such as ``say("did_you_mean", word=w)``).
    """
    t = CATALOGUE[code]
    en, zh = _local(params, zh=False), _local(params, zh=True)
    if hint is not None:
        hint_en, hint_zh = hint.en, hint.zh
    else:
        hint_en, hint_zh = t.hint_en.format(**en), t.hint_zh.format(**zh)
    return Msg(t.en.format(**en), t.zh.format(**zh), hint_en, hint_zh)


def either(words: Iterable[Msg | str]) -> Msg:
    """Words joined with "or" in each language: ``a number or empty`` / ``数字或空值``."""
    joined: Msg | None = None
    for word in words:
        if joined is None:
            joined = word if isinstance(word, Msg) else Msg(word, word)
        else:
            joined = say("or", a=joined, b=word)
    return joined if joined is not None else Msg("", "")


__all__ = ["CATALOGUE", "Template", "either", "say"]
