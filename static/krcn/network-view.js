/* The network (components/web/network.py; payload: components/web/render/network.py; drawing code:
   static/krcn/network.js with vis-network from static/vendor/).

   Python sends: {asset, render_asset, text, nodes, edges, ...}; the browser loads vis-network and network.js
   once and draws. What comes back: the trigger `clicked` with the id of a node the visitor clicked.

   A network that lies further than half a screen below the viewport (an event opened on /timeline, under its
   chart and table) waits, data-state="waiting", until it is scrolled that near: the page is drawn sooner, and a
   visitor who never scrolls there never downloads vis-network (650 KB, 154 KB compressed). kit.py's stub
   preloads it only when the network is that near at once (on /network and /story it is, on a phone too). */
// imported at this module's version (kit.py's ?v=), so a new release never meets a cached old helper
const { decode, loadScript, showFailure } = await import(new URL('./common.js' + new URL(import.meta.url).search, import.meta.url).href);

export function network(component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.krcn-net');
  const status = root.querySelector('.krcn-net-status');
  const d = decode(data);
  let drawn = null;
  let cancelled = false;
  status.textContent = (d.text && d.text.loading) || '';
  const draw = () => {
    root.dataset.state = 'loading';
    Promise.all([loadScript(d.asset, 'vis'), loadScript(d.render_asset, 'krcnRender')])
      .then(([vis, render]) => {
        if (cancelled) return;
        drawn = render(vis, root, d, (nodeId) => setTriggerValue('clicked', nodeId));
        window.__krcnNetwork = drawn;
      })
      .catch((err) => { if (!cancelled) showFailure(root, status, d, err); });
  };
  let watcher = null;
  if (window.vis || nearViewport(root) || !('IntersectionObserver' in window)) {
    draw();
  } else {
    root.dataset.state = 'waiting';
    watcher = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      watcher.disconnect();
      watcher = null;
      draw();
    }, { rootMargin: '0px 0px 50% 0px' });
    watcher.observe(root);
  }
  return () => {
    cancelled = true;
    if (watcher) watcher.disconnect();
    if (drawn) drawn.destroy();
    if (window.__krcnNetwork === drawn) window.__krcnNetwork = null;
  };
}

function nearViewport(el) {
  // within half a screen below the viewport's bottom (or anywhere above it): draw now
  return el.getBoundingClientRect().top < window.innerHeight * 1.5;
}
