"""Font stack and JavaScript shared by the dashboard's inline components (no streamlit): where the app is served from, and
loading a vendored library from the app's own static folder once per browser session."""

# The app's own font stack (as .streamlit/config.toml's theme): system fonts with Korean and Chinese glyphs.
FONT_STACK = (
    "'Source Sans', 'Source Sans Pro', 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans CJK KR', 'Noto Sans KR', "
    "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"
)

LOADER_JS = r"""
function krcnAppBase() {
  // Streamlit's own bundle lives at <app base>/static/js/index.*.js: that base survives server.baseUrlPath,
  // proxies and deep links (/network/ with or without a trailing slash).
  const own = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (own && own.src) return new URL('../../', own.src).href;
  return new URL('./', document.baseURI).href;
}

function krcnLoadScript(asset, globalName) {
  // One <script> per library and page session; a failed load may be retried by the next render.
  if (window[globalName]) return Promise.resolve(window[globalName]);
  const loading = (window.__krcnScripts = window.__krcnScripts || {});
  if (!loading[asset]) {
    loading[asset] = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL(asset, krcnAppBase()).href;
      script.async = true;
      script.onload = () => (window[globalName] ? resolve(window[globalName]) : reject(new Error(globalName + ' missing')));
      script.onerror = () => { delete loading[asset]; script.remove(); reject(new Error(globalName + ' failed to load')); };
      document.head.appendChild(script);
    });
  }
  return loading[asset];
}

function krcnShowFailure(root, status, d, err) {
  // a component whose library could not load or draw: say so in the page's language (the tables remain)
  root.dataset.state = 'failed';
  status.textContent = (d.text && d.text.failed) || String(err);
}

function krcnDecode(data) {
  if (data instanceof Uint8Array) return JSON.parse(new TextDecoder('utf-8').decode(data));
  if (data instanceof ArrayBuffer) return JSON.parse(new TextDecoder('utf-8').decode(new Uint8Array(data)));
  return data || {};
}
"""
