/* The dashboard's own components in the browser: tables, form controls, page links, the share box, stat cards,
   download buttons, charts (bar charts and the MOU's Sankey, drawn here: no chart library) and the network
   (vis-network + static/krcn/network.js).

   One ES module, served by the app itself (app/static/krcn/ui.js) and loaded once per page session: each
   Streamlit component's inline script is a stub that imports it (components/component_js.py), so a rerun sends
   the component's data, not its code. Every text from the data is written with textContent (never as markup);
   a link's address is used only when it is http(s) or a page of this app. */

// --- shared -------------------------------------------------------------------------------------------------

export function decode(data) {
  if (data instanceof Uint8Array) return JSON.parse(new TextDecoder('utf-8').decode(data));
  if (data instanceof ArrayBuffer) return JSON.parse(new TextDecoder('utf-8').decode(new Uint8Array(data)));
  return data || {};
}

export function appBase() {
  // Streamlit's own bundle lives at <app base>/static/js/index.*.js: that base survives server.baseUrlPath,
  // proxies and deep links (/network/ with or without a trailing slash).
  const own = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (own && own.src) return new URL('../../', own.src).href;
  return new URL('./', document.baseURI).href;
}

export function loadScript(asset, globalName) {
  // One <script> per library and page session; a failed load may be retried by the next render.
  if (window[globalName]) return Promise.resolve(window[globalName]);
  const loading = (window.__krcnScripts = window.__krcnScripts || {});
  if (!loading[asset]) {
    loading[asset] = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL(asset, appBase()).href;
      script.async = true;
      script.onload = () => (window[globalName] ? resolve(window[globalName]) : reject(new Error(globalName + ' missing')));
      script.onerror = () => { delete loading[asset]; script.remove(); reject(new Error(globalName + ' failed to load')); };
      document.head.appendChild(script);
    });
  }
  return loading[asset];
}

function showFailure(root, status, d, err) {
  // a component whose library could not load or draw: say so in the page's language (the tables remain)
  root.dataset.state = 'failed';
  status.textContent = (d.text && d.text.failed) || String(err);
}

function fill(template, values) {
  return String(template || '').replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ''));
}

// a class, `hidden` or text set only when it changes: a redundant write is still a DOM mutation (and work for
// whoever observes the page), and these run on every resize
function setClass(node, name, on) {
  if (node.classList.contains(name) !== on) node.classList.toggle(name, on);
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  });
  (children || []).forEach((c) => c && node.appendChild(c));
  return node;
}

