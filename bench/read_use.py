"""Time to read and time to use (GitHub issue 27, item 5), measured inside the page (bench/benchmark.py
`--measures read,use`).

**Time to read**: ms from navigation start until the view's title and its lead are both on screen — painted, a
non-zero box, not covered by anything, in the viewport — whichever draws them first, the pre-rendered first screen
(the `#krcn-first` overlay) or Streamlit. An init script (READ_JS) checks on every animation frame and records
`performance.now()` (0 = navigation start) just after the first frame in which both are visible. The app's title
and lead are the texts its page builds (components/views/first_screen.py); the peer and the empty app are read by
their page's own first `<h1>` and the first paragraph of text after it in the main area (a page of the peer with no
such paragraph is read by its title alone: `lead: false` in the samples).

**Time to use**: Streamlit has drawn the page (READY: its script not running and connected, no skeleton left, the
overlay handed over if there is one, the control there), recorded in the same loop; right then the benchmark
changes one control (the app: the language radio; the empty app: its one radio, `?use=1`; the peer: a sector in
its multiselect; on a phone the sidebar is opened first, as a visitor must) and time to use is the moment that
control's rerun has drawn and gone quiet (bench/probe.py's interact: the last DOM change of the rerun).
"""
from __future__ import annotations

import json
import time
from functools import lru_cache

from bench.common import PAGES, ROOT, median

# the control each target's time to use changes, and what a visitor picks in it
CONTROL = {
    "app": '[data-testid="stSidebar"] [data-testid="stRadio"]',
    "empty": '[data-testid="stSidebar"] [data-testid="stRadio"]',
    "peer": '[data-testid="stSidebar"] [data-testid="stMultiSelect"]',
}
EMPTY_QUERY = "use=1"  # bench/empty_app.py draws a title, a lead and one radio only when asked (its other measures stay empty)
BLOCK_PERIOD_MS = 3000  # Chromium hides text in a `font-display: block` (or auto) web font this long while it loads
# ... but a `font-display: auto` font (Streamlit's Source Sans) no later than this after navigation: Chromium then draws
# the fallback in time for its LCP goal (checked against screencast frames: the phone's first screen went blank at
# 1.1 s when Streamlit's stylesheet named the font, and its text was back, in the fallback font, by 2.05 s)
AUTO_LIMIT_MS = 2000

GOALS = {
    "read_proxy_ms": 1000,  # phone, behind deploy/
    "read_direct_ms": 1500,  # phone, a bare link
    "use_direct_over_proxy": 1.15,  # the same page, bare link ÷ behind deploy/
    "use_proxy_over_empty": 1.3,  # behind deploy/, the app ÷ the empty app
}

