/* The network drawing (vis-network), shared by the /network page's component (components/ui_network.py loads it
   with static/krcn/network-view.js) and the offline HTML file (components/network_render.py inlines it). A classic script:
   it defines krcnRender(vis, root, data, onNodeClick) and its helpers as globals, all prefixed krcn. */
const KRCN_SVG = 'http://www.w3.org/2000/svg';

function krcnEl(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined && text !== null) el.textContent = String(text);
  return el;
}

function krcnSvg(tag, attrs) {
  const el = document.createElementNS(KRCN_SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function krcnShapeIcon(item, theme) {
  const svg = krcnSvg('svg', { width: 22, height: 18, viewBox: '0 0 22 18', 'aria-hidden': 'true', focusable: 'false' });
  const fill = item.color || (item.outline ? 'none' : theme.muted);
  const stroke = item.focused ? theme.text : (item.dashed ? theme.text : (item.color || theme.muted));
  const common = { fill: fill, stroke: stroke, 'stroke-width': item.focused ? 3 : 1.5 };
  if (item.dashed) common['stroke-dasharray'] = '3 2';
  if (item.faded) common.opacity = 0.25;
  let el;
  switch (item.shape) {
    case 'square': el = krcnSvg('rect', Object.assign({ x: 5, y: 3, width: 12, height: 12 }, common)); break;
    case 'diamond': el = krcnSvg('polygon', Object.assign({ points: '11,1.5 18.5,9 11,16.5 3.5,9' }, common)); break;
    case 'triangle': el = krcnSvg('polygon', Object.assign({ points: '11,2 18.5,15.5 3.5,15.5' }, common)); break;
    case 'triangleDown': el = krcnSvg('polygon', Object.assign({ points: '3.5,2.5 18.5,2.5 11,16' }, common)); break;
    case 'star': el = krcnSvg('polygon', Object.assign({ points: '11,1.5 13.2,6.6 18.6,6.9 14.4,10.4 15.8,15.8 11,12.9 6.2,15.8 7.6,10.4 3.4,6.9 8.8,6.6' }, common)); break;
    case 'hexagon': el = krcnSvg('polygon', Object.assign({ points: '7,2 15,2 19,9 15,16 7,16 3,9' }, common)); break;
    case 'box': el = krcnSvg('rect', Object.assign({ x: 1.5, y: 4, width: 19, height: 10, rx: 2 }, common)); break;
    case 'ellipse': el = krcnSvg('ellipse', Object.assign({ cx: 11, cy: 9, rx: 9.5, ry: 5.5 }, common)); break;
    case 'database': el = krcnSvg('path', Object.assign({ d: 'M4,5 a7,2.5 0 0 1 14,0 v8 a7,2.5 0 0 1 -14,0 z' }, common)); break;
    default: el = krcnSvg('circle', Object.assign({ cx: 11, cy: 9, r: 6 }, common));
  }
  svg.appendChild(el);
  return svg;
}

function krcnLineIcon(item, theme) {
  const svg = krcnSvg('svg', { width: 30, height: 18, viewBox: '0 0 30 18', 'aria-hidden': 'true', focusable: 'false' });
  const colour = item.muted ? theme.muted : theme.edge;
  const line = krcnSvg('line', { x1: 2, y1: 9, x2: item.arrow ? 22 : 28, y2: 9, stroke: colour, 'stroke-width': item.muted ? 1.5 : 2 });
  if (item.dashes) line.setAttribute('stroke-dasharray', item.dashes);
  svg.appendChild(line);
  if (item.arrow) svg.appendChild(krcnSvg('polygon', { points: '21,4.5 28,9 21,13.5', fill: colour }));
  return svg;
}

function krcnLegend(el, legend, theme) {
  el.replaceChildren();
  if (!legend) return;
  el.appendChild(krcnEl('div', 'krcn-net-legend-title', legend.title));
  for (const group of legend.groups) {
    const box = krcnEl('div', 'krcn-net-legend-group');
    box.appendChild(krcnEl('div', 'krcn-net-legend-heading', group.title));
    const list = krcnEl('ul', 'krcn-net-legend-list');
    for (const item of group.items) {
      const li = krcnEl('li', 'krcn-net-legend-item');
      if (item.icon === 'swatch') {
        const svg = krcnSvg('svg', { width: 22, height: 18, viewBox: '0 0 22 18', 'aria-hidden': 'true', focusable: 'false' });
        svg.appendChild(krcnSvg('circle', { cx: 11, cy: 9, r: 7, fill: item.color }));
        li.appendChild(svg);
      } else if (item.icon === 'line') {
        li.appendChild(krcnLineIcon(item, theme));
      } else {
        li.appendChild(krcnShapeIcon(item, theme));
      }
      li.appendChild(krcnEl('span', '', item.text));
      list.appendChild(li);
    }
    box.appendChild(list);
    el.appendChild(box);
  }
}

function krcnLuminance(colour) {
  const m = /^#?([0-9a-f]{6})$/i.exec(colour || '');
  if (!m) {
    const rgb = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(colour || '');
    if (!rgb) return 1;
    return (0.2126 * rgb[1] + 0.7152 * rgb[2] + 0.0722 * rgb[3]) / 255;
  }
  const n = parseInt(m[1], 16);
  return (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
}

function krcnAlpha(colour, alpha) {
  const m = /^#?([0-9a-f]{6})$/i.exec(colour || '');
  if (m) {
    const n = parseInt(m[1], 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  const rgb = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(colour || '');
  return rgb ? 'rgba(' + rgb[1] + ',' + rgb[2] + ',' + rgb[3] + ',' + alpha + ')' : colour;
}

function krcnThemeFrom(root, d) {
  // Follow the theme the page shows now (Streamlit's CSS variables), else the server's guess.
  const css = getComputedStyle(root);
  const read = (name) => (css.getPropertyValue(name) || '').trim();
  const bg = read('--st-background-color');
  const themes = d.themes || {};
  let base = d.theme || themes.light || {};
  if (bg && themes.dark && themes.light) base = krcnLuminance(bg) < 0.45 ? themes.dark : themes.light;
  const theme = Object.assign({}, base);
  const text = read('--st-text-color');
  if (text) theme.text = text;
  if (bg) theme.background = bg;
  const font = read('--st-font');
  if (font) theme.font = font;
  return theme;
}

function krcnApplyTheme(d, theme) {
  const options = JSON.parse(JSON.stringify(d.options || {}));
  if (options.nodes && options.nodes.font) {
    options.nodes.font.color = theme.text;
    options.nodes.font.strokeColor = theme.background;
    if (theme.font) options.nodes.font.face = theme.font;
  }
  if (options.edges && options.edges.font) {
    options.edges.font.color = theme.text;
    options.edges.font.strokeColor = theme.background;
    if (theme.font) options.edges.font.face = theme.font;
  }
  const nodes = (d.nodes || []).map((n) => {
    const copy = Object.assign({}, n);
    const colour = typeof copy.color === 'string'
      ? { background: copy.color, border: copy.color }
      : Object.assign({}, copy.color || {});
    if (copy.focused || copy.uncertain) colour.border = theme.text;
    colour.highlight = { background: colour.background, border: theme.text };
    colour.hover = { background: colour.background, border: theme.text };
    copy.color = colour;
    if (copy.faded) {
      const base = copy.font && copy.font.color ? copy.font.color : theme.text;
      copy.font = Object.assign({}, copy.font || {}, { color: krcnAlpha(base, 0.35), strokeWidth: 0 });
    }
    delete copy.focused;
    delete copy.uncertain;
    delete copy.faded;
    return copy;
  });
  const edges = (d.edges || []).map((e) => {
    const copy = Object.assign({}, e);
    copy.color = { color: copy.muted ? theme.muted : theme.edge, highlight: theme.text, hover: theme.text, inherit: false };
    if (copy.faded) copy.color.opacity = 0.15;
    delete copy.muted;
    delete copy.faded;
    return copy;
  });
  return { options: options, nodes: nodes, edges: edges };
}

function krcnRender(vis, root, d, onNodeClick) {
  const host = root.querySelector('.krcn-net-canvas');
  const status = root.querySelector('.krcn-net-status');
  const theme = krcnThemeFrom(root, d);
  krcnLegend(root.querySelector('.krcn-net-legend'), d.legend, theme);
  host.setAttribute('aria-label', (d.text && d.text.aria) || '');
  const text = d.text || {};
  const buttons = {};
  root.querySelectorAll('.krcn-net-btn').forEach((b) => { buttons[b.dataset.action] = b; });
  const full = () => root.classList.contains('krcn-net--full');
  const label = (b, name) => { if (b) { b.textContent = text[name] || name; b.title = text[name + '_help'] || text[name] || name; } };
  label(buttons['zoom-out'], 'zoom_out');
  label(buttons['zoom-in'], 'zoom_in');
  label(buttons.fit, 'fit');
  label(buttons.full, full() ? 'exit_full' : 'full');
  if (!d.nodes || !d.nodes.length) {
    host.replaceChildren();
    status.textContent = (d.text && d.text.empty) || '';
    root.dataset.state = 'empty';
    return null;
  }
  const themed = krcnApplyTheme(d, theme);
  const network = new vis.Network(
    host,
    { nodes: new vis.DataSet(themed.nodes), edges: new vis.DataSet(themed.edges) },
    themed.options
  );
  const fitView = (animate) => {
    // fit() measures label sizes only once they have been drawn: refit after the first drawing (below).
    network.fit({ animation: false, maxZoomLevel: 1.1 });
    const view = { scale: network.getScale() * 0.97, position: network.getViewPosition() };
    if (animate) view.animation = { duration: 250 };
    network.moveTo(view);
  };
  fitView(false);
  network.once('afterDrawing', () => {
    fitView(false);
    root.dataset.state = 'drawn';
    status.textContent = '';
  });
  network.on('click', (params) => {
    if (onNodeClick && params.nodes && params.nodes.length) onNodeClick(String(params.nodes[0]));
  });
  network.on('hoverNode', () => { host.style.cursor = 'pointer'; });
  network.on('blurNode', () => { host.style.cursor = ''; });
  if (d.focus) {
    try { network.selectNodes([d.focus], false); } catch (e) { /* focus not drawn */ }
  }
  const zoom = (factor) => network.moveTo({ scale: network.getScale() * factor, animation: { duration: 200 } });
  if (buttons['zoom-in']) buttons['zoom-in'].onclick = () => zoom(1.3);
  if (buttons['zoom-out']) buttons['zoom-out'].onclick = () => zoom(1 / 1.3);
  if (buttons.fit) buttons.fit.onclick = () => fitView(true);
  const setFull = (on) => {
    root.classList.toggle('krcn-net--full', on);
    label(buttons.full, on ? 'exit_full' : 'full');
    // wait for the new box, resize the canvas to it, then fit the picture into it
    requestAnimationFrame(() => requestAnimationFrame(() => {
      network.setSize('100%', '100%');
      network.redraw();
      fitView(false);
    }));
  };
  if (buttons.full) buttons.full.onclick = () => setFull(!full());
  root.onkeydown = (ev) => { if (ev.key === 'Escape' && full()) setFull(false); };
  if (!host.dataset.wheelGuard) {
    // The page keeps scrolling under the mouse; zoom with Ctrl/⌘ + wheel, pinch or the buttons.
    host.addEventListener('wheel', (ev) => { if (!ev.ctrlKey && !ev.metaKey) ev.stopPropagation(); }, { capture: true });
    host.dataset.wheelGuard = '1';
  }
  return network;
}