const STYLES = `
/* Korean is set with breaks between words, not inside one ("클라우드" never as "클라 / 우드"), as Korean
   typesetting does (Streamlit's own text breaks anywhere); a word longer than its line still breaks, since
   Streamlit's text and the app's components wrap overflowing words. */
html[lang="ko"] [data-testid="stAppViewContainer"], html[lang="ko"] [data-testid="stAppViewContainer"] * { word-break: keep-all; }
/* On a phone a markdown table wider than the screen scrolls sideways inside its own box, its words whole. A
   shadow marks a side with more columns (covers that scroll with the content hide it at either end). */
@media (max-width: 640px) {
  [data-testid="stMarkdownContainer"] table { display: block; max-width: 100%; overflow-x: auto;
    background:
      linear-gradient(to right, var(--st-background-color, #FBFBF8) 30%, transparent) left / 2rem 100% no-repeat local,
      linear-gradient(to left, var(--st-background-color, #FBFBF8) 30%, transparent) right / 2rem 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.45), transparent) left / 0.9rem 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.45), transparent) right / 0.9rem 100% no-repeat scroll; }
}
/* Printed or saved as PDF, a page is its content at the paper's width: no sidebar or app toolbar, and every
   table whole (all its drawn rows and columns, nothing scrolling inside); the browser prints the view's address. */
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: none !important; padding: 0 !important; }
  .krcn-table-tools, .krcn-table-more, .krcn-net-tools { display: none !important; }
  .krcn-table { font-size: 0.75rem; }
  .krcn-table-scroll { max-height: none !important; overflow: visible !important; box-shadow: none !important; }
  .krcn-table table { table-layout: auto; }
  .krcn-table th, .krcn-table td { min-width: 0 !important; max-width: none; overflow-wrap: anywhere; }
  .krcn-table thead th, .krcn-table .krcn-pin { position: static; box-shadow: none !important; }
  .krcn-table thead th, .krcn-table .krcn-fit-short { white-space: normal; }
  .krcn-table tr { break-inside: avoid; }
  .krcn-table thead { display: table-header-group; }
}
.krcn-table { width: 100%; font-size: 0.875rem; color: var(--st-text-color, inherit); }
.krcn-table-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin-bottom: 0.4rem; }
.krcn-table-tools:not(:has(> :not([hidden]))) { display: none; }
.krcn-table-filter { font: inherit; padding: 0.3rem 0.5rem; min-width: 14rem; color: inherit;
  background: var(--st-background-color, transparent); border: 1px solid rgba(128,128,128,.6); border-radius: 0.4rem; }
.krcn-table-count { font-size: 0.8125rem; }
.krcn-table-scroll { overflow: auto; border: 1px solid var(--st-border-color, rgba(128,128,128,.35)); border-radius: 0.5rem; }
.krcn-table-scroll:focus-visible, .krcn-table button:focus-visible, .krcn-table-filter:focus-visible,
.krcn-table a:focus-visible { outline: 2px solid var(--st-primary-color, #00629B); outline-offset: 1px; }
.krcn-table table { border-collapse: separate; border-spacing: 0; width: 100%; }
.krcn-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.krcn-table th, .krcn-table td { padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; max-width: 30rem;
  overflow-wrap: break-word; word-break: keep-all; border-bottom: 1px solid var(--st-border-color, rgba(128,128,128,.25)); }
.krcn-table tbody tr:last-child > * { border-bottom: none; }
.krcn-table thead th { position: sticky; top: 0; z-index: 2; font-weight: 600;
  background: var(--st-secondary-background-color, #EEF1F4); }
.krcn-table tbody th { font-weight: 600; background: var(--st-background-color, #FBFBF8); }
.krcn-table .krcn-pin { position: sticky; left: 0; z-index: 1; }
.krcn-table thead .krcn-pin { z-index: 3; }
.krcn-table .krcn-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.krcn-table .krcn-w-small { min-width: 5rem; }
.krcn-table .krcn-w-medium { min-width: 9rem; }
.krcn-table .krcn-w-large { min-width: 16rem; }
.krcn-table thead th, .krcn-table .krcn-fit-short { white-space: nowrap; }
.krcn-table .krcn-fit-mid { min-width: 7rem; }
.krcn-table .krcn-fit-long { min-width: 15rem; }
.krcn-table-sort { all: unset; cursor: pointer; display: inline-flex; gap: 0.25rem; align-items: baseline; }
.krcn-table-sort .krcn-arrow { font-size: 0.75em; opacity: 0.8; }
.krcn-table a { color: var(--st-link-color, var(--st-primary-color, #00629B)); }
.krcn-table-more button, .krcn-controls .krcn-clear { font: inherit; font-size: 0.8125rem; margin-top: 0.45rem;
  padding: 0.25rem 0.7rem; cursor: pointer; color: inherit; background: transparent;
  border: 1px solid rgba(128,128,128,.6); border-radius: 0.4rem; }
.krcn-table-empty { padding: 0.5rem 0.6rem; }
.krcn-table-side { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; margin-left: auto; font-size: 0.8125rem; }
.krcn-table-side[hidden] { display: none; }
.krcn-table.krcn-snug .krcn-fit-long, .krcn-table.krcn-snug .krcn-w-large { min-width: 9rem; }
.krcn-table.krcn-snug .krcn-fit-mid, .krcn-table.krcn-snug .krcn-w-medium { min-width: 5rem; }
.krcn-table-side button { font: inherit; padding: 0.15rem 0.55rem; cursor: pointer; color: inherit; background: transparent;
  border: 1px solid rgba(128,128,128,.6); border-radius: 0.4rem; }
.krcn-table-side button:disabled { cursor: default; opacity: 0.45; }
.krcn-table-scroll.krcn-wide { scrollbar-color: rgba(128,128,128,.6) transparent; }
.krcn-table-scroll.krcn-more-right { box-shadow: inset -14px 0 12px -12px rgba(0,0,0,.35); }
.krcn-table-scroll.krcn-more-left .krcn-pin { box-shadow: 6px 0 8px -6px rgba(0,0,0,.35); }

.krcn-controls { display: flex; flex-direction: column; gap: 0.9rem; font-size: 0.9rem; color: var(--st-text-color, inherit); }
.krcn-controls[data-layout="row"] { flex-direction: row; flex-wrap: wrap; align-items: flex-start; gap: 0.75rem 2rem; }
.krcn-controls fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.krcn-controls legend, .krcn-controls .krcn-ctl-label { display: block; padding: 0; margin-bottom: 0.3rem; font-size: 0.875rem; }
.krcn-controls .krcn-ctl-help { margin: -0.15rem 0 0.4rem; font-size: 0.8125rem; max-width: 40rem; }
.krcn-controls .krcn-ctl-options { display: flex; flex-direction: column; gap: 0.3rem; }
.krcn-controls .krcn-ctl-inline { flex-direction: row; flex-wrap: wrap; gap: 0.3rem 1rem; }
.krcn-controls label.krcn-opt { display: inline-flex; align-items: center; gap: 0.4rem; cursor: pointer; }
.krcn-controls input[type=radio], .krcn-controls input[type=checkbox] { accent-color: var(--st-primary-color, #00629B);
  width: 1rem; height: 1rem; margin: 0; flex: none; }
.krcn-controls .krcn-ctl-search { display: block; box-sizing: border-box; width: 100%; min-width: 16rem; font: inherit; color: inherit; margin-bottom: 0.3rem;
  padding: 0.3rem 0.5rem; background: var(--st-background-color, #fff); border: 1px solid rgba(128,128,128,.6);
  border-radius: 0.4rem; }
.krcn-controls .krcn-ctl-search-label { display: block; margin: 0 0 0.2rem; }
.krcn-controls .krcn-ctl-count { margin: 0 0 0.3rem; }
.krcn-controls select { font: inherit; color: inherit; max-width: 100%; min-width: 16rem; padding: 0.35rem 0.5rem;
  background: var(--st-background-color, #fff); border: 1px solid rgba(128,128,128,.6); border-radius: 0.4rem; }
.krcn-controls .krcn-chips { flex-direction: row; flex-wrap: wrap; gap: 0.35rem; }
.krcn-controls .krcn-chips label.krcn-opt { border: 1px solid rgba(128,128,128,.55); border-radius: 1rem;
  padding: 0.15rem 0.6rem 0.15rem 0.45rem; }
.krcn-controls .krcn-chips label.krcn-opt:has(input:checked) { border-color: var(--st-primary-color, #00629B);
  background: var(--st-secondary-background-color, #EEF1F4); font-weight: 600; }
.krcn-controls details > summary { cursor: pointer; padding: 0.35rem 0.5rem; border: 1px solid rgba(128,128,128,.6);
  border-radius: 0.4rem; }
.krcn-controls details[open] > summary { margin-bottom: 0.5rem; }
.krcn-controls .krcn-switch { display: inline-flex; align-items: center; gap: 0.5rem; cursor: pointer; }
.krcn-controls fieldset:disabled label { cursor: not-allowed; opacity: 0.7; }
.krcn-controls :focus-visible { outline: 2px solid var(--st-primary-color, #00629B); outline-offset: 2px; }

.krcn-links { font-size: 0.95rem; color: var(--st-text-color, inherit); }
.krcn-links ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.1rem; }
.krcn-links[data-style="nav"] a { display: block; padding: 0.3rem 0.5rem; border-radius: 0.4rem; color: inherit;
  text-decoration: none; }
.krcn-links[data-style="nav"] a:hover { background: rgba(128,128,128,.12); }
.krcn-links[data-style="nav"] a[aria-current="page"] { background: rgba(128,128,128,.18); font-weight: 600; }
.krcn-links[data-style="cards"] ul { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.75rem; }
.krcn-links[data-style="cards"] li { border: 1px solid var(--st-border-color, rgba(128,128,128,.35)); border-radius: 0.5rem;
  padding: 0.75rem 0.9rem; }
.krcn-links[data-style="cards"] a { font-weight: 600; }
.krcn-links .krcn-link-note { margin: 0.3rem 0 0; font-size: 0.875rem; }
.krcn-links a { color: var(--st-link-color, var(--st-primary-color, #00629B)); }
.krcn-links a:focus-visible { outline: 2px solid var(--st-primary-color, #00629B); outline-offset: 1px; }

.krcn-share { font-size: 0.85rem; }
.krcn-share-label { display: block; margin-bottom: 0.25rem; color: var(--st-text-color, inherit); }
.krcn-share-row { display: flex; gap: 0.4rem; }
.krcn-share-url { flex: 1; min-width: 0; padding: 0.35rem 0.5rem; border: 1px solid rgba(128,128,128,.5); border-radius: 0.4rem;
  background: transparent; color: inherit; font: inherit; }
.krcn-share-copy { padding: 0.35rem 0.7rem; border: 1px solid rgba(128,128,128,.6); border-radius: 0.4rem;
  background: transparent; color: inherit; cursor: pointer; font: inherit; }
.krcn-share-copy:focus-visible, .krcn-share-url:focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }
.krcn-share-status { min-height: 1.1rem; font-size: 0.8rem; margin-top: 0.2rem; }

.krcn-stat { color: var(--st-text-color, inherit); container-type: inline-size; }
.krcn-stat-label { margin: 0; font-size: 0.875rem; }
/* a figure is never broken inside a word ("US$750.2b / n", "7,502억 달 / 러" in a narrow column): its size follows the
   card's width and the figure's longest word (--krcn-len, in Latin-letter widths), Korean breaks only at spaces
   (keep-all), and a word breaks only past the smallest size */
.krcn-stat-value { margin: 0.1rem 0 0; font-size: clamp(1.25rem, calc(170cqi / var(--krcn-len, 8)), 2rem); line-height: 1.2;
  font-weight: 400; word-break: keep-all; overflow-wrap: anywhere; }
.krcn-stat-note { margin: 0.25rem 0 0; font-size: 0.875rem; }

.krcn-bars { --krcn-room-cap: 45%; display: grid; grid-template-columns: minmax(4rem, max-content) minmax(0, 1fr); column-gap: 0.6rem;
  row-gap: 0.45rem; align-items: center; font-size: 0.9rem; color: var(--st-text-color, inherit); margin: 0.25rem 0 0.5rem; }
.krcn-bar-label { text-align: right; max-width: 18rem; overflow-wrap: break-word; line-height: 1.25; }
.krcn-bar-track { position: relative; display: flex; align-items: center; min-height: 1.9rem; min-width: 0;
  overflow: hidden; border-left: 1px solid rgba(128,128,128,.7); }
.krcn-bar { height: 1.9rem; min-width: 2px; display: flex; align-items: center; box-sizing: border-box; flex: none;
  overflow: hidden; }
.krcn-bar.krcn-hatched { background-image: repeating-linear-gradient(135deg, rgba(255,255,255,.75) 0 2px, transparent 2px 7px); }
.krcn-bar-text { white-space: nowrap; padding: 0 0.45rem; font-variant-numeric: tabular-nums; min-width: 0;
  overflow: hidden; text-overflow: ellipsis; }
.krcn-bar-axis { grid-column: 2; position: relative; height: 1.3rem; border-top: 1px solid rgba(128,128,128,.7);
  font-size: 0.8125rem; }
.krcn-bar-tick { position: absolute; top: 0.1rem; transform: translateX(-50%); }
.krcn-bar-tick::before { content: ''; position: absolute; left: 50%; top: -0.35rem; height: 0.3rem; border-left: 1px solid rgba(128,128,128,.7); }
.krcn-bar-axis-title { grid-column: 2; text-align: center; font-size: 0.875rem; margin-top: 0.1rem; }
.krcn-bars.krcn-stacked { grid-template-columns: minmax(0, 1fr); row-gap: 0.1rem; --krcn-room-cap: 55%; }
.krcn-bars.krcn-stacked .krcn-bar-label { text-align: left; max-width: none; margin-top: 0.35rem; }
.krcn-bars.krcn-stacked :is(.krcn-bar-axis, .krcn-bar-axis-title) { grid-column: 1; }
.krcn-sankey { display: block; overflow: visible; color: var(--st-text-color, inherit); }
.krcn-sankey .sankey-labels text { paint-order: stroke; stroke-width: 3px; stroke-linejoin: round; }
.krcn-sankey .sankey-link:hover { stroke: currentColor; stroke-opacity: 0.45; }
.krcn-sankey.sankey-focus .sankey-link { opacity: 0.12; }
.krcn-sankey.sankey-focus .sankey-link.sankey-on { opacity: 1; }
.krcn-sankey [data-node] { cursor: default; }
.krcn-sankey .sankey-note { fill-opacity: 0.75; }  /* not italic: one short note is not worth the italic face (a font download) */
.krcn-sankey-legend { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; list-style: none; margin: 0.4rem 0 0; padding: 0;
  font-size: 0.8125rem; color: var(--st-text-color, inherit); }
.krcn-sankey-legend li { display: flex; align-items: center; gap: 0.35rem; margin: 0; }
.krcn-sankey-swatch { width: 0.75rem; height: 0.75rem; border-radius: 2px; flex: none; }
.krcn-download { margin: 0.25rem 0; }
.krcn-download-button { font: inherit; font-size: 0.95rem; min-height: 2.5rem; padding: 0.25rem 0.85rem; cursor: pointer;
  border-radius: 0.5rem; border: 1px solid rgba(128,128,128,.5); background: var(--st-background-color, #fff);
  color: var(--st-text-color, inherit); }
.krcn-download-button:hover:not(:disabled) { border-color: var(--st-primary-color, #00629B); color: var(--st-primary-color, #00629B); }
.krcn-download-button.krcn-primary { background: var(--st-primary-color, #00629B); border-color: var(--st-primary-color, #00629B);
  color: #fff; }
.krcn-download-button.krcn-primary:hover:not(:disabled) { color: #fff; filter: brightness(0.92); }
.krcn-download-button:disabled { cursor: not-allowed; opacity: 0.55; }
.krcn-download-button:focus-visible { outline: 2px solid var(--st-primary-color, #00629B); outline-offset: 2px; }
.krcn-download-help, .krcn-download-status { margin: 0.2rem 0 0; font-size: 0.8125rem; color: var(--st-text-color, inherit); }
.krcn-download-status:empty { display: none; }
.krcn-chart { width: 100%; }
.krcn-chart-plot { width: 100%; }
.krcn-chart-status { margin: 0; font-size: 0.875rem; }
.krcn-chart[data-state="drawn"] .krcn-chart-status { display: none; }
`;

