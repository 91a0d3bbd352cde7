"""Mutations of the clean hand-made ledger, by class: each one is a kind of hostile or odd file.

:func:`make` turns an input number into ``(class, file name, bytes, same)``:
the same number always gives the same input. ``same`` marks mutations that
must not change what the ledger says (a stale ``<dimension>``, inline
strings, a namespace prefix, UTF-16 parts, empty formatted rows …): the
harness then checks the ledger read equals the clean one, which is how a
dropped row would be seen.
"""

from __future__ import annotations

import io
import random
import struct
import warnings
import zipfile
from collections.abc import Callable

from fuzz.sheets_book import DATE, Book, C, Sheet, clean_book, letters, num, text, zip_parts

Made = tuple[str, bytes, bool]  # file name, bytes, must read as the clean ledger

NASTY_NUMBERS = [
    "NaN", "nan", "INF", "-inf", "Infinity", "1e308", "1e309", "-1e400", "1E+15", "1e15",
    "999999999999999999999", "4.9e-324", "1e-320", "-0", "-0.0", "1.0000000000000002",
    "", "  ", "abc", "1,5", "0x10", "１２", "1e", "+.5", ".", "-", "1e-5", "2.5", "-3", "0",
    "9" * 400, "1" + "0" * 5000, "1e99999", "100001", "46130", "46130.75", "2958466", "60",
]  # fmt: skip
NASTY_TEXTS = [
    "\x01", "a\x00b", "_x0001_", "_xD800_", "_x000D_x", "\u202e反转", "\x85", "\x9b31m", "=1+1",
    "'=cmd|' /C calc'!A0", "@SUM(1)", "-1", "+1", "'", "''", "第0项", "第99999项", "12. 错误标题",
    "12.5", "12. ", "2026/2/30", "2026年13月1日", "20260431", "20260418", "46130", "示例", "例",
    "序号", "条目", "情形 situation", "档次", "考核数据", "台账", " ", "\n", "\t", "😀", "𠮷",
    "a" * 2001, "b" * 12000, "criticism", "central", "cadre_case", "heavy_sanction",
    "非市管干部、以办公厅名义下发", "non_city_managed", "2026-01-01 至 2026-12-31", "2026年度",
    "TRUE", "1.0", "１", "第１２项", "12、严明党的各项纪律", "97.5%", "150%", "0.9751234567891",
]  # fmt: skip
BAD_REFS = ["A0", "XFE1", "AAAA1", "1A", "A1048577", "a1", "$B$3", "B3:C4", "Ｂ3", "A-1", "A01"]
BAD_RANGES = ["B3", "ZZZZ1:A1", "B3:", ":B3", "B4:B3", "A1:XFD1048576", "B3:B1048576", "C3:C5",
              "B3:C3", "A2:H2", "B3:B5", "A1:A1", "H5:A1", "B2:B3", "A3:A3000000"]  # fmt: skip
BAD_SHEET_NAMES = ["台账", "Sheet1", "", "表彰", "考核数据", "基本信息", "_hidden", "说明",
                   "TAIZHANG", "台账 (2)", "x" * 300, "a\x01b", "records", "RECORDS", "目录"]  # fmt: skip
DATA_SHEETS = ("基本信息", "台账", "考核数据", "表彰")


def _sheet(book: Book, rng: random.Random) -> Sheet:
    return rng.choice([s for s in book.sheets if s.name in DATA_SHEETS] or book.sheets)


def _place(sheet: Sheet, rng: random.Random) -> tuple[int, int]:
    cells = [(r, c) for r, row in sheet.rows.items() for c in row]
    if cells and rng.random() < 0.8:
        return rng.choice(cells)
    return rng.randint(1, 12), rng.randint(1, 12)


