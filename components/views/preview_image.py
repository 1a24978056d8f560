"""Link-preview pictures (og:image): a 1200×630 PNG of each page's view in the link's language, drawn with Pillow
from the same pure builders the page uses — same dataset, page and language, same bytes."""
from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from components.data.dataset import Dataset
from components.i18n import t

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1200, 630
SCALE = 2  # drawn at twice the size, then shrunk: smooth lines and text without an anti-aliasing renderer
PAGES = ("overview", "network", "delegation", "economy", "mou", "regions", "timeline", "story", "sources")
LANGS = ("ko", "en")

# Hangul needs a CJK font. Debian's fonts-noto-cjk first (every character), else the subset vendored beside the
# app (Community Cloud has no CJK font): the catalogues' and the data's characters at the time it was cut.
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
                    Path("/usr/share/fonts/google-noto-cjk"))
SYSTEM_FONT_INDEX = 1  # in NotoSansCJK-*.ttc: JP, KR, SC, TC, HK — the Korean cut
VENDORED_FONT_DIR = ROOT / "static" / "vendor" / "noto-sans-cjk-kr"

INK, MUTED, PAPER, PANEL, RULE = "#1f2933", "#52606d", "#fbfbf8", "#ffffff", "#d9dde3"
KR_BLUE, CN_ORANGE, HIGHLIGHT = "#0072B2", "#E69F00", "#D55E00"  # Okabe–Ito, as the pages draw them
VERDICT_HEX = {"consistent": "#009E73", "needs_context": "#E69F00", "outdated": "#CC79A7", "unverified": "#8a8f98",
               "incorrect": "#D55E00"}

SOURCE_BLUE = "#9ecae1"
TEXT_LEFT, TEXT_WIDTH = 56, 380  # the left column: the app, the view's title, a line of what it shows
PICTURE = (480, 56, 1160, 590)  # the right column: the view itself (x0, y0, x1, y1)


# --- fonts ------------------------------------------------------------------------------------------------------
def font_files() -> dict[str, tuple[Path, int]]:
    """{"regular"|"bold": (file, index)}: the system's Noto Sans CJK KR if installed, else the vendored subset."""
    for folder in SYSTEM_FONT_DIRS:
        files = {w: folder / f"NotoSansCJK-{w.title()}.ttc" for w in ("regular", "bold")}
        if all(f.is_file() for f in files.values()):
            return {w: (f, SYSTEM_FONT_INDEX) for w, f in files.items()}
    return {w: (VENDORED_FONT_DIR / f"NotoSansCJKkr-{w.title()}.subset.otf", 0) for w in ("regular", "bold")}


@lru_cache(maxsize=64)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    path, index = font_files()[weight]
    if not path.is_file():  # neither installed nor vendored: Pillow's own Latin font; Korean text is left out
        return ImageFont.load_default(size * SCALE)
    # BASIC layout: Hangul syllables are precomposed, and it gives the same pixels on every host (no raqm).
    return ImageFont.truetype(str(path), size * SCALE, index=index, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8192)
def _has_glyph(weight: str, char: str) -> bool:
    """Whether the font draws `char` as itself, not as its 'missing' glyph (compared with a noncharacter's)."""
    if char.isspace():
        return True
    return _glyph_pixels(weight, char) != _glyph_pixels(weight, "\uffff")


@lru_cache(maxsize=8)
def _glyph_pixels(weight: str, char: str) -> bytes:
    probe = font(weight, 12)
    image = Image.new("L", (24 * SCALE * 2, 24 * SCALE * 2))
    ImageDraw.Draw(image).text((4, 4), char, font=probe, fill=255)
    return image.tobytes()


def drawable(text: str, weight: str = "regular") -> bool:
    """Whether every character of `text` is in the font (a subset font lacks what the data added later)."""
    return all(_has_glyph(weight, char) for char in text)


