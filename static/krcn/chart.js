/* Charts (components/web/charts.py; payloads: components/web/render/chart.py): horizontal bar charts from plotly
   figures, drawn as HTML (no chart library), and the MOU's Sankey (sankey.js).

   Python sends: {alt, text: {failed}, bars: {bars: [{label, value, text, color, hatched, hover}], max, ...}} or
   {alt, text, sankey: {...}}. The chart is one image (bars) or figure (Sankey) for assistive technology, named
   by `alt`; its numbers are in a table under it. Nothing comes back. Styles: chart.css. */
// imported at this module's version (kit.py's ?v=), so a new release never meets a cached old helper
const { decode, el, setClass, showFailure, useStyles } = await import(new URL('./common.js' + new URL(import.meta.url).search, import.meta.url).href);
const { drawSankeyFitted } = await import(new URL('./sankey.js' + new URL(import.meta.url).search, import.meta.url).href);

await useStyles('chart.css');  // before the first drawing: it measures what it draws

function drawBars(plot, spec) {
  // a horizontal bar chart from components/chart_render.bar_spec: labels, bars and values as real text
  const top = spec.max > 0 ? spec.max : 1;
  const outside = spec.textPosition !== 'inside';
  // values written after their bars: the longest bar leaves room for the widest value (--krcn-room, measured
  // below once drawn; at most --krcn-room-cap of the row), so no number is cut in a narrow column
  const along = (fraction) => (outside ? `calc((100% - var(--krcn-room, 22%)) * ${fraction})` : fraction * 100 + '%');
  const grid = el('div', { class: 'krcn-bars' });
  const texts = [];
  const after = [];
  for (const bar of spec.bars || []) {
    const fill = el('span', { class: 'krcn-bar' + (bar.hatched ? ' krcn-hatched' : '') });
    fill.style.width = along(Math.max(0, Math.min(1, bar.value / top)));
    fill.style.backgroundColor = bar.color || '#0072B2';
    if (bar.opacity !== null && bar.opacity !== undefined && bar.opacity < 1) fill.style.opacity = String(bar.opacity);
    const text = el('span', { class: 'krcn-bar-text', text: bar.text || '' });
    const track = el('span', { class: 'krcn-bar-track' }, [fill]);
    if (outside) {
      track.appendChild(text);
      after.push(text);
    } else {
      if (bar.textColor) text.style.color = bar.textColor;
      fill.appendChild(text);
      texts.push([fill, text, track]);
    }
    grid.append(el('span', { class: 'krcn-bar-label', text: bar.label || '' }), track);
    if (bar.hover) track.title = bar.hover;
  }
  if (spec.axis) {
    const axis = el('div', { class: 'krcn-bar-axis', 'aria-hidden': 'true' });
    for (const tick of spec.axis.ticks || []) {
      const mark = el('span', { class: 'krcn-bar-tick', text: tick.text });
      mark.style.left = along(tick.value / top);
      axis.appendChild(mark);
    }
    grid.append(el('span', { 'aria-hidden': 'true' }), axis);
    if (spec.axis.title) grid.append(el('span'), el('div', { class: 'krcn-bar-axis-title', text: spec.axis.title }));
  }
  plot.replaceChildren(grid);
  if (plot.__krcnFit) plot.__krcnFit.disconnect();
  if (after.length) {
    const widest = Math.max(...after.map((text) => text.scrollWidth));  // 0 while not laid out: keep 22%
    if (widest > 0) {
      // In a narrow column (the cities beside the provinces at 1024 px) 45% of what the labels leave is less
      // than the widest value: each label then goes above its bar, the bars get the whole width, and the
      // value up to 55% of it. (Everything is read before anything is written: one layout, not two.)
      const labels = grid.querySelector('.krcn-bar-label').offsetWidth + (parseFloat(getComputedStyle(grid).columnGap) || 0);
      const fit = () => setClass(grid, 'krcn-stacked', (grid.clientWidth - labels) * 0.45 < widest + 2);
      fit();
      grid.style.setProperty('--krcn-room', `min(${Math.ceil(widest) + 2}px, var(--krcn-room-cap))`);
      plot.__krcnFit = new ResizeObserver(fit);
      plot.__krcnFit.observe(grid);
    }
  }
  // a value that does not fit inside its bar is written after it, in the page's colour (cut with an ellipsis
  // when even the row is too narrow: the whole text is in the hover, the chart's name and the table)
  for (const [fill, text, track] of texts) {
    const inside = fill.clientWidth;
    if (text.scrollWidth > inside && track.clientWidth - fill.offsetWidth > inside) {
      text.style.color = '';
      track.appendChild(text);
    }
  }
}

export function chart(component) {
  const { data, parentElement } = component;
  const root = parentElement.querySelector('.krcn-chart');
  const plot = root.querySelector('.krcn-chart-plot');
  const status = root.querySelector('.krcn-chart-status');
  const d = decode(data);
  root.setAttribute('aria-label', d.alt || '');
  let stop;
  try {
    if (d.sankey) {
      // a figure for assistive technology, named by the chart's summary (the table under it has every link)
      root.setAttribute('role', 'figure');
      stop = drawSankeyFitted(plot, d.sankey);
    } else {
      // drawn by the app itself; the plot is one image for assistive technology, named by the chart's summary
      root.setAttribute('role', 'img');
      drawBars(plot, d.bars || { bars: [] });
    }
  } catch (err) {
    showFailure(root, status, d, err);
    return undefined;
  }
  root.dataset.state = 'drawn';
  status.textContent = '';
  return stop;
}

