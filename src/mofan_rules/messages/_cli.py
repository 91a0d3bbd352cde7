"""Messages: The command itself: options, outputs, batches."""

from __future__ import annotations

from mofan_rules.messages._template import Template as _T

ENTRIES: dict[str, _T] = {
    "own_output": _T(
        "this is a ranking or score mofan-rules wrote, not a ledger",
        "这是 mofan-rules 生成的排名或评分表，不是台账",
        "give the ledger it was made from",
        "请改用生成它的台账文件",
    ),
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
    # ------------------------------------------------ cases (mofan-rules test)
    "key_case": _T("case name", "案例名称"),
    "case_ok": _T("ok: {name}", "通过：{name}"),
    "case_failed": _T("FAIL: {name}", "未通过：{name}"),
    "case_figure": _T("{name}: expected {want}, got {got}", "{name}：应为 {want}，实为 {got}"),
    "case_row": _T(
        "row {number} score: expected {want}, got {got}",
        "第 {number} 栏得分：应为 {want}，实为 {got}",
    ),
    "case_indicator": _T(
        "indicator {number} score: expected {want}, got {got}",
        "第 {number} 个考评指标得分：应为 {want}，实为 {got}",
    ),
    "case_item_grade": _T(
        "item {number} grade: expected {want}, got {got}",
        "第 {number} 项等次：应为 {want}，实为 {got}",
    ),
    "case_row_grade": _T(
        "row {number} grade: expected {want}, got {got}",
        "第 {number} 栏等次：应为 {want}，实为 {got}",
    ),
    "case_indicator_grade": _T(
        "indicator {number} grade: expected {want}, got {got}",
        "第 {number} 个考评指标等次：应为 {want}，实为 {got}",
    ),
    "case_items_differ": _T("item deductions differ from the case", "各项扣分与案例不符"),
    "case_item_moved": _T("item {item} {was} → {now}", "第 {item} 项 {was} → {now}"),
    "case_items_moved": _T("items whose deduction changed: {items}", "扣分变化的项：{items}"),
    "case_does_not_fit": _T(
        "its ledger does not fit the rulebook: {why}", "台账与规则库不符：{why}"
    ),
    "case_should_fail": _T(
        "its ledger should be refused ({codes}) but was scored",
        "台账应被拒绝（{codes}），却被评分了",
    ),
    "cases_summary": _T(
        "{file}: {passed} of {total} cases pass", "{file}：{total} 个案例中 {passed} 个通过"
    ),
    # ------------------------------------------------ help texts
    "help_prog": _T(
        "Score assessment ledgers (考核台账) against a rulebook, rank units, and keep the rulebook.",
        "按规则库为考核台账评分、为单位排名，并维护规则库。",
    ),
    "help_epilog": _T(
        "exit codes:\n"
        "  0  success\n"
        "  1  a rulebook, ledger or document has problems (each printed as file:line:col: /path: message),\n"
        "     or a batch had ledgers that could not be scored; diff, compare: the two differ;\n"
        "     test: a case failed\n"
        "  2  the command line is wrong\n"
        "  3  an output file could not be written\n"
        "\nexamples:\n"
        "  mofan-rules validate\n"
        "  mofan-rules score examples/typical-year.yaml\n"
        "  mofan-rules score examples/typical-year.yaml --by office\n"
        "  mofan-rules explain examples/bad-year.yaml --item 12\n"
        "  mofan-rules batch examples --out ranking.xlsx\n"
        "  mofan-rules compare rulebooks/shifulian-2026.yaml 2027.docx",
        "退出码：\n"
        "  0  成功\n"
        "  1  规则库、台账或文档有问题（每个问题一行：文件:行:列: /路径: 说明），\n"
        "     或批量评分中有台账无法评分；diff、compare：两者不同；test：有案例未通过\n"
        "  2  命令行写错了\n"
        "  3  无法写入输出文件\n"
        "\n示例：\n"
        "  mofan-rules validate\n"
        "  mofan-rules score examples/typical-year.yaml\n"
        "  mofan-rules score examples/typical-year.yaml --by office\n"
        "  mofan-rules explain examples/bad-year.yaml --item 12\n"
        "  mofan-rules batch examples --out ranking.xlsx\n"
        "  mofan-rules compare rulebooks/shifulian-2026.yaml 2027.docx",
    ),
    "help_commands": _T("commands", "命令"),
    "help_help": _T("show this help and exit", "显示帮助并退出"),
    "help_version": _T("show the version and exit", "显示版本号并退出"),
    "help_lang": _T(
        "language of messages (default: the locale)", "提示信息的语言（默认随系统区域设置）"
    ),
    "help_debug": _T("show a traceback on errors", "出错时显示程序调用栈"),
    "help_validate": _T(
        "check a rulebook (default: the shipped one)", "检查规则库（默认检查内置规则库）"
    ),
    "help_score": _T(
        "score one or more ledgers (.yaml, .json, .csv, .xlsx)",
        "为一份或多份台账评分（.yaml、.json、.csv、.xlsx）",
    ),
    "help_explain": _T(
        "explain every point of a ledger's score in words", "逐条说明台账得分的依据"
    ),
    "help_render": _T(
        "print a rulebook back as the table, for proofreading",
        "把规则库还原成表格，便于对照原件校对",
    ),
    "help_batch": _T(
        "score many ledgers, rank the units and write one table", "批量评分、排名并输出一张表"
    ),
    "help_schema": _T(
        "print the JSON Schema of a rulebook, overlay, ledger or cases file",
        "输出规则库、覆盖层、台账或案例文件的 JSON Schema",
    ),
    "help_migrate": _T(
        "convert a format-1 rulebook to format 2", "把第 1 版格式的规则库转换为第 2 版"
    ),
    "help_diff": _T(
        "the change in meaning between two rulebooks (exit 1 when they differ)",
        "比较两个规则库含义上的差别（不同时退出码为 1）",
    ),
    "help_diff_ledgers": _T(
        "also score these ledgers under both and show the impact",
        "同时用两个规则库为这些台账评分，显示影响",
    ),
    "help_test": _T(
        "run the cases that travel with a rulebook (RULEBOOK.cases.yaml)",
        "运行规则库附带的案例（同名 .cases.yaml）",
    ),
    "help_template": _T("write an empty ledger workbook to fill in", "生成待填写的空白台账工作簿"),
    "help_format": _T("output format", "输出格式"),
    "help_out": _T(
        "write to FILE (atomically) instead of the terminal",
        "写入文件（原子写入），而不是输出到终端",
    ),
    "help_template_out": _T(
        "write to FILE (default: ledger-template.xlsx, or ledger-template.csv with --format csv)",
        "写入文件（默认 ledger-template.xlsx；--format csv 时为 ledger-template.csv）",
    ),
    "help_rulebook_opt": _T(
        "rulebook file or folder of editions (default: the shipped one)",
        "规则库文件或版本文件夹（默认内置规则库）",
    ),
    "help_by": _T(
        "group lost points by office, leader or assessing department (repeat for several)",
        "按本会责任部室、责任领导或考核部门汇总失分（可重复使用，列出多种汇总）",
    ),
    "help_strict": _T(
        "a figure the rulebook uses and the ledger leaves out is an error",
        "台账缺少规则库使用的数据时视为错误",
    ),
    "help_item": _T("only item N", "只说明第 N 项"),
    "help_width": _T(
        "table width in columns (default: the terminal's)", "表格宽度（默认按终端宽度）"
    ),
    # ------------------------------------------------ command outputs
    "validate_ok": _T(
        "ok: {id} {version} (rows: {rows}, items: {items}, points: {points}, warnings: {warnings})",
        "通过：{id} {version}：{rows} 栏，{items} 项，{points} 分，{warnings} 条警告",
    ),
    "template_edition": _T(
        "the template is for {id} {version} ({file}), the newest edition in {folder}",
        "模板按 {folder} 中最新的版本 {id} {version}（{file}）生成",
    ),
    "migrate_not_v1": _T(
        "this rulebook is not in format 1: nothing to convert",
        "该规则库不是第 1 版格式，无需转换",
    ),
    "migrate_changed_meaning": _T(
        "the converted rulebook would not mean the same; nothing was written",
        "转换后的规则库含义会改变，未写入任何文件",
    ),
    "migrate_done": _T("wrote {file}", "已写入 {file}"),
    "migrate_comments_left": _T(
        "{count} comment line(s) inside the old file are not carried over (its opening comments are)",
        "旧文件正文中的 {count} 行注释未带到新文件（开头的注释已带上）",
        "copy what you still need from the old file",
        "如仍需要，请从旧文件中复制",
    ),
    "wrote": _T("wrote {file}", "已写入 {file}"),
    "missing_dependency": _T(
        "this needs the Python package {module!r}, which is not installed",
        "需要 Python 包 {module!r}，但尚未安装",
        "reinstall mofan-rules with pip install mofan-rules: it brings every package it needs",
        "请重新安装 mofan-rules：pip install mofan-rules，会一并安装所需的包",
    ),
    "out_is_input": _T(
        "--out names one of the inputs ({input}); it would be overwritten",
        "--out 指定的是输入文件之一（{input}），会被覆盖",
        "choose another file name",
        "请换一个文件名",
    ),
    "out_not_regular": _T(
        "--out is not a regular file (a folder, a pipe or a device)",
        "--out 不是普通文件（是文件夹、管道或设备）",
        "name a file",
        "请指定一个文件",
    ),
    "xlsx_needs_out": _T(
        "--format xlsx writes a workbook: give --out FILE.xlsx",
        "--format xlsx 生成工作簿：请用 --out 指定 文件.xlsx",
    ),
    "warning_word": _T("warning", "警告"),
    "by_needs_xlsx": _T(
        "--by adds a sheet per grouping, and a CSV file holds one table",
        "--by 会为每种汇总增加一个工作表，而 CSV 文件只能容纳一张表",
        "write the ranking to a .xlsx file",
        "请把排名写入 .xlsx 文件",
    ),
    "mixed_bases": _T(
        "these ledgers are scored under different base editions ({bases}): their scores cannot be ranked together",
        "这些台账使用的基础版本不同（{bases}），得分不能放在一起排名",
        "rank each edition's ledgers on their own",
        "请按版本分别排名",
    ),
    "batch_done": _T(
        "{file}: {scored} of {total} ledgers scored and ranked",
        "{file}：{total} 份台账中 {scored} 份已评分并排名",
    ),
    "out_name_too_long": _T(
        "--out: the name is too long for this file system",
        "--out：文件名太长，本文件系统不支持",
        "use a shorter name",
        "请使用较短的文件名",
    ),
    "out_permission_denied": _T(
        "--out: permission denied",
        "--out：没有写入权限",
        "choose a folder you may write to",
        "请选择有写入权限的文件夹",
    ),
    "out_read_only": _T(
        "--out: the disk is read-only",
        "--out：磁盘是只读的",
        "choose another folder",
        "请选择其他文件夹",
    ),
    "out_disk_full": _T(
        "--out: the disk is full",
        "--out：磁盘已满",
        "free some space or choose another disk",
        "请清理磁盘空间或换一个磁盘",
    ),
    "out_no_folder": _T(
        "--out: the folder does not exist",
        "--out：文件夹不存在",
        "create the folder first, or check the path",
        "请先创建文件夹，或检查路径",
    ),
    "out_dangling_link": _T(
        "--out is a link to a file that does not exist",
        "--out 是指向不存在文件的链接",
        "name the file itself, or fix the link",
        "请直接指定文件，或修正链接",
    ),
    "out_link_loop": _T(
        "--out is a link that points back to itself (a loop of symbolic links)",
        "--out 是指回自身的链接（符号链接形成了循环）",
        "name a file, not the link",
        "请指定文件，而不是该链接",
    ),
    "out_bad_name": _T(
        "--out is not a valid file name",
        "--out 不是有效的文件名",
        "name a file",
        "请指定一个文件",
    ),
}
