"""The gazetteer and local-brand marks of ``zongjie.suggest.places``."""

from __future__ import annotations

import json

from zongjie.datafiles import DATA
from zongjie.models import build_places as bp
from zongjie.suggest.places import coinages_in, foreign_marks, gazetteer, generalise, places_in


def test_gazetteer_is_small_and_records_its_source() -> None:
    path = DATA / "places.json"
    assert path.stat().st_size < 400_000
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["source"]["package"] == "jionlp" and raw["source"]["version"]
    assert "Apache" in raw["source"]["license"]
    levels = {p[1] for p in raw["places"]}
    assert levels == {"province", "prefecture", "county"}
    assert len(raw["places"]) > 3000
    assert all(len(s) >= 2 for p in raw["places"] for s in p[3])
    assert gazetteer()["surfaces"]


def test_full_names_and_short_forms_at_three_levels() -> None:
    hits = places_in("浙江省杭州市余杭区推进数字经济发展")
    assert [(h[2], h[3]) for h in hits] == [("浙江省", "province"), ("杭州市", "prefecture"), ("余杭区", "county")]
    assert [h[2] for h in places_in("学习浙江、杭州的经验")] == ["浙江", "杭州"]
    s, e, name, _ = places_in("支持余杭打造创新高地")[0]
    assert (s, e, name) == (2, 4, "余杭")


def test_longest_match_and_offsets() -> None:
    text = "新疆维吾尔自治区和内蒙古自治区"
    hits = places_in(text)
    assert [h[2] for h in hits] == ["新疆维吾尔自治区", "内蒙古自治区"]
    assert all(text[s:e] == name for s, e, name, _ in hits)


def test_brands_and_regions() -> None:
    levels = {name: level for _, _, name, level in places_in("对标中关村，融入长三角一体化，深化与港澳合作")}
    assert levels == {"中关村": "brand", "长三角": "region", "港澳": "region"}


def test_no_false_hits_inside_ordinary_words() -> None:
    for text in ("维护世界和平发展", "建设新城区和开发区", "城关镇卫生院", "加快朝阳产业发展",
                 "无论新干部还是老干部", "完善社会保障制度和政策", "弘扬中华优秀传统文化",
                 "扩大城乡经济往来", "推广安全生产责任保险", "支持专精特新和单项冠军企业",
                 "构建创新平台", "城市和县城体检"):
        assert places_in(text) == [], text


def test_coinages_are_brand_like_quotations_only() -> None:
    text = "打造“浙里办”品牌，推广“科创贷”，深化“放管服”改革，做好“三农”工作，坚持“两个确立”"
    assert coinages_in(text) == ["浙里办", "科创贷"]
    assert coinages_in("“一件事一次办”改革") == []  # a national slogan found in several reports
    assert coinages_in("“好”") == []  # too short


def test_foreign_marks_spare_the_documents_own_places_and_their_parents() -> None:
    doc = "杭州市余杭区2024年工作总结。一、工作开展情况……"
    assert foreign_marks("深化浙江数字化改革成果运用", doc) == []  # 浙江 contains 杭州
    assert foreign_marks("支持余杭建设科创走廊", doc) == []
    assert foreign_marks("推进杭州都市圈协同发展", doc) == []
    assert foreign_marks("学习借鉴深圳经验", doc) == ["深圳"]
    assert foreign_marks("打造“浙里办”品牌", doc) == ["浙里办"]
    assert foreign_marks("打造“浙里办”品牌", doc + "全面推广“浙里办”。") == []
    # a region is foreign unless the document lies in one of its provinces
    assert foreign_marks("主动融入长三角一体化发展", doc) == []
    assert foreign_marks("主动融入长三角一体化发展", "成都市武侯区工作总结") == ["长三角"]
    # a document without any place: every place is foreign
    assert foreign_marks("对接中关村创新资源", "县发展改革局工作总结") == ["中关村"]


def test_generalise_removes_the_mark_or_drops_the_candidate() -> None:
    assert generalise("推进杭州都市圈协同发展", ["杭州"]) == "推进都市圈协同发展"
    assert generalise("打造“浙里办”品牌", ["浙里办"]) is None
    assert generalise("深化与港澳企业合作", ["港澳"]) is None
    assert generalise("推广金融街经验，完善金融服务体系", ["金融街"]) == "完善金融服务体系"
    assert generalise("复制推广前海经验", ["前海"]) is None
    assert generalise("完善金融服务体系", []) == "完善金融服务体系"
    assert generalise("加快建设深圳、广州国际消费中心城市", ["深圳", "广州"]) == "加快建设国际消费中心城市"


def test_place_builder_is_deterministic() -> None:
    locations = [("330000", "province", "浙江省", "浙江"), ("330100", "prefecture", "杭州市", "杭州"),
                 ("330110", "county", "余杭区", "余杭"), ("120101", "county", "和平区", "和平"),
                 ("330102", "county", "上城区", "上城")]
    words = {"和平": ("n", 9000), "杭州": ("ns", 2000)}
    source = {"package": "test"}
    a = bp.build_places(locations, words, ["放管服"], source)
    b = bp.build_places(list(reversed(locations)), dict(reversed(list(words.items()))), ["放管服"], source)
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)
    surfaces = {p[2]: p[3] for p in a["places"]}
    assert surfaces["杭州市"] == ["杭州市", "杭州"]
    assert "和平" not in surfaces.get("和平区", [])  # an ordinary word first
    assert "上城区" not in surfaces  # a generic district name: every surface in the stop list
    assert bp.common_quotes(["推进“放管服”", "深化“放管服”改革", "“放管服”和“浙里办”"]) == ["放管服"]


def test_a_prefectures_short_form_is_kept_whatever_jiebas_tag() -> None:
    """jieba tags 大连 an adverb and 合肥 a noun: at the prefecture level only the stop list drops a
    short form, so 支持大连做大经济总量 is another province's measure for 江西 (r44's lists)."""
    locations = [("210200", "prefecture", "大连市", "大连"), ("140400", "prefecture", "长治市", "长治"),
                 ("210202", "county", "中山区", "中山"), ("330110", "county", "余杭区", "余杭")]
    words = {"大连": ("d", 1034), "长治": ("ns", 50), "余杭": ("n", 500)}
    surfaces = {p[2]: p[3] for p in bp.build_places(locations, words, [], {"package": "test"})["places"]}
    assert surfaces["大连市"] == ["大连市", "大连"]
    assert surfaces["长治市"] == ["长治市"]  # 长治久安: in the stop list
    assert surfaces["余杭区"] == ["余杭区"]  # a county's short form still goes by jieba's tag
    assert [h[2] for h in places_in("支持大连做大经济总量")] == ["大连"]
    assert foreign_marks("支持大连做大经济总量、提升发展质量", "2026年江西省政府工作报告") == ["大连"]
    for text in ("加大理论武装力度", "推广复合肥料使用", "确保定期开展检查", "扩大连片种植面积"):
        assert places_in(text) == [], text