READ_JS = r"""
(() => {
  if (window.parent !== window) return;  // not in the peer's iframe
  const want = __WANT__;
  const BLOCK_MS = __BLOCK_MS__, AUTO_LIMIT_MS = __AUTO_LIMIT_MS__;
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const r = window.__benchRead = {title: null, lead: null, both: null, ready: null, by: null, gaps: 0, gap_ms: 0,
                                  title_text: null, lead_text: null, hasLead: null, fontWaits: 0, gap_at: []};
  let dirty = true, titles = [], leads = [], hiddenSince = null, stopped = false;
  new MutationObserver(() => { dirty = true; })
    .observe(document, {subtree: true, childList: true, characterData: true});
  const loadingSince = new Map();  // FontFace -> when it was first seen loading

  function families(css) {
    return css.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
  }
  // Painted: the text's font is there. Text in a web font still loading with `font-display: block`/`auto` is drawn
  // invisible for up to BLOCK_MS; any other font, a loaded one, or a font that failed is drawn at once.
  function painted(el, text) {
    if (!document.fonts) return true;
    const cs = getComputedStyle(el);
    const faces = [...document.fonts];
    for (const family of families(cs.fontFamily)) {
      const mine = faces.filter((f) => families(f.family)[0] === family);
      if (!mine.length) return true;  // not a web font: the system's, or skipped at once
      let ready = false;
      try {
        ready = document.fonts.check(`${cs.fontStyle} ${cs.fontWeight} 16px "${family}"`, text.slice(0, 40));
      } catch (e) { ready = true; }
      if (ready) return true;
      const now = performance.now();
      const waiting = mine.filter((f) => (f.status === 'loading' || f.status === 'unloaded')
        && (f.display === 'block' || f.display === 'auto'));
      if (!waiting.length) return true;  // swap, fallback or optional: drawn in the next family meanwhile
      for (const f of waiting) if (f.status === 'loading' && !loadingSince.has(f)) loadingSince.set(f, now);
      // the block period is over (a fallback font is drawn): BLOCK_MS after the font began loading, and for
      // `auto` no later than AUTO_LIMIT_MS after navigation (Chromium swaps such fonts in time for its LCP goal)
      const ends = Math.min(...waiting.map((f) => {
        const blockEnds = (loadingSince.has(f) ? loadingSince.get(f) : now) + BLOCK_MS;
        return f.display === 'auto' ? Math.min(blockEnds, AUTO_LIMIT_MS) : blockEnds;
      }));
      if (now >= ends) return true;
      r.fontWaits += 1;
      return false;
    }
    return true;
  }
  // On screen: a non-zero box in the viewport, not hidden (visibility, opacity, display), and what is drawn at
  // the middle of its first line in view is the element itself or inside it (nothing covers it).
  function onScreen(el) {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true,
                                                   contentVisibilityAuto: true})) return false;
    const vw = window.innerWidth, vh = window.innerHeight;
    const box = [...el.getClientRects()].find((b) => b.width > 0 && b.height > 0
      && b.bottom > 0 && b.right > 0 && b.top < vh && b.left < vw);
    if (!box) return false;
    const x = (Math.max(box.left, 0) + Math.min(box.right, vw)) / 2;
    const y = (Math.max(box.top, 0) + Math.min(box.bottom, vh)) / 2;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === el || el.contains(hit));
  }
  function visible(el) { return onScreen(el) && painted(el, norm(el.textContent)); }

  function candidates() {
    if (want.title !== null) {
      titles = [...document.querySelectorAll('h1')].filter((h) => norm(h.textContent) === want.title);
      leads = [...document.querySelectorAll('p')].filter((p) => norm(p.textContent) === want.lead);
      return;
    }
    // the peer and the empty app: their page's own first title, and the first paragraph after it
    const main = document.querySelector('[data-testid="stMain"]');
    const h1 = main && [...main.querySelectorAll('h1')].find((h) => norm(h.textContent));
    titles = h1 ? [h1] : [];
    leads = [];
    if (h1) {
      const p = [...main.querySelectorAll('[data-testid="stMarkdown"] p, [data-testid="stCaptionContainer"] p')]
        .find((el) => norm(el.textContent) && !h1.contains(el)
          && (h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
      if (p) leads = [p];
    }
  }

  function isReady() {
    if (!document.querySelector(want.ready)) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    if (document.getElementById('krcn-first')) return false;  // the pre-rendered screen not yet handed over
    return !!document.querySelector(want.control);
  }

  function check() {
    const now = performance.now();
    if (dirty) { dirty = false; candidates(); }
    const title = titles.find(visible);
    const lead = leads.find(visible);
    if (title && r.title === null) { r.title = now; r.title_text = norm(title.textContent); }
    if (lead && r.lead === null) { r.lead = now; r.lead_text = norm(lead.textContent).slice(0, 200); }
    const readable = !!title && !!lead;
    if (readable && r.both === null) {
      r.both = now;
      r.by = title.closest('#krcn-first') ? 'first screen' : 'streamlit';
      r.hasLead = true;
    } else if (want.title === null && r.both === null && r.ready !== null && r.title !== null && !leads.length) {
      // the peer's and the empty app's lead is optional: a page drawn with no paragraph after its title is
      // read by its title alone
      r.both = r.title;
      r.by = 'streamlit';
      r.hasLead = false;
    } else if (r.both !== null && r.ready === null) {  // shown, then gone again before Streamlit was drawn
      if (!readable && hiddenSince === null) { hiddenSince = now; r.gaps += 1; r.gap_at.push([now, null]); }
      if (readable && hiddenSince !== null) {
        r.gap_ms += now - hiddenSince; hiddenSince = null; r.gap_at[r.gap_at.length - 1][1] = now;
      }
    }
    if (r.ready === null && isReady()) {
      r.ready = now;
      if (hiddenSince !== null) { r.gap_ms += now - hiddenSince; hiddenSince = null; }
    }
  }

  function frame() {
    if (stopped) return;
    try { check(); } catch (e) { r.error = String(e).slice(0, 200); }
    if (r.ready !== null && r.both !== null) { stopped = true; return; }
    requestAnimationFrame(() => setTimeout(frame, 0));  // after the frame is drawn: its paint has happened
  }
  r.stop = () => { stopped = true; };
  requestAnimationFrame(() => setTimeout(frame, 0));
})();
"""


