"""The /regions light map's own address (components/host/maps.py), called as the ASGI server calls it: the page's
picture for the page's parameters (unknown values dropped as the page drops them), an ETag with 304 and HEAD, the
base path honoured, hostile values harmless, a swapped package drawn anew."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from starlette.applications import Starlette

from components.data.dataset import load_dataset
from components.host.maps import map_routes
from components.views import regions as rg
from tests.asgi_client import Client
from tests.hostile_fixture import write_hostile_package


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def client(data, base: str = "") -> Client:
    return Client(Starlette(routes=map_routes(base, lambda: data)))


def test_the_page_and_the_route_agree_on_the_address_and_the_picture(data):
    html = rg.map_html(data, "ko", ("busan", "jeju"), ("cloud",), ())
    src = html.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert src == "map/regions.svg?lang=ko&region=busan&region=jeju&sector=cloud"
    answer = client(data).get("/" + src)
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/svg+xml"
    assert answer.text == rg.map_svg(data, "ko", ("busan", "jeju"), ("cloud",), ())
    assert answer.headers["cache-control"] == "no-cache" and answer.headers["etag"].startswith('"')


def test_the_page_sends_an_address_not_the_picture(data):
    html = rg.map_html(data, "en")
    assert len(html) < 400 and "data:" not in html and "<svg" not in html
    assert 'alt="Map of ' in html and 'width="' in html


def test_unknown_values_are_dropped_as_the_page_drops_them(data):
    plain = client(data).get("/map/regions.svg?lang=en")
    odd = client(data).get("/map/regions.svg?lang=en&region=atlantis&sector=nonsense&event=nope&x=1")
    assert odd.status_code == 200 and odd.content == plain.content
    no_query = client(data).get("/map/regions.svg")  # no language: English, the parser's default without a locale
    assert no_query.status_code == 200 and no_query.content == plain.content
    korean = client(data).get("/map/regions.svg?lang=ko")
    assert korean.content != plain.content and "구이저우성" in korean.text


def test_a_region_narrows_the_picture(data):
    every = client(data).get("/map/regions.svg?lang=en").text
    busan = client(data).get("/map/regions.svg?lang=en&region=busan").text
    assert busan == rg.map_svg(data, "en", ("busan",))
    assert busan.count("<path d=\"M") < every.count("<path d=\"M")


def test_etag_gives_304_and_head_gives_the_length(data):
    first = client(data).get("/map/regions.svg?lang=en")
    again = client(data).get("/map/regions.svg?lang=en", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = client(data).head("/map/regions.svg?lang=en")
    assert head.status_code == 200 and head.content == b"" and head.headers["content-length"] == str(len(first.content))


def test_the_base_path_is_honoured(data):
    assert client(data, "dash").get("/dash/map/regions.svg?lang=en").status_code == 200
    assert client(data, "dash").get("/map/regions.svg?lang=en").status_code == 404


def test_hostile_values_are_harmless(tmp_path):
    hostile = load_dataset(write_hostile_package(tmp_path))
    query = "lang=" + quote("<script>alert(1)</script>") + "&region=" + quote('"><svg onload=alert(2)>') + "&sector=" + "a" * 5000
    answer = client(hostile).get("/map/regions.svg?" + query)
    assert answer.status_code == 200
    assert "<script" not in answer.text and "<svg onload" not in answer.text and "<img" not in answer.text
    assert "&lt;svg onload" in answer.text  # the hostile data's name, drawn as text


def test_a_failing_package_answers_503_in_words():
    from components.data.dataset import DataPackageError

    def broken():
        raise DataPackageError([])

    answer = Client(Starlette(routes=map_routes("", broken))).get("/map/regions.svg?lang=en")
    assert answer.status_code == 503 and "not available" in answer.text and "Traceback" not in answer.text


def test_a_swapped_package_is_drawn_anew(data, tmp_path):
    serving = [data]
    app = Client(Starlette(routes=map_routes("", lambda: serving[0])))
    before = app.get("/map/regions.svg?lang=en")
    serving[0] = load_dataset(write_hostile_package(tmp_path))
    after = app.get("/map/regions.svg?lang=en", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.content != before.content
