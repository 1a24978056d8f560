"""The link-preview pictures (components/views/preview_image.py): a 1200×630 PNG per page and language, the same
bytes for the same input, the view's title drawn in the link's language, hostile and tiny packages drawn too."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from components.data.dataset import load_dataset
from components.i18n import t
from components.views import preview_image as pi
from tests.hostile_fixture import write_hostile_package
from tests.package_fixture import write_package

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TITLE_KEYS = {"overview": "overview.title", "network": "network.title", "delegation": "delegation.title",
              "economy": "economy.title", "mou": "mou.title", "regions": "regions.title",
              "timeline": "timeline.title", "story": "story.title", "sources": "sources.title"}
TITLE_AREA = (pi.TEXT_LEFT, 110, pi.TEXT_LEFT + pi.TEXT_WIDTH, 250)  # where the first lines of every title fall


@pytest.fixture(scope="module")
def data():
    return load_dataset()


@pytest.fixture(scope="module")
def images(data):
    return {(page, lang): pi.preview_png(data, page, lang) for page in pi.PAGES for lang in pi.LANGS}


def picture(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def dark_pixels(image: Image.Image, box) -> int:
    """Pixels of the title's ink (#1f2933; the lines under it are lighter, #52606d) in `box`."""
    pixels = np.asarray(image.crop(box), dtype=int)
    return int(((pixels[..., 0] < 60) & (pixels[..., 1] < 70) & (pixels[..., 2] < 80)).sum())


def test_every_page_of_the_app_has_a_preview():
    from components.web.frame import PAGES

    assert pi.PAGES == tuple(spec.id for spec in PAGES)
    assert set(pi.DRAWERS) == set(pi.PAGES)


def test_each_preview_is_a_1200_by_630_png(images):
    for (page, lang), png in images.items():
        assert png.startswith(PNG_SIGNATURE), (page, lang)
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG" and image.size == (1200, 630), (page, lang)


def test_the_same_input_gives_the_same_bytes(data, images):
    for page in ("network", "regions", "timeline"):
        assert pi.preview_png(data, page, "ko") == images[(page, "ko")]


def test_every_page_and_language_draws_its_own_picture(images):
    assert len(set(images.values())) == len(images) == 2 * len(pi.PAGES)


def test_the_title_is_drawn_in_the_links_language(data, images, monkeypatch):
    """Each picture carries its view's title: without it (the catalogue's title blanked) the title area is empty."""
    for page, key in TITLE_KEYS.items():
        for lang in pi.LANGS:
            monkeypatch.setattr(pi, "t", lambda k, lang_, _key=key, **p: "" if k == _key else t(k, lang_, **p))
            untitled = pi.preview_png(data, page, lang)
            monkeypatch.undo()
            assert untitled != images[(page, lang)], (page, lang)
            assert dark_pixels(picture(images[(page, lang)]), TITLE_AREA) > 1500, (page, lang)
            assert dark_pixels(picture(untitled), TITLE_AREA) < 50, (page, lang)


def test_korean_text_has_a_font_that_draws_it():
    assert pi.drawable(t("regions.title", "ko"), "bold")
    assert pi.drawable(t("app.title", "ko"))
    assert not pi.drawable("\U0001F680 עברית")  # no emoji or Hebrew in the font: such a label is left out


def test_a_label_the_font_lacks_falls_back_or_is_left_out():
    assert pi.label("עברית name", "English name") == "English name"
    assert pi.label("\U0001F680") is None
    assert pi.label("  Tencent   Cloud ") == "Tencent Cloud"


def test_long_text_wraps_within_the_column_and_is_cut_with_an_ellipsis():
    size, lines = pi.fitted("word " * 80, (48, 32), pi.TEXT_WIDTH, 3, "bold")
    assert size == 32 and len(lines) == 3 and lines[-1].endswith("…")
    assert all(pi.Canvas.length(line, size, "bold") <= pi.TEXT_WIDTH for line in lines)
    assert pi.wrap("가" * 60, 40, 200) == ["가" * 5] * 12