(function addStyles() {
  if (document.getElementById('krcn-ui-styles')) return;
  const style = document.createElement('style');
  style.id = 'krcn-ui-styles';
  style.textContent = STYLES;
  document.head.appendChild(style);
})();

// --- tables (components/table_render.py) -------------------------------------------------------------------

function cellText(column, value, text) {
  if (column.kind === 'number' || column.kind === 'link') return value ? String(value[1] ?? '') : '';
  if (column.kind === 'bool') return value === true ? text.yes : value === false ? text.no : '';
  return value == null ? '' : String(value);
}

function sortKey(column, value, text) {
  if (column.kind === 'number') return value && value[0] !== null && value[0] !== undefined ? value[0] : null;
  const shown = cellText(column, value, text);
  return shown === '' ? null : shown;
}

function tableCell(tag, column, value, text, index) {
  const cell = document.createElement(tag);
  if (tag === 'th') cell.scope = 'row';
  if (index === 0) cell.classList.add('krcn-pin');
  if (column.width) cell.classList.add('krcn-w-' + column.width);
  cell.classList.add('krcn-fit-' + column.fit);
  if (column.kind === 'number') cell.classList.add('krcn-num');
  if (column.kind === 'link' && value && typeof value[0] === 'string' && /^https?:\/\//i.test(value[0])) {
    cell.appendChild(el('a', { href: value[0], target: '_blank', rel: 'noopener noreferrer', text: String(value[1] ?? value[0]) }));
  } else if (column.kind === 'bool' && (value === true || value === false)) {
    cell.append(el('span', { 'aria-hidden': 'true', text: value ? '✓' : '–' }), el('span', { class: 'krcn-sr', text: value ? text.yes : text.no }));
  } else {
    cell.textContent = cellText(column, value, text);
  }
  return cell;
}

