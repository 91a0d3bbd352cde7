"""The ledger template: what a clerk sees, and what comes back when they fill it in.

The scenario tests open the template with openpyxl and fill it the way a
person does in Excel: values picked from the dropdown lists (read from the
workbook's own validations), a title row inserted above the header, the item
merged down over its rows, real date cells, the example row overwritten.
The ledger read back must be the one the person meant, and score.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from mofan_rules import RankValue, Rulebook, evaluate, load_ledger
from mofan_rules._workbook import csv_bytes, xlsx_bytes
from mofan_rules.errors import LedgerError
from mofan_rules.ledger import Ledger, fitted_ledger
from mofan_rules.ledger._sheets import read_sheet, template_csv, template_sheets
from mofan_rules.rulebook import PerOccurrence, UnitClass, resolve_tiers

CASES = Path(__file__).resolve().parent / "cases" / "sheets"

# ---------------------------------------------------------------- helpers


def dropdown_values(book: openpyxl.Workbook, sheet: str, column: str) -> list[str]:
    """The values a person can pick in ``column`` of ``sheet``, read from the workbook itself."""
    ws = book[sheet]
    for dv in ws.data_validations.dataValidation:
        if any(str(cells).startswith(column) for cells in dv.sqref.ranges):
            formula: str = dv.formula1
            if formula.startswith('"'):
                return formula.strip('"').split(",")
            ref = formula.lstrip("=").split("!")[1].replace("$", "")
            first, last = ref.split(":")
            lists = book["_lists"]
            return [c.value for row in lists[f"{first}:{last}"] for c in row if c.value is not None]
    raise AssertionError(f"no dropdown on {sheet}!{column}")


def template_book(rulebook: Rulebook, lang: str = "zh") -> openpyxl.Workbook:
    return openpyxl.load_workbook(
        io.BytesIO(
            xlsx_bytes(template_sheets(rulebook, lang), creator="mofan-rules ledger template")
        )
    )


def saved(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def where(problems: object) -> list[tuple[str, int, int, str]]:
    """(file name[sheet], row, column, code) of each problem, without the folder."""
    return [(p.file.rsplit("/", 1)[-1], p.line, p.column, p.code) for p in problems]  # type: ignore[attr-defined]


def pick(values: list[str], wanted: str) -> str:
    assert wanted in values, f"{wanted!r} is not in the dropdown"
    return wanted


def pin_only(rulebook: Rulebook) -> dict[str, object]:
    return {
        "unit": rulebook.unit,
        "period": {"start": rulebook.effective.start, "end": rulebook.effective.end},
        "rulebook": {"id": rulebook.id, "version": rulebook.version},
    }


@pytest.fixture(scope="module")
def classed(rulebook: Rulebook) -> Rulebook:
    """The shipped rulebook with two unit classes (no shipped table has them yet)."""
    classes = [UnitClass(key="district", label="区"), UnitClass(key="zone", label="开发区")]
    return rulebook.model_copy(update={"classes": classes})


# ---------------------------------------------------------------- what the clerk sees


def test_the_sheets_a_clerk_sees(rulebook: Rulebook) -> None:
    sheets = template_sheets(rulebook, "zh")
    assert [s.title for s in sheets] == ["说明", "基本信息", "台账", "考核数据", "表彰", "目录"]
    records = sheets[2]
    assert list(records.rows[0]) == [
        "序号 no", "条目 item", "情形 situation", "档次 tier", "次数 count",
        "调整 modifiers", "日期 date", "依据 evidence", "备注 note",
    ]  # fmt: skip
    for sheet in sheets[1:]:
        assert sheet.freeze_header
        assert sheet.widths
        assert all(w > 0 for w in sheet.widths)


def test_the_dropdowns_offer_the_rulebooks_chinese_labels(rulebook: Rulebook) -> None:
    book = template_book(rulebook)
    recordable = [
        (item, sit)
        for item in rulebook.items
        for sit in item.situations
        if isinstance(sit, PerOccurrence)
    ]
    items = dropdown_values(book, "台账", "B")
    assert items == list(dict.fromkeys(f"{i.number}. {i.title}" for i, _ in recordable))
    assert set(dropdown_values(book, "台账", "C")) == {s.label for _, s in recordable}
    tiers = {t.label for _, s in recordable for t in resolve_tiers(rulebook, s)}
    assert set(dropdown_values(book, "台账", "D")) == tiers
    assert set(dropdown_values(book, "台账", "F")) == {
        "非市管干部",
        "机关纪委主动查处或主动提供线索",
    }
    assert dropdown_values(book, "考核数据", "A") == [m.label for m in rulebook.measures]
    assert dropdown_values(book, "表彰", "A") == ["党中央、国务院", "国家部委和省委、省政府"]
    assert dropdown_values(book, "表彰", "B") == ["综合工作", "单项工作"]
    assert book["_lists"].sheet_state == "hidden"


def test_frozen_headers_widths_and_the_instructions(rulebook: Rulebook) -> None:
    book = template_book(rulebook, "zh")
    assert book["台账"].freeze_panes == "A2"
    assert book["台账"].column_dimensions["C"].width >= 40
    guide = [c.value for c in book["说明"]["A"] if c.value]
    assert guide[0].startswith("台账填写说明")
    assert rulebook.version in guide[0]
    assert len(guide) == 8
    assert all(isinstance(line, str) and line for line in guide)
    english = [c.value for c in template_book(rulebook, "en")["说明"]["A"] if c.value]
    assert english[0].startswith("How to fill in this ledger")


def test_the_details_are_filled_in_from_the_rulebook(rulebook: Rulebook) -> None:
    ws = template_book(rulebook)["基本信息"]
    rows = [[c.value for c in row] for row in ws.iter_rows(max_col=2)]
    assert rows[0] == ["项目 field", "内容 value"]
    assert rows[1] == ["被考核单位 unit", "市妇联"]
    assert rows[2][1] == dt.datetime(2026, 1, 1)  # a real date cell
    assert rows[4] == ["规则库 rulebook", rulebook.id]
    assert rows[5] == ["规则库版本 version", "2026.1"]  # text: Excel would make 2026.10 into 2026.1


def test_the_example_row(rulebook: Rulebook) -> None:
    ws = template_book(rulebook)["台账"]
    example = [c.value for c in ws[2]]
    assert example[:5] == ["示例", "1. 坚决贯彻党中央决策部署", "通报批评和问责或负面影响",
                           "中央通报批评和问责或重大负面影响", 1]  # fmt: skip
    assert example[6] == dt.datetime(2026, 1, 1)


def test_the_catalogue_lists_every_item_situation_and_tier_with_points(rulebook: Rulebook) -> None:
    catalogue = template_sheets(rulebook, "zh")[-1]
    assert catalogue.title == "目录"
    assert list(catalogue.rows[0]) == ["条目", "标题", "情形", "档次", "分值", "填写位置"]
    expected = 0
    for item in rulebook.items:
        for sit in item.situations:
            tiers = resolve_tiers(rulebook, sit) if isinstance(sit, PerOccurrence) else []
            expected += len(tiers) or 1
    assert len(catalogue.rows) - 1 == expected
    rows = {(r[0], r[2], r[3]): r for r in catalogue.rows[1:]}
    assert rows[(12, "干部被立案查处", "党纪政务重处分")][4] == Decimal("2")
    assert rows[(3, "完成质量和标准差", None)][4] == Decimal("0.5")
    assert (
        rows[(5, "每月组织党组（党委）理论学习中心组学习", None)][5]
        == "考核数据：党组理论学习中心组学习次数"
    )


# ---------------------------------------------------------------- read back empty


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_reads_back_as_an_empty_ledger(lang: str, rulebook: Rulebook) -> None:
    for raw, file in (
        (
            xlsx_bytes(template_sheets(rulebook, lang), creator="mofan-rules ledger template"),
            "template.xlsx",
        ),
        (csv_bytes(template_csv(rulebook, lang)), "template.csv"),
    ):
        ledger = fitted_ledger(read_sheet(raw, file, rulebook), rulebook)
        assert ledger == Ledger.model_validate(pin_only(rulebook))


def test_an_empty_template_of_a_rulebook_with_classes_asks_for_the_class(classed: Rulebook) -> None:
    raw = xlsx_bytes(template_sheets(classed, "zh"), creator="mofan-rules ledger template")
    with pytest.raises(LedgerError) as info:
        fitted_ledger(read_sheet(raw, "t.xlsx", classed), classed)
    (found,) = info.value.problems
    assert (found.file, found.line, found.column, found.code) == (
        "t.xlsx[基本信息]",
        7,
        2,
        "needs_class",
    )
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert dropdown_values(book, "基本信息", "B7") == ["区", "开发区"]


def test_a_changed_example_row_is_refused(rulebook: Rulebook, tmp_path: Path) -> None:
    book = template_book(rulebook)
    book["台账"]["E2"] = 3  # the clerk changed the example's count and kept 示例
    path = saved(book, tmp_path / "t.xlsx")
    with pytest.raises(LedgerError) as info:
        load_ledger(path, rulebook)
    assert where(info.value.problems) == [("t.xlsx[台账]", 2, 1, "sheet_example_changed")]


def test_the_example_kept_as_a_record_by_numbering_it(rulebook: Rulebook, tmp_path: Path) -> None:
    book = template_book(rulebook)
    book["台账"]["A2"] = 1
    ledger = load_ledger(saved(book, tmp_path / "t.xlsx"), rulebook)
    assert [(r.item, r.situation, r.tier, str(r.date)) for r in ledger.records] == [
        (1, "criticism", "central", "2026-01-01")
    ]


# ---------------------------------------------------------------- the clerk's year


# The clerk's year written as plain data: what the filled template must read as.
MEANT = Ledger.model_validate(
    {
        "unit": "市妇联",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "rulebook": {"id": "shifulian-mofan-jiguan", "version": "2026.1"},
        "records": [
            {"item": 12, "situation": "cadre_case", "tier": "light_sanction",
             "modifiers": ["non_city_managed"], "date": "2026-04-18", "evidence": "纪委通报〔2026〕3号"},
            {"item": 12, "situation": "cadre_case", "tier": "heavy_sanction", "date": "2026-05-06",
             "note": "同一案件两人"},
            {"item": 3, "situation": "poor_quality", "count": 2, "date": "2026-06-01"},
        ],
        "measures": {
            "half_yearly_analyses": 2, "monthly_studies": 11, "satisfaction_rate": Decimal("0.975"),
            "public_security_poll": {"rank": 5, "of": 120, "score": Decimal("92.5")},
            "supervisor_indicator_rank": {"rank": 3, "of": 14},
            "business_indicator_rank": {"rank": 2, "of": 14},
        },
        "awards": [{"bonus": "bonus", "level": "central", "scope": "single", "date": "2026-07-01",
                    "evidence": "国发〔2026〕1号"}],
    }
)  # fmt: skip


def fill_like_a_clerk(book: openpyxl.Workbook) -> openpyxl.Workbook:
    """The template filled in as a person does in Excel: the clerk's year of 2026.

    Values are picked from the workbook's own dropdown lists; the example row
    is deleted, a title row inserted and merged, item 12 merged over its two
    rows, dates typed three ways and as date cells, the rate as a percentage.
    """
    items = dropdown_values(book, "台账", "B")
    situations = dropdown_values(book, "台账", "C")
    tiers = dropdown_values(book, "台账", "D")
    modifiers = dropdown_values(book, "台账", "F")
    ws = book["台账"]
    ws.delete_rows(2)  # the example goes
    ws.insert_rows(1)  # a title above the header, merged across the table
    ws["A1"] = "市妇联 2026 年度扣分台账"
    ws.merge_cells("A1:I1")
    rows: list[list[Any]] = [
        [1, pick(items, "12. 严明党的各项纪律"), pick(situations, "干部被立案查处"),
         pick(tiers, "党纪政务轻处分"), 1, pick(modifiers, "非市管干部"), dt.datetime(2026, 4, 18),
         "纪委通报〔2026〕3号", None],
        [2, None, pick(situations, "干部被立案查处"), pick(tiers, "党纪政务重处分"), 1.0, None,
         "2026/5/6", None, "同一案件两人"],
        [3, pick(items, "3. 加强领导班子建设"), pick(situations, "完成质量和标准差"), None, 2, None,
         "2026年6月1日", None, None],
    ]  # fmt: skip
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    ws.merge_cells("B3:B4")  # item 12 over its two rows
    ws["G3"].number_format = "yyyy/m/d"
    figures = book["考核数据"]
    by_label = {figures.cell(row=r, column=1).value: r for r in range(2, figures.max_row + 1)}
    for label, value, of, score in (
        ("意识形态工作分析研判次数", 2, None, None),
        ("党组理论学习中心组学习次数", 11, None, None),
        ("机关服务满意度测评满意率", 0.975, None, None),
        ("综治民调全市排名及得分", 5, 120, 92.5),
        ("上级主管部门考核指标全省排名", 3, 14, None),
        ("单位职能业务综合指标全省排名", 2, 14, None),
    ):
        r = by_label[label]
        figures.cell(row=r, column=4, value=value)
        figures.cell(row=r, column=5, value=of)
        figures.cell(row=r, column=7, value=score)
    figures["D4"].number_format = "0.0%"
    awards = book["表彰"]
    awards.append([pick(dropdown_values(book, "表彰", "A"), "党中央、国务院"),
                   pick(dropdown_values(book, "表彰", "B"), "单项工作"), None,
                   dt.date(2026, 7, 1), "国发〔2026〕1号"])  # fmt: skip
    return book


def test_the_clerks_year_a_filled_template_reads_as_meant(
    rulebook: Rulebook, tmp_path: Path
) -> None:
    path = saved(fill_like_a_clerk(template_book(rulebook)), tmp_path / "2026年台账.xlsx")

    ledger = load_ledger(path, rulebook)
    assert [
        (r.item, r.situation, r.tier, r.count, r.modifiers, str(r.date)) for r in ledger.records
    ] == [
        (12, "cadre_case", "light_sanction", 1, ["non_city_managed"], "2026-04-18"),
        (12, "cadre_case", "heavy_sanction", 1, [], "2026-05-06"),
        (3, "poor_quality", None, 2, [], "2026-06-01"),
    ]
    assert ledger.measures["satisfaction_rate"] == Decimal("0.975")
    poll = ledger.measures["public_security_poll"]
    assert isinstance(poll, RankValue)
    assert poll.score == Decimal("92.5")
    assert [(a.level, a.scope) for a in ledger.awards] == [("central", "single")]
    assert (ledger.unit, ledger.rulebook and ledger.rulebook.version) == ("市妇联", "2026.1")
    # The same year written as data scores the same: the sheet was read as meant.
    assert evaluate(rulebook, ledger).total == evaluate(rulebook, MEANT).total == Decimal("96.11")
    assert ledger == MEANT


def test_the_checked_in_clerks_workbook(rulebook: Rulebook) -> None:
    """tests/cases/sheets/clerk-2026.xlsx: fill_like_a_clerk's output, kept for other tests to use."""
    ledger = load_ledger(CASES / "clerk-2026.xlsx", rulebook)
    fresh = io.BytesIO()
    fill_like_a_clerk(template_book(rulebook)).save(fresh)
    assert ledger == fitted_ledger(read_sheet(fresh.getvalue(), "x.xlsx", rulebook), rulebook)
    assert evaluate(rulebook, ledger).total == evaluate(rulebook, MEANT).total


