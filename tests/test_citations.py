"""A figure several sources state is one figure with several citations wherever figures are counted."""

from __future__ import annotations

from conftest import read_rows, write_rows

from analysis.metrics.coverage import coverage_matrix
from analysis.records.citations import collapse_figures
from analysis.records.load import load_records
from analysis.reference import load_catalog
from analysis.validate import validate_all


def restate(data, source_id: str, outlet: str, **change: str) -> None:
    """A cited page repeating hD19's 2025-H1 figure (or a changed one) word for word."""
    with (data / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{source_id},https://{outlet}/a,{outlet},A page,,,Việt Nam,false,,\n")
    path = data / "records" / "corpus.csv"
    rows = read_rows(path)
    copy = dict(next(r for r in rows if r["doc_id"] == "hD19"))
    copy.update(record_id=f"r{source_id}", doc_id=source_id, **change)
    write_rows(path, [*rows, copy])


def test_the_same_figure_from_two_pages_is_one_figure_citing_both(cited_data):
    restate(cited_data, "hX02", "example.vn")
    records = load_records()
    figures = collapse_figures(records)
    assert len(figures) == len(records) - 1
    both = figures[figures["n_sources"] == 2]
    assert list(both["doc_ids"]) == [("hD19", "hX02")]
    assert list(both["citations"]) == ["hD19 [baogialai.com.vn]; hX02 [example.vn]"]
    assert list(both["record_ids"]) == [("rd23e7bc64ffc", "rhX02")]
    assert (both["value"].iloc[0], both["period"].iloc[0]) == (216000, "2025-H1")
    single = figures[figures["n_sources"] == 1].set_index("record_id")
    assert single.loc["r81b9efb31841", "citations"] == "hE08 [tienphong.vn]"
    seed = single[single["doc_id"] == "001_1e33087bd0e7e6fd"]
    assert set(seed["citations"]) == {"001_1e33087bd0e7e6fd"}, "no outlet registered: the id"


def test_figures_that_differ_in_qualifier_or_value_stay_apart(cited_data):
    restate(cited_data, "hX03", "example.vn", qualifier="approx")
    restate(cited_data, "hX04", "example.org", value="216001")
    records = load_records()
    assert len(collapse_figures(records)) == len(records)


def test_coverage_and_validate_count_figures_not_repetitions(cited_data):
    before = coverage_matrix(load_records(), load_catalog())
    restate(cited_data, "hX02", "example.vn")
    records = load_records()
    after = coverage_matrix(records, load_catalog())
    assert after.equals(before), "a page repeating a figure adds no figure"
    report = validate_all()
    assert report.counts["records reviewed"] == len(records)
    key = "figures reviewed (one per figure, however many sources state it)"
    assert report.counts[key] == len(records) - 1
