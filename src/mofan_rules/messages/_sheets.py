"""Messages: spreadsheet ledgers (CSV and XLSX) read within bounds, and the ledger template."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

_SAVE_AGAIN = (
    "open it in Excel or WPS and save it again as .xlsx",
    "请用 Excel 或 WPS 打开后重新另存为 .xlsx",
)
_RIGHT_FILE = (
    "is this the right file? a ledger is a few hundred rows",
    "请确认文件是否正确：一份台账通常只有几百行",
)

ENTRIES: dict[str, _T] = {
    # ------------------------------------------------------------ the file
    "sheet_not_text": _T(
        "not UTF-8, UTF-16 or GB18030 text",
        "不是 UTF-8、UTF-16 或 GB18030 编码的文本",
        "save the sheet as CSV UTF-8",
        "请另存为“CSV UTF-8”格式",
    ),
    "sheet_bad_csv": _T(
        "not a readable CSV sheet ({reason})",
        "无法读取的 CSV 表格（{reason}）",
        "save the sheet as CSV UTF-8 again",
        "请重新另存为“CSV UTF-8”格式",
    ),
    "xlsx_needs_openpyxl": _T(
        "writing .xlsx needs openpyxl",
        "生成 .xlsx 文件需要安装 openpyxl",
        "pip install 'mofan-rules[xlsx]'",
        "请运行 pip install 'mofan-rules[xlsx]'",
    ),
    "xlsx_unreadable": _T(
        "not a readable .xlsx workbook ({reason})",
        "无法读取的 .xlsx 工作簿（{reason}）",
        *_SAVE_AGAIN,
    ),
    "xlsx_not_zip": _T(
        "not an .xlsx workbook (an .xlsx file is a zip archive, and this is not one)",
        "不是 .xlsx 工作簿（.xlsx 文件是 zip 压缩包，而这个文件不是）",
        "save it from Excel or WPS as “Excel 工作簿 (*.xlsx)”",
        "请在 Excel 或 WPS 中另存为“Excel 工作簿 (*.xlsx)”",
    ),
    "xlsx_old_format": _T(
        "an old .xls workbook or a password-protected one, not an .xlsx workbook",
        "这是旧版 .xls 工作簿或加了密码的工作簿，不是 .xlsx 工作簿",
        "remove the password and save it as “Excel 工作簿 (*.xlsx)”",
        "请取消密码，并另存为“Excel 工作簿 (*.xlsx)”",
    ),
    "xlsx_missing_part": _T(
        "the workbook has no part {part!r}", "工作簿缺少组成部分 {part!r}", *_SAVE_AGAIN
    ),
    "xlsx_too_many_parts": _T(
        "the archive holds more than {limit} files", "压缩包中的文件超过 {limit} 个", *_RIGHT_FILE
    ),
    "xlsx_part_twice": _T(
        "the archive holds {part!r} twice", "压缩包中有两个 {part!r}", *_SAVE_AGAIN
    ),
    "xlsx_part_too_large": _T(
        "{part!r} unpacks to more than {limit} bytes",
        "{part!r} 解压后超过 {limit} 字节",
        *_RIGHT_FILE,
    ),
    "xlsx_unpacked_too_large": _T(
        "the workbook unpacks to more than {limit} bytes",
        "工作簿解压后超过 {limit} 字节",
        *_RIGHT_FILE,
    ),
    "xlsx_part_unreadable": _T(
        "{part!r} cannot be unpacked ({reason})", "无法解压 {part!r}（{reason}）", *_SAVE_AGAIN
    ),
    "xlsx_bad_xml": _T(
        "{part!r} is not well-formed XML ({reason})",
        "{part!r} 不是格式正确的 XML（{reason}）",
        *_SAVE_AGAIN,
    ),
    "xlsx_doctype": _T(
        "{part!r} declares a DTD, which a workbook never needs",
        "{part!r} 声明了 DTD，正常的工作簿不会这样做",
        *_SAVE_AGAIN,
    ),
    "xlsx_too_many_sheets": _T(
        "the workbook has more than {limit} sheets", "工作簿的工作表超过 {limit} 个", *_RIGHT_FILE
    ),
    "xlsx_too_many_strings": _T(
        "the workbook holds more than {limit} different texts",
        "工作簿中的不同文本超过 {limit} 条",
        *_RIGHT_FILE,
    ),
    "sheet_name_twice": _T(
        "two sheets are named {name!r}", "有两个工作表都叫 {name!r}", *_SAVE_AGAIN
    ),
    "sheet_same_part": _T(
        "sheets {name!r} and {other!r} are the same data",
        "工作表 {name!r} 和 {other!r} 指向同一份数据",
        *_SAVE_AGAIN,
    ),
    # ------------------------------------------------------------ sizes
    "sheet_too_many_rows": _T(
        "more than {limit} rows hold data", "有内容的行超过 {limit} 行", *_RIGHT_FILE
    ),
    "sheet_too_many_cells": _T(
        "the sheet holds more than {limit} cells, empty ones included",
        "工作表的单元格（含空白单元格）超过 {limit} 个",
        "delete the empty formatted rows below the table, or copy the table into a new workbook",
        "请删除表格下方带格式的空行，或把表格复制到新工作簿",
    ),
    "sheet_too_many_merges": _T(
        "the sheet has more than {limit} merged ranges",
        "工作表的合并单元格超过 {limit} 处",
        *_RIGHT_FILE,
    ),
    "sheet_beyond_columns": _T(
        "a value in column {column}, beyond the {limit} columns a ledger has",
        "第 {column} 列有内容，超出了台账的 {limit} 列",
        "clear the cell, or move it into the table",
        "请清空该单元格，或移到表格内",
    ),
    "sheet_cell_too_long": _T(
        "a cell holds more than {limit} characters",
        "单元格内容超过 {limit} 个字符",
        "is this the right file?",
        "请确认文件是否正确",
    ),
    # ------------------------------------------------------------ cells
    "xlsx_bad_reference": _T(
        "{ref!r} is not a cell of a sheet", "{ref!r} 不是有效的单元格位置", *_SAVE_AGAIN
    ),
    "xlsx_cell_twice": _T(
        "cell {cell} is written twice in the sheet",
        "单元格 {cell} 在工作表中出现了两次",
        *_SAVE_AGAIN,
    ),
    "xlsx_bad_cell": _T(
        "cell {cell} holds {text!r}, which is not a value of type {kind!r}",
        "单元格 {cell} 的内容 {text!r} 不是 {kind!r} 类型的值",
        *_SAVE_AGAIN,
    ),
    "xlsx_bad_string_index": _T(
        "cell {cell} points to text number {index}, but the workbook has {count}",
        "单元格 {cell} 引用第 {index} 条文本，但工作簿只有 {count} 条",
        *_SAVE_AGAIN,
    ),
    "xlsx_formula_without_value": _T(
        "cell {cell} holds a formula ({formula}) with no stored result",
        "单元格 {cell} 是公式（{formula}），但没有保存计算结果",
        "open the workbook in Excel or WPS and save it, so the result is stored; or type the value",
        "请用 Excel 或 WPS 打开并保存，使计算结果存入文件；或直接填写数值",
    ),
    "xlsx_error_value": _T(
        "cell {cell} shows the error {value}",
        "单元格 {cell} 显示错误 {value}",
        "fix the formula, or type the value",
        "请修改公式，或直接填写数值",
    ),
    "sheet_number_not_finite": _T(
        "cell {cell} holds {text!r}, which is not a finite number",
        "单元格 {cell} 的内容 {text!r} 不是有限的数",
        "type an ordinary number",
        "请填写普通的数",
    ),
    "sheet_number_too_large": _T(
        "cell {cell} holds {text}, larger than any figure a ledger has",
        "单元格 {cell} 的数值 {text} 大于台账中任何可能的数据",
        "check for a typo",
        "请检查是否写错",
    ),
    "sheet_control_character": _T(
        "cell {cell} holds a control character (U+{code:04X})",
        "单元格 {cell} 中有控制字符（U+{code:04X}）",
        "retype the text",
        "请重新输入该内容",
    ),
    "sheet_boolean": _T(
        "a TRUE/FALSE cell where {field} is expected",
        "此处应填写 {field}，却是 TRUE/FALSE（是/否）单元格",
        "type the value",
        "请直接填写内容",
    ),
    "sheet_merge_overlap": _T(
        "merged range {ref} overlaps merged range {other}",
        "合并单元格 {ref} 与 {other} 重叠",
        *_SAVE_AGAIN,
    ),
    "sheet_merge_hidden_value": _T(
        "cell {cell} lies inside the merged range {ref} but holds a value of its own",
        "单元格 {cell} 位于合并单元格 {ref} 之内，却有自己的内容",
        "Excel shows only the first cell of a merged range: unmerge it, or clear this cell",
        "Excel 只显示合并单元格的第一个格：请取消合并，或清空此单元格",
    ),
    # ------------------------------------------------------------ tables
    "sheet_no_header": _T(
        "this row comes before any header row",
        "这一行之前没有表头行",
        "start each table with a header row (条目 | 情形 | 档次 | 次数 …); a sheet for people only "
        "can be named 说明",
        "每张表请以表头行开始（条目 | 情形 | 档次 | 次数 …）；只给人看的工作表可命名为“说明”",
    ),
    "sheet_unknown_column": _T("unknown column {header!r}", "未知的列 {header!r}"),
    "sheet_duplicate_column": _T(
        "column {header!r} means the same as column {other} ({first!r})",
        "列 {header!r} 与第 {other} 列（{first!r}）含义相同",
        "keep one of the two",
        "请只保留其中一列",
    ),
    "sheet_value_without_header": _T(
        "a value in a column without a header",
        "该列没有表头，却填了内容",
        "give the column a header or clear the cell",
        "请给该列加上表头，或清空该单元格",
    ),
    "sheet_second_table": _T(
        "a second table of {what}: {what} are already read from {where} row {row}",
        "第二张{what}表：{what}已从 {where} 第 {row} 行读取",
        "keep one table of each kind; two would count the same things twice",
        "每种表只保留一张；两张表会把同样的内容算两次",
    ),
    "sheet_word_records": _T("records", "台账记录"),
    "sheet_word_figures": _T("figures", "考核数据"),
    "sheet_word_awards": _T("awards", "表彰"),
    "sheet_unknown_info": _T(
        "unknown entry {key!r} in the ledger's details", "台账基本信息中有未知的项目 {key!r}"
    ),
    "sheet_info_twice": _T(
        "{key!r} is already given at {where} row {row}",
        "{key!r} 已在 {where} 第 {row} 行填写",
        "keep one",
        "请只保留一处",
    ),
    "sheet_figure_twice": _T(
        "figure {name!r} is already given at row {row}",
        "数据 {name!r} 已在第 {row} 行填写",
        "keep one",
        "请只保留一行",
    ),
    "sheet_figure_no_name": _T(
        "a figure without its name (指标)",
        "这一行数据没有写明指标名称",
        "fill in 指标, the measure, or clear the row",
        "请填写“指标”，或清空这一行",
    ),
    "sheet_figure_no_value": _T(
        "figure {name!r} has no value",
        "数据 {name!r} 没有填写数值",
        "fill in 数值, the value, or clear the row",
        "请填写“数值”，或清空这一行",
    ),
    "sheet_example_changed": _T(
        "the row marked {mark!r} is the template's example, but it was changed",
        "标为 {mark!r} 的行是模板中的示例，但内容已被修改",
        "to keep it as a record, replace {mark!r} in the 序号 column with a number; "
        "otherwise delete the row",
        "如要作为记录保留，请把“序号”列中的 {mark!r} 改为数字；否则请删除这一行",
    ),
    # ------------------------------------------------------------ values
    "sheet_bad_item": _T(
        "{text!r} is not an item number",
        "{text!r} 不是条目编号",
        "write 12, 第12项 or 12. and the item's title",
        "请写 12、第12项，或“12. 条目标题”",
    ),
    "sheet_item_title": _T(
        "item {item} is {title!r}, not {given!r}",
        "第 {item} 项是 {title!r}，不是 {given!r}",
        "check the item's number",
        "请检查条目编号",
    ),
    "sheet_bad_date": _T(
        "{text!r} is not a date",
        "{text!r} 不是日期",
        "write 2026-04-18, 2026/4/18 or 2026年4月18日",
        "请写成 2026-04-18、2026/4/18 或 2026年4月18日",
    ),
    "sheet_bad_period": _T(
        "{text!r} is not a period",
        "{text!r} 不是考核期",
        "write 2026-01-01 至 2026-12-31, or give 考核期开始 and 考核期结束 on rows of their own",
        "请写成 2026-01-01 至 2026-12-31，或分两行填写“考核期开始”和“考核期结束”",
    ),
    # ------------------------------------------------------------ the template
    "sheet_kind_count": _T("count", "计数"),
    "sheet_kind_rate": _T("rate (0.975 or 97.5%)", "比率（0.975 或 97.5%）"),
    "sheet_kind_number": _T("number", "数值"),
    "sheet_kind_rank": _T("rank: 数值 is the place", "排名：数值填名次"),
    "sheet_catalogue_header": _T(
        "item|title|situation|tier|points|where it goes",
        "条目|标题|情形|档次|分值|填写位置",
    ),
    "sheet_catalogue_records": _T("台账 (records), one row per occurrence", "台账，每次一行"),
    "sheet_catalogue_figure": _T("考核数据 (figures): {measure}", "考核数据：{measure}"),
    "sheet_catalogue_range": _T("{low} to {high}, stated per record", "{low} 至 {high}，逐条填写"),
    "sheet_info_hint_unit": _T("the unit assessed", "被考核单位名称"),
    "sheet_info_hint_date": _T("a date, e.g. 2026-01-01", "日期，例如 2026-01-01"),
    "sheet_info_hint_pin": _T(
        "the rulebook edition this ledger is written for; leave as it is",
        "本台账适用的规则库版本，请勿修改",
    ),
    "sheet_info_hint_class": _T("pick from the list: {options}", "从下拉列表中选择：{options}"),
    "sheet_info_hint_note": _T("free text, not scored", "自由填写，不计分"),
    "sheet_example_evidence": _T("example: notice No. 1 of 2026", "示例：2026年第1号通报"),
    "sheet_guide_title": _T(
        "How to fill in this ledger ({title} {version})",
        "台账填写说明（{title} {version}）",
    ),
    "sheet_guide_1": _T(
        "1. 基本信息: check the unit and the period; leave the rulebook and its version as they are.",
        "1. 基本信息：核对被考核单位和考核期；规则库及其版本请勿修改。",
    ),
    "sheet_guide_2": _T(
        "2. 台账: one row per occurrence. Pick 条目, 情形 and 档次 from the lists; 目录 lists the situations and tiers of each item, with their points.",
        "2. 台账：每发生一次填一行。条目、情形、档次请从下拉列表中选择；各条目有哪些情形和档次、各扣多少分，见“目录”工作表。",
    ),
    "sheet_guide_3": _T(
        "3. 次数 is how many occurrences the row stands for (1 when empty); 日期 is a date such as 2026-04-18 or 2026/4/18; 依据 is the notice or document number.",
        "3. 次数为该行代表的次数（不填即为 1）；日期写成 2026-04-18 或 2026/4/18；依据填写通报或文件文号。",
    ),
    "sheet_guide_4": _T(
        "4. The row marked 示例 is an example and is not scored: replace 示例 with a number to keep it as a record, or delete the row.",
        "4. 序号为“示例”的行是填写示例，不计分：要保留为记录，请把“示例”改为数字；否则请删除该行。",
    ),
    "sheet_guide_5": _T(
        "5. 考核数据: fill in 数值 for every figure; a figure left empty is reported when scoring.",
        "5. 考核数据：每项数据都要填写数值；空着的数据在评分时会被提示。",
    ),
    "sheet_guide_6": _T(
        "6. 表彰: one row per commendation, with its 级别 and 类别.",
        "6. 表彰：每次表彰填一行，写明级别和类别。",
    ),
    "sheet_guide_7": _T(
        "7. Keep the names of the sheets and the headers; merged cells and a title row above a header are fine; a formula must be saved with its result.",
        "7. 请勿修改工作表名称和表头；可以合并单元格，也可以在表头上方加标题行；公式须保存计算结果。",
    ),
}