def read_script(title: str | None, lead: str | None, control: str, ready: str) -> str:
    """READ_JS for one visit: the title and lead to wait for (None: the page's own first h1 and paragraph), the
    control that must be there for the page to count as drawn, and Streamlit's ready selector."""
    want = {"title": _norm(title) if title is not None else None, "lead": _norm(lead) if lead is not None else None,
            "control": control, "ready": ready}
    return READ_JS.replace("__WANT__", json.dumps(want, ensure_ascii=False)).replace(
        "__BLOCK_MS__", str(BLOCK_PERIOD_MS)).replace("__AUTO_LIMIT_MS__", str(AUTO_LIMIT_MS))


def _norm(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=None)
def app_texts(page_id: str, lang: str = "en") -> tuple[str, str]:
    """The app's title and lead of `page_id` for a link without parameters, from the builder its page and its
    pre-rendered first screen use."""
    from components.views.first_screen import first_screen

    screen = first_screen(_dataset(), page_id, {"lang": [lang]}, None)
    return screen.title, screen.lead


@lru_cache(maxsize=1)
def _dataset():
    from components.data.dataset import load_dataset

    return load_dataset(ROOT / "data")


def visit_url(base_url: str, target: str) -> str:
    """The empty app draws its title, lead and radio only on `?use=1`."""
    if target != "empty":
        return base_url
    return base_url + ("&" if "?" in base_url else "?") + EMPTY_QUERY


# --- one visit -------------------------------------------------------------------------------------------

