/* The network (components/web/network.py; payload: components/web/render/network.py; drawing code:
   static/krcn/network.js with vis-network from static/vendor/).

   Python sends: {asset, render_asset, text, nodes, edges, ...}; the browser loads vis-network and network.js
   once and draws. What comes back: the trigger `clicked` with the id of a node the visitor clicked. */
// imported at this module's version (kit.py's ?v=), so a new release never meets a cached old helper
const { decode, loadScript, showFailure } = await import(new URL('./common.js' + new URL(import.meta.url).search, import.meta.url).href);

export function network(component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.krcn-net');
  const status = root.querySelector('.krcn-net-status');
  const d = decode(data);
  let drawn = null;
  let cancelled = false;
  root.dataset.state = 'loading';
  status.textContent = (d.text && d.text.loading) || '';
  Promise.all([loadScript(d.asset, 'vis'), loadScript(d.render_asset, 'krcnRender')])
    .then(([vis, render]) => {
      if (cancelled) return;
      drawn = render(vis, root, d, (nodeId) => setTriggerValue('clicked', nodeId));
      window.__krcnNetwork = drawn;
    })
    .catch((err) => { if (!cancelled) showFailure(root, status, d, err); });
  return () => {
    cancelled = true;
    if (drawn) drawn.destroy();
    if (window.__krcnNetwork === drawn) window.__krcnNetwork = null;
  };
}