# --- drawing helpers (coordinates in 1200×630 px; the canvas is SCALE times larger) ------------------------------
class Canvas:
    def __init__(self) -> None:
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), PAPER)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _s(*values: float) -> list[float]:
        return [v * SCALE for v in values]

    def rect(self, box, fill=None, outline=None, width: float = 1, radius: float = 0) -> None:
        if radius:
            self.draw.rounded_rectangle(self._s(*box), radius * SCALE, fill=fill, outline=outline,
                                        width=round(width * SCALE))
        else:
            self.draw.rectangle(self._s(*box), fill=fill, outline=outline, width=round(width * SCALE))

    def line(self, points, fill, width: float = 1) -> None:
        self.draw.line([(x * SCALE, y * SCALE) for x, y in points], fill=fill, width=max(1, round(width * SCALE)),
                       joint="curve")

    def dashed(self, points, fill, width: float = 1, dash: float = 6, gap: float = 4) -> None:
        """A polyline drawn in dashes (a city partner on the map, an inferred link)."""
        carry, on = 0.0, True
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            length = math.hypot(x2 - x1, y2 - y1)
            at = 0.0
            while at < length:
                step = min((dash if on else gap) - carry, length - at)
                if on:
                    f1, f2 = at / length, (at + step) / length
                    self.line([(x1 + (x2 - x1) * f1, y1 + (y2 - y1) * f1), (x1 + (x2 - x1) * f2, y1 + (y2 - y1) * f2)],
                              fill, width)
                at += step
                carry += step
                if carry >= (dash if on else gap) - 1e-9:
                    carry, on = 0.0, not on

    def polygon(self, points, fill, outline=None) -> None:
        self.draw.polygon([(x * SCALE, y * SCALE) for x, y in points], fill=fill, outline=outline)

    def dot(self, x: float, y: float, r: float, fill, outline=None, width: float = 1) -> None:
        self.draw.ellipse(self._s(x - r, y - r, x + r, y + r), fill=fill, outline=outline, width=round(width * SCALE))

    def text(self, xy, text: str, size: int, fill=INK, weight: str = "regular", anchor: str = "la",
             halo: bool = False) -> None:
        self.draw.text((xy[0] * SCALE, xy[1] * SCALE), text, font=font(weight, size), fill=fill, anchor=anchor,
                       stroke_width=(3 * SCALE if halo else 0), stroke_fill=PAPER)

    @staticmethod
    def length(text: str, size: int, weight: str = "regular") -> float:
        return font(weight, size).getlength(text) / SCALE

    @contextmanager
    def clipped(self, box, radius: float = 0):
        """Whatever is drawn inside the block shows only within `box` (the map's land runs past its frame)."""
        before = self.image.copy()
        yield
        mask = Image.new("L", self.image.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle(self._s(*box), radius * SCALE, fill=255)
        self.image = Image.composite(self.image, before, mask)
        self.draw = ImageDraw.Draw(self.image)

    def png(self) -> bytes:
        small = self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        # 256 colours, not dithered: a third of the bytes (the map 265 -> 97 KB; some chat apps skip images over
        # ~300 KB) with no difference to see at a chat's size
        small = small.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)  # Pillow writes no date or other varying chunk
        return out.getvalue()


def wrap(text: str, size: int, width: float, weight: str = "regular") -> list[str]:
    """Lines of `text` no wider than `width`, broken at spaces (Korean spaces its words too), then after a dash or
    slash inside a word; a word still wider than a line is broken between characters."""
    words: list[str] = []
    for word in text.split():
        if Canvas.length(word, size, weight) > width:
            words.extend(piece for piece in re.split(r"(?<=[–—\-/])", word) if piece)
        else:
            words.append(word)
    lines: list[str] = []
    for word in words:
        while Canvas.length(word, size, weight) > width and len(word) > 1:
            cut = next((i for i in range(len(word) - 1, 0, -1) if Canvas.length(word[:i], size, weight) <= width), 1)
            lines.append(word[:cut])
            word = word[cut:]
        joiner = "" if lines and lines[-1][-1:] in "–—-/" and _glued(lines[-1], word, text) else " "
        if lines and Canvas.length(f"{lines[-1]}{joiner}{word}", size, weight) <= width:
            lines[-1] = f"{lines[-1]}{joiner}{word}"
        else:
            lines.append(word)
    return lines


def _glued(before: str, word: str, text: str) -> bool:
    """Whether `word` followed `before`'s last dash with no space in `text` (a piece of one hyphenated word)."""
    return (before.split()[-1] + word) in text if before.split() else False


def _breaks_words(lines: list[str], text: str) -> bool:
    """Whether wrapping had to cut a word between letters (somewhere neither a space nor a dash)."""
    pieces = set(re.split(r"\s+|(?<=[–—\-/])", text))
    return any(part not in pieces for line in lines for part in re.split(r" |(?<=[–—\-/])", line) if part)


def fitted(text: str, sizes: tuple[int, ...], width: float, max_lines: int, weight: str) -> tuple[int, list[str]]:
    """The largest size of `sizes` at which `text` wraps into `max_lines` without cutting a word (else with), else
    the smallest, its last line cut with '…'."""
    wrapped = [(size, wrap(text, size, width, weight)) for size in sizes]
    for size, lines in wrapped:
        if len(lines) <= max_lines and not _breaks_words(lines, text):
            return size, lines
    for size, lines in wrapped:
        if len(lines) <= max_lines:
            return size, lines
    size, lines = wrapped[-1]
    lines = lines[:max_lines]
    while lines[-1] and Canvas.length(lines[-1] + "…", size, weight) > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] += "…"
    return size, lines