READ_STATE_JS = "() => { const r = window.__benchRead; return r ? Object.assign({}, r, {stop: undefined}) : null; }"
# What held a slow visit up: the document's own timing and any request that took over 5 s (start, duration, ms)
SLOW_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const slow = performance.getEntriesByType('resource').filter((e) => e.duration > 5000)
    .map((e) => [new URL(e.name).pathname.slice(-80), Math.round(e.startTime), Math.round(e.duration)]);
  const stcore = performance.getEntriesByType('resource').filter((e) => e.name.includes('/_stcore/')).slice(0, 12)
    .map((e) => [new URL(e.name).pathname.slice(-40), Math.round(e.startTime), Math.round(e.duration),
                 e.responseStatus || 0]);
  return {document: [Math.round(nav.responseStart || 0), Math.round(nav.responseEnd || 0),
                     Math.round(nav.domContentLoadedEventEnd || 0)], slow, stcore};
}"""


def open_sidebar(page) -> bool:
    """On a phone Streamlit starts with the sidebar closed: tap its opener, as a visitor must. True if it was."""
    opener = page.locator('[data-testid="stExpandSidebarButton"]')
    if opener.count() and opener.first.is_visible():
        opener.first.click()
        return True
    return False


def read_use_visit(probe, url: str, target: str, control, timeout_ms: float, measures: tuple[str, ...]) -> dict:
    """Navigate (a fresh context with READ_JS installed), wait until Streamlit has drawn the page, change the
    control (`control(probe, timeout_ms)` -> an interaction result) and return the visit's numbers, in ms from
    navigation start."""
    probe.reset_bytes()
    started = time.monotonic()
    sockets: list[list] = []  # the WebSocket's life, ms after navigation (what a slow visit waited for)
    for event, name in (("Network.webSocketCreated", "created"), ("Network.webSocketHandshakeResponseReceived", "open"),
                        ("Network.webSocketFrameError", "error"), ("Network.webSocketClosed", "closed")):
        probe.cdp.on(event, lambda _e, name=name: sockets.append([name, round((time.monotonic() - started) * 1000)]))
    probe.page.goto(url, wait_until="commit", timeout=timeout_ms)
    probe.page.wait_for_function("() => window.__benchRead && window.__benchRead.ready !== null",
                                 polling="raf", timeout=timeout_ms)
    out: dict = {}
    if "use" in measures:
        clicks = []  # each attempt arms the probe before its click: a second one means the first started no run
        arm = probe.arm
        probe.arm = lambda: (clicks.append(1), arm())[1]
        try:
            opened = open_sidebar(probe.page)
            answer = control(probe, timeout_ms)
            mark = probe.mark()
            out.update(use_ms=mark + answer["ms"], answer_ms=answer["ms"], click_ms=mark, sidebar_opened=opened,
                       answer_bytes=answer["bytes"], clicks=len(clicks))
        except Exception as exc:  # noqa: BLE001 - the read is still worth keeping
            out.update(use_ms=None, use_error=f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        finally:
            probe.arm = arm
    state = probe.page.evaluate(READ_STATE_JS) or {}
    out["timing"] = probe.page.evaluate(SLOW_JS)
    out["timing"]["websocket"] = sockets[:8]
    probe.page.evaluate("() => window.__benchRead && window.__benchRead.stop()")
    out.update(read_ms=state.get("both"), title_ms=state.get("title"), lead_ms=state.get("lead"),
               ready_ms=state.get("ready"), read_by=state.get("by"), lead=state.get("hasLead"),
               gaps=state.get("gaps", 0), gap_ms=round(state.get("gap_ms") or 0, 1),
               gap_at=[[round(a or 0), round(b) if b is not None else None] for a, b in state.get("gap_at") or []],
               font_waits=state.get("fontWaits", 0), title_text=state.get("title_text"),
               script_error=state.get("error"))
    if "read" not in measures:
        for key in ("read_ms", "title_ms", "lead_ms", "read_by", "lead", "gaps", "gap_ms"):
            out.pop(key, None)
    return out


# --- summaries (pure) ------------------------------------------------------------------------------------

def spread(values: list[float], digits: int = 1) -> dict | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    r = (lambda v: round(float(v), digits))
    return {"median": r(median(values)), "min": r(min(values)), "max": r(max(values)), "n": len(values)}


def paired(top: list[dict], bottom: list[dict], what: str) -> dict | None:
    """Round by round, `what` of one side over the other's in the same round (a round missing or failed on
    either side is left out): median and range of the ratios."""
    by_round = {s.get("round"): s for s in bottom if s.get(what)}
    ratios = [s[what] / by_round[s.get("round")][what] for s in top
              if s.get(what) is not None and s.get("round") in by_round]
    return spread(ratios, 3)


def read_use_table(samples: dict[str, list[dict]], pages: list[str], profiles: list[str], vias: list[str],
                   targets: tuple[str, ...] = ("app", "peer", "empty"), prefix: str = "") -> dict:
    """profile -> via -> page -> {target: {read, use, ready, answer}, 'ratios': {...}} from samples keyed
    `{prefix}{profile}|{via}|{target}|{page}|readuse`."""
    def get(profile: str, via: str, target: str, page_id: str) -> list[dict]:
        return samples.get(f"{prefix}{profile}|{via}|{target}|{page_id}|readuse", [])

    out: dict = {}
    for profile in profiles:
        for via in vias:
            for page_id in pages:
                row: dict = {"path": PAGES[page_id]}
                for target in targets:
                    s = get(profile, via, target, page_id)
                    if not s:
                        continue
                    row[target] = {
                        "read": spread([x.get("read_ms") for x in s]),
                        "use": spread([x.get("use_ms") for x in s]),
                        "ready": spread([x.get("ready_ms") for x in s]),
                        "answer": spread([x.get("answer_ms") for x in s]),
                        "read_by": sorted({x["read_by"] for x in s if x.get("read_by")}),
                        "unread": sum(1 for x in s if x.get("read_ms") is None and "read_ms" in x),
                        "gaps": sum(x.get("gaps") or 0 for x in s),
                        "n": len(s),
                    }
                app, empty, peer = get(profile, via, "app", page_id), get(profile, via, "empty", page_id), \
                    get(profile, via, "peer", page_id)
                ratios = {"use app/empty": paired(app, empty, "use_ms"), "use app/peer": paired(app, peer, "use_ms"),
                          "read app/peer": paired(app, peer, "read_ms")}
                if via == "direct" and "proxy" in vias:
                    ratios["use direct/proxy"] = paired(app, get(profile, "proxy", "app", page_id), "use_ms")
                    ratios["read direct/proxy"] = paired(app, get(profile, "proxy", "app", page_id), "read_ms")
                row["ratios"] = ratios
                out.setdefault(profile, {}).setdefault(via, {})[page_id] = row
    return out


def _median(table: dict, profile: str, via: str, page_id: str, *path: str):
    node = table.get(profile, {}).get(via, {}).get(page_id, {})
    for key in path:
        node = (node or {}).get(key)
    return (node or {}).get("median") if isinstance(node, dict) else None


def read_use_goals(table: dict, pages: list[str]) -> list[dict]:
    """Issue 27's goals with the numbers that decide them (app only); `met` None when not every page was
    measured and none missed."""
    out = []

    def goal(name: str, limit: float, values: dict) -> None:
        known = {k: v for k, v in values.items() if v is not None}
        misses = sorted(k for k, v in known.items() if v > limit)
        met = False if misses else (True if known and len(known) == len(values) else None)
        out.append({"goal": name, "limit": limit, "met": met, "values": values, "misses": misses})

    for profile in table:
        vias = table[profile]
        if profile == "phone":
            if "proxy" in vias:
                goal("phone, behind deploy/: time to read <= 1.0 s", GOALS["read_proxy_ms"],
                     {p: _median(table, profile, "proxy", p, "app", "read") for p in pages})
            if "direct" in vias:
                goal("phone, bare link: time to read <= 1.5 s", GOALS["read_direct_ms"],
                     {p: _median(table, profile, "direct", p, "app", "read") for p in pages})
        if "direct" in vias and "proxy" in vias:
            goal(f"{profile}: time to use, bare link / behind deploy/ <= 1.15", GOALS["use_direct_over_proxy"],
                 {p: _median(table, profile, "direct", p, "ratios", "use direct/proxy") for p in pages})
        if "proxy" in vias:
            goal(f"{profile}, behind deploy/: time to use / the empty app's <= 1.3", GOALS["use_proxy_over_empty"],
                 {p: _median(table, profile, "proxy", p, "ratios", "use app/empty") for p in pages})
    return out


def _s(ms) -> str:
    return "—" if ms is None else f"{ms / 1000:.2f}"


def _range_s(stats: dict | None) -> str:
    if not stats:
        return "—"
    if stats["n"] == 1 or stats["min"] == stats["max"]:
        return _s(stats["median"])
    return f"{_s(stats['median'])} ({_s(stats['min'])}–{_s(stats['max'])})"


def _x(stats: dict | None) -> str:
    if not stats:
        return "—"
    if stats["n"] == 1 or stats["min"] == stats["max"]:
        return f"{stats['median']:.2f}"
    return f"{stats['median']:.2f} ({stats['min']:.2f}–{stats['max']:.2f})"


def markdown_tables(table: dict) -> list[str]:
    """One table a profile and way in: seconds, median (range over the rounds), and the ratios of the goals."""
    lines: list[str] = []
    for profile, vias in table.items():
        for via, pages in vias.items():
            way = "bare link" if via == "direct" else "behind deploy/"
            lines += [f"\n**{profile}, {way}** — seconds from navigation, median (range)\n",
                      "| page | read: app / peer / empty | use: app / peer / empty | use app÷empty | use bare÷deploy/ |",
                      "|---|---|---|---|---|"]
            for row in pages.values():
                read = " / ".join(_range_s((row.get(t) or {}).get("read")) for t in ("app", "peer", "empty"))
                use = " / ".join(_range_s((row.get(t) or {}).get("use")) for t in ("app", "peer", "empty"))
                ratios = row.get("ratios", {})
                lines.append(f"| `{row['path']}` | {read} | {use} | {_x(ratios.get('use app/empty'))} "
                             f"| {_x(ratios.get('use direct/proxy'))} |")
    return lines
