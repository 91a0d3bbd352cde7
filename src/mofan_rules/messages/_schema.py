"""Messages: Schema errors: a value of the wrong shape, in words an office editor reads."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

ENTRIES: dict[str, _T] = {
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
        "{value} is not a valid JSON pointer",
        "{value} 不是有效的 JSON 指针",
        "write a JSON pointer such as /indicators/0/rows/0/points",
        "请写 JSON 指针，例如 /indicators/0/rows/0/points",
    ),
    "bad_version": _T(
        "{value} is not a valid version",
        "{value} 不是有效的版本号",
        'use letters, digits, "." and "-", e.g. "2026.1"',
        '请用字母、数字、"." 和 "-"，例如 "2026.1"',
    ),
    "bad_percent": _T(
        "{value} is neither a number nor a percentage",
        "{value} 既不是数字也不是百分数",
        'write 0.95 or "95%"',
        '请写 0.95 或 "95%"',
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
}