export function table(component) {
  const { data, parentElement } = component;
  const root = parentElement.querySelector('.krcn-table');
  const d = decode(data);
  const columns = d.columns || [];
  const rows = d.rows || [];
  const text = Object.assign({ yes: 'yes', no: 'no' }, d.text || {});
  // a column whose every value is short (a date, a code, a count) is never wrapped; one with long text is wide
  // enough to read (the table scrolls sideways, its first column in view)
  columns.forEach((column, c) => {
    const longest = rows.reduce((n, row) => Math.max(n, cellText(column, row[c], text).length), 0);
    column.fit = longest <= 16 ? 'short' : longest > 60 ? 'long' : 'mid';
  });
  const tools = root.querySelector('.krcn-table-tools');
  const scroll = root.querySelector('.krcn-table-scroll');
  const caption = scroll.querySelector('caption');
  const thead = scroll.querySelector('thead');
  const tbody = scroll.querySelector('tbody');
  const more = root.querySelector('.krcn-table-more');
  if (!caption.id) caption.id = 'krcn-table-caption-' + (window.__krcnTableIds = (window.__krcnTableIds || 0) + 1);
  caption.textContent = d.caption || '';
  scroll.setAttribute('aria-labelledby', caption.id);
  const collator = new Intl.Collator(d.lang === 'ko' ? 'ko' : 'en', { numeric: true, sensitivity: 'base' });

  // What the visitor chose stays through a language or filter change: sort column and direction, filter text.
  const state = (root.__krcnState = root.__krcnState || { sortKey: null, dir: 0, filter: '', all: false });
  if (state.sortKey !== null && !columns.some((c) => c.key === state.sortKey)) { state.sortKey = null; state.dir = 0; }
  // past maxRows rows, about that many rows' height in view, then the table scrolls inside (its header stays in
  // view); a table of fewer rows is shown whole, however tall its rows (a few long profile cells would otherwise
  // leave five of eight companies in view)
  scroll.style.maxHeight = d.maxRows && rows.length > d.maxRows ? `calc(${(d.maxRows + 1) * 2.3}em + 2px)` : '';

  let filterInput = null;
  let count = null;
  tools.textContent = '';
  if (rows.length >= (d.filterFrom || Infinity)) {
    filterInput = el('input', { type: 'search', class: 'krcn-table-filter', placeholder: text.filter || '',
      'aria-label': fill(text.filter_label || text.filter, { caption: d.caption || '' }) });
    filterInput.value = state.filter;
    count = el('span', { class: 'krcn-table-count', role: 'status' });
    tools.append(filterInput, count);
  }

  function header() {
    const tr = document.createElement('tr');
    columns.forEach((column, i) => {
      const th = el('th', { scope: 'col' });
      if (i === 0) th.classList.add('krcn-pin');
      if (column.width) th.classList.add('krcn-w-' + column.width);
      if (column.kind === 'number') th.classList.add('krcn-num');
      const sorted = state.sortKey === column.key && state.dir !== 0;
      th.setAttribute('aria-sort', sorted ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
      const button = el('button', { type: 'button', class: 'krcn-table-sort', title: text.sort || '' }, [
        el('span', { text: column.label }),
        el('span', { class: 'krcn-arrow', 'aria-hidden': 'true', text: sorted ? (state.dir > 0 ? '▲' : '▼') : '↕' }),
      ]);
      button.onclick = () => {
        // ascending, descending, then back to the table's own order
        if (state.sortKey !== column.key) { state.sortKey = column.key; state.dir = 1; }
        else state.dir = state.dir === 1 ? -1 : state.dir === -1 ? 0 : 1;
        if (state.dir === 0) state.sortKey = null;
        header();
        body();
        const again = thead.querySelectorAll('button')[i];
        if (again) again.focus();
      };
      th.appendChild(button);
      tr.appendChild(th);
    });
    thead.replaceChildren(tr);
  }

  function visibleRows() {
    let order = rows.map((row, i) => i);
    const needle = state.filter.trim().toLocaleLowerCase();
    if (needle) {
      order = order.filter((i) => rows[i].some((value, c) => cellText(columns[c], value, text).toLocaleLowerCase().includes(needle)));
    }
    if (state.sortKey !== null && state.dir !== 0) {
      const c = columns.findIndex((col) => col.key === state.sortKey);
      const keys = new Map(order.map((i) => [i, sortKey(columns[c], rows[i][c], text)]));
      order.sort((a, b) => {
        const x = keys.get(a);
        const y = keys.get(b);
        if (x === null && y === null) return a - b;
        if (x === null) return 1;  // missing values last, whichever the direction
        if (y === null) return -1;
        const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
        return cmp !== 0 ? cmp * state.dir : a - b;
      });
    }
    return order;
  }

  function body() {
    const order = visibleRows();
    const limit = state.all ? order.length : Math.min(order.length, d.firstDrawn || order.length);
    const fragment = document.createDocumentFragment();
    for (const i of order.slice(0, limit)) {
      const tr = document.createElement('tr');
      if (d.ids) tr.dataset.id = d.ids[i];
      rows[i].forEach((value, c) => tr.appendChild(tableCell(c === 0 ? 'th' : 'td', columns[c], value, text, c)));
      fragment.appendChild(tr);
    }
    if (!order.length) {
      const td = el('td', { class: 'krcn-table-empty', text: rows.length ? text.no_match || '' : text.empty || '' });
      td.colSpan = Math.max(1, columns.length);
      fragment.appendChild(el('tr', {}, [td]));
    }
    tbody.replaceChildren(fragment);
    if (count) count.textContent = fill(text.count, { shown: order.length, total: rows.length });
    more.textContent = '';
    if (limit < order.length) {
      const button = el('button', { type: 'button', text: fill(text.show_all, { total: order.length }) });
      button.onclick = () => { state.all = true; body(); };
      more.appendChild(button);
    }
  }

  if (filterInput) filterInput.oninput = () => { state.filter = filterInput.value; body(); };
  header();
  body();
  sideways(root, tools, scroll, thead, text, columns);
  root.dataset.state = 'drawn';
}

// A table wider than its box says how many of its columns are in view and offers buttons that page sideways:
// Streamlit hides scrollbars until the pointer is over them, so nothing else would tell a visitor the table
// goes on (the delegation table shows four of its ten columns at 1280 px). Edge shadows mark the hidden side.
function sideways(root, tools, scroll, thead, text, columnsOf) {
  const total = columnsOf.length;
  const side = el('span', { class: 'krcn-table-side', hidden: true });
  const status = el('span', { class: 'krcn-table-side-status' });
  const earlier = el('button', { type: 'button', class: 'krcn-table-earlier', text: text.columns_earlier || '←' });
  const later = el('button', { type: 'button', class: 'krcn-table-later', text: text.columns_later || '→' });
  side.append(status, earlier, later);
  tools.appendChild(side);
  const heads = () => [...thead.querySelectorAll('th')];
  const pinned = () => (heads()[0] || { offsetWidth: 0 }).offsetWidth;
  // where the box scrolls to put a column right after the pinned one (0 for the first unpinned column)
  const startOf = (th) => th.offsetLeft - heads()[1].offsetLeft;
  const over = () => scroll.scrollWidth > scroll.clientWidth + 1;

  function update() {
    const wide = over();
    const left = scroll.scrollLeft;
    const right = left + scroll.clientWidth;
    const atStart = left <= 1;
    const atEnd = right >= scroll.scrollWidth - 1;
    if (side.hidden === wide) side.hidden = !wide;
    setClass(scroll, 'krcn-wide', wide);
    setClass(scroll, 'krcn-more-left', wide && !atStart);
    setClass(scroll, 'krcn-more-right', wide && !atEnd);
    if (!wide) return;
    // the pinned first column is always in view; another column counts when it is wholly in view
    const start = left + pinned();
    const shown = heads().filter((th, i) => i === 0 || (th.offsetLeft >= start - 1 && th.offsetLeft + th.offsetWidth <= right + 1)).length;
    setText(status, fill(text.columns_in_view, { shown, total }));
    if (earlier.disabled !== atStart) earlier.disabled = atStart;
    if (later.disabled !== atEnd) later.disabled = atEnd;
  }

  // a page sideways starts at a column's edge: the first column cut on the right, or going back, the first
  // column that keeps the one now leftmost in view
  later.onclick = () => {
    const right = scroll.scrollLeft + scroll.clientWidth;
    const next = heads().slice(1).find((th) => th.offsetLeft + th.offsetWidth > right + 1);
    scroll.scrollLeft = next ? startOf(next) : scroll.scrollWidth;
  };
  earlier.onclick = () => {
    const target = scroll.scrollLeft - (scroll.clientWidth - pinned());
    const first = heads().slice(1).find((th) => startOf(th) >= target - 1);
    scroll.scrollLeft = first ? Math.max(0, startOf(first)) : 0;
  };
  // A table a little too wide for its box fits when its long columns may be narrower (a column cut by a few
  // pixels helps nobody); one far too wide keeps columns wide enough to read and pages sideways. `saving` is
  // the most narrower columns can give (9rem instead of 15-16rem, 5rem instead of 7-9rem): a table wider than
  // that is not tried (each try lays the page out twice).
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const saving = columnsOf.reduce((sum, column) => {
    if (column.fit === 'long' || column.width === 'large') return sum + 7 * rem;
    if (column.fit === 'mid' || column.width === 'medium') return sum + 4 * rem;
    return sum;
  }, 0);
  // fitted again only when the box's width or the rows drawn change (not for the resize a fit itself causes)
  const body = scroll.querySelector('tbody');
  const fitKey = () => `${scroll.clientWidth}|${body.rows.length}`;
  let fitted = '';
  function fit() {
    const key = fitKey();
    if (key === fitted) return update();
    fitted = key;
    if (root.classList.contains('krcn-snug')) root.classList.remove('krcn-snug');
    const overflow = scroll.scrollWidth - scroll.clientWidth;
    if (overflow > 1 && overflow <= saving) {
      root.classList.add('krcn-snug');
      if (over()) root.classList.remove('krcn-snug');
    }
    update();
  }
  let frame = 0;
  let refit = false;
  const soon = (resized) => {
    refit = refit || resized;
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; const again = refit; refit = false; (again ? fit : update)(); });
  };
  // First drawn, and after every resize: the browser has just laid the page out, so reading it here costs
  // nothing (fitting from the component's own code laid /sources out once more, ~15 ms of a first visit); only
  // trying narrower columns, which lays it out again, waits for the next frame.
  function measured() {
    const key = fitKey();
    if (key === fitted) return update();
    const overflow = scroll.scrollWidth - scroll.clientWidth;
    if (!root.classList.contains('krcn-snug') && (overflow <= 1 || overflow > saving)) {
      fitted = key;
      return update();
    }
    soon(true);
  }
  scroll.onscroll = () => soon(false);
  if (root.__krcnSideWatch) root.__krcnSideWatch.disconnect();
  root.__krcnSideWatch = new ResizeObserver(measured);
  root.__krcnSideWatch.observe(scroll);
  root.__krcnSideWatch.observe(scroll.querySelector('table'));
}