def label(text: str, *fallbacks: str, weight: str = "regular") -> str | None:
    """The first of `text` and `fallbacks` the font can draw (without its aside in brackets if need be, then a name
    in the other language), else None: a label the font lacks is left out, never drawn as boxes."""
    for candidate in (text, *fallbacks):
        candidate = " ".join(str(candidate or "").split())
        for shown in (candidate, _without_aside(candidate)):
            if shown and drawable(shown, weight):
                return shown
    return None


def _without_aside(name: str) -> str:
    """'상하이시 (上海)' -> '상하이시': the name without what it adds in brackets (a font may lack the Hanzi)."""
    return re.sub(r"\s*\([^)]*\)", "", name)


def short(text: str, size: int, width: float, weight: str = "regular") -> str:
    """`text` cut with '…' to fit `width` on one line."""
    if Canvas.length(text, size, weight) <= width:
        return text
    while text and Canvas.length(text + "…", size, weight) > width:
        text = text[:-1]
    return text + "…"


# --- the frame every preview shares -----------------------------------------------------------------------------
def frame(canvas: Canvas, lang: str, title: str, lines: list[str], legend: list[tuple[str, str]] = ()) -> None:
    """The left column: a two-colour rule (Korea's blue, China's orange), the app's name, the view's title, a few
    lines of what it shows, an optional key of colours; a panel for the picture on the right."""
    canvas.rect((0, 0, WIDTH / 2, 10), fill=KR_BLUE)
    canvas.rect((WIDTH / 2, 0, WIDTH, 10), fill=CN_ORANGE)
    canvas.rect((PICTURE[0] - 16, PICTURE[1] - 16, PICTURE[2] + 16, PICTURE[3] + 16), fill=PANEL, outline=RULE,
                radius=14)
    y = 56.0
    app = label(t("app.title", lang))
    if app:
        size, app_lines = fitted(app, (22, 20), TEXT_WIDTH, 2, "regular")
        for line in app_lines:
            canvas.text((TEXT_LEFT, y), line, size, MUTED)
            y += size * 1.35
    y += 18
    heading = label(title, weight="bold")
    if heading:
        size, title_lines = fitted(heading, (48, 44, 40, 36, 32), TEXT_WIDTH, 5, "bold")
        for line in title_lines:
            canvas.text((TEXT_LEFT, y), line, size, INK, "bold")
            y += size * 1.25
    y += 20
    for text in lines:
        shown = label(text)
        if not shown:
            continue
        size, wrapped = fitted(shown, (24, 22), TEXT_WIDTH, 3, "regular")
        for line in wrapped:
            if y > HEIGHT - 60 - 34 * len(legend):
                break
            canvas.text((TEXT_LEFT, y), line, size, MUTED)
            y += size * 1.35
        y += 8
    if legend:
        y = max(y + 8, HEIGHT - 44 - 34 * len(legend))
        for name, colour in legend:
            canvas.rect((TEXT_LEFT, y + 4, TEXT_LEFT + 22, y + 22), fill=colour, radius=4)
            canvas.text((TEXT_LEFT + 34, y), short(name, 22, TEXT_WIDTH - 34), 22, INK)
            y += 34


def fit_box(points: dict[str, tuple[float, float]], box, pad: float = 24) -> dict[str, tuple[float, float]]:
    """`points` scaled (one factor for both axes) and centred into `box`."""
    if not points:
        return {}
    xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
    x0, y0, x1, y1 = box[0] + pad, box[1] + pad, box[2] - pad, box[3] - pad
    span_x, span_y = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    factor = min((x1 - x0) / span_x, (y1 - y0) / span_y)
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {k: ((x - cx) * factor + (x0 + x1) / 2, (y - cy) * factor + (y0 + y1) / 2) for k, (x, y) in points.items()}


def bars(canvas: Canvas, rows: list[tuple[str, float, str, str]], box, label_width: float = 170) -> None:
    """Horizontal bars (name, value, value text, colour), longest first as given, names left of the bars."""
    x0, y0, x1, y1 = box
    if not rows:
        return
    top = max(v for _, v, _, _ in rows) or 1.0
    step = min(62.0, (y1 - y0) / len(rows))
    size = 22 if step >= 44 else 18
    value_room = max(Canvas.length(text, size - 2) for _, _, text, _ in rows) + 14
    for i, (name, value, text, colour) in enumerate(rows):
        y = y0 + i * step
        height = step * 0.62
        shown = short(name, size, label_width - 12) if name else ""
        canvas.text((x0 + label_width - 12, y + height / 2), shown, size, INK, anchor="rm")
        length = (x1 - x0 - label_width - value_room) * max(value, 0) / top
        canvas.rect((x0 + label_width, y, x0 + label_width + max(length, 2), y + height), fill=colour, radius=4)
        canvas.text((x0 + label_width + length + 8, y + height / 2), text, size - 2, MUTED, anchor="lm")


