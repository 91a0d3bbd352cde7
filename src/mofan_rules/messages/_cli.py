"""Messages: The command itself: options, outputs, batches."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

ENTRIES: dict[str, _T] = {
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
}