def _nasty_cell(rng: random.Random) -> C:
    roll = rng.random()
    if roll < 0.3:
        return C(rng.choice(NASTY_NUMBERS), "n", rng.choice([None, None, DATE, 3, 4, 999, 7]))
    if roll < 0.65:
        return text(rng.choice(NASTY_TEXTS))
    kind, value = rng.choice(
        [("e", "#DIV/0!"), ("e", "#N/A"), ("b", "1"), ("b", "0"), ("b", "2"), ("b", "yes"),
         ("d", "2026-04-18"), ("d", "2026-04-18T10:00:00"), ("d", "2026-13-01"), ("d", "x"),
         ("str", "通报批评"), ("str", ""), ("s", "99999"), ("s", "-1"), ("s", "abc"),
         ("zz", "1"), ("inlineStr", ""), ("inlineStr", "12"), ("n", "")]
    )  # fmt: skip
    return C(value, kind, raw=kind == "s")  # an "s" value here is a raw (bad) index


# ---------------------------------------------------------------- classes


def cells(rng: random.Random) -> Made:
    book = clean_book()
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        sheet = _sheet(book, rng)
        roll = rng.random()
        if roll < 0.75:
            r, c = _place(sheet, rng)
            sheet.rows.setdefault(r, {})[c] = _nasty_cell(rng)
        elif roll < 0.85:
            r, c = _place(sheet, rng)
            sheet.rows.get(r, {}).pop(c, None)
        elif roll < 0.95:
            r, c = _place(sheet, rng)
            cell = sheet.rows.get(r, {}).get(c)
            if cell is not None:
                cell.ref = rng.choice(BAD_REFS)
        else:
            r = rng.randint(1, 8)
            sheet.rows.setdefault(r, {})[rng.choice([51, 60, 16384])] = text("远处的值")
    return "cells.xlsx", _written(book), False


def sheets(rng: random.Random) -> Made:
    book = clean_book()
    roll = rng.random()
    if roll < 0.35:
        rng.choice(book.sheets).name = rng.choice(BAD_SHEET_NAMES)
    elif roll < 0.5:
        source = _sheet(book, rng)
        twin = Sheet(rng.choice(["台账 (2)", "Sheet2", source.name + "副本"]), dict(source.rows))
        book.sheets.insert(rng.randint(0, len(book.sheets)), twin)
    elif roll < 0.6:
        book.sheets.pop(rng.randrange(len(book.sheets)))
    elif roll < 0.7:
        rng.shuffle(book.sheets)
        return "sheets.xlsx", _written(book), True
    elif roll < 0.78:
        rng.choice(book.sheets).state = rng.choice(["hidden", "veryHidden"])
        return "sheets.xlsx", _written(book), True
    elif roll < 0.88:
        parts = book.parts()
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        n = rng.randint(1, len(book.sheets))
        change = rng.choice(
            [f"worksheets/sheet{n}.xml|worksheets/missing.xml", f"worksheets/sheet{n}.xml|worksheets/sheet1.xml",
             f'rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet|'
             f'rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet',
             f'Id="rId{n}"|Id="rIdX"', "worksheets/|/xl/worksheets/", "worksheets/|../xl/worksheets/"]
        )  # fmt: skip
        old, new = change.split("|")
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(old, new, 1).encode()
        return "sheets.xlsx", zip_parts(parts), False
    else:
        extra = rng.choice([3, 30, 70])
        book.sheets += [Sheet(f"空{i}") for i in range(extra)]
    return "sheets.xlsx", _written(book), False


def dimensions(rng: random.Random) -> Made:
    """A stale, missing, huge or garbage <dimension>: the ledger must read the same."""
    book = clean_book()
    for sheet in book.sheets:
        sheet.dimension = rng.choice(
            [None, "A1", "A1:A1", "A1:XFD1048576", "garbage", "A1:B2:C3", "", "B2:C3", "A1:H5"]
        )
    return "dimensions.xlsx", _written(book), True


def benign(rng: random.Random) -> Made:
    """Ways of writing the same workbook: every one must read as the clean ledger."""
    book = clean_book()
    choice = rng.randrange(9)
    if choice == 0:
        book.inline = True
    elif choice == 1:
        book.prefix = rng.choice(["x", "main", "s"])
    elif choice == 2:
        book.utf16 = True
    elif choice == 3:
        book.compression = zipfile.ZIP_STORED
    elif choice == 4:
        book.part_order = ["xl/worksheets/sheet3.xml", "xl/sharedStrings.xml", "xl/workbook.xml"]
        book.extra_parts["docProps/app.xml"] = b"<Properties/>"
    elif choice == 5:
        book.shared_extra = [f"未用{i}" for i in range(rng.randint(1, 500))]
    elif choice == 6:  # formatted empty cells and rows far below the table
        sheet = _sheet(book, rng)
        for r in range(20, 20 + rng.randint(1, 3000)):
            sheet.rows[r] = {c: C("", "n", 1, has_value=False) for c in range(1, 9)}
    elif choice == 7:
        for sheet in book.sheets:
            sheet.row_refs = False  # rows follow one another from 1
    else:  # cells without r="…" where the columns run from A
        for sheet in book.sheets:
            for row in sheet.rows.values():
                if sorted(row) == list(range(1, len(row) + 1)):
                    for cell in row.values():
                        cell.ref = ""
    return "benign.xlsx", _written(book), True


