/* Tables (components/web/table.py, payload: components/web/render/table.py::table_payload).

   Python sends: {caption, lang, columns: [{key, label, kind, width, ...}], rows, ids?, max_visible_rows, text: {the
   component's words}}. The browser draws a real <table> with a caption, sortable by every column (aria-sort),
   a "find in this table" box past 8 rows, a sticky header and first column, links only for http(s) addresses;
   a table wider than its box says how many columns are in view and pages sideways. Nothing comes back.
   Styles: table.css. */
// imported at this module's version (kit.py's ?v=), so a new release never meets a cached old helper
const { decode, el, fill, setClass, setText, useStyles } = await import(new URL('./common.js' + new URL(import.meta.url).search, import.meta.url).href);

await useStyles('table.css');  // before the first drawing: it measures what it draws

const LAZY_MARGIN = 20;  // rows drawn past a scrolling table's box before the visitor scrolls
const LAZY_CHUNK = 100;  // rows drawn at a time as the visitor scrolls near the last drawn one

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
  // Off screen the browser skips laying out and painting the table (content-visibility in table.css) and keeps this
  // much room for it, its rows at their usual height, so the page's length hardly moves when it is drawn.
  const inView = d.maxRows ? Math.min(rows.length, d.maxRows) : rows.length;
  scroll.style.containIntrinsicHeight = `auto calc(${(inView + 1) * 2.3}em + 2px)`;

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
    tr.setAttribute('aria-rowindex', '1');
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

  // A table that scrolls inside draws the rows in its box and a screenful more; the rest are drawn as the visitor
  // scrolls near them, LAZY_CHUNK at a time, and all of them for print. Drawing and laying out rows nobody sees
  // was ~60 ms of a language change on /sources (103 rows) and /regions on a desktop (docs/performance.md).
  const lazyFrom = d.maxRows && rows.length > d.maxRows ? d.maxRows + LAZY_MARGIN : Infinity;
  const table = scroll.querySelector('table');
  if (root.__krcnRowWatch) root.__krcnRowWatch.disconnect();
  if (root.__krcnPrintWatch) root.__krcnPrintWatch();
  let order = [];
  let limit = 0;
  let drawn = 0;

  function drawRows(upTo) {
    const end = Math.min(upTo, limit);
    if (end <= drawn) return;
    const fragment = document.createDocumentFragment();
    for (let n = drawn; n < end; n += 1) {
      const i = order[n];
      const tr = document.createElement('tr');
      tr.setAttribute('aria-rowindex', String(n + 2));  // the header is row 1
      if (d.ids) tr.dataset.id = d.ids[i];
      rows[i].forEach((value, c) => tr.appendChild(tableCell(c === 0 ? 'th' : 'td', columns[c], value, text, c)));
      fragment.appendChild(tr);
    }
    tbody.appendChild(fragment);
    drawn = end;
    // a screen reader is told how many rows the table has, drawn or not
    if (drawn < order.length) table.setAttribute('aria-rowcount', String(order.length + 1));
    else table.removeAttribute('aria-rowcount');
    watchLastRow();
  }

  function watchLastRow() {
    if (root.__krcnRowWatch) root.__krcnRowWatch.disconnect();
    if (drawn >= limit) return;
    root.__krcnRowWatch = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) drawRows(drawn + LAZY_CHUNK);
    }, { root: scroll, rootMargin: '0px 0px 600px 0px' });
    root.__krcnRowWatch.observe(tbody.lastElementChild);
  }

  // printed or saved as PDF: every row (up to "show all"), as the print style shows the table whole
  const printing = window.matchMedia('print');
  const drawForPrint = () => drawRows(limit);
  const onPrintChange = (event) => { if (event.matches) drawForPrint(); };
  printing.addEventListener('change', onPrintChange);
  window.addEventListener('beforeprint', drawForPrint);
  root.__krcnPrintWatch = () => {
    printing.removeEventListener('change', onPrintChange);
    window.removeEventListener('beforeprint', drawForPrint);
  };

  function body() {
    order = visibleRows();
    limit = state.all ? order.length : Math.min(order.length, d.firstDrawn || order.length);
    drawn = 0;
    tbody.replaceChildren();
    if (!order.length) {
      const td = el('td', { class: 'krcn-table-empty', text: rows.length ? text.no_match || '' : text.empty || '' });
      td.colSpan = Math.max(1, columns.length);
      tbody.appendChild(el('tr', {}, [td]));
      table.removeAttribute('aria-rowcount');
    } else {
      drawRows(printing.matches ? limit : Math.min(limit, lazyFrom));
    }
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

