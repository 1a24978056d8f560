/* The MOU's Sankey (components/views/mou.py::sankey_spec, geometry decided in Python): drawn as SVG with text
   labels for the width it gets, again when that width changes; pointing at a node keeps its flows in colour.
   Used by chart.js (the `chart` component with a `sankey` payload). */
// imported at this module's version (kit.py's ?v=), so a new release never meets a cached old helper
const { el } = await import(new URL('./common.js' + new URL(import.meta.url).search, import.meta.url).href);

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, children) {
  const node = document.createElementNS(SVG_NS, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null) return;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, String(v));
  });
  (children || []).forEach((c) => c && node.appendChild(c));
  return node;
}

function fitText(node, text, width) {
  // the label, cut with an ellipsis to `width` pixels (the whole label is in its hover title and the table)
  node.textContent = text;
  if (width <= 0 || node.getComputedTextLength() <= width) return;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    node.textContent = text.slice(0, mid) + '…';
    if (node.getComputedTextLength() <= width) lo = mid;
    else hi = mid - 1;
  }
  node.textContent = text.slice(0, lo).trimEnd() + '…';
}

const SANKEY_NODE = 14;  // node width (px)
const SANKEY_TOP = 26;   // room for the column titles

function drawSankey(plot, spec) {
  // a three-column Sankey from components/mou.sankey_spec: the geometry comes in fractions of the plot's
  // height; here it is scaled to the width the page gives and drawn as SVG with text labels
  const width = Math.max(280, plot.clientWidth || 600);
  const height = spec.height || 400;
  const narrow = width < 560;
  const inner = height - SANKEY_TOP - 6;
  const colX = [0, (width - SANKEY_NODE) / 2, width - SANKEY_NODE];
  const gap = colX[1] - SANKEY_NODE;  // between two columns
  const y = (f) => SANKEY_TOP + f * inner;
  const chart = svg('svg', {
    class: 'krcn-sankey', width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true',
    'font-size': narrow ? 12 : 13, 'font-family': getComputedStyle(plot).fontFamily,
  });
  const halo = getComputedStyle(plot).getPropertyValue('--st-background-color').trim() || '#ffffff';
  const links = svg('g', { class: 'sankey-links' });
  const paths = [];
  for (const link of spec.links || []) {
    const source = spec.nodes[link.source];
    const target = spec.nodes[link.target];
    const x0 = colX[source.column] + SANKEY_NODE;
    const x1 = colX[target.column];
    const xm = (x0 + x1) / 2;
    const d = `M${x0},${y(link.sy0)}C${xm},${y(link.sy0)} ${xm},${y(link.ty0)} ${x1},${y(link.ty0)}`
      + `L${x1},${y(link.ty1)}C${xm},${y(link.ty1)} ${xm},${y(link.sy1)} ${x0},${y(link.sy1)}Z`;
    const path = svg('path', { class: 'sankey-link' + (link.inferred ? ' sankey-inferred' : ''), d, fill: link.color },
      [svg('title', { text: link.title })]);
    paths.push(path);
    links.appendChild(path);
  }
  chart.appendChild(links);
  const titles = svg('g', { class: 'sankey-titles', fill: 'currentColor' });
  (spec.columns || []).forEach((column, i) => {
    const anchor = ['start', 'middle', 'end'][i];
    const x = [0, width / 2, width][i];
    titles.appendChild(svg('text', { x, y: 14, 'text-anchor': anchor, text: column.title }));
    if (column.note) {
      titles.appendChild(svg('text', { x: colX[i] + (i === 2 ? SANKEY_NODE : 0), y: SANKEY_TOP + inner / 2,
        'text-anchor': i === 2 ? 'end' : 'start', class: 'sankey-note', text: column.note }));
    }
  });
  chart.appendChild(titles);
  const nodes = svg('g', { class: 'sankey-nodes' });
  const labels = svg('g', { class: 'sankey-labels', fill: 'currentColor', stroke: halo });
  const placed = [];
  (spec.nodes || []).forEach((node, index) => {
    const top = y(node.y0);
    const tall = Math.max(2, y(node.y1) - top);
    nodes.appendChild(svg('rect', { class: 'sankey-node', x: colX[node.column], y: top, width: SANKEY_NODE,
      height: tall, fill: node.color, 'data-node': index }, [svg('title', { text: node.title })]));
    const last = node.column === 2;
    const label = svg('text', {
      x: last ? colX[2] - 5 : colX[node.column] + SANKEY_NODE + 5, y: top + tall / 2,
      'text-anchor': last ? 'end' : 'start', 'dominant-baseline': 'central',
    });
    labels.appendChild(svg('g', { 'data-node': index }, [svg('title', { text: node.title }), label]));
    placed.push([label, node]);
  });
  chart.append(nodes, labels);
  highlightPaths(chart, spec.links || [], paths);
  plot.replaceChildren(chart);
  // labels are measured once drawn: a company label keeps its whole name when it can (up to 45% of the space
  // between the columns), a sector label takes what the company labels leave, a clause label the whole space
  let companyWidth = 0;
  for (const [label, node] of placed) {
    if (node.column !== 2) continue;
    fitText(label, node.label, Math.max(40, gap * 0.45 - 10));
    companyWidth = Math.max(companyWidth, label.getComputedTextLength());
  }
  for (const [label, node] of placed) {
    if (node.column === 2) continue;
    const room = node.column === 1 && companyWidth ? gap - companyWidth - 24 : gap - 10;
    fitText(label, node.label, Math.max(40, room));
  }
  if (spec.legend && spec.legend.length) {
    const legend = el('ul', { class: 'krcn-sankey-legend' });
    for (const item of spec.legend) {
      const swatch = el('span', { class: 'krcn-sankey-swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = item.color;
      legend.appendChild(el('li', {}, [swatch, el('span', { text: item.label })]));
    }
    plot.appendChild(legend);
  }
}

function highlightPaths(chart, links, paths) {
  // pointing at a node (or its label) keeps the flows through it in full colour and fades the rest: for an item,
  // its sectors and the companies they reach; for a company, the sectors and items that lead to it
  const reach = (start, from, to) => {
    const seen = new Set([start]);
    const found = new Set();
    const queue = [start];
    while (queue.length) {
      const at = queue.shift();
      links.forEach((link, i) => {
        if (link[from] !== at) return;
        found.add(i);
        if (!seen.has(link[to])) { seen.add(link[to]); queue.push(link[to]); }
      });
    }
    return found;
  };
  chart.addEventListener('pointerover', (event) => {
    const target = event.target.closest && event.target.closest('[data-node]');
    if (!target) return;
    const node = Number(target.getAttribute('data-node'));
    const on = new Set([...reach(node, 'source', 'target'), ...reach(node, 'target', 'source')]);
    chart.classList.add('sankey-focus');
    paths.forEach((path, i) => path.classList.toggle('sankey-on', on.has(i)));
  });
  chart.addEventListener('pointerout', (event) => {
    const next = event.relatedTarget;
    if (next && next.closest && next.closest('[data-node]')) return;
    chart.classList.remove('sankey-focus');
  });
}

export function drawSankeyFitted(plot, spec) {
  // drawn for the plot's width, and again when that width changes (window resized, sidebar toggled)
  let drawnWidth = -1;
  let frame = 0;
  const draw = () => {
    frame = 0;
    const width = plot.clientWidth;
    if (width === drawnWidth) return;
    drawnWidth = width;
    drawSankey(plot, spec);
  };
  draw();
  const watcher = new ResizeObserver(() => { if (!frame) frame = requestAnimationFrame(draw); });
  watcher.observe(plot);
  return () => { watcher.disconnect(); if (frame) cancelAnimationFrame(frame); };
}

