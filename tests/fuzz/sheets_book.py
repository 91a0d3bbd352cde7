"""Workbooks written by hand: the .xlsx zip and its XML, without openpyxl.

Fuzzing only openpyxl's output would test one writer's habits. A
:class:`Book` here is plain data (sheets, rows of :class:`C` cells, merged
ranges, the stored dimension, shared or inline strings, a namespace prefix,
the date system) turned into the zip by :meth:`Book.to_bytes`, so every part
of the file format can be varied on purpose.

:func:`clean_book` is the clean ledger every mutation starts from, and
:data:`CLEAN_LEDGER` what it must read as (checked by ``tests/test_sheets_fuzz.py``).
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

# Styles of the hand-made workbook (index → what it shows).
GENERAL, DATE, DATE_SLASH, DATE_CHINESE, PERCENT = 0, 1, 2, 3, 4


@dataclass
class C:
    """One cell as written: ``t`` is the XML type (``n``, ``s``, ``inlineStr``, ``str``, ``b``, ``e``, ``d``).

    For ``s`` the value is the text (its shared index is worked out when
    writing); ``formula`` adds ``<f>``; ``has_value=False`` leaves out ``<v>``;
    ``ref`` overrides the cell's ``r`` (``""`` leaves it out).
    """

    value: str
    t: str = "n"
    style: int | None = None
    formula: str | None = None
    has_value: bool = True
    ref: str | None = None
    raw: bool = False  # an "s" cell whose value is written as its index, as is


def text(value: str) -> C:
    return C(value, "s")


def num(value: object, style: int | None = None) -> C:
    return C(str(value), "n", style)


@dataclass
class Sheet:
    name: str
    rows: dict[int, dict[int, C]] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    dimension: str | None = "auto"  # None: no <dimension>; "auto": the true one; else as given
    state: str | None = None  # hidden, veryHidden
    row_refs: bool = True  # write r="…" on rows
    extra_xml: str = ""  # raw XML after </sheetData> (before mergeCells)


@dataclass
class Book:
    sheets: list[Sheet]
    date1904: bool = False
    inline: bool = False  # text as inlineStr instead of shared strings
    prefix: str = ""  # namespace prefix for the spreadsheetml elements, e.g. "x"
    utf16: bool = False  # parts encoded as UTF-16 (with a BOM and a declaration)
    compression: int = zipfile.ZIP_DEFLATED
    extra_parts: dict[str, bytes] = field(default_factory=dict)
    part_order: list[str] | None = None  # write members in this order (names), the rest after
    shared_extra: list[str] = field(default_factory=list)  # unused shared strings
    number_formats: dict[int, str] = field(default_factory=dict)  # extra custom formats

    def copy(self) -> Book:
        return copy.deepcopy(self)

    # ------------------------------------------------------------ writing

    def _tag(self, name: str) -> str:
        return f"{self.prefix}:{name}" if self.prefix else name

    def _xmlns(self) -> str:
        attr = f"xmlns:{self.prefix}" if self.prefix else "xmlns"
        return f'{attr}="{MAIN}" xmlns:r="{REL}"'

    def _doc(self, body: str) -> bytes:
        if self.utf16:
            return ('<?xml version="1.0" encoding="UTF-16"?>' + body).encode("utf-16")
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + body).encode()

    def _strings(self) -> list[str]:
        found: dict[str, None] = {}
        if not self.inline:
            for sheet in self.sheets:
                for row in sheet.rows.values():
                    for cell in row.values():
                        if cell.t == "s" and cell.has_value and not cell.raw:
                            found.setdefault(cell.value)
        for extra in self.shared_extra:
            found.setdefault(extra)
        return list(found)

    def _cell(self, r: int, c: int, cell: C, index: dict[str, int]) -> str:
        t = self._tag
        ref = cell.ref if cell.ref is not None else f"{letters(c)}{r}"
        attrs = f' r="{ref}"' if ref else ""
        kind = cell.t
        if kind == "s" and self.inline and not cell.raw:
            kind = "inlineStr"
        if kind != "n":
            attrs += f' t="{kind}"'
        if cell.style is not None:
            attrs += f' s="{cell.style}"'
        inner = ""
        if cell.formula is not None:
            inner += f"<{t('f')}>{escape(cell.formula)}</{t('f')}>"
        if cell.has_value:
            if kind == "inlineStr":
                inner += f"<{t('is')}><{t('t')}>{escape(cell.value)}</{t('t')}></{t('is')}>"
            elif kind == "s":
                inner += f"<{t('v')}>{index.get(cell.value, cell.value)}</{t('v')}>"
            else:
                inner += f"<{t('v')}>{escape(cell.value)}</{t('v')}>"
        return f"<{t('c')}{attrs}>{inner}</{t('c')}>" if inner else f"<{t('c')}{attrs}/>"

    def _sheet_xml(self, sheet: Sheet, index: dict[str, int]) -> bytes:
        t = self._tag
        parts = [f"<{t('worksheet')} {self._xmlns()}>"]
        if sheet.dimension == "auto":
            cells = [(r, c) for r, row in sheet.rows.items() for c in row]
            if cells:
                last_r = max(r for r, _ in cells)
                last_c = max(c for _, c in cells)
                parts.append(f'<{t("dimension")} ref="A1:{letters(last_c)}{last_r}"/>')
        elif sheet.dimension is not None:
            parts.append(f"<{t('dimension')} ref={quoteattr(sheet.dimension)}/>")
        parts.append(f"<{t('sheetData')}>")
        for r in sorted(sheet.rows):
            attrs = f' r="{r}"' if sheet.row_refs else ""
            row_xml = "".join(
                self._cell(r, c, cell, index) for c, cell in sorted(sheet.rows[r].items())
            )
            parts.append(f"<{t('row')}{attrs}>{row_xml}</{t('row')}>")
        parts.append(f"</{t('sheetData')}>")
        parts.append(sheet.extra_xml)
        if sheet.merges:
            merges = "".join(f"<{t('mergeCell')} ref={quoteattr(m)}/>" for m in sheet.merges)
            parts.append(
                f'<{t("mergeCells")} count="{len(sheet.merges)}">{merges}</{t("mergeCells")}>'
            )
        parts.append(f"</{t('worksheet')}>")
        return self._doc("".join(parts))

    def parts(self) -> dict[str, bytes]:
        """Every member of the archive, by name."""
        t = self._tag
        strings = self._strings()
        index = {s: i for i, s in enumerate(strings)}
        n = len(self.sheets)
        types = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        out: dict[str, bytes] = {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.styles+xml"/>'
                + (
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    if strings
                    else ""
                )
                + types
                + "</Types>"
            ).encode(),
            "_rels/.rels": (
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>"
            ).encode(),
        }
        sheets = "".join(
            f'<{t("sheet")} name={quoteattr(s.name)} sheetId="{i}" r:id="rId{i}"'
            + (f' state="{s.state}"' if s.state else "")
            + "/>"
            for i, s in enumerate(self.sheets, start=1)
        )
        pr = f'<{t("workbookPr")} date1904="1"/>' if self.date1904 else ""
        out["xl/workbook.xml"] = self._doc(
            f"<{t('workbook')} {self._xmlns()}>{pr}<{t('sheets')}>{sheets}</{t('sheets')}></{t('workbook')}>"
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        rels += f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
        if strings:
            rels += (
                f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            )
        out["xl/_rels/workbook.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{rels}</Relationships>'
        ).encode()
        formats = {176: "yyyy/m/d", 177: 'yyyy"年"m"月"d"日"', **self.number_formats}
        fmts = "".join(
            f'<{t("numFmt")} numFmtId="{k}" formatCode={quoteattr(v)}/>' for k, v in formats.items()
        )
        xfs = "".join(
            f'<{t("xf")} numFmtId="{k}"/>' for k in (0, 14, 176, 177, 10, *self.number_formats)
        )
        out["xl/styles.xml"] = self._doc(
            f"<{t('styleSheet')} {self._xmlns()}><{t('numFmts')}>{fmts}</{t('numFmts')}>"
            f"<{t('cellXfs')}>{xfs}</{t('cellXfs')}></{t('styleSheet')}>"
        )
        if strings:
            items = "".join(
                f"<{t('si')}><{t('t')}>{escape(s)}</{t('t')}></{t('si')}>" for s in strings
            )
            out["xl/sharedStrings.xml"] = self._doc(
                f'<{t("sst")} {self._xmlns()} count="{len(strings)}">{items}</{t("sst")}>'
            )
        for i, sheet in enumerate(self.sheets, start=1):
            out[f"xl/worksheets/sheet{i}.xml"] = self._sheet_xml(sheet, index)
        out.update(self.extra_parts)
        return out

    def to_bytes(self) -> bytes:
        return zip_parts(self.parts(), self.compression, self.part_order)


def zip_parts(
    parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED, order: list[str] | None = None
) -> bytes:
    names = [n for n in (order or []) if n in parts] + [n for n in parts if n not in (order or [])]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name in names:
            archive.writestr(name, parts[name])
    return buffer.getvalue()


def letters(column: int) -> str:
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


# ---------------------------------------------------------------- the clean ledger


def _table(
    header: list[str], rows: list[list[C | None]], first: int = 1
) -> dict[int, dict[int, C]]:
    out: dict[int, dict[int, C]] = {first: {c: text(h) for c, h in enumerate(header, start=1)}}
    for r, row in enumerate(rows, start=first + 1):
        out[r] = {c: cell for c, cell in enumerate(row, start=1) if cell is not None}
    return out


def clean_book() -> Book:
    """A ledger for the shipped rulebook as a clerk keeps it: details, a title, merges, dates."""
    info = Sheet(
        "基本信息",
        _table(
            ["项目 field", "内容 value"],
            [
                [text("被考核单位 unit"), text("市妇联")],
                [text("考核期开始 start"), num(46023, DATE)],  # 2026-01-01
                [text("考核期结束 end"), text("2026/12/31")],
                [text("规则库 rulebook"), text("shifulian-mofan-jiguan")],
                [text("规则库版本 version"), text("2026.1")],
            ],
        ),
    )
    records = _table(
        ["序号 no", "条目 item", "情形 situation", "档次 tier", "次数 count", "日期 date", "依据 evidence", "备注 note"],
        [
            [num(1), text("12. 严明党的各项纪律"), text("干部被立案查处"), text("党纪政务轻处分"),
             num(1), num(46130, DATE), text("纪委通报〔2026〕3号"), None],
            [num(2), None, text("干部被立案查处"), text("党纪政务重处分"),
             num("1.0"), text("2026/5/6"), None, text("同一案件两人")],
            [num(3), text("第1项"), text("通报批评和问责或负面影响"), text("市通报批评和问责或一般负面影响"),
             num(2), num(46174, DATE_CHINESE), None, None],
        ],
        first=2,
    )  # fmt: skip
    records[1] = {1: text("2026年度市妇联扣分台账")}
    ledger = Sheet("台账", records, merges=["A1:H1", "B3:B4"])
    figures = Sheet(
        "考核数据",
        _table(
            ["指标 measure", "数值 value", "参评总数 of", "得分 score"],
            [
                [text("意识形态工作分析研判次数"), num(2)],
                [text("党组理论学习中心组学习次数"), num(11)],
                [text("机关服务满意度测评满意率"), num("0.975", PERCENT)],
                [text("综治民调全市排名及得分"), num(5), num(120), num("92.5")],
                [text("上级主管部门考核指标全省排名"), num(3), num(14)],
                [text("单位职能业务综合指标全省排名"), num(2), num(14)],
            ],
        ),
    )
    awards = Sheet(
        "表彰",
        _table(
            ["级别 level", "类别 scope", "日期 date", "依据 evidence"],
            [
                [
                    text("党中央、国务院"),
                    text("单项工作"),
                    num(46204, DATE_SLASH),
                    text("国发〔2026〕1号"),
                ]
            ],
        ),
    )
    notes = Sheet("说明", {1: {1: text("只给人看：不读")}, 2: {1: text("条目"), 2: text("情形")}})
    return Book([notes, info, ledger, figures, awards])


CLEAN_LEDGER = {
    "unit": "市妇联",
    "period": ("2026-01-01", "2026-12-31"),
    "rulebook": ("shifulian-mofan-jiguan", "2026.1"),
    "records": [
        (12, "cadre_case", "light_sanction", 1, "2026-04-18"),
        (12, "cadre_case", "heavy_sanction", 1, "2026-05-06"),
        (1, "criticism", "city", 2, "2026-06-01"),
    ],
    "measures": {
        "half_yearly_analyses": "2",
        "monthly_studies": "11",
        "satisfaction_rate": "0.975",
        "public_security_poll": "5/120/92.5",
        "supervisor_indicator_rank": "3/14",
        "business_indicator_rank": "2/14",
    },
    "awards": [("central", "single", "2026-07-01")],
}
"""What :func:`clean_book` reads as, in the terms of :func:`summary`."""


def summary(ledger: object) -> dict[str, object]:
    """A fitted ledger in plain terms, to compare with :data:`CLEAN_LEDGER`."""
    from mofan_rules.ledger import Ledger, RankValue

    assert isinstance(ledger, Ledger)

    def figure(value: object) -> str:
        if isinstance(value, RankValue):
            parts = [value.rank, value.of, value.score]
            return "/".join(str(p) for p in parts if p is not None)
        return str(value)

    return {
        "unit": ledger.unit,
        "period": (str(ledger.period.start), str(ledger.period.end)) if ledger.period else None,
        "rulebook": (ledger.rulebook.id, ledger.rulebook.version) if ledger.rulebook else None,
        "records": [(r.item, r.situation, r.tier, r.count, str(r.date)) for r in ledger.records],
        "measures": {k: figure(v) for k, v in ledger.measures.items()},
        "awards": [(a.level, a.scope, str(a.date)) for a in ledger.awards],
    }
