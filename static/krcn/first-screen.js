/* Hands the pre-rendered first screen (components/host/page_html.py: a fixed overlay above Streamlit's page) over
   to Streamlit once Streamlit has drawn the page underneath: its title is in the main area, its script has
   finished, and no element is still a loading skeleton. At once if Streamlit shows an exception or a dialog (a
   connection error, say); in any case after TIME_LIMIT_MS, so the overlay can never stay stuck. The visitor's
   scroll position moves with them. Without JavaScript this never runs and the overlay stays: a readable page with
   links to every page. */
(function () {
  "use strict";
  var TIME_LIMIT_MS = 45000;  // a first visit on a slow phone draws in ~15-20 s; never keep the overlay longer
  var CHECK_MS = 100;
  var overlay = document.getElementById("krcn-first");
  if (!overlay) return;
  var started = Date.now();

  function streamlitDrawn() {
    if (document.querySelector('[data-testid="stException"], [role="dialog"]')) return true;
    var app = document.querySelector('[data-testid="stApp"]');
    var main = document.querySelector('[data-testid="stMain"]');
    if (!app || !main || !main.querySelector("h1")) return false;
    if (app.getAttribute("data-test-script-state") === "running") return false;
    return !main.querySelector('[data-testid="stSkeleton"]');
  }

  function scroller() {
    // the element Streamlit scrolls its page in (it is not the window)
    var main = document.querySelector('[data-testid="stMain"]');
    for (var el = main; el && el !== document.body; el = el.parentElement) {
      var style = getComputedStyle(el);
      if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) return el;
    }
    return document.scrollingElement;
  }

  function keepScroll(wanted) {
    // Streamlit's page may still be growing (lazily drawn elements): set the position again for a few seconds
    // while it is short of it, until the visitor scrolls themselves.
    var until = Date.now() + 5000;
    var moved = false;
    ["wheel", "touchstart", "keydown"].forEach(function (name) {
      window.addEventListener(name, function () { moved = true; }, { once: true, passive: true });
    });
    (function again() {
      var target = scroller();
      if (moved || !target) return;
      if (target.scrollTop < wanted - 1) target.scrollTop = wanted;
      if (target.scrollTop < wanted - 1 && Date.now() < until) requestAnimationFrame(again);
    })();
  }

  function handOver() {
    var scrolled = overlay.scrollTop;
    overlay.remove();
    if (scrolled > 0) keepScroll(scrolled);
    document.documentElement.setAttribute("data-krcn-first", "handed-over");
  }

  (function check() {
    if (streamlitDrawn() || Date.now() - started > TIME_LIMIT_MS) {
      // one more frame: let Streamlit's drawing reach the screen before the overlay goes (no blank frame)
      requestAnimationFrame(function () { requestAnimationFrame(handOver); });
      return;
    }
    setTimeout(check, CHECK_MS);
  })();
})();
