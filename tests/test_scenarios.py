"""Two whole days of real use, with real .xlsx files written the way people write them.

The clerk's year: the template, filled in through openpyxl as an office would
(a title row above the header, a merged 条目 cell, Excel date cells and dates
typed as text, values picked from the dropdowns), then score, explain and the
printable page with its office and leader sections.

The assessor's day: fifty ledgers of one batch, four of them broken and three
missing a figure, ranked into a workbook; the test reads the workbook back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from mofan_rules import Rulebook
from mofan_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# The clerk's records: (序号, 条目, 情形, 档次, 次数, 调整, 日期, 依据), each value as
# the dropdown or a person gives it. Row 4's 条目 is left to the merged cell above.
Value = int | float | str | dt.datetime | None
RECORDS: list[tuple[Value, ...]] = [
    (1, "1. 坚决贯彻党中央决策部署", "通报批评和问责或负面影响", "市通报批评和问责或一般负面影响",
     1, None, dt.datetime(2026, 4, 18), "市委办通报〔2026〕12号"),
    (2, None, "通报批评和问责或负面影响", "市通报批评和问责或一般负面影响",
     1.0, None, "2026年5月6日", "市委办通报〔2026〕19号"),
    (3, "12. 严明党的各项纪律", "干部被立案查处", "党纪政务轻处分",
     1, "非市管干部", "2026/9/30", "市纪委〔2026〕3号"),
    (4, "9. 党员做到“四个合格”", "在职党员全年未参与志愿服务活动（每人次）", None,
     2, None, 46300, "支部台账"),
]  # fmt: skip
# 考核数据: figure → (数值, 参评总数, 并列, 得分).
FIGURES: dict[str, tuple[int | str | None, ...]] = {
    "意识形态工作分析研判次数": (2,),
    "党组理论学习中心组学习次数": (10,),
    "机关服务满意度测评满意率": ("97.5%",),
    "综治民调全市排名及得分": (3, 20, None, 95),
    "上级主管部门考核指标全省排名": (2, 30),
    "单位职能业务综合指标全省排名": (7, 30),
}
# why: item 1: two 市通报批评 × 0.5 = 1 (tier cap 2); item 12: 党纪政务轻处分 1 ×
# 0.5 (非市管干部) = 0.5; item 9: 2 × 0.1 = 0.2; item 5: 12 − 10 = 2 studies
# missing × 1 = 2; item 16: row 7's 18 − 0.5 (item 12) = 17.5 left × (1 − 0.975)
# = 0.4375 → 0.44 (half up to 0.01); item 17: 3rd of 20 is not in the last 10 → 0;
# item 21: 7th − 5 = 2 places × 0.5 = 1 (the other rank is 2nd → 0); the award:
# 党中央、国务院 单项工作 = +1. 100 − (1 + 0.5 + 0.2 + 2 + 0.44 + 1) + 1 = 95.86.
CLERK_TOTAL = Decimal("95.86")


def _fill_template(template: Path, out: Path) -> None:
    book = load_workbook(template)
    ws = book["台账"]
    ws.insert_rows(1)
    ws["A1"] = "市妇联2026年度模范机关创建扣分台账"
    ws.merge_cells("A1:I1")
    for i, record in enumerate(RECORDS):
        for j, value in enumerate(record):
            ws.cell(row=3 + i, column=1 + j, value=value)  # row 3 was the 示例 row
    ws.merge_cells("B3:B4")
    ws.cell(row=3, column=7).number_format = "yyyy-mm-dd"
    ws.cell(row=6, column=7).number_format = "yyyy/m/d"
    figures = book["考核数据"]
    for row in figures.iter_rows(min_row=2):
        for k, value in enumerate(FIGURES.get(str(row[0].value), ())):
            if value is not None:
                row[3 + k].value = value
    awards = book["表彰"]
    awards["A2"], awards["B2"] = "党中央、国务院", "单项工作"
    awards["D2"], awards["E2"] = dt.datetime(2026, 11, 2), "国发〔2026〕8号"
    book.save(out)


def test_the_clerks_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["template", "--out", "ledger.xlsx", "--lang", "zh"]) == 0
    # The dropdowns the clerk picks from hold exactly the values used below.
    template = load_workbook("ledger.xlsx")
    lists = {str(c.value) for row in template["_lists"].iter_rows() for c in row if c.value}
    picked = {v for r in RECORDS for v in r[1:4] if isinstance(v, str)}
    assert picked <= lists
    _fill_template(tmp_path / "ledger.xlsx", tmp_path / "filled.xlsx")
    capsys.readouterr()

    assert main(["score", "filled.xlsx", "--format", "json", "--lang", "en"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert Decimal(report["total"]) == CLERK_TOTAL
    deductions = {
        n: Decimal(i["deduction"]) for n, i in report["items"].items() if Decimal(i["deduction"])
    }
    assert deductions == {
        "1": Decimal(1), "5": Decimal(2), "9": Decimal("0.2"), "12": Decimal("0.5"),
        "16": Decimal("0.44"), "21": Decimal(1),
    }  # fmt: skip
    dates = [t["date"] for t in report["trail"] if t["origin"].startswith("/records/")]
    # Excel's date cell, 年月日 text, a slashed date and the serial 46300 (2026-10-05).
    assert dates == ["2026-04-18", "2026-05-06", "2026-09-30", "2026-10-05"]

    assert main(["explain", "filled.xlsx", "--lang", "en"]) == 0
    explained = capsys.readouterr().out
    # Trail lines name the sheet row the clerk sees: the title row pushed the
    # header to row 2, so the records are rows 3 to 6 (row 4 took its item
    # from the merged cell above it).
    assert "filled.xlsx[台账] row 3 · 2026-04-18 · 市委办通报〔2026〕12号" in explained
    assert "filled.xlsx[台账] row 4 · 2026-05-06" in explained
    assert "records/" not in explained
    # Item 16's arithmetic in words: 17.5 left, 2.5% unsatisfied.
    assert "17.5" in explained
    assert "0.4375" in explained

    page = tmp_path / "page.html"
    argv = ["score", "filled.xlsx", "--format", "html", "--by", "office", "--by", "leader"]
    assert main([*argv, "--lang", "zh", "--out", str(page)]) == 0
    html = page.read_text("utf-8")
    assert "按本会责任部室汇总失分" in html
    assert "按责任领导汇总失分" in html
    assert html.index("按本会责任部室汇总失分") < html.index("按责任领导汇总失分")
    # why: 组织部 answers for rows 2, 4, 5 and 7: item 5's 2 (row 4), item 9's 0.2
    # (row 5) and items 12 and 16, 0.5 + 0.44 (row 7) = 3.14.
    assert '<tr><td>组织部</td><td class="n">3.14</td>' in html
    assert "signature" in html or "签字" in html
    assert str(CLERK_TOTAL) in html


# ---------------------------------------------------------------- the assessor's day

UNITS = 50
BROKEN = {
    "unit-07.yaml": "records:\n  - {item: 99, situation: x}\n",  # no such item
    "unit-19.yaml": "records:\n  - {item: 1, situation: criticism, tier: 县级}\n",  # no such tier
    "unit-28.yaml": "records: [\n",  # not YAML
}
MISSING_FIGURE = {"unit-11.yaml", "unit-23.yaml", "unit-42.yaml"}
TYPICAL = (EXAMPLES / "typical-year.yaml").read_text("utf-8")


def _ledgers(folder: Path) -> None:
    """Fifty ledgers: the typical year with 0–4 extra city criticisms of item 2."""
    for n in range(1, UNITS + 1):
        name = f"unit-{n:02d}.yaml"
        text = TYPICAL.replace("unit: 市妇联", f"unit: 单位{n:02d}")
        if name in BROKEN:
            text = f"unit: 单位{n:02d}\n" + BROKEN[name]
        elif name in MISSING_FIGURE:
            text = re.sub(r"\n  satisfaction_rate: .*", "", text)
        else:
            extra = n % 5
            if extra:
                text = text.replace(
                    "records:\n",
                    f"records:\n  - {{item: 2, situation: criticism, tier: city, count: {extra}}}\n",
                    1,
                )
        (folder / name).write_text(text, "utf-8")
    # The fourth broken one is a workbook with a date Excel cannot mean.
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "台账"
    ws.append(["条目", "情形", "档次", "日期"])
    ws.append([1, "criticism", "city", "2026年13月40日"])
    book.save(folder / "unit-33.xlsx")
    (folder / "unit-33.yaml").unlink()


def test_the_assessors_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rulebook: Rulebook
) -> None:
    folder = tmp_path / "ledgers"
    folder.mkdir()
    _ledgers(folder)
    out = tmp_path / "ranking.xlsx"
    # Exit 1: the ranking is written, and some ledgers could not be scored.
    assert main(["batch", str(folder), "--out", str(out), "--by", "office", "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    book = load_workbook(out)
    assert book.sheetnames == ["排名", "未评分", "本会责任部室"]

    ranking = book["排名"]
    head = [c.value for c in ranking[1]]
    body = [row for row in ranking.iter_rows(min_row=2) if row[0].value is not None]
    assert len(body) == UNITS - 4
    col = {name: head.index(name) for name in ("名次", "单位", "文件", "规则版本", "总分", "提示")}
    totals = [Decimal(str(row[col["总分"]].value)) for row in body]
    # Scores are numbers Excel can sort and sum, shown exactly by their format.
    for row in body:
        cell = row[col["总分"]]
        assert isinstance(cell.value, int | float)
        places = -Decimal(str(cell.value)).normalize().as_tuple().exponent  # type: ignore[operator]
        assert cell.number_format == ("0" if places <= 0 else "0." + "0" * places)
        assert isinstance(row[col["名次"]].value, int)
        assert row[col["规则版本"]].value == f"{rulebook.id} {rulebook.version}"
    assert totals == sorted(totals, reverse=True)
    # why: the typical year scores 93.35; n % 5 extra 市通报批评 of item 2 cost
    # 0.5 each under its tier cap 2 and item cap 5, so 93.35, 92.85, …, 91.35.
    assert set(totals) >= {Decimal("93.35"), Decimal("91.35")}
    # Ties share a rank, and the next rank skips (1, 1, …, 11, …).
    ranks = [row[col["名次"]].value for row in body]
    tied = [r for r, t in zip(ranks, totals, strict=True) if t == totals[0]]
    assert set(tied) == {1}
    assert ranks[len(tied)] == len(tied) + 1
    # The three ledgers missing a figure are ranked, with the warning beside them.
    warned = {
        str(row[col["文件"]].value).rsplit("/", 1)[-1]: str(row[col["提示"]].value)
        for row in body
        if row[col["提示"]].value
    }
    assert set(warned) == MISSING_FIGURE
    assert all("satisfaction_rate" in warning for warning in warned.values())
    assert sum("satisfaction_rate" in line for line in err.splitlines()) == 3  # one per unit
    assert ranking.freeze_panes == "A2"
    assert ranking.auto_filter.ref

    unscored = [r for r in book["未评分"].iter_rows(min_row=2, values_only=True) if r[0]]
    files = {str(r[0]).rsplit("/", 1)[-1] for r in unscored}
    assert files == {"unit-07.yaml", "unit-19.yaml", "unit-28.yaml", "unit-33.xlsx"}
    reasons = {str(r[0]).rsplit("/", 1)[-1]: (str(r[1]), str(r[2])) for r in unscored}
    assert reasons["unit-07.yaml"][0].endswith(":3:12 /records/0/item")
    assert "第 99 项" in reasons["unit-07.yaml"][1]
    # A workbook's reason names its sheet, row and column.
    assert re.search(r"unit-33\.xlsx\[台账\]:2:\d+", reasons["unit-33.xlsx"][0])

    groups = book["本会责任部室"]
    ghead = [c.value for c in groups[1]]
    assert ghead[:2] == ["单位", "文件"]
    grows = [r for r in groups.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(grows) == UNITS - 4
    office = ghead.index("办公室")
    by_file = {str(r[1]).rsplit("/", 1)[-1]: r for r in grows}
    # why: 办公室 answers for rows 1, 6 and 8; the typical year loses 0.5 there
    # (item 1), and unit 04 adds 4 % 5 = 4 city criticisms of item 2 (row 1):
    # 4 × 0.5 = 2, under its tier cap 2, so 2.5.
    assert Decimal(str(by_file["unit-05.yaml"][office])) == Decimal("0.5")
    assert Decimal(str(by_file["unit-04.yaml"][office])) == Decimal("2.5")
    assert all(isinstance(v, int | float) for r in grows for v in r[2:])