// --- form controls bound to the URL (components/controls_render.py) -----------------------------------------

// A select's options may come in an element of their own (a long list, sent once: options below); the
// controls naming it wait for it, which is seldom needed since that element comes first on the page.
const optionLists = new Map();    // ref -> {options, groups}
const optionWaiters = new Map();  // ref -> [redraw, ...]

export function options(component) {
  const root = component.parentElement.querySelector('.krcn-option-list');
  const d = decode(component.data);
  if (typeof d.ref === 'string') {
    // Kept for the page session, never evicted: controls drawn again later may name it while its own element,
    // unchanged, is not drawn again. (One list per language: the data does not change while the server runs.)
    optionLists.set(d.ref, { options: d.options || [], groups: d.groups || [] });
    const waiting = optionWaiters.get(d.ref) || [];
    optionWaiters.delete(d.ref);
    waiting.forEach((redraw) => redraw());
  }
  if (root) root.dataset.state = 'drawn';
}

function searchable(text) {
  return String(text).normalize('NFKC').toLocaleLowerCase();
}

function fillSelect(select, c, list, query) {
  // The select's options (grouped), only those whose label contains `query` — but always "none" and the current
  // value, so what is chosen stays visible. Returns how many options match.
  const wanted = searchable(query.trim());
  const labels = new Map(list.options);
  const frag = document.createDocumentFragment();
  let shown = 0;
  const add = (parent, v, label) => {  // one test a label; the current value is listed even when it does not match
    const matches = !wanted || searchable(label).includes(wanted);
    if (!matches && v !== c.value) return;
    const node = el('option', { value: v, text: label });
    if (matches) { node.dataset.match = ''; shown += 1; }
    parent.appendChild(node);
  };
  if (c.none !== null && c.none !== undefined) frag.appendChild(el('option', { value: '', text: c.none }));
  const grouped = new Set();
  (list.groups || []).forEach(([label, values]) => {
    const group = el('optgroup', { label });
    values.forEach((v) => {
      if (!labels.has(v)) return;
      grouped.add(v);
      add(group, v, labels.get(v));
    });
    if (group.children.length) frag.appendChild(group);
  });
  list.options.forEach(([v, label]) => { if (!grouped.has(v)) add(frag, v, label); });
  select.replaceChildren(frag);
  select.value = c.value;
  return shown;
}

