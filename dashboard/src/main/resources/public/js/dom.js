// DOM and formatting helpers shared by every part of the page.

const TIER_GLYPHS = ['①', '②', '③'];

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

// Writing only on change keeps the 1 s timer and stream replays from touching the DOM needlessly.
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function keyOf(item) {
  return `${item.namespace}/${item.name}`;
}

export function compareByNamespaceName(a, b) {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

const pad2 = (n) => String(n).padStart(2, '0');

export function formatDuration(ms) {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

export function relativeTime(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function formatTime(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? (iso ?? '') : new Date(t).toLocaleString();
}

export const tierGlyph = (tier) => TIER_GLYPHS[tier - 1] ?? String(tier);

export function actionButton(cls, text, title) {
  return el('button', { type: 'button', class: cls, text, title, 'aria-label': title });
}
