"""The genre's formulaic clauses, read into situations; what is not read stays a TODO."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mofan_rules.drafting import Reading, read_item
from mofan_rules.drafting._bonus import read_bonus

D = Decimal


def _one(text: str) -> Reading:
    reading = read_item(text)
    assert len(reading.situations) == 1, reading
    return reading.situations[0]


def test_tiers_pair_their_wording_and_cap_each_tier() -> None:
    reading = read_item(
        "1.坚决贯彻。受到中央、省、市通报批评和问责或发生重大、较大、一般负面影响的，"
        "分别扣2分、1分、0.5分，每种情形最多扣2分。此项最多扣5分。"
    )
    (sit,) = reading.situations
    assert [(t.label, t.amount) for t in sit.tiers] == [
        ("中央通报批评和问责或重大负面影响", D(2)),
        ("省通报批评和问责或较大负面影响", D(1)),
        ("市通报批评和问责或一般负面影响", D("0.5")),
    ]
    assert [(c.limit, c.per_tier) for c in sit.caps] == [(D(2), True)]
    assert reading.cap == D(5)


@pytest.mark.parametrize(
    ("text", "labels", "amounts"),
    [
        (
            "受到约谈提醒、通报批评、追责问责的分别扣1分、2分、3分",
            ["约谈提醒", "通报批评", "追责问责"],
            [1, 2, 3],
        ),
        (
            "出现问题被曝光、被通报、被处分的，每人次分别扣0.5分、1分、2分",
            ["被曝光", "被通报", "被处分"],
            ["0.5", 1, 2],
        ),
        (
            "受到上级党委、纪委约谈、通报、问责的，每件分别扣0.5分、1分、2分",
            ["约谈", "通报", "问责"],
            ["0.5", 1, 2],
        ),
        (
            "发生治安案件、一般刑事案件、八类主要刑事案件及其它危害社会治安重大案（事）件的，每起分别扣0.1分、0.2分、0.5分、1分",
            ["治安案件", "一般刑事案件", "八类主要刑事案件", "其它危害社会治安重大案（事）件"],
            ["0.1", "0.2", "0.5", 1],
        ),
    ],
)
def test_tier_wording(text: str, labels: list[str], amounts: list[object]) -> None:
    sit = _one(text)
    assert [t.label for t in sit.tiers] == labels
    assert [t.amount for t in sit.tiers] == [D(str(a)) for a in amounts]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("未按要求完成任务或出现问题的，每起扣1分", "1"),
        ("完成质量和标准差的，每项扣0.5分", "0.5"),
        ("被上级党组织通报每次扣1分", "1"),
        ("在职党员全年未参与志愿服务活动每人次扣0.1分", "0.1"),
        ("今年底前未达标每个支部扣1分", "1"),
        ("每缺1项扣1分", "1"),
        ("谈心谈话制度未按要求落实的扣0.5分", "0.5"),
    ],
)
def test_an_amount_per_occurrence(text: str, amount: str) -> None:
    sit = _one(text)
    assert (sit.kind, sit.amount, sit.tiers, sit.source) == ("per_occurrence", D(amount), [], text)


def test_several_plain_deductions_in_one_clause_are_tiers_with_modifiers() -> None:
    reading = read_item(
        "12.严明纪律。市管干部被立案查处免于处分的扣0.5分，受到轻处分（警告、记过）的扣1分，移送司法机关的扣3分；"
        "非市管干部减半扣分（主动查处的不扣分）。此项最多扣5分。"
    )
    (sit,) = reading.situations
    assert [(t.label, t.amount) for t in sit.tiers] == [
        ("市管干部被立案查处免于处分", D("0.5")),
        ("轻处分", D(1)),
        ("移送司法机关", D(3)),
    ]
    assert [(m.label, m.factor, m.source) for m in sit.modifiers] == [
        ("非市管干部", D("0.5"), "非市管干部减半扣分"),
        ("主动查处", D(0), "主动查处的不扣分"),
    ]


@pytest.mark.parametrize(
    ("text", "threshold", "amount"),
    [
        ("每月组织中心组学习，缺1次扣1分", 12, 1),
        ("未落实每半年开展1次分析研判的，少1次扣0.5分", 2, "0.5"),
        ("每季度开展2次检查，少1次扣0.2分", 8, "0.2"),
        ("全年开展3次培训，少1次扣1分", 3, 1),
    ],
)
def test_shortfall_against_a_required_count(text: str, threshold: int, amount: object) -> None:
    sit = _one(text)
    assert (sit.kind, sit.threshold, sit.amount) == ("per_unit", D(threshold), D(str(amount)))


def test_shortfall_without_a_count_is_a_todo() -> None:
    sit = _one("按要求开展检查，少1次扣1分")
    assert (sit.kind, sit.reason) == ("todo", "draft_todo_required_count")


def test_rank_rules() -> None:
    last = read_item(
        "17.综治民调排名全市后10位且得分低于90分的，每低一个位次扣0.1分，1分为限。此项最多扣2分。"
    )
    (sit,) = last.situations
    assert (sit.kind, sit.mode, sit.places, sit.amount, sit.score_below) == (
        "rank",
        "into_last",
        10,
        D("0.1"),
        D(90),
    )
    assert [(c.limit, c.per_tier, c.source) for c in sit.caps] == [(D(1), False, "1分为限")]
    assert last.cap == D(2)
    below = _one("指标进入全省前五名的，不扣分，往后每下降一个名次扣0.5分")
    assert (below.kind, below.mode, below.places, below.amount) == (
        "rank",
        "below_place",
        5,
        D("0.5"),
    )
    assert _one("排名靠后的，每低一个位次扣0.1分").kind == "todo"


def test_a_cap_ending_the_item_is_the_item_cap() -> None:
    reading = read_item("18.工作任务未完成的，每项扣1分，最多扣10分。")
    assert reading.cap == D(10)
    assert reading.situations[0].caps == []


def test_what_is_not_read_is_a_todo_with_its_words() -> None:
    reading = read_item(
        "7.落实党建任务。智慧党建平台无扣分。任务没落实每次扣0.5分。此项最多扣4分。"
    )
    assert [(s.kind, s.source) for s in reading.situations] == [
        ("todo", "智慧党建平台无扣分"),
        ("per_occurrence", "任务没落实每次扣0.5分"),
    ]
    remainder = read_item("16.开展测评。综合11项至16项剩余分值，根据测评结果折算扣分，扣完为止。")
    assert [s.kind for s in remainder.situations] == ["todo"]
    # An unread word about points inside a condition is not silently absorbed.
    assert _one("扣分加倍的，每次扣1分").kind == "todo"


def test_descriptions_are_not_situations() -> None:
    assert read_item("6.党组重视党的建设。定期召开党组会议。").situations == []


def test_bonus_paragraph() -> None:
    bonus = read_bonus(
        "履职尽责工作实行加分制度，受到党中央、国务院表彰奖励的，综合工作加2分、单项工作加1分；"
        "受到国家部委和省委、省政府表彰奖励的，综合工作加1分、单项工作加0.5分。"
        "表彰奖励依据为上级下发的正式（通报）文件，以办公厅名义下发（通报）文件的，减半加分。此项最多加2分。"
    )
    assert bonus.complete
    assert [(lv.label, lv.amounts) for lv in bonus.levels] == [
        ("党中央、国务院", {"综合工作": D(2), "单项工作": D(1)}),
        ("国家部委和省委、省政府", {"综合工作": D(1), "单项工作": D("0.5")}),
    ]
    assert bonus.halves == [
        ("以办公厅名义下发（通报）文件的，减半加分", "以办公厅名义下发（通报）文件")
    ]
    assert bonus.cap == D(2)
    assert not read_bonus("表现突出的酌情加1至3分。此项最多加2分。").complete


def test_reworded_clauses_read_the_same() -> None:
    a = read_item("13.谈心谈话制度未按要求落实的扣0.5分。此项最多扣2分。")
    b = read_item("13.谈心谈话制度未按规定落实的扣0.5分。此项最多扣2分。")
    c = read_item("13.谈心谈话制度未按规定落实的，每次扣0.5分。此项最多扣2分。")
    assert a.signature() == b.signature() == c.signature()