def test_a_filled_template_with_a_mistake_names_sheet_row_and_column(
    rulebook: Rulebook, tmp_path: Path
) -> None:
    book = template_book(rulebook)
    ws = book["台账"]
    ws["A2"] = 1
    ws["D2"] = "中央通报"  # typed instead of picked
    ws["G2"] = "2026/13/1"
    book["表彰"].append(["党中央", "单项工作"])
    with pytest.raises(LedgerError) as info:
        load_ledger(saved(book, tmp_path / "t.xlsx"), rulebook)
    assert where(info.value.problems) == [
        ("t.xlsx[台账]", 2, 4, "tier_unknown"),
        ("t.xlsx[台账]", 2, 7, "sheet_bad_date"),
        ("t.xlsx[表彰]", 2, 1, "unknown_award_level"),
    ]
    zh = [p.text("zh") for p in info.value.problems]
    assert "是否想写" in zh[0] or "现有" in zh[0]


def test_a_filled_template_with_classes(classed: Rulebook, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(
            xlsx_bytes(template_sheets(classed, "zh"), creator="mofan-rules ledger template")
        )
    )
    book["基本信息"]["B7"] = pick(dropdown_values(book, "基本信息", "B7"), "开发区")
    ledger = load_ledger(saved(book, tmp_path / "c.xlsx"), classed)
    assert ledger.unit_class == "zone"


def test_the_csv_template_filled_in_reads_back(rulebook: Rulebook, tmp_path: Path) -> None:
    rows = template_csv(rulebook, "zh")
    header = next(i for i, row in enumerate(rows) if row and row[0] == "序号 no")
    rows[header + 1] = [
        1,
        "12",
        "干部被立案查处",
        "党纪政务轻处分",
        1,
        None,
        "2026/4/18",
        None,
        None,
    ]
    measures = next(i for i, row in enumerate(rows) if row and row[0] == "指标 measure")
    rows[measures + 1] = ["意识形态工作分析研判次数", "计数", None, 2]
    path = tmp_path / "ledger.csv"
    path.write_bytes(csv_bytes(rows))
    ledger = load_ledger(path, rulebook)
    assert [(r.item, r.tier) for r in ledger.records] == [(12, "light_sanction")]
    assert ledger.measures == {"half_yearly_analyses": 2}
