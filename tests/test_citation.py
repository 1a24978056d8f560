"""'Cite this view': exact citations in both languages, and the date the data last changed read from the package."""
import datetime
import json

import pytest

from components.data.dataset import load_dataset
from components.views.citation import access_date, cite_view, data_last_changed
from tests.network_fixture import SCHEMA, tiny_dataset

URL = "https://example.org/network?lang=en&focus=tencent-cloud&depth=2"


@pytest.mark.parametrize(
    ("title", "page", "lang", "expected"),
    [
        ("Tencent Cloud, two links out", "Network", "en",
         "“Tencent Cloud, two links out” (Network). Korea–China Business Linkage Dashboard. Data last changed "
         "2026-12-05. " + URL + " (accessed 2026-12-06)."),
        ("텐센트 클라우드 중심, 2단계", "네트워크", "ko",
         "「텐센트 클라우드 중심, 2단계」(네트워크). 한중 비즈니스 연결 대시보드. 데이터 최종 수정일 2026-12-05. " + URL
         + " (접속일 2026-12-06)."),
        ("Network", "Network", "en",
         "“Network”. Korea–China Business Linkage Dashboard. Data last changed 2026-12-05. " + URL
         + " (accessed 2026-12-06)."),
        ("", "출처와 주장", "ko",
         "「출처와 주장」. 한중 비즈니스 연결 대시보드. 데이터 최종 수정일 2026-12-05. " + URL + " (접속일 2026-12-06)."),
        ("Step 3:\nWhat the   memorandum says", "Story", "fr",  # unknown language: English; one line
         "“Step 3: What the memorandum says” (Story). Korea–China Business Linkage Dashboard. Data last changed "
         "2026-12-05. " + URL + " (accessed 2026-12-06)."),
    ],
)
def test_cite_view(title, page, lang, expected):
    assert cite_view(title, page, "2026-12-05", URL, lang, accessed=datetime.date(2026, 12, 6)) == expected


def test_cite_view_with_an_unknown_change_date_and_a_text_access_date():
    assert cite_view("{focus}", "Network", "", URL, "ko", accessed="2027-01-02") == (
        "「{focus}」(Network). 한중 비즈니스 연결 대시보드. 데이터 최종 수정일 알 수 없음. " + URL + " (접속일 2027-01-02)."
    )


def test_access_date_defaults_to_today_in_utc():
    assert access_date(datetime.date(2026, 1, 31)) == "2026-01-31"
    assert access_date() == datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def test_data_last_changed_is_the_packages_last_changed():
    real = load_dataset()
    assert data_last_changed(real) == real.schema["lastChanged"] == "2026-12-06"


def test_data_last_changed_falls_back_to_the_newest_full_source_date():
    schema = json.loads(json.dumps(SCHEMA))
    del schema["lastChanged"]
    data = tiny_dataset()
    data = type(data)(**{name: getattr(data, name) for name in (
        "sources", "sectors", "entities", "attributes", "relation_types", "relations", "figures", "clauses", "claims"
    )}, schema=schema)
    assert data_last_changed(data) == "2025-09-26"  # src-a; src-b's "2025" is not a full date