# --- the pictures, one per page ---------------------------------------------------------------------------------
def _seed(data: Dataset) -> Dataset:
    """The dataset a link without `?event=` shows (the first story), as the pages see it."""
    from components.views.event_scope import scope_dataset

    return data.memo(scope_dataset, ())


def _draw_network(canvas: Canvas, network, lang: str, box=PICTURE, labels: int = 9) -> None:
    """The network at the positions the page's layout gives it: edges, nodes by side and kind, the most
    connected (or highlighted) nodes named."""
    from components.views.network_layout import KIND_SHAPES, SIDE_COLOURS, layout, node_size
    from components.views.network_model import degrees

    where = fit_box(layout(network), box, pad=40)
    degree = degrees(network, highlighted_only=False)
    faded = "#e3e6ea"
    for edge in sorted(network.edges, key=lambda e: not e.faded):  # faded ones first, under the rest
        if edge.source in where and edge.target in where:
            colour = faded if edge.faded else ("#b9c0c8" if edge.kind == "sector" else "#7b8794")
            points = [where[edge.source], where[edge.target]]
            if edge.confidence == "inferred":
                canvas.dashed(points, colour, 1.6)
            else:
                canvas.line(points, colour, 1.6 if edge.kind != "sector" else 1.0)
    nodes = sorted(network.nodes, key=lambda n: (not n.faded, degree.get(n.id, 0)))
    for node in nodes:
        x, y = where[node.id]
        r = node_size(node.kind, degree.get(node.id, 0)) * 0.55
        colour = "#e3e6ea" if node.faded else SIDE_COLOURS.get(node.side, "#9A9A9A")
        outline = "#ffffff" if not node.focused else INK
        shape = KIND_SHAPES.get(node.kind, "dot")
        if shape in ("square", "box", "database"):
            canvas.rect((x - r, y - r * 0.8, x + r, y + r * 0.8), fill=colour, outline=outline, width=1.5, radius=2)
        elif shape == "diamond":
            canvas.polygon([(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)], colour, outline)
        elif shape.startswith("triangle"):
            flip = -1 if shape == "triangleDown" else 1
            canvas.polygon([(x, y - r * 1.2 * flip), (x + r * 1.1, y + r * 0.8 * flip),
                            (x - r * 1.1, y + r * 0.8 * flip)], colour, outline)
        else:
            canvas.dot(x, y, r, colour, outline, 1.5)
    shown = [n for n in network.nodes if not n.faded and n.kind not in ("clause", "sector")]
    shown.sort(key=lambda n: (-n.focused, -degree.get(n.id, 0), network.node_ids.index(n.id)))
    placed: list[tuple[float, float, float, float]] = []
    for node in shown:
        if len(placed) >= labels:
            break
        other = node.name_en if lang == "ko" else node.name_ko
        name = label(node.label, other)
        if not name:
            continue
        name = short(name, 17, 200)
        x, y = where[node.id]
        r = node_size(node.kind, degree.get(node.id, 0)) * 0.55
        width = Canvas.length(name, 17)
        left = min(max(x - width / 2, box[0] + 4), box[2] - width - 4)
        top = y + r + 3
        rect = (left, top, left + width, top + 22)
        if any(not (rect[2] < a or rect[0] > c or rect[3] < b or rect[1] > d) for a, b, c, d in placed):
            continue
        placed.append(rect)
        canvas.text((left, top), name, 17, INK, halo=True)