export function controls(component) {
  const { data, parentElement, setTriggerValue } = component;
  const form = parentElement.querySelector('.krcn-controls');
  const d = decode(data);
  const drawing = (form.__krcnDrawing = {});  // a later render makes an earlier wait moot
  const missing = (d.controls || []).filter((c) => c.options_ref && !optionLists.has(c.options_ref));
  if (missing.length) {
    form.dataset.state = 'loading';
    const again = () => { if (form.__krcnDrawing === drawing && form.isConnected) controls(component); };
    missing.forEach((c) => optionWaiters.set(c.options_ref, [...(optionWaiters.get(c.options_ref) || []), again]));
    return;
  }
  const uid = form.dataset.uid || (form.dataset.uid = String((window.__krcnControlIds = (window.__krcnControlIds || 0) + 1)));
  const opened = (form.__krcnOpen = form.__krcnOpen || {});  // which lists the visitor opened, through re-renders
  const send = (name, value) => setTriggerValue('change', { name, value });
  form.dataset.layout = d.layout || 'column';

  const built = (d.controls || []).map((c) => {
    const id = `krcn-${uid}-${c.name}`;
    const help = c.help ? el('p', { class: 'krcn-ctl-help', id: id + '-help', text: c.help }) : null;
    const describedBy = help ? id + '-help' : null;
    if (c.kind === 'select') {
      const select = el('select', { id, name: c.name, disabled: !!c.disabled, 'aria-describedby': describedBy });
      const list = c.options_ref ? optionLists.get(c.options_ref) : c;
      const refill = (query) => fillSelect(select, c, list, query);
      if (!c.search) refill('');
      select.onchange = () => send(c.name, select.value);
      const parts = [el('label', { class: 'krcn-ctl-label', for: id, text: c.label }), help];
      if (c.search) {
        // A long list (the network's nodes at scale): a search box narrows it; the typed text survives re-renders.
        const searched = (form.__krcnSearch = form.__krcnSearch || {});
        const count = el('p', { class: 'krcn-ctl-help krcn-ctl-count', id: id + '-count', 'aria-live': 'polite' });
        const box = el('input', { type: 'search', id: id + '-search', class: 'krcn-ctl-search', autocomplete: 'off',
          'aria-controls': id, 'aria-describedby': id + '-count', disabled: !!c.disabled });
        const narrow = () => {
          searched[c.name] = box.value;
          const shown = refill(box.value);
          count.textContent = fill(c.search.count, { shown, total: list.options.length });
        };
        box.value = searched[c.name] || '';
        box.oninput = narrow;
        box.onkeydown = (event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          const first = select.querySelector('option[data-match]');
          if (first && first.value !== select.value) send(c.name, first.value);
        };
        narrow();
        parts.push(el('label', { class: 'krcn-ctl-help krcn-ctl-search-label', for: box.id, text: c.search.label }), box, count);
      }
      parts.push(select);
      return el('div', { class: 'krcn-ctl' }, parts);
    }
    if (c.kind === 'switch') {
      const box = el('input', { type: 'checkbox', role: 'switch', id, name: c.name, disabled: !!c.disabled, 'aria-describedby': describedBy });
      box.checked = !!c.value;
      box.onchange = () => send(c.name, box.checked);
      return el('div', { class: 'krcn-ctl' }, [el('label', { class: 'krcn-switch', for: id }, [box, el('span', { text: c.label })]), help]);
    }
    const multiple = c.kind === 'checks';
    const inputs = [];
    const options = el('div', { class: 'krcn-ctl-options' + (c.inline ? ' krcn-ctl-inline' : '') + (multiple ? ' krcn-chips' : '') });
    c.options.forEach(([v, label], i) => {
      const input = el('input', { type: multiple ? 'checkbox' : 'radio', name: `${id}-opt`, value: v, id: `${id}-${i}` });
      input.checked = multiple ? (c.value || []).includes(v) : c.value === v;
      input.onchange = () => send(c.name, multiple ? inputs.filter((x) => x.checked).map((x) => x.value) : input.value);
      inputs.push(input);
      options.appendChild(el('label', { class: 'krcn-opt', for: input.id }, [input, el('span', { text: label })]));
    });
    const fieldset = el('fieldset', { disabled: !!c.disabled }, [el('legend', { text: c.label })]);
    let holder = fieldset;
    if (multiple && c.summary !== null && c.summary !== undefined) {
      // a long list of boxes: closed under a summary of what is chosen, opened by the visitor (and kept open)
      holder = el('details', {}, [el('summary', { text: c.summary })]);
      if (opened[c.name]) holder.open = true;
      holder.ontoggle = () => { opened[c.name] = holder.open; };
      fieldset.appendChild(holder);
    }
    if (help) {
      holder.appendChild(help);
      fieldset.setAttribute('aria-describedby', describedBy);
    }
    holder.appendChild(options);
    if (multiple && c.clear && (c.value || []).length) {
      const clear = el('button', { type: 'button', class: 'krcn-clear', text: c.clear });
      clear.onclick = () => send(c.name, []);
      holder.appendChild(clear);
    }
    return fieldset;
  });

  // Keep focus where it was when the controls are drawn anew (a change reruns the page).
  const active = document.activeElement;
  const focusId = active && form.contains(active) ? active.id : null;
  form.replaceChildren(...built);
  if (focusId) {
    const again = form.querySelector('#' + CSS.escape(focusId));
    if (again) again.focus();
  }
  form.dataset.state = 'drawn';
}