def test_an_unknown_page_or_language_is_refused(data):
    for page, lang in (("nope", "en"), ("network", "fr"), ("../network", "en"), ("network", "")):
        with pytest.raises(ValueError):
            pi.preview_png(data, page, lang)


def test_hostile_names_are_drawn_as_text_or_left_out(tmp_path):
    hostile = load_dataset(write_hostile_package(tmp_path / "hostile"))
    for page in pi.PAGES:
        for lang in pi.LANGS:
            image = Image.open(io.BytesIO(pi.preview_png(hostile, page, lang)))
            assert image.size == (1200, 630), (page, lang)


def test_a_tiny_package_without_events_story_or_map_still_draws_every_page(tmp_path):
    tiny = load_dataset(write_package(tmp_path / "tiny"))
    for page in pi.PAGES:
        assert Image.open(io.BytesIO(pi.preview_png(tiny, page, "ko"))).size == (1200, 630), page


def test_without_any_cjk_font_the_picture_is_drawn_and_korean_text_left_out(data, monkeypatch, tmp_path):
    monkeypatch.setattr(pi, "font_files", lambda: {w: (tmp_path / "absent.otf", 0) for w in ("regular", "bold")})
    pi.font.cache_clear()
    pi._has_glyph.cache_clear()
    pi._glyph_pixels.cache_clear()
    try:
        image = picture(pi.preview_png(data, "regions", "ko"))
        assert image.size == (1200, 630)
        assert dark_pixels(image, TITLE_AREA) < 50  # no boxes where Hangul would be
        assert dark_pixels(picture(pi.preview_png(data, "regions", "en")), TITLE_AREA) > 1500
    finally:
        pi.font.cache_clear()
        pi._has_glyph.cache_clear()
        pi._glyph_pixels.cache_clear()


# The catalogue text the pictures draw: the vendored font (used where no CJK font is installed) must hold all of it.
DRAWN_KEYS = [*TITLE_KEYS.values(), "app.title", "app.subtitle.story", "delegation.sectors.heading",
              "economy.ranking.heading", "mou.map.heading", "sources.claims.heading", "regions.col.ties",
              "regions.col.partners", "overview.metric.companies", "overview.metric.fields",
              "overview.metric.agreements", "story.empty",
              *(f"regions.standing.{s}" for s in ("sister", "friendship", "agreement")),
              *(f"event.kind.{k}" for k in ("agreement_signed", "sister_region_tie", "friendship_tie", "visit", "summit",
                                            "opening", "other")),
              *(f"sources.verdict.{v}" for v in ("consistent", "needs_context", "outdated", "unverified", "incorrect")),
              *(f"network.side.{s}" for s in ("KR", "CN", "shared", "sector"))]


@pytest.fixture
def vendored_font(monkeypatch):
    """The images as drawn on a host without a CJK font (Streamlit Community Cloud): the vendored subset."""
    monkeypatch.setattr(pi, "SYSTEM_FONT_DIRS", ())
    for cached in (pi.font, pi._has_glyph, pi._glyph_pixels):
        cached.cache_clear()
    yield pi.font_files()
    for cached in (pi.font, pi._has_glyph, pi._glyph_pixels):
        cached.cache_clear()


def test_the_vendored_font_draws_every_catalogue_text_a_picture_shows(vendored_font):
    assert all(path.is_file() and path.stat().st_size < 100_000 for path, _ in vendored_font.values())
    for key in DRAWN_KEYS:
        for lang in pi.LANGS:
            text = t(key, lang, count=314, first=1992, last=2026, position=1)
            assert pi.drawable(text, "bold") and pi.drawable(text, "regular"), (key, lang, text)
    assert not pi.drawable("鿐")  # a character outside the cut is known to be missing (left out, never a box)


def test_with_the_vendored_font_korean_titles_are_drawn(data, vendored_font):
    for page in ("regions", "network"):
        assert dark_pixels(picture(pi.preview_png(data, page, "ko")), TITLE_AREA) > 1500, page


def test_a_name_whose_aside_the_font_lacks_is_drawn_without_it(vendored_font):
    assert not pi.drawable("鿐")
    assert pi.label("상하이시 (鿐)") == "상하이시"
    assert pi.label("(鿐)", "Shanghai") == "Shanghai"
