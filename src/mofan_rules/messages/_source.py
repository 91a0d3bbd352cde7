"""Messages: Files, text and YAML: reading what a person wrote."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

ENTRIES: dict[str, _T] = {
    "unknown_error": _T("unknown error", "未知错误"),
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
    "invalid_date": _T(
        "{value} is not a date on the calendar",
        "{value} 不是日历上的日期",
        "write a real date, year-month-day, as in 2026-01-01",
        "请写日历上有的日期，按年-月-日，如 2026-01-01",
    ),
    "model_rejected": _T("{detail}", "内容不符合要求：{detail}"),
    "too_many_problems": _T(
        "more than {limit} problems: only the first {limit} are shown",
        "问题超过 {limit} 个，只列出前 {limit} 个",
        "fix these and check the file again",
        "请先改正这些问题，再重新检查",
    ),
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
        "only plain values are accepted; remove the tag, such as !!python/...",
        "只接受普通的值；请删除该标签，例如 !!python/...",
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
    "link_loop": _T(
        "cannot be read: the link points to itself (a loop of symbolic links)",
        "无法读取：符号链接形成了循环",
        "point the link at a real file",
        "请让链接指向真实的文件",
    ),
    "dangling_link": _T(
        "is a link to a file that does not exist",
        "是指向不存在文件的链接",
        "check where the link points",
        "请检查链接指向的位置",
    ),
    "name_too_long": _T(
        "the name is too long for this file system",
        "文件名太长，本文件系统不支持",
        "use a shorter name",
        "请使用较短的文件名",
    ),
    "permission_denied": _T(
        "permission denied",
        "没有访问权限",
        "check the file's permissions",
        "请检查文件权限",
    ),
    "not_a_regular_file": _T(
        "is not a regular file (a pipe, a device or a socket)",
        "不是普通文件（是管道、设备或套接字）",
        "name a file saved on disk",
        "请指定保存在磁盘上的文件",
    ),
    "bad_file_name": _T(
        "is not a valid file name",
        "不是有效的文件名",
    ),
    "integer_too_large": _T(
        "a whole number of more than {digits} digits",
        "整数超过 {digits} 位",
        "check the figure",
        "请检查数值",
    ),
    "too_many_values": _T(
        "more than {limit} values: more than any file could hold",
        "值超过 {limit} 个，比任何文件能容纳的都多",
        "is a list or mapping repeated inside itself?",
        "是否把同一个列表或映射重复放进了自身？",
    ),
    "not_plain_value": _T(
        "a {kind} is not a value a ledger or rulebook can hold",
        "{kind} 不是台账或规则库中可以写的值",
        "give text, a number, a date, true or false, a list or a mapping",
        "请写文本、数字、日期、true 或 false、列表或映射",
    ),
    "key_not_text": _T(
        "a key must be text, not {key}",
        "键必须是文本，不能是 {key}",
    ),
    "nul_in_text": _T(
        "text contains a NUL character",
        "文本中有 NUL 字符",
        "remove it",
        "请删除该字符",
    ),
    "lone_surrogate": _T(
        "text contains a lone surrogate (half of a character)",
        "文本中有不成对的代理字符（半个字符）",
        "check how the text was made",
        "请检查文本的来源",
    ),
}
