"""Messages: next year's table as a document: reading it, comparing it, drafting from it."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

_COLUMNS = "考评指标 / 考评办法 / 分值 / 责任领导 / 考核部门 / 本会责任部室"

ENTRIES: dict[str, _T] = {
    # ------------------------------------------------ reading a document
    "doc_unsupported": _T(
        "{suffix!r} is not a kind of document this tool reads",
        "不能读取 {suffix!r} 类型的文件",
        "save the table as {allowed}",
        "请把表格另存为 {allowed}",
    ),
    "doc_old_format": _T(
        "{suffix!r} is an old Office format",
        "{suffix!r} 是旧版 Office 格式",
        "open it and save it as {allowed}",
        "请打开后另存为 {allowed}",
    ),
    "doc_protected": _T(
        "the file is password-protected (or an old .doc/.xls saved under a new name)",
        "文件设有密码保护（或是改了扩展名的旧版 .doc/.xls 文件）",
        "remove the password in Word or Excel and save it again",
        "请在 Word 或 Excel 中取消密码后重新保存",
    ),
    "doc_corrupt": _T(
        "the file is damaged and cannot be opened: {detail}",
        "文件已损坏，无法打开：{detail}",
        "open it in Word or Excel and save it again",
        "请用 Word 或 Excel 打开后重新保存",
    ),
    "doc_unpacks_too_large": _T(
        "the file unpacks to {size} bytes, above the limit of {limit}",
        "文件解压后有 {size} 字节，超过了 {limit} 字节的上限",
        "a table of a few pages is far smaller; save just the table in a new file",
        "几页的表格远小于此；请只把表格另存为新文件",
    ),
    "doc_not_text": _T(
        "not a text file in UTF-8 or GB18030",
        "不是 UTF-8 或 GB18030 编码的文本文件",
        "save it as UTF-8 text",
        "请另存为 UTF-8 编码的文本",
    ),
    "doc_no_table": _T(
        "no table with the columns " + _COLUMNS + " was found",
        "没有找到带有“" + _COLUMNS + "”各列的表格",
        "the 任务分解表 must be a table with this header row",
        "任务分解表须是带有这一表头行的表格",
    ),
    "doc_columns_expected": _T("the columns are: {options}", "各列应为：{options}"),
    "doc_unknown_column": _T("unknown column {name!r}", "未知的列 {name!r}"),
    "doc_missing_column": _T(
        "the table has no column {name}",
        "表格缺少“{name}”列",
        "the header row must name " + _COLUMNS,
        "表头行应为 " + _COLUMNS,
    ),
    "doc_no_rows": _T("the table has a header but no rows", "表格只有表头，没有内容"),
    "doc_first_row_blank": _T(
        "the first row's {column} cell is blank, and there is no cell above for it to continue",
        "第一行的“{column}”单元格为空，上方也没有可以沿用的单元格",
        "fill it in",
        "请填写",
    ),
    "doc_bad_points": _T(
        "cannot read the points {text!r}",
        "无法识别分值 {text!r}",
        "write them like 10分",
        "请写成“10分”这样的形式",
    ),
    "doc_no_items": _T(
        "no numbered item (1. 2. …) in this 考评办法 cell",
        "这个“考评办法”单元格中没有带编号（1. 2. …）的条目",
        "start each item with its number",
        "请在每一条前写上编号",
    ),
    "doc_text_before_item": _T(
        "text before the first numbered item: {text!r}",
        "第一个编号条目之前有文字：{text!r}",
        "start the cell with the item's number, or move this text into an item",
        "请以条目编号开头，或把这段文字移入某一条",
    ),
    "doc_item_gap": _T(
        "item {number} where item {expected} was expected: the numbering has a gap",
        "此处应为第 {expected} 条，却是第 {number} 条：编号不连续",
        "number the items 1, 2, 3… without gaps",
        "请按 1、2、3…连续编号",
    ),
    "doc_item_twice": _T(
        "item number {number} is used twice (first at {first})",
        "编号 {number} 用了两次（第一次在 {first}）",
        "number the items 1, 2, 3… each once",
        "每个编号只能用一次",
    ),
    "doc_overlay": _T(
        "this is an overlay of {id} {version}: a document is compared with the edition itself",
        "这是 {id} {version} 的任务分解覆盖文件：文档须与规则库本身对照",
        "give the edition's file, {file}",
        "请改用规则库文件 {file}",
    ),
    # ------------------------------------------------ what the draft writes into the rulebook
    "draft_todo_unread": _T(
        "the draft could not read this clause",
        "草稿无法识别这一条款",
    ),
    "draft_todo_modifier": _T(
        "a modifier with no situation before it to modify",
        "调整条款之前没有可调整的扣分情形",
    ),
    "draft_todo_rank": _T(
        "a rank rule without 后N位 or 前N名: which places count is not said",
        "排名条款没有写明“后N位”或“前N名”，不知从哪一名起算",
    ),
    "draft_todo_required_count": _T(
        "a shortfall rule without 每月/每季度/每半年/每年 N次: the required count is not said",
        "缺少次数的条款没有写明“每月/每季度/每半年/每年N次”，不知应达到多少次",
    ),
    "draft_todo_no_clause": _T(
        "the draft found no clause about points in this item",
        "草稿在这一条中没有找到关于分数的条款",
    ),
    "draft_todo_bonus": _T(
        "the draft could not read this bonus paragraph: write it as a bonus and delete this item",
        "草稿无法识别这段加分条款：请把它写成加分规则，并删除这一条",
    ),
    "draft_unread_title": _T("Paragraphs the draft could not read", "草稿无法识别的段落"),
    "draft_tier_label": _T("tier {n} ({amount} points)", "第{n}档（{amount}分）"),
    "draft_bonus_label": _T("commendation bonus", "表彰奖励加分"),
    "draft_unit_placeholder": _T("(the unit assessed: fill in)", "（被考核单位：待填写）"),
    "draft_note_continued": _T(
        "{columns} blank or merged in the document: read from the row above.",
        "{columns} 在文档中为空或为合并单元格，沿用上一行。",
    ),
    "draft_note_printed": _T(
        "The document prints {points} points {times} times (a page break); one pool.",
        "文档将 {points} 分打印了 {times} 次（分页所致），按一个分值栏计。",
    ),
    "draft_choice_count_title": _T(
        "Item {item}: the required count, worked out by the draft (review it)",
        "第 {item} 条：应达到的次数由草稿推算（请审核）",
    ),
    "draft_choice_count": _T(
        "{words} over the assessment year is {count}; each one fewer costs the amount.",
        "“{words}”按一个考核年度计为 {count} 次，每少一次按所写分值扣分。",
    ),
    "draft_choice_bonus_title": _T(
        "Where the bonus is added, chosen by the draft (review it)",
        "加分加在何处由草稿选定（请审核）",
    ),
    "draft_choice_bonus": _T(
        "The draft adds the bonus to the total, after all deductions (added_to: total); "
        "use added_to: row to keep it inside its row's points.",
        "草稿把加分加在总分上，在全部扣分之后（added_to: total）；"
        "如应计入所在分值栏、不超过该栏分值，请改为 added_to: row。",
    ),
    # ------------------------------------------------ compare: its report
    "cmp_heading": _T("{rulebook} compared with {document}", "{rulebook} 与 {document} 对照"),
    "cmp_summary": _T(
        "{changes} change(s); items unchanged: {items_unchanged} of {items}; rows unchanged: {rows_unchanged} of {rows}",
        "{changes} 处变化；条目未变：{items_unchanged}/{items}；分值栏未变：{rows_unchanged}/{rows}",
    ),
    "cmp_same": _T(
        "the document says what the rulebook says (spacing aside)",
        "文档与规则库内容一致（空格除外）",
    ),
    "cmp_col_what": _T("what", "条目"),
    "cmp_col_values": _T("old → new", "原 → 新"),
    "cmp_col_rulebook": _T("rulebook (file:line pointer)", "规则库位置（文件:行 指针）"),
    "cmp_item": _T("item {number}", "第{number}条"),
    "cmp_row": _T("row {number}", "第{number}栏"),
    "cmp_bonus": _T("bonus {name}", "加分 {name}"),
    "cmp_interpretation": _T("interpretation {key}", "解释口径 {key}"),
    "cmp_title_subject": _T("title", "标题"),
    "cmp_status_unchanged": _T("unchanged", "未变"),
    "cmp_status_reworded": _T("reworded", "措辞改动"),
    "cmp_status_numbers": _T("changed numbers", "数值改动"),
    "cmp_status_rewritten": _T("rewritten: read it again", "改写：请重新审读"),
    "cmp_status_new": _T("new", "新增"),
    "cmp_status_removed": _T("removed", "删除"),
    "cmp_status_moved": _T("moved between rows", "移到其他分值栏"),
    "cmp_status_changed": _T("changed", "改动"),
    "cmp_status_review": _T("review: its source wording changed", "请复核：所引原文已改动"),
    "cmp_what_value": _T("value", "数值"),
    "cmp_what_wording": _T("wording (update these quotes)", "措辞（请更新这些引文）"),
    "cmp_what_text": _T("text", "原文"),
    "cmp_what_read_as": _T("read as", "识别为"),
    "cmp_what_insert_after": _T("insert after item", "插入在此条之后"),
    "cmp_what_row": _T("row", "分值栏"),
    "cmp_what_number": _T("number", "编号"),
    "cmp_what_clause_removed": _T("clause removed", "删除的条款"),
    "cmp_what_clause_rewritten": _T("clause rewritten", "改写的条款"),
    "cmp_what_clause_new": _T("new clause", "新增条款"),
    "cmp_what_points": _T("points", "分值"),
    "cmp_what_leaders": _T("leaders", "责任领导"),
    "cmp_what_departments": _T("assessing departments", "考核部门"),
    "cmp_what_offices": _T("responsible offices", "本会责任部室"),
    "cmp_what_indicator": _T("indicator", "考评指标"),
    "cmp_what_title": _T("title", "标题"),
    "cmp_what_quote_gone": _T("quoted words no longer in the document", "所引原文已不在文档中"),
    "cmp_what_values_changed": _T("values it explains change", "其解释的数值有改动"),
    # ------------------------------------------------ the commands
    "help_compare": _T(
        "compare a rulebook with next year's table (.docx, .xlsx or .txt): what changed, and where in the YAML",
        "把规则库与新一年的任务分解表（.docx、.xlsx 或 .txt）对照：哪些变了，对应 YAML 的哪一处",
    ),
    "help_draft": _T(
        "draft a rulebook from a table document (with --from: last year's, changed only where the document changes it)",
        "根据任务分解表文档起草规则库；加 --from 时，只在文档改动之处修改上一年的规则库",
    ),
    "help_draft_from": _T("last year's rulebook to start from", "作为起点的上一年规则库"),
    "help_draft_out": _T("the new rulebook file to write", "要写出的新规则库文件"),
    "draft_written": _T(
        "wrote {file}: {items} items in {rows} rows, {todos} clause(s) to write by hand (kind: todo)",
        "已写出 {file}：{rows} 个分值栏、{items} 条，{todos} 处条款需手工改写（kind: todo）",
    ),
    "draft_todo_line": _T("TODO {pointer}: {source}", "待办 {pointer}：{source}"),
    "draft_rewritten": _T(
        "the document changes more than values, so the draft is written anew: comments and layout of {file} are not kept",
        "文档的改动不止于数值，草稿已重新生成：{file} 中的注释和排版未保留",
    ),
    "draft_same_meaning": _T(
        "the draft means the same as {file}",
        "草稿与 {file} 含义相同",
    ),
    "draft_differs": _T(
        "the draft differs from {file} where the document does: run mofan-rules compare to see where",
        "草稿在文档改动之处与 {file} 不同：可运行 mofan-rules compare 查看",
    ),
}
