"""Scope (issue 15) and the habits of real pages (issue 16) the extractor reads.

Each real example is quoted from a page of the corpus's tune half by its doc_id and a short span
(the pages themselves are not ours to copy); the sentences around a span are written here.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from analysis.extract import extract_text
from analysis.extract.cues import SCOPE_FILE
from analysis.paths import reference_dir

META = {"published": dt.date(2023, 6, 2)}


def scoped(text: str, meta: dict | None = None) -> list[tuple]:
    """(indicator, value, scope, area or scope_note, scope_from) of each record."""
    return [
        (r["indicator"], r["value"], r["scope"], r["area"] or r["scope_note"], r["scope_from"])
        for r in extract_text(text, "t", META if meta is None else meta)
    ]


def _scope_rows() -> list[tuple[int, dict[str, str]]]:
    with (reference_dir() / SCOPE_FILE).open(encoding="utf-8", newline="") as fh:
        return list(enumerate(csv.DictReader(fh), start=2))


SCOPE_ROWS = _scope_rows()


@pytest.mark.parametrize(("line", "row"), SCOPE_ROWS, ids=[f"line{n}" for n, _ in SCOPE_ROWS])
def test_every_scope_row_gives_its_examples_scope(line: int, row: dict[str, str]) -> None:
    where = f"{SCOPE_FILE}:{line}"
    assert row["example"].strip() and row["expect"] in ("part", "total"), f"{where}: no example"
    first = extract_text("Năm 2023, " + row["example"], "t")[0]
    assert first["scope"] == row["expect"], f"{where}: {row['example']!r} gave {first}"
    if row["expect"] == "part":
        assert first["scope_from"] == row["kind"], f"{where}: read as {first['scope_from']}"


# --- scope: a part, a district, the total ----------------------------------------------------


def test_a_body_other_than_the_sector_holds_until_another_subject() -> None:
    # hD08 "lực lượng Bộ đội Biên phòng tỉnh Kon Tum đã phối hợp với cấp uỷ"; hD04 "các cấp HLG
    # đã tư vấn pháp luật", then "Đồng thời, tổ chức 1.153 cuộc" with no subject of its own.
    text = (
        "Trong năm 2020, lực lượng Bộ đội Biên phòng tỉnh Kon Tum đã phối hợp với cấp uỷ tổ chức "
        "hơn 870 buổi tuyên truyền. Đồng thời, tổ chức 1.153 cuộc tuyên truyền pháp luật.\n\n"
        "Toàn tỉnh đã tổ chức 2.159 cuộc tuyên truyền pháp luật."
    )
    assert scoped(text) == [
        ("dissemination_sessions", 870, "part", "Bộ đội Biên phòng", "body"),
        ("dissemination_sessions", 1153, "part", "Bộ đội Biên phòng", "body"),
        ("dissemination_sessions", 2159, "total", "", "sector"),
    ]


def test_the_ministrys_own_appraisal_is_a_part_its_proposals_and_sessions_the_total() -> None:
    # hF07 "Bộ Tư pháp đã tổ chức thẩm định 32 đề nghị xây dựng văn bản, 251 dự án, dự thảo VBQPPL"
    text = (
        "Năm 2022, Bộ Tư pháp đã tổ chức thẩm định 32 đề nghị xây dựng văn bản, 251 dự án, dự "
        "thảo VBQPPL. Bộ Tư pháp cũng tổ chức 436.000 cuộc tuyên truyền pháp luật."
    )
    assert scoped(text) == [
        ("appraisal_proposals", 32, "total", "", "sector"),
        ("appraisal_drafts", 251, "part", "Bộ Tư pháp", "ministry"),
        ("dissemination_sessions", 436000, "total", "", "sector"),
    ]


def test_a_district_named_at_the_figure_is_its_area() -> None:
    text = (
        "Năm 2023, Sở Tư pháp tỉnh Quảng Nam tổ chức 1.200 cuộc tuyên truyền pháp luật.\n\n"
        "Tại huyện Đại Lộc, năm 2023 đã tổ chức 86 cuộc tuyên truyền pháp luật. Phòng Tư pháp "
        "huyện Duy Xuyên tổ chức 40 cuộc tuyên truyền pháp luật.\n\n"
        "- Huyện Quế Sơn: 35 cuộc tuyên truyền pháp luật;\n\n"
        "Các tổ hòa giải đã tiếp nhận 845 vụ việc."
    )
    assert scoped(text) == [
        ("dissemination_sessions", 1200, "total", "", "sector"),
        ("dissemination_sessions", 86, "area", "huyện Đại Lộc", "area"),
        ("dissemination_sessions", 40, "area", "huyện Duy Xuyên", "area"),
        ("dissemination_sessions", 35, "area", "Huyện Quế Sơn", "area"),
        ("mediation_cases", 845, "total", "", "sector"),
    ], "a district holds for its paragraph when it opens it, for its sentence otherwise"
    assert {r["jurisdiction"] for r in extract_text(text, "t", META)} == {"Quảng Nam"}


def test_a_centrally_run_city_is_the_province_not_an_area() -> None:
    text = "Năm 2023, thành phố Hà Nội tổ chức 5.200 cuộc tuyên truyền pháp luật."
    assert scoped(text) == [("dissemination_sessions", 5200, "total", "", "none")]


def test_trong_do_and_gom_parts_are_figures_of_scope_part() -> None:
    # hE08 "trong đó có 2.420 vụ việc tư vấn; 14.113 vụ việc tham gia tố tụng"
    text = (
        "9 tháng năm 2025, trên toàn quốc thực hiện 16.630 vụ việc Trợ giúp pháp lý (tăng 21% so "
        "với cùng kỳ), trong đó có 2.420 vụ việc tư vấn; 14.113 vụ việc tham gia tố tụng."
    )
    assert scoped(text) == [
        ("legal_aid_cases", 16630, "total", "", "none"),
        ("legal_aid_cases", 2420, "part", "vụ việc tư vấn", "of_which"),
        ("legal_aid_cases", 14113, "part", "vụ việc tham gia tố tụng", "of_which"),
    ]


def test_a_part_in_the_next_sentence_opening_with_trong_do_takes_its_wholes_indicator() -> None:
    # hE04 "đã thực hiện giám định 891 vụ việc. Trong đó, lĩnh vực kỹ thuật hình sự: 459 vụ"
    text = (
        "Trong năm 2020, đã thực hiện giám định 891 vụ việc. Trong đó, lĩnh vực kỹ thuật hình sự: "
        "459 vụ; lĩnh vực pháp y: 425 vụ."
    )
    assert scoped(text) == [
        ("forensic_expertise_cases", 891, "total", "", "none"),
        ("forensic_expertise_cases", 459, "part", "lĩnh vực kỹ thuật hình sự", "of_which"),
        ("forensic_expertise_cases", 425, "part", "lĩnh vực pháp y", "of_which"),
    ]
    records = extract_text(text, "t", META)
    assert records[2]["cue"] == "rule:of-which"


def test_the_parts_of_a_ministrys_count_keep_its_note_a_tiers_items_are_totals() -> None:
    # hC09 "kiểm tra theo thẩm quyền 1.131 văn bản (gồm 107 văn bản của các bộ, cơ quan ngang bộ;
    # 1024 văn bản của địa phương)"; hE12 "tự kiểm tra 151 văn bản (cấp tỉnh 30 văn bản, cấp
    # huyện 121 văn bản)"
    ministry = (
        "Trong 6 tháng đầu năm 2024, Bộ Tư pháp cũng đã kiểm tra theo thẩm quyền 1.131 văn bản "
        "(gồm 107 văn bản của các bộ, cơ quan ngang bộ; 1024 văn bản của địa phương)."
    )
    assert [s[2:4] for s in scoped(ministry)] == [("part", "Bộ Tư pháp")] * 3
    province = (
        "Trong năm 2017, UBND tỉnh Gia Lai đã thực hiện tự kiểm tra 151 văn bản (cấp tỉnh 30 văn "
        "bản, cấp huyện 121 văn bản)."
    )
    got = [(r["value"], r["level"], r["scope"]) for r in extract_text(province, "t", META)][1:]
    assert got == [(30, "province", "total"), (121, "district", "total")]
    kinds = "Năm 2024, HĐND, UBND tỉnh đã ban hành 51 VBQPPL (19 nghị quyết, 32 quyết định)."
    assert [s[2] for s in scoped(kinds)] == ["total", "part", "part"], "kinds of one tier"


def test_a_group_a_law_a_channel_and_an_event_make_a_dissemination_figure_a_part() -> None:
    # hD06 "hơn 5.000 cuộc cho trên 98.400 lượt thanh niên"; hD21 "hơn 200 nghìn cuộc tuyên
    # truyền, phổ biến Luật Biên phòng Việt Nam"
    assert scoped(
        "Năm 2014, Lai Châu tổ chức tuyên truyền, phổ biến pháp luật được hơn 5.000 cuộc cho trên "
        "98.400 lượt thanh niên."
    ) == [
        ("dissemination_sessions", 5000, "part", "thanh niên", "group"),
        ("dissemination_attendees", 98400, "part", "thanh niên", "group"),
    ]
    law = scoped(
        "Qua 5 năm, trên địa bàn biên giới đã tổ chức được hơn 200 nghìn cuộc tuyên truyền, phổ "
        "biến Luật Biên phòng Việt Nam, thu hút trên 8 triệu lượt người nghe.",
        {"published": dt.date(2026, 2, 9)},
    )
    assert [s[2:] for s in law] == [
        ("part", "tuyên truyền, phổ biến Luật Biên phòng Việt Nam", "law")
    ] * 2
    both = scoped("Năm 2023, Sở tổ chức 300 cuộc tuyên truyền pháp luật trực tiếp và trực tuyến.")
    assert both[0][2] == "total", "direct and online together are every channel"


def test_kinds_listed_with_no_stated_whole_are_parts() -> None:
    text = "Năm 2021, Sở đã cấp phát 53.200 tờ gấp, 3.750 sách Hỏi - Đáp về bầu cử."
    assert [s[2:] for s in scoped(text)] == [
        ("part", "tờ gấp", "list"),
        ("part", "sách", "list"),
    ]
    assert scoped("Năm 2021, Sở đã phát hành 65.000 tờ gấp pháp luật.")[0][2] == "total"


# --- a document's place ------------------------------------------------------------------------

LETTERHEAD = [
    "UBND TỈNH CAO BẰNG",
    "SỞ TƯ PHÁP",
    "BÁO CÁO Kết quả công tác tư pháp năm 2023",
    "Năm 2023, toàn tỉnh đã tổ chức 1.250 cuộc tuyên truyền pháp luật cho 98.000 lượt người; "
    "các tổ hòa giải ở cơ sở đã hòa giải thành 720/824 vụ việc, đạt 87,3%.",
]
CAO_BANG = {
    ("dissemination_sessions", 1250),
    ("dissemination_attendees", 98000),
    ("mediation_successful", 720),
    ("mediation_cases", 824),
    ("mediation_success_rate", 87.3),
}


def _places(records: list[dict]) -> set[tuple]:
    return {(r["jurisdiction"], r["place_from"]) for r in records}


def test_a_report_headed_by_a_provinces_committee_is_that_provinces() -> None:
    records = extract_text("\n".join(LETTERHEAD), "t")
    assert {(r["indicator"], r["value"]) for r in records} == CAO_BANG
    assert _places(records) == {("Cao Bằng", "letterhead")}, "never Việt Nam by default"
    justice = "SỞ TƯ PHÁP TỈNH QUẢNG NINH\n\n" + LETTERHEAD[-1]
    assert _places(extract_text(justice, "t")) == {("Quảng Ninh", "letterhead")}


@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
def test_a_word_pdf_or_html_report_headed_by_a_province_gives_that_provinces_figures(
    tmp_path, kind: str
) -> None:
    from analysis.extract import extract_article
    from analysis.sources.readers import read_file

    path = tmp_path / f"baocao.{kind}"
    if kind == "docx":
        import docx

        document = docx.Document()
        for line in LETTERHEAD:
            document.add_paragraph(line)
        document.save(path)
    else:
        html = "<html lang='vi'><head><meta charset='utf-8'><title>Báo cáo</title></head><body>"
        html += "".join(f"<p>{line}</p>" for line in LETTERHEAD) + "</body></html>"
        if kind == "pdf":
            from weasyprint import HTML

            HTML(string=html).write_pdf(path)
        else:
            path.write_text(html, encoding="utf-8")
    records = extract_article(read_file(path))
    assert {(r["indicator"], r["value"]) for r in records} == CAO_BANG, kind
    assert {r["jurisdiction"] for r in records} == {"Cao Bằng"}, kind


def test_a_text_naming_no_place_is_left_for_review_never_the_country() -> None:
    records = extract_text("Năm 2023, Sở đã góp ý 319 dự thảo văn bản.", "t")
    assert _places(records) == {("", "unknown")}


def test_a_page_speaking_of_its_own_province_takes_its_outlets() -> None:
    # hE06 (tuphap.hatinh.gov.vn) "Trung tâm trợ giúp pháp lý Nhà nước tỉnh đã cử và thực hiện
    # 229 vụ việc", on a page that also names the ministry
    text = (
        "Từ năm 2016 đến nay, việc giao chỉ tiêu của Bộ Tư pháp đã góp phần nâng cao chất lượng.\n"
        "Năm 2020, Trung tâm trợ giúp pháp lý Nhà nước tỉnh đã cử và thực hiện 229 vụ việc."
    )
    meta = {"url": "http://tuphap.hatinh.gov.vn/tin-tuc-su-kien/hoat-dong-tu-phap/8480"}
    assert _places(extract_text(text, "t", meta)) == {("Hà Tĩnh", "outlet")}
    assert _places(extract_text(text, "t")) == {("", "unknown")}, "no outlet: left for review"


def test_the_one_province_a_provincial_page_names_in_any_words_is_its_place() -> None:
    # hC11 "Chủ tịch Hội đồng phối hợp Phổ biến giáo dục pháp luật Hải Dương"
    text = (
        "Ông Nguyễn Minh Hùng, Chủ tịch Hội đồng phối hợp Phổ biến giáo dục pháp luật Hải Dương "
        "phát biểu. Năm 2023, các tổ hòa giải toàn tỉnh đã tiếp nhận 1.600 vụ việc."
    )
    assert _places(extract_text(text, "t")) == {("Hải Dương", "named")}


def test_a_national_meeting_at_a_provinces_site_is_the_countrys() -> None:
    text = (
        "Sáng 18/7/2024, Bộ Tư pháp tổ chức Hội nghị trực tuyến sơ kết công tác tư pháp 6 tháng "
        "đầu năm 2024. Tại điểm cầu tỉnh Lạng Sơn, đồng chí Phó Chủ tịch UBND tỉnh dự hội nghị.\n\n"
        "6 tháng đầu năm 2024, đã tổ chức 305.128 cuộc tuyên truyền pháp luật."
    )
    assert _places(extract_text(text, "t")) == {("Việt Nam", "national_body")}


def test_the_ministry_opening_its_clause_is_a_national_place_for_its_sentence() -> None:
    text = "Năm 2017, Bộ đã kiểm tra 4.462 văn bản.\n\nSở đã góp ý 30 dự thảo văn bản."
    got = [(r["value"], r["jurisdiction"], r["place_from"]) for r in extract_text(text, "t")]
    assert got == [(4462, "Việt Nam", "sentence"), (30, "", "unknown")]


def test_the_registrys_jurisdiction_decides_before_the_text(tmp_path) -> None:
    from analysis.extract.batch import RegisteredPlaces
    from analysis.sources.articles import Article

    article = Article("src1", tmp_path / "src1.md", "Năm 2023, Sở đã góp ý 319 dự thảo văn bản.")
    (record,) = RegisteredPlaces({"src1": "Hậu Giang"})(article)
    assert (record["jurisdiction"], record["place_from"]) == ("Hậu Giang", "registry")
    (record,) = RegisteredPlaces({"other": "Hậu Giang"})(article)
    assert (record["jurisdiction"], record["place_from"]) == ("", "unknown")


# --- periods from the page's structure -----------------------------------------------------------


def periods(text: str, meta: dict | None = None) -> list[tuple]:
    return [(r["value"], r["period"]) for r in extract_text(text, "t", meta or {})]


def test_n_years_of_a_law_up_to_a_stated_date_are_that_span() -> None:
    # the issue's own example: "sau sáu năm thi hành Luật … tính đến 31/12/2019" is 2014..2019
    text = (
        "Sau sáu năm thi hành Luật Hòa giải ở cơ sở, tính đến 31/12/2019, cả nước hòa giải thành "
        "công 708.000 vụ việc."
    )
    assert periods(text) == [(708000, "2014..2019")]


def test_years_stated_in_brackets_hold_for_the_same_years_named_again() -> None:
    # hC13 "Trong mười năm qua (2013- 2023)" then, paragraphs later, "Mười năm qua, ..."
    text = (
        "Trong mười năm qua (2013- 2023), Hội ND tổ chức 536 hội nghị tuyên truyền pháp luật.\n\n"
        "Mười năm qua, các cấp Hội hòa giải thành 3.264 vụ việc."
    )
    assert periods(text) == [(536, "2013..2023"), (3264, "2013..2023")]


def test_years_of_a_law_since_a_year_up_to_a_dated_pages_year() -> None:
    # hC11 "Trong 10 năm thi hành Luật Hòa giải ở cơ sở (từ năm 2013 đến nay)"; the page's address
    # holds its date (baotintuc.vn ...-20231109160932086.htm)
    text = (
        "Trong 10 năm thi hành Luật Hòa giải ở cơ sở (từ năm 2013 đến nay), các tổ hòa giải đã "
        "tiếp nhận trên 16.000 vụ việc."
    )
    meta = {"url": "https://baotintuc.vn/dia-phuong/ket-hop-hai-hoa-20231109160932086.htm"}
    assert periods(text, meta) == [(16000, "2013..2023")]
    # hD13 "Từ 2023 đến nay" (no "năm"), published 2024-08-19
    since = "Từ 2023 đến nay, Sở Tư pháp tỉnh Tuyên Quang đã tổ chức 50 buổi tuyên truyền, PBGDPL."
    assert periods(since, {"published": dt.date(2024, 8, 19)}) == [(50, "2023..2024")]


def test_a_conference_launching_next_years_work_reports_the_year_it_reviews() -> None:
    # hF07 "Hội nghị trực tuyến toàn quốc triển khai công tác tư pháp năm 2023", held 19/12/2022
    text = (
        "Hội nghị trực tuyến toàn quốc triển khai công tác tư pháp năm 2023\n"
        "Chiều ngày 19/12, Bộ Tư pháp tiến hành hội nghị tổng kết công tác tư pháp năm 2022.\n"
        "Năm 2022, toàn ngành Tư pháp hoàn thành các nhiệm vụ.\n"
        "Bộ Tư pháp đã tổ chức thẩm định 32 đề nghị xây dựng văn bản."
    )
    assert periods(text) == [(32, "2022")]
    only_plan = (
        "Chiều 20/12, Bộ Tư pháp tổ chức hội nghị tổng kết công tác tư pháp và triển khai nhiệm "
        "vụ năm 2024.\n\nTrong năm, toàn ngành đã thẩm định 6.600 dự thảo văn bản."
    )
    assert periods(only_plan) == [(6600, "2023")], "a December review of the year before the plan"


def test_a_programmes_year_is_no_period() -> None:
    # hE13 "trình Quốc hội thông qua Nghị quyết về chương trình xây dựng luật, pháp lệnh năm 2020"
    text = (
        "Trong 6 tháng đầu năm 2019, Bộ Tư pháp đã trình Quốc hội thông qua Nghị quyết về chương "
        "trình xây dựng luật, pháp lệnh năm 2020. Toàn ngành đã tổ chức 716.682 cuộc tuyên truyền "
        "pháp luật."
    )
    assert periods(text) == [(716682, "2019-H1")]


def test_a_pages_address_dates_it() -> None:
    # hC04 (baodanang.vn/channel/5432/202101/...) "Trong năm qua, ..." in January 2021 is 2020
    text = "Trong năm qua, toàn thành phố Đà Nẵng phát hành gần 5,3 triệu tài liệu pháp luật."
    meta = {"url": "https://baodanang.vn/channel/5432/202101/phat-hanh-gan-53-trieu-3876010/"}
    assert periods(text, meta) == [(5300000, "2020")]


def test_a_headline_naming_no_period_is_the_body_figure_it_rounds() -> None:
    # hD08 headline "... phối hợp tổ chức hơn 870 buổi tuyên truyền, vận động"
    text = (
        "BĐBP tỉnh Kon Tum phối hợp tổ chức hơn 870 buổi tuyên truyền, vận động\n\n"
        "Thực hiện Đề án giai đoạn 2017 -2021, trong năm 2020, lực lượng Bộ đội Biên phòng tỉnh "
        "Kon Tum đã tổ chức hơn 870 buổi tuyên truyền, vận động."
    )
    assert periods(text) == [(870, "2020")]


# --- several figures under one verb ---------------------------------------------------------------


def test_counts_listed_under_one_verb_take_it_with_their_own_units_and_tiers() -> None:
    # hF08 "thẩm định 175 đề nghị xây dựng văn bản và 1.002 dự án, dự thảo văn bản QPPL"
    text = (
        "Giai đoạn 2021–2024, Bộ Tư pháp đã thẩm định 175 đề nghị xây dựng văn bản và 1.002 dự "
        "án, dự thảo văn bản quy phạm pháp luật."
    )
    got = [(r["indicator"], r["value"], r["period"]) for r in extract_text(text, "t")]
    assert got == [
        ("appraisal_proposals", 175, "2021..2024"),
        ("appraisal_drafts", 1002, "2021..2024"),
    ], "the words of the first count's unit (xây dựng) are no cue of the next"
    # hF10 "1.891 văn bản quy phạm pháp luật cấp huyện ... và 2.588 văn bản ... cấp xã"
    tiers = (
        "Năm 2021, các địa phương đã ban hành 3.619 văn bản quy phạm pháp luật cấp tỉnh (tăng "
        "13,6% so với năm 2020); 1.891 văn bản quy phạm pháp luật cấp huyện (tăng 90,8% so với "
        "năm 2020) và 2.588 văn bản quy phạm pháp luật cấp xã."
    )
    got = [(r["indicator"], r["value"], r["level"]) for r in extract_text(tiers, "t")]
    assert got == [
        ("docs_issued", 3619, "province"),
        ("docs_issued", 1891, "district"),
        ("docs_issued", 2588, "commune"),
    ]


# --- vetoes: other bodies' work, other counts ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # hD11 "tham gia góp ý vào 19 dự thảo luật trình tại kỳ họp thứ 7": a draft law at the
        # National Assembly, commented by the lawyers' association
        "Năm 2019, Hội đã tham gia góp ý vào 19 dự thảo luật trình tại kỳ họp thứ 7 Quốc hội.",
        # hE13 "thông qua 7 luật và cho ý kiến 9 dự án luật khác"
        "Năm 2019, Quốc hội thông qua 7 luật và cho ý kiến 9 dự án luật khác.",
        # the issue: "ban hành 103/124 văn bản quy định chi tiết"
        "Năm 2023, các bộ đã ban hành 103/124 văn bản quy định chi tiết.",
        # hF13 "có 55 thông báo kiểm tra văn bản đối với 61 văn bản sai về nội dung"
        "Năm 2013, Cục đã có 55 thông báo kiểm tra văn bản đối với 61 văn bản sai về nội dung.",
        # hC09 "thẩm định 113 đề nghị xây dựng văn bản, dự án, dự thảo văn bản QPPL": one count of
        # proposals and drafts together
        "Năm 2024, Bộ Tư pháp đã tổ chức thẩm định 113 đề nghị xây dựng văn bản, dự án, dự thảo "
        "văn bản quy phạm pháp luật.",
        # hD10 "tổ chức 216 cuộc thi tìm hiểu pháp luật với 44.004 lượt người tham gia"
        "Năm 2021, tỉnh tổ chức 216 cuộc thi tìm hiểu pháp luật với 44.004 lượt người tham gia.",
        # hD13 "biên soạn 700 tài liệu, tình huống pháp luật, đăng tải trên Trang thông tin"
        "Năm 2024, Sở biên soạn 700 tài liệu, tình huống pháp luật, đăng tải trên Trang thông tin "
        "điện tử.",
    ],
)
def test_other_bodies_work_and_other_counts_are_no_figures(text: str) -> None:
    assert extract_text(text, "t") == [], text


def test_a_decimal_written_with_a_point_before_a_multiplier() -> None:
    text = (
        "Năm 2023, tỉnh Nam Định phát hành 1.2 triệu tờ gấp, tuyên truyền cho 2.5 triệu lượt người."
    )
    assert [r["value"] for r in extract_text(text, "t")] == [1200000, 2500000]


def test_a_page_without_its_headline_takes_the_period_its_title_names() -> None:
    # hC15's title "Sơ kết công tác tư pháp 6 tháng đầu năm 2020" (the stored text lacks it)
    text = "Cả nước đã tổ chức 360.742 cuộc tuyên truyền pháp luật trực tiếp."
    meta = {"title": "Sơ kết công tác tư pháp 6 tháng đầu năm 2020"}
    got = [(r["period"], r["period_from"]) for r in extract_text(text, "t", meta)]
    assert got == [("2020-H1", "title")]
    plan = {"title": "Bộ Tư pháp triển khai nhiệm vụ công tác năm 2021"}
    assert extract_text(text, "t", plan) == [], "a plan's year is no period, and nothing else is"


def test_a_count_followed_by_its_share_of_a_whole_is_a_part() -> None:
    text = (
        "Năm 2023, Trung tâm trợ giúp pháp lý đã thực hiện 230 vụ việc. Trợ giúp viên pháp lý "
        "thực hiện 210 vụ việc chiếm 91% tổng số vụ việc."
    )
    got = [(r["value"], r["scope"], r["scope_from"]) for r in extract_text(text, "t")]
    assert got == [(230, "total", "sector"), (210, "part", "share")]
    own = "Năm 2023, các tổ hòa giải đã hòa giải thành 1.200 vụ việc, chiếm 85% số vụ việc."
    assert [r["scope"] for r in extract_text(own, "t")] == ["total"], "an indicator of its own"


def test_a_tiers_items_are_totals_beside_the_wholes_other_parts() -> None:
    text = (
        "Năm 2023, Sở đã tự kiểm tra 160 văn bản (cấp tỉnh 40 văn bản, cấp huyện 120 văn bản), "
        "trong đó có 150 văn bản quy phạm pháp luật và 10 văn bản có chứa quy phạm pháp luật."
    )
    got = [(r["value"], r["scope"]) for r in extract_text(text, "t")]
    assert got == [(160, "total"), (40, "total"), (120, "total"), (150, "part"), (10, "part")]


def test_the_next_item_of_a_list_of_parts_after_a_long_label() -> None:
    text = (
        "Trong 900 vụ việc giám định năm 2023, có 870 vụ việc được thực hiện theo trưng cầu của "
        "cơ quan điều tra các cấp trong tỉnh; 30 vụ việc theo yêu cầu của người dân."
    )
    got = [(r["value"], r["scope"]) for r in extract_text(text, "t")]
    assert got == [(900, "total"), (870, "part"), (30, "part")]
