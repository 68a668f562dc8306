// DOM helpers shared by every part of the page, and its icons. Icons are inline SVG drawn with
// currentColor, never emoji or symbol characters, so they look the same on a machine without an
// emoji font; an icon is decoration, the button or image around it carries the name.

const SVG = 'http://www.w3.org/2000/svg';

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
  node.append(...children.filter((child) => child != null));
  return node;
}

export function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') node.textContent = value;
    else if (value != null) node.setAttribute(key, String(value));
  }
  node.append(...children);
  return node;
}

// Writing only on change keeps the 1 s timer and stream replays from touching the DOM needlessly.
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node, name, value) {
  if (value == null || value === false) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== String(value)) node.setAttribute(name, String(value));
}

// 24x24 outlines: [filled paths, stroked paths]
const ICONS = {
  pause: [['M7 5h3.5v14H7z', 'M13.5 5H17v14h-3.5z'], []],
  play: [['M8 5v14l11-7z'], []],
  reset: [[], ['M4 12a8 8 0 1 0 2.6-5.9', 'M4 4v5h5']],
  close: [[], ['M6 6l12 12', 'M18 6L6 18']],
  up: [[], ['M12 19V5', 'M6 11l6-6 6 6']],
  down: [[], ['M12 5v14', 'M6 13l6 6 6-6']],
  remove: [[], ['M5 7h14', 'M10 7V4h4v3', 'M7 7l1 13h8l1-13']],
  plus: [[], ['M12 5v14', 'M5 12h14']],
  gauge: [[], ['M4 17a8 8 0 1 1 16 0', 'M12 17l4-6']],
  warning: [[], ['M12 3l10 18H2z', 'M12 10v4', 'M12 17v1']],
  back: [[], ['M19 12H5', 'M11 6l-6 6 6 6']],
};

/** An icon; with a label it is an image with that name, without one it is hidden from assistive technology. */
export function icon(name, label) {
  const [fills, strokes] = ICONS[name];
  const svg = svgEl('svg', { viewBox: '0 0 24 24', width: 16, height: 16, class: `icon icon-${name}`, focusable: 'false' },
    ...fills.map((d) => svgEl('path', { d, fill: 'currentColor' })),
    ...strokes.map((d) => svgEl('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })));
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    svg.append(svgEl('title', { text: label }));
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  return svg;
}

/** A button showing only an icon; its name (also its tooltip) says what it does and to what. */
export function iconButton(cls, iconName, label) {
  return el('button', { type: 'button', class: `icon-button ${cls}`, title: label, 'aria-label': label }, icon(iconName));
}

export function setIconButton(button, cls, iconName, label) {
  button.className = `icon-button ${cls}`;
  setAttr(button, 'aria-label', label);
  setAttr(button, 'title', label);
  button.replaceChildren(icon(iconName));
}

/** The notice bar: one message at a time, dismissed by its button or after a while. */
export function createNotices(bar) {
  let timer = 0;
  const text = $('.notice-text', bar);
  $('.notice-close', bar).addEventListener('click', () => { bar.hidden = true; });
  return (message) => {
    text.textContent = message;
    bar.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => { bar.hidden = true; }, 15000);
  };
}

/**
 * Asks in a modal dialog; resolves true when the user confirms. Escape or Cancel resolve false.
 * options: {confirm: button text, danger: boolean}
 */
export function confirmDialog(dialog, message, { confirm = 'OK', cancel = 'Cancel' } = {}) {
  setText($('.confirm-message', dialog), message);
  setText($('.confirm-ok', dialog), confirm);
  setText($('.confirm-cancel', dialog), cancel);
  return new Promise((resolve) => {
    const done = () => {
      dialog.removeEventListener('close', done);
      resolve(dialog.returnValue === 'ok');
    };
    dialog.returnValue = '';
    dialog.addEventListener('close', done);
    dialog.showModal();
    $('.confirm-ok', dialog).focus();
  });
}