def _overview(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views.formatting import format_amount

    seed = _seed(data)
    figures = seed.figures.set_index("id")
    delegation = seed.entities[seed.entities["role"] == "delegation"]
    fields = seed.clauses[seed.clauses["group"] == "field"]
    agreements = seed.clauses[seed.clauses["group"] == "agreement"]
    frame(canvas, lang, t("overview.title", lang), [t("app.subtitle.story", lang)])
    cards = []
    for figure_id in ("shanghai-grdp-usd", "tencent-market-cap-krw"):
        if figure_id in figures.index:
            row = figures.loc[figure_id]
            cards.append((row[f"label_{lang}"], format_amount(row["value"], row["unit"], lang), HIGHLIGHT))
    cards += [(t("overview.metric.companies", lang), str(len(delegation)), KR_BLUE),
              (t("overview.metric.fields", lang), str(len(fields)), KR_BLUE),
              (t("overview.metric.agreements", lang), str(len(agreements)), KR_BLUE)]
    x0, y0, x1, y1 = PICTURE
    height = (y1 - y0) / len(cards)
    for i, (name, value, colour) in enumerate(cards):
        top = y0 + i * height
        canvas.rect((x0, top + 8, x0 + 8, top + height - 8), fill=colour, radius=3)
        number = label(value) or ""
        caption = label(name)
        middle = top + height / 2 - (14 if caption else 0)
        canvas.text((x0 + 28, middle), number, 44, INK, "bold", anchor="lm")
        if caption:
            canvas.text((x0 + 30, middle + 30), short(caption, 21, x1 - x0 - 40), 21, MUTED, anchor="lt")
        if i:
            canvas.line([(x0 + 28, top), (x1, top)], RULE, 1)


def _network(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views.network_model import build_network

    network = build_network(_seed(data), lang=lang)
    frame(canvas, lang, t("network.title", lang), [t("app.subtitle.story", lang)], _side_legend(lang))
    _draw_network(canvas, network, lang)


def _side_legend(lang: str) -> list[tuple[str, str]]:
    from components.views.network_layout import SIDE_COLOURS, SIDE_ORDER

    return [(t(f"network.side.{side}", lang), SIDE_COLOURS[side]) for side in SIDE_ORDER]


def _story(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views.story import step_view, story_steps

    seed = _seed(data)
    steps = story_steps(seed)
    if not steps:
        frame(canvas, lang, t("story.title", lang), [t("story.empty", lang)])
        return
    shown = step_view(seed, steps, steps[0].number, lang)
    frame(canvas, lang, t("story.title", lang), [shown.progress, shown.title])
    _draw_network(canvas, shown.network, lang)


def _delegation(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views.delegation import sector_counts

    counts = sector_counts(_seed(data), lang)
    frame(canvas, lang, t("delegation.title", lang), [t("delegation.sectors.heading", lang)])
    # The page's chart: a bar a sector, its companies named under it.
    x0, y0, x1, y1 = PICTURE
    rows = list(zip(counts["sector"], counts["count"], counts["color"], counts["names"]))[:6]
    if not rows:
        return
    step = min(132.0, (y1 - y0) / len(rows))
    top_count = max(n for _, n, _, _ in rows) or 1
    for i, (name, n, colour, members) in enumerate(rows):
        y = y0 + i * step
        canvas.text((x0, y), short(label(name) or "", 24, x1 - x0 - 60, "bold"), 24, INK, "bold")
        canvas.rect((x0, y + 36, x0 + (x1 - x0 - 50) * n / top_count, y + 36 + step * 0.26), fill=colour, radius=5)
        canvas.text((x0 + (x1 - x0 - 50) * n / top_count + 10, y + 36 + step * 0.13), str(n), 24, INK, "bold",
                    anchor="lm")
        firms = ", ".join(filter(None, (label(m) for m in members)))
        if firms and step >= 96:
            canvas.text((x0, y + 44 + step * 0.26), short(firms, 18, x1 - x0), 18, MUTED)


def _economy(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views.economy import section_rows

    rows = section_rows(_seed(data), "province_gdp", "usd", lang).head(10)
    frame(canvas, lang, t("economy.title", lang), [t("economy.ranking.heading", lang)])
    drawn = [(label(name) or "", float(value), label(text) or "", HIGHLIGHT if high else "#8fb8d6")
             for name, value, text, high in zip(rows["name"], rows["value"], rows["text"], rows["highlight"])]
    bars(canvas, drawn, PICTURE, label_width=190)


def _mou(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views.mou import sankey_spec

    spec = sankey_spec(_seed(data), lang)
    frame(canvas, lang, t("mou.title", lang), [t("mou.map.heading", lang)],
          [(item["label"], item["color"]) for item in spec.get("legend", [])])
    x0, y0, x1, y1 = PICTURE
    top, bottom = y0 + 40, y1 - 8
    node_width = 18
    columns = [x0 + 10, (x0 + x1) / 2 - node_width / 2, x1 - 10 - node_width]
    for i, column in enumerate(spec["columns"]):
        title = label(column["title"])
        if title:
            anchor = ("la", "ma", "ra")[i]
            x = (columns[0], columns[1] + node_width / 2, columns[2] + node_width)[i]
            canvas.text((x, y0), short(title, 20, (x1 - x0) / 3 - 8), 20, MUTED, anchor=anchor)

    def y(fraction: float) -> float:
        return top + (bottom - top) * fraction

    for link in spec["links"]:
        source, target = spec["nodes"][link["source"]], spec["nodes"][link["target"]]
        xa, xb = columns[source["column"]] + node_width, columns[target["column"]]
        colour = _rgba_to_hex(link["color"])
        upper = _curve(xa, y(link["sy0"]), xb, y(link["ty0"]))
        lower = _curve(xa, y(link["sy1"]), xb, y(link["ty1"]))
        canvas.polygon(upper + lower[::-1], colour)
    for node in spec["nodes"]:
        x = columns[node["column"]]
        canvas.rect((x, y(node["y0"]), x + node_width, max(y(node["y1"]), y(node["y0"]) + 2)), fill=node["color"])


def _curve(xa: float, ya: float, xb: float, yb: float, steps: int = 24) -> list[tuple[float, float]]:
    """A Sankey link's edge: a cubic curve leaving and arriving level."""
    mid = (xa + xb) / 2
    points = []
    for i in range(steps + 1):
        s = i / steps
        x = (1 - s) ** 3 * xa + 3 * (1 - s) ** 2 * s * mid + 3 * (1 - s) * s ** 2 * mid + s ** 3 * xb
        yy = (1 - s) ** 3 * ya + 3 * (1 - s) ** 2 * s * ya + 3 * (1 - s) * s ** 2 * yb + s ** 3 * yb
        points.append((x, yy))
    return points


def _rgba_to_hex(colour: str) -> str:
    """'rgba(r, g, b, a)' blended on white, as the browser shows it; any other colour as it is."""
    found = re.fullmatch(r"rgba\(\s*(\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\s*\)", colour.strip())
    if not found:
        return colour
    r, g, b, a = (float(v) for v in found.groups())
    return "#" + "".join(f"{round(c * a + 255 * (1 - a)):02x}" for c in (r, g, b))


def _regions(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views import geo
    from components.views.regions import STANDING_COLORS, STANDINGS, chosen_ties, mapped_ties, seats

    ties = data.memo(chosen_ties, (), (), ())
    drawn, _ = data.memo(mapped_ties, (), (), ())
    lines = [f"{len(ties)} · {t('regions.col.ties', lang)}",
             f"{len({x.counterpart for x in ties})} · {t('regions.col.partners', lang)}"]
    legend = [(t(f"regions.standing.{s}", lang), STANDING_COLORS[s]) for s in STANDINGS]
    frame(canvas, lang, t("regions.title", lang), lines, legend)
    where = seats(data)
    ends = list(dict.fromkeys(x for tie in drawn for x in (tie.region, tie.counterpart)))
    panel = (PICTURE[0] - 16, PICTURE[1] - 16, PICTURE[2] + 16, PICTURE[3] + 16)
    at = _map_projection([where[e] for e in ends], panel)
    land, shaded = _outlines()
    with canvas.clipped(panel, radius=14):
        canvas.rect(panel, fill="#dcebf5")
        for ring in land:
            canvas.polygon([at(*p) for p in ring], "#ecebe6")
        for ring in shaded:
            canvas.polygon([at(*p) for p in ring], "#fbfaf5", "#8a8f98")
        for tie in sorted(drawn, key=lambda x: STANDINGS.index(x.standing), reverse=True):  # sister ties on top
            (xa, ya), (xb, yb) = at(*where[tie.region]), at(*where[tie.counterpart])
            cx, cy = (xa + xb) / 2 + (yb - ya) * 0.12, (ya + yb) / 2 - (xb - xa) * 0.12  # the page's gentle arc
            curve = [((1 - s) ** 2 * xa + 2 * (1 - s) * s * cx + s ** 2 * xb,
                      (1 - s) ** 2 * ya + 2 * (1 - s) * s * cy + s ** 2 * yb) for s in (i / 24 for i in range(25))]
            if tie.level == "city":
                canvas.dashed(curve, STANDING_COLORS[tie.standing], 1.4)
            else:
                canvas.line(curve, STANDING_COLORS[tie.standing], 1.4)
        for entity in ends:
            canvas.dot(*at(*where[entity]), 3.6, INK, "#ffffff", 1)
    canvas.rect(panel, outline=RULE, radius=14)


def _map_projection(points: list[tuple[float, float]], box) -> Callable[[float, float], tuple[float, float]]:
    """(lon, lat) -> px: the page's projection (longitudes shortened by the cosine of the middle latitude), framing
    every seat with a margin and filling `box` (the panel is wider than the page's map)."""
    from components.views import geo

    lons = [p[0] for p in points] or [geo.BOUNDS[0], geo.BOUNDS[2]]
    lats = [p[1] for p in points] or [geo.BOUNDS[1], geo.BOUNDS[3]]
    west, east, south, north = min(lons) - 1.5, max(lons) + 1.5, min(lats) - 1.5, max(lats) + 1.5
    aspect = math.cos(math.radians((north + south) / 2))
    width, height = box[2] - box[0], box[3] - box[1]
    scale = min(width / ((east - west) * aspect), height / (north - south))
    middle_lon, middle_lat = (west + east) / 2, (south + north) / 2

    def at(lon: float, lat: float) -> tuple[float, float]:
        return ((box[0] + box[2]) / 2 + (lon - middle_lon) * aspect * scale,
                (box[1] + box[3]) / 2 - (lat - middle_lat) * scale)

    return at


MAP_MARGIN = 12.0  # degrees beyond the page's map kept: the panel is wider than the page's map


@lru_cache(maxsize=1)
def _outlines() -> tuple[list, list]:
    """The map's land and its two countries as (lon, lat) rings in view, thinned: read once per process."""
    from components.views import geo

    topology = json.loads(geo.TOPOJSON_FILE.read_text(encoding="utf-8"))

    def thin(rings):
        kept = []
        for ring in rings:
            if not geo._in_view(ring, margin=MAP_MARGIN):
                continue
            west, south, east, north = geo.BOUNDS
            points = [(min(max(lon, west - MAP_MARGIN), east + MAP_MARGIN), min(max(lat, south - MAP_MARGIN), north + MAP_MARGIN))
                      for lon, lat in ring]
            if len(points) >= 3:
                kept.append(points[::2] if len(points) > 60 else points)
        return kept

    return thin(geo.rings(topology, "land")), thin(geo.rings(topology, "countries", geo.SHADED))


def _timeline(data: Dataset, lang: str, canvas: Canvas) -> None:
    import datetime as dt

    from components.views.regions import OFFICIAL_ORDER
    from components.views.timeline import EVENT_KINDS, chosen_events, event_span, events_in_brief, kind_color

    brief = events_in_brief(data)
    lines = [t("app.subtitle", lang, count=brief[0], first=brief[1], last=brief[2])] if brief else []
    events = chosen_events(data)
    # The key names the four most frequent colours (kinds without a colour of their own are drawn as 'other').
    drawn_kinds = [k if k in EVENT_KINDS else "other" for k in events["kind"]]
    common = sorted(dict.fromkeys(drawn_kinds), key=lambda k: (-drawn_kinds.count(k), EVENT_KINDS.index(k)))[:4]
    frame(canvas, lang, t("timeline.title", lang), lines, [(t(f"event.kind.{k}", lang), kind_color(k)) for k in common])
    spans = [event_span(s, e) for s, e in zip(events["date_start"], events["date_end"])]
    dated = [(span, region, kind) for span, region, kind in zip(spans, events["kr_region_id"], events["kind"]) if span]
    if not dated:
        return
    first = min(s.start for s, _, _ in dated).year
    last = max(s.end for s, _, _ in dated).year + 1
    origin, finish = dt.date(first, 1, 1), dt.date(last, 1, 1)
    rank = {region: i for i, region in enumerate(("korea", *OFFICIAL_ORDER))}
    bands = sorted(dict.fromkeys(r for _, r, _ in dated), key=lambda r: (rank.get(r, len(rank)), r))
    names = dict(zip(data.entities["id"], data.entities[f"name_{lang}"]))
    others = dict(zip(data.entities["id"], data.entities["name_en" if lang == "ko" else "name_ko"]))
    left, y0, x1, y1 = PICTURE
    x0 = left + 118  # the bands' names
    axis = y1 - 26
    band = (axis - y0) / max(len(bands), 1)
    size = 15 if band >= 22 else 12
    for i, region in enumerate(bands):
        if i % 2 == 0:
            canvas.rect((left, y0 + i * band, x1, y0 + (i + 1) * band), fill="#f3f5f8")
        name = label(names.get(region, region), others.get(region, ""), region)
        if name:
            canvas.text((x0 - 8, y0 + (i + 0.5) * band), short(name, size, 108), size, INK, anchor="rm")
    step = max(1, (last - first) // 6)
    for year in range(first, last + 1, step):
        x = x0 + (x1 - x0) * (dt.date(year, 1, 1) - origin).days / max(1, (finish - origin).days)
        canvas.line([(x, y0), (x, axis)], RULE, 1)
        canvas.text((x, axis + 6), str(year), 18, MUTED, anchor="ma")
    row = {region: i for i, region in enumerate(bands)}
    for span, region, kind in dated:
        middle = span.start + (span.end - span.start) / 2
        x = x0 + (x1 - x0) * (middle - origin).days / max(1, (finish - origin).days)
        canvas.dot(x, y0 + (row[region] + 0.5) * band, min(6.0, band * 0.36), kind_color(kind), "#ffffff", 0.8)


def _sources(data: Dataset, lang: str, canvas: Canvas) -> None:
    from components.views.sources import VERDICTS, verdict_counts

    seed = _seed(data)
    counts = verdict_counts(seed)
    names = {v: t(f"sources.verdict.{v}", lang) for v in VERDICTS}
    frame(canvas, lang, t("sources.title", lang), [t("sources.claims.heading", lang)],
          [*((f"{names[v]} ({counts[v]})", VERDICT_HEX[v]) for v in VERDICTS if counts[v]),
           (t("sources.list.count", lang, count=len(seed.sources)), SOURCE_BLUE)])
    # One square a claim, coloured by its verdict and marked with its symbol (never colour alone), in the ledger's
    # order of verdicts; under them one small square a source.
    x0, y0, x1, y1 = PICTURE
    claims = [v for v in VERDICTS for _ in range(counts[v])]
    cell = _grid_cell(len(claims), x1 - x0, (y1 - y0) * 0.45, 96.0)
    per_row = max(1, int((x1 - x0) // cell))
    for i, verdict in enumerate(claims):
        x, y = x0 + (i % per_row) * cell, y0 + (i // per_row) * cell
        canvas.rect((x, y, x + cell - 8, y + cell - 8), fill=VERDICT_HEX[verdict], radius=6)
        _verdict_mark(canvas, verdict, x + (cell - 8) / 2, y + (cell - 8) / 2, (cell - 8) * 0.22)
    top = y0 + math.ceil(len(claims) / per_row) * cell + 24
    small = _grid_cell(len(seed.sources), x1 - x0, y1 - top, 44.0)
    per_row = max(1, int((x1 - x0) // small))
    room = max(0, int((y1 - top) // small)) * per_row
    for i in range(min(len(seed.sources), room)):
        x, y = x0 + (i % per_row) * small, top + (i // per_row) * small
        canvas.rect((x, y, x + small - 5, y + small - 5), fill=SOURCE_BLUE, radius=3)


def _verdict_mark(canvas: Canvas, verdict: str, x: float, y: float, r: float) -> None:
    """The ledger's symbol of a verdict (✔ ! ↺ ? ✘) drawn as lines: the font has not all of them."""
    white, width = "#ffffff", max(2.0, r * 0.28)
    if verdict == "consistent":
        canvas.line([(x - r, y), (x - r * 0.3, y + r * 0.7), (x + r, y - r * 0.7)], white, width)
    elif verdict == "incorrect":
        canvas.line([(x - r * 0.8, y - r * 0.8), (x + r * 0.8, y + r * 0.8)], white, width)
        canvas.line([(x - r * 0.8, y + r * 0.8), (x + r * 0.8, y - r * 0.8)], white, width)
    elif verdict == "outdated":
        canvas.draw.arc([v * SCALE for v in (x - r, y - r, x + r, y + r)], 200, 500, fill=white,
                        width=round(width * SCALE))
        canvas.polygon([(x - r * 1.35, y - r * 0.55), (x - r * 0.55, y - r * 0.55), (x - r * 0.95, y + r * 0.1)], white)
    else:
        canvas.text((x, y), "!" if verdict == "needs_context" else "?", int(r * 2.4), white, "bold", anchor="mm")


def _grid_cell(count: int, width: float, height: float, largest: float) -> float:
    """The largest square cell (up to `largest` px) that fits `count` cells in rows across `width` × `height`."""
    cell = largest
    while cell > 6 and math.ceil(count / max(1, int(width // cell))) * cell > height:
        cell -= 1
    return cell


DRAWERS: dict[str, Callable[[Dataset, str, Canvas], None]] = {
    "overview": _overview, "network": _network, "delegation": _delegation, "economy": _economy, "mou": _mou,
    "regions": _regions, "timeline": _timeline, "story": _story, "sources": _sources,
}


def preview_png(data: Dataset, page: str, lang: str) -> bytes:
    """The 1200×630 PNG of `page`'s default view in `lang` (ValueError for a page or language not in PAGES/LANGS)."""
    if page not in DRAWERS or lang not in LANGS:
        raise ValueError(f"no preview for page {page!r} in language {lang!r}")
    canvas = Canvas()
    try:
        DRAWERS[page](data, lang, canvas)
    except (KeyError, ValueError, IndexError):  # a package without what the view needs: the title alone
        canvas = Canvas()
        frame(canvas, lang, t(f"{page}.title", lang), [])
    return canvas.png()
