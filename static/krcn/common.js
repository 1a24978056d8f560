/* Helpers shared by the app's own components (table.js, chart.js, sankey.js, network-view.js), and the `sidebar`
   and `relay` components the frame puts on every page (page.css: Korean line breaks, phone markdown tables, print).

   Modules are loaded as app/static/krcn/<name>.js?v=<version of the whole folder> (kit.py); they import this one
   and link their styles with that same version (`sibling`), so no file is ever read from a stale cache. Every
   text from the data is written with textContent (never as markup). */

const VERSION = new URL(import.meta.url).search;  // "?v=<hash>" as kit.py asked for this module

export function sibling(name) {
  // a file of this folder at this module's version
  return new URL(name + VERSION, import.meta.url).href;
}

const styleSheets = new Map();  // name -> a promise settled when the sheet has loaded (or failed)

export function useStyles(name) {
  // One <link rel="stylesheet"> per style sheet and page session, served by the app itself. A module awaits it
  // before it draws: the bar charts and tables measure what they drew, which needs their styles in place.
  if (styleSheets.has(name)) return styleSheets.get(name);
  const href = sibling(name);
  let link = document.querySelector(`link[data-krcn-css="${name}"]`);
  if (link && link.href !== href) { link.remove(); link = null; }
  const loaded = new Promise((resolve) => {
    if (link && link.sheet) { resolve(); return; }
    if (!link) {
      link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.dataset.krcnCss = name;
    }
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });  // draw anyway, unstyled
    if (!link.isConnected) document.head.appendChild(link);
  });
  styleSheets.set(name, loaded);
  return loaded;
}

// Contract of `sidebar` (components/web/frame.py::sidebar_boxes): Python sends {lang, button, done, failed,
// boxes: [{id, label, text, notes}]}. It does what every page needs (sets <html lang>: Streamlit's index.html pins "en",
// and Korean pages are announced as Korean, WCAG 3.1.1; links page.css), and fills each `.krcn-copy` box of its own
// markup in order: `label`, then `text` in a read-only box named by it and a button that copies it (the clipboard API;
// where a page served over plain http has none, the box's selection is copied), whether that worked, and the `notes`
// (plain text) under it. One component for all of this, not one an element: fewer elements for every filter or
// language change to redraw and for the server to send. Nothing comes back.
const copyBoxes = new Map();  // box id -> shows a new text in that box (for `relay`)

export function sidebar(component) {
  const { data, parentElement } = component;
  const d = decode(data);
  useStyles('page.css');
  if (d.lang && document.documentElement.lang !== d.lang) document.documentElement.lang = d.lang;
  const cleanups = [...parentElement.querySelectorAll('.krcn-copy')].map((root, i) => copyBox(root, (d.boxes || [])[i], d));
  return () => cleanups.forEach((cleanup) => cleanup());
}

function copyBox(root, spec, d) {
  if (!spec) { root.hidden = true; return () => {}; }
  root.hidden = false;
  const label = root.querySelector('.krcn-copy-label');
  const box = root.querySelector('.krcn-copy-text');
  const button = root.querySelector('.krcn-copy-button');
  const status = root.querySelector('.krcn-copy-status');
  const notes = root.querySelector('.krcn-copy-notes');
  const show = (text) => {
    box.value = text || '';
    box.rows = Math.max(1, Math.ceil((text || '').length / 34));  // until the style sheet's field-sizing applies
    status.textContent = '';
  };
  setText(label, spec.label || '');
  box.setAttribute('aria-label', spec.label || '');
  show(spec.text);
  button.textContent = d.button || 'Copy';
  const noteTexts = (spec.notes || []).map(String);
  if ([...notes.children].map((p) => p.textContent).join('\n') !== noteTexts.join('\n')) {
    notes.replaceChildren(...noteTexts.map((note) => el('p', { text: note })));
  }
  if (spec.id) copyBoxes.set(spec.id, show);
  const onClick = async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(box.value);
      copied = true;
    } catch (err) {
      box.focus();
      box.select();
      try { copied = document.execCommand('copy'); } catch (err2) { copied = false; }
    }
    status.textContent = copied ? d.done : d.failed;
  };
  button.addEventListener('click', onClick);
  return () => {
    button.removeEventListener('click', onClick);
    if (spec.id && copyBoxes.get(spec.id) === show) copyBoxes.delete(spec.id);
  };
}

// Contract of `relay` (components/web/frame.py::fragment_view): Python sends {texts: {box id: text}} from inside a
// fragment (st.fragment), whose own reruns leave the sidebar as it was; the sidebar's copy boxes show the new
// texts (the share link and citation of the view the fragment now shows). Draws nothing; nothing comes back.
export function relay(component) {
  const d = decode(component.data);
  for (const [id, text] of Object.entries(d.texts || {})) {
    const show = copyBoxes.get(id);
    if (show) show(text);
  }
}

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

export function showFailure(root, status, d, err) {
  // a component whose library could not load or draw: say so in the page's language (the tables remain)
  root.dataset.state = 'failed';
  status.textContent = (d.text && d.text.failed) || String(err);
}

export function fill(template, values) {
  return String(template || '').replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ''));
}

// a class, `hidden` or text set only when it changes: a redundant write is still a DOM mutation (and work for
// whoever observes the page), and these run on every resize
export function setClass(node, name, on) {
  if (node.classList.contains(name) !== on) node.classList.toggle(name, on);
}

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function el(tag, props, children) {
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
