// Builds DOM nodes; text always goes in as text, never as markup.

/** el('a', {href: '#/x', class: 'y'}, 'text', childNode) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function notice(text, isError = false) {
  return el('p', {class: isError ? 'notice error' : 'notice', role: isError ? 'alert' : 'status'}, text);
}

/** 2026-11-29T10:00:00Z → "2026-11-29 10:00 UTC"; empty for none. */
export function formatTime(iso) {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

export function statusText(status) {
  return el('span', {class: 'status-' + status}, status ? status.toLowerCase() : '');
}