// --- links to the app's pages (components/frame_render.py) --------------------------------------------------

export function links(component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.krcn-links');
  const d = decode(data);
  root.dataset.style = d.style || 'inline';
  const base = appBase();
  const list = document.createElement('ul');
  (d.links || []).forEach((link, index) => {
    // a page of this app: the path is one of its page paths, the query a query string (never another host)
    const a = el('a', { href: new URL(String(link.path || '').replace(/^[/\\]+/, '') + (link.query || ''), base).href, text: link.label });
    if (link.current) a.setAttribute('aria-current', 'page');
    a.onclick = (event) => {
      // a plain click switches page inside the running app; a new tab, a download... go to the address
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      setTriggerValue('go', index);
    };
    const item = el('li', {}, [a]);
    if (link.note) item.appendChild(el('p', { class: 'krcn-link-note', text: link.note }));
    list.appendChild(item);
  });
  root.replaceChildren(d.style === 'nav' ? el('nav', { 'aria-label': d.label || '' }, [list]) : list);
  root.dataset.state = 'drawn';
}

// --- the share box (components/frame_render.py) --------------------------------------------------------------

export function share(component) {
  const { data, parentElement } = component;
  const d = decode(data);
  const root = parentElement.querySelector('.krcn-share');
  const input = root.querySelector('.krcn-share-url');
  const button = root.querySelector('.krcn-share-copy');
  const status = root.querySelector('.krcn-share-status');
  const label = root.querySelector('.krcn-share-label');
  input.id = 'share-url-input';
  label.htmlFor = input.id;
  label.textContent = d.label;
  input.value = d.url;
  button.textContent = d.copy;
  status.textContent = '';
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = d.copied;
    } catch (err) {
      input.select();
      try { document.execCommand('copy'); status.textContent = d.copied; } catch (e) { status.textContent = d.failed; }
    }
  };
  input.onfocus = () => input.select();
  // Streamlit's index.html pins <html lang="en">: announce Korean pages as Korean (WCAG 3.1.1).
  document.documentElement.lang = d.lang;
  root.dataset.state = 'drawn';
}