def formulas(rng: random.Random) -> Made:
    book = clean_book()
    sheet = _sheet(book, rng)
    r, c = _place(sheet, rng)
    existing = sheet.rows.setdefault(r, {}).get(c)
    cell = existing or num(1)
    sheet.rows[r][c] = cell
    roll = rng.random()
    if roll < 0.35:  # a formula with its stored result: read as the result
        cell.formula = rng.choice(["1+1", "SUM(A1:A3)", "B3", '_xlfn.CONCAT("a")'])
        return "formulas.xlsx", _written(book), existing is not None
    if roll < 0.7:  # no stored result (openpyxl writes formulas like this)
        cell.formula, cell.has_value = rng.choice(["1+1", "SUM(B2:B9)", "", 'A1&"x"']), False
    elif roll < 0.8:
        sheet.rows[r][c] = C("", "str", formula='""')
    elif roll < 0.9:
        sheet.rows[r][c] = C("#DIV/0!", "e", formula="1/0")
    else:  # a shared formula's other cells: <f t="shared" si="0"/> and no stored result
        sheet.rows[r][c + 1] = C("", "n", formula="", has_value=False)
    return "formulas.xlsx", _written(book), False


def sizes(rng: random.Random) -> Made:
    book = clean_book()
    ledger = next(s for s in book.sheets if s.name == "台账")
    choice = rng.randrange(8)
    if choice == 0:  # 200,000 rows that are all data
        row = ledger.rows[5]
        for r in range(6, 6 + rng.choice([12_000, 200_000])):
            ledger.rows[r] = row
    elif choice == 1:  # one huge text cell
        ledger.rows[5][8] = text(
            "长" * rng.choice([12_000, 8 * 1024 * 1024, 33 * 1024 * 1024 // 3])
        )
    elif choice == 2:  # a very wide row
        ledger.rows[6] = {c: num(c) for c in range(1, rng.choice([60, 20_000]))}
    elif choice == 3:
        book.shared_extra = [str(i) for i in range(rng.choice([1000, 250_000]))]
    elif choice == 4:
        ledger.merges += [f"J{r}:K{r}" for r in range(10, 10 + rng.choice([100, 6000]))]
    elif choice == 5:  # empty formatted cells: the element bound
        ledger.rows.update(
            {
                r: {c: C("", "n", 1, has_value=False) for c in range(1, 11)}
                for r in range(10, 70_000)
            }
        )
    elif choice == 6:
        book.extra_parts = {f"junk/{i}.bin": b"" for i in range(rng.choice([100, 2500]))}
    else:
        return "sizes.xlsx", _lying_sizes(book.to_bytes(), rng), False
    return "sizes.xlsx", _written(book), False


def _lying_sizes(raw: bytes, rng: random.Random) -> bytes:
    """The archive with every member's uncompressed size patched to a lie."""
    data = bytearray(raw)
    lie = rng.choice([1, 100, 2**31, 2**32 - 1])
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        struct.pack_into("<I", data, at + 22, lie)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        struct.pack_into("<I", data, at + 24, lie)
        at += 4
    return bytes(data)


def encodings(rng: random.Random) -> Made:
    book = clean_book()
    parts = book.parts()
    name = rng.choice([n for n in parts if n.endswith(".xml")])
    body = parts[name]
    choice = rng.randrange(6)
    if choice == 0:  # a byte that is not UTF-8
        at = rng.randrange(len(body))
        body = body[:at] + bytes([rng.choice([0x80, 0xFF, 0xC3, 0xE4])]) + body[at:]
    elif choice == 1:  # declared GBK, written GBK
        try:
            body = body.decode().replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk")
        except UnicodeEncodeError:
            body = body.replace(b'encoding="UTF-8"', b'encoding="GBK"')
    elif choice == 2:
        body = body.replace(
            b'encoding="UTF-8"', rng.choice([b'encoding="ISO-8859-1"', b'encoding="x-bogus"'])
        )
    elif choice == 3:
        body = b"\xef\xbb\xbf" + body
    elif choice == 4:
        body = body.decode().encode("utf-16-le")  # no BOM, wrong declaration
    else:
        at = rng.randrange(len(body))
        body = body[:at] + b"\x00" + body[at:]
    parts[name] = body
    return "encodings.xlsx", zip_parts(parts), False


def merges(rng: random.Random) -> Made:
    book = clean_book()
    sheet = _sheet(book, rng)
    for _ in range(rng.choice([1, 1, 2, 5])):
        sheet.merges.append(rng.choice(BAD_RANGES))
    if rng.random() < 0.2:
        sheet.merges += [
            f"{letters(c)}1:{letters(c)}1048576" for c in range(10, 10 + rng.choice([5, 60]))
        ]
    return "merges.xlsx", _written(book), False


def broken(rng: random.Random) -> Made:
    """Byte-level damage: truncation, flipped bytes, a DTD, a missing part, not a zip at all."""
    book = clean_book()
    parts = book.parts()
    choice = rng.randrange(8)
    if choice == 0:
        raw = book.to_bytes()
        return "broken.xlsx", raw[: rng.randrange(len(raw))], False
    if choice == 1:
        flipped = bytearray(book.to_bytes())
        for _ in range(rng.randint(1, 20)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        return "broken.xlsx", bytes(flipped), False
    if choice == 2:
        name = rng.choice([n for n in parts if n.endswith((".xml", ".rels"))])
        body = bytearray(parts[name])
        for _ in range(rng.randint(1, 5)):
            body[rng.randrange(len(body))] = rng.choice(b"<>&\"'/=x\x00")
        parts[name] = bytes(body)
    elif choice == 3:
        name = rng.choice([n for n in parts if n.startswith("xl/") and n.endswith(".xml")])
        dtd = (
            '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>'
        )
        text = parts[name].decode("utf-8", "replace")
        head, _, rest = text.partition("?>")
        parts[name] = (head + "?>" + dtd + rest.replace("市妇联", "&lol3;")).encode()
    elif choice == 4:
        parts.pop(rng.choice(list(parts)))
    elif choice == 5:
        return "broken.xlsx", rng.choice(
            [b"", b"PK", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, rng.randbytes(300),
             "条目,情形\n1,x\n".encode()]
        ), False  # fmt: skip
    elif choice == 6:  # a member twice: zipfile warns of the duplicate name, on purpose here
        extra = zip_parts({"xl/workbook.xml": parts["xl/workbook.xml"]})
        return "broken.xlsx", _two_members(zip_parts(parts), extra), False
    else:
        for name in list(parts):
            if name.endswith(".xml"):
                parts[name] = parts[name].replace(b"<sheetData>", b"<sheetData><row r='1'>", 1)
    return "broken.xlsx", zip_parts(parts), False


def _two_members(raw: bytes, extra: bytes) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(out, "w") as archive:
            for source in (raw, extra):
                with zipfile.ZipFile(io.BytesIO(source)) as zin:
                    for info in zin.infolist():
                        archive.writestr(info.filename, zin.read(info))
    return out.getvalue()


def _written(book: Book) -> bytes:
    return book.to_bytes()


# ---------------------------------------------------------------- CSV

CLEAN_CSV = """\
2026年度市妇联扣分台账
被考核单位 unit,市妇联
考核期,2026/1/1 至 2026年12月31日
规则库 rulebook,shifulian-mofan-jiguan
规则库版本 version,2026.1

序号,条目 item,情形 situation,档次 tier,次数 count,日期 date,依据 evidence,备注 note
1,12. 严明党的各项纪律,干部被立案查处,党纪政务轻处分,1,2026-04-18,纪委通报〔2026〕3号,
2,12,干部被立案查处,党纪政务重处分,1.0,2026/5/6,,"同一案件
两人"
3,第1项,通报批评和问责或负面影响,市通报批评和问责或一般负面影响,2,2026年6月1日,,

考核数据
指标 measure,数值 value,参评总数 of,得分 score
意识形态工作分析研判次数,2,,
党组理论学习中心组学习次数,11,,
机关服务满意度测评满意率,97.5%,,
综治民调全市排名及得分,5,120,92.5
上级主管部门考核指标全省排名,3,14,
单位职能业务综合指标全省排名,2,14,

级别 level,类别 scope,日期 date,依据 evidence
党中央、国务院,单项工作,46204,国发〔2026〕1号
"""


def csv_text(rng: random.Random) -> Made:
    lines = CLEAN_CSV.split("\n")
    choice = rng.randrange(10)
    same = False
    text_out = CLEAN_CSV
    if choice == 0:  # a nasty value in a cell
        at = rng.randrange(len(lines))
        cells = lines[at].split(",")
        cells[rng.randrange(len(cells))] = rng.choice(NASTY_TEXTS + NASTY_NUMBERS).replace(
            "\n", " "
        )
        lines[at] = ",".join(cells)
        text_out = "\n".join(lines)
    elif choice == 1:  # quotes
        at = rng.randrange(len(text_out))
        text_out = text_out[:at] + rng.choice(['"', '""', '"x"y', "\r"]) + text_out[at:]
    elif choice == 2:
        text_out = text_out.replace("\n", rng.choice(["\r\n", "\r"]))
        same = True
    elif choice == 3:
        text_out = text_out.replace(",", "\t")
        same = True
    elif choice == 4:
        text_out = text_out + "x," * rng.choice([10, 60, 30_000]) + "\n"
    elif choice == 5:
        text_out = text_out + (
            "1,第1项,通报批评和问责或负面影响,市通报批评和问责或一般负面影响\n"
            * rng.choice([10, 12_000])
        )
    elif choice == 6:
        text_out = text_out.replace("同一案件", "长" * rng.choice([9_000, 200_000]))
    elif choice == 7:
        at = rng.randrange(len(lines))
        lines.insert(
            at,
            rng.choice(
                ["", ",,,,", "说明", "考核数据", "序号,条目 item,情形 situation", "级别,类别"]
            ),
        )
        text_out = "\n".join(lines)
    elif choice == 8:
        at = rng.randrange(len(text_out))
        text_out = (
            text_out[:at] + rng.choice(["\x00", "\x1b[31m", "\ufeff", "\u2028"]) + text_out[at:]
        )
    else:
        encoded = rng.choice(
            [
                ("utf-8-sig", True),
                ("utf-16", True),
                ("gb18030", True),
                ("utf-16-le", False),
                ("latin-1", False),
            ]
        )
        try:
            raw = text_out.encode(encoded[0])
        except UnicodeEncodeError:
            raw = text_out.encode("utf-8")
        if rng.random() < 0.3:
            at = rng.randrange(len(raw))
            raw = raw[:at] + bytes([0xFF, 0xFE, 0x80][rng.randrange(3) :]) + raw[at:]
            return "ledger.csv", raw, False
        return "ledger.csv", raw, encoded[1]
    return "ledger.csv", text_out.encode("utf-8"), same


CLASSES: dict[str, tuple[Callable[[random.Random], Made], int]] = {
    "cells": (cells, 25),
    "sheets": (sheets, 10),
    "dimensions": (dimensions, 6),
    "benign": (benign, 8),
    "formulas": (formulas, 8),
    "sizes": (sizes, 3),
    "encodings": (encodings, 8),
    "merges": (merges, 8),
    "broken": (broken, 10),
    "csv": (csv_text, 14),
}


def make(seed: str, n: int, only: str | None = None) -> tuple[str, str, bytes, bool]:
    """Input ``n`` of a campaign: (class, file name, bytes, must read as the clean ledger)."""
    rng = random.Random(f"{seed}:{n}")
    names = [only] if only else list(CLASSES)
    weights = [CLASSES[name][1] for name in names]
    name = rng.choices(names, weights=weights)[0]
    file, raw, same = CLASSES[name][0](rng)
    return name, file, raw, same
