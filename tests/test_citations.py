"""Citations come from sources.csv rows: label, link, locator on the first; same-day reports stay distinct."""
from components.views.citations import Citation, citations, safe_href
from components.data.dataset import load_dataset
from tests.package_fixture import TINY, write_package


def test_citations_from_rows(tmp_path):
    second = dict(TINY["sources"][0], id="src-b", url="", date="")
    data = load_dataset(write_package(tmp_path, {"sources": TINY["sources"] + [second]}))
    assert citations(data, ("src-a", "missing", "src-b"), "¶4") == [
        Citation("src-a", "Pressian, 2025-09-26", "https://example.org/a", "¶4"),
        Citation("src-b", "Pressian", "", ""),
    ]


def test_same_publisher_same_day_gets_the_id(tmp_path):
    twin = dict(TINY["sources"][0], id="src-twin", url="https://example.org/b")
    data = load_dataset(write_package(tmp_path, {"sources": TINY["sources"] + [twin]}))
    labels = [c.label for c in citations(data, ("src-a", "src-twin"))]
    assert labels == ["Pressian, 2025-09-26 (src-a)", "Pressian, 2025-09-26 (src-twin)"]


def test_safe_href_only_http_and_no_parentheses():
    assert safe_href("javascript:alert(1)") == ""
    assert safe_href("https://a.example/x_(y)") == "https://a.example/x_%28y%29"
    assert safe_href("http://m.example/a b") == "http://m.example/a%20b"


def test_source_line_is_safe_markdown_in_both_languages(tmp_path):
    from components.views.citations import source_line

    hostile = dict(TINY["sources"][0], id="src-x", publisher="*Bold* [x](javascript:alert(1))", url="")
    data = load_dataset(write_package(tmp_path, {"sources": TINY["sources"] + [hostile]}))
    assert source_line(data, "en", ("src-a",), "¶4") == "Source: [Pressian, 2025\\-09\\-26](https://example.org/a) ¶4"
    assert source_line(data, "ko", (), "") == "출처: 출처 없음"
    line = source_line(data, "en", ("src-x",))
    assert "](javascript" not in line and "\\*Bold\\*" in line