// --- stat cards: a figure with its label and notes (components/frame_render.py) ------------------------------

const WIDE_CHAR = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]/u;

function longestWord(text) {
  // the widest space-separated word, counting a wide (Hangul, Hanzi, full-width) character as two Latin ones
  const widths = String(text).split(/\s+/).map((word) =>
    [...word].reduce((n, ch) => n + (WIDE_CHAR.test(ch) ? 2 : 1), 0));
  return Math.max(4, ...widths);
}

export function stats(component) {
  const { data, parentElement } = component;
  const d = decode(data);
  const root = parentElement.querySelector('.krcn-stat');
  const value = el('p', { class: 'krcn-stat-value', text: d.value || '' });
  value.style.setProperty('--krcn-len', String(longestWord(d.value || '')));
  root.replaceChildren(
    el('p', { class: 'krcn-stat-label', text: d.label || '' }),
    value,
    ...(d.notes || []).map((note) => el('p', { class: 'krcn-stat-note', text: note })),
  );
  root.dataset.state = 'drawn';
}

// --- download buttons (components/frame_render.download_payload) ---------------------------------------------

const savedFiles = new WeakMap();  // a download's root -> the nonce of the file it last saved

function saveFile(file) {
  // the bytes the server built for this click, saved by the browser (a blob: URL of this page, no request)
  const binary = atob(file.base64 || '');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime || 'application/octet-stream' }));
  const link = el('a', { href: url, download: file.name || 'download' });
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export function download(component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.krcn-download');
  const button = root.querySelector('.krcn-download-button');
  const help = root.querySelector('.krcn-download-help');
  const status = root.querySelector('.krcn-download-status');
  const d = decode(data);
  const words = d.words || {};
  button.textContent = d.label || '';
  button.disabled = Boolean(d.disabled);
  button.classList.toggle('krcn-primary', Boolean(d.primary));
  help.textContent = d.help || '';
  help.hidden = !d.help;
  if (d.help) {
    help.id = help.id || 'krcn-download-help-' + Math.random().toString(36).slice(2);
    button.setAttribute('aria-describedby', help.id);
  } else button.removeAttribute('aria-describedby');
  // a click asks the server for the file (built then, not on every run); the next run brings it once
  button.onclick = () => {
    status.textContent = words.preparing || '';
    setTriggerValue('requested', Date.now());
  };
  const file = d.file;
  if (file && savedFiles.get(root) !== file.nonce) {
    savedFiles.set(root, file.nonce);
    if (file.failed) status.textContent = words.failed || '';
    else {
      saveFile(file);
      status.textContent = '';
    }
  } else if (!file) status.textContent = '';
  root.dataset.state = 'drawn';
}

// --- charts (components/chart_render.py) ----------------------------------------------------------------------

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

function drawSankeyFitted(plot, spec) {
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

// --- the network (components/network_render.py; drawing code in static/krcn/network.js) ----------------------

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
