// Building DOM safely: text only ever goes in as text nodes (textContent), never as markup.
// Article text, titles and actor names come from documents and are untrusted.

const SAFE_ATTRIBUTE = /^(class|id|title|role|tabindex|type|value|name|for|placeholder|colspan|scope|list|disabled|selected|checked|min|max|step|(aria|data)-[a-z0-9-]+|x|y|x1|x2|y1|y2|cx|cy|r|width|height|d|fill|stroke|stroke-width|opacity|transform|viewBox|text-anchor|dominant-baseline|rx|points|preserveAspectRatio)$/;

function setAttributes(node, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (!SAFE_ATTRIBUTE.test(name)) throw new Error(`attribute not allowed: ${name}`);
    node.setAttribute(name, value === true ? "" : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element: h("p", {class: "x"}, "text", h("b", {}, "bold")). Strings become text nodes. */
export function h(tag, attributes, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

/** An SVG element, built the same way. */
export function s(tag, attributes, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

/** Replace an element's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

/** "12 345" style grouping for counts. */
export function count(n) {
  return Number(n).toLocaleString("en-GB");
}
