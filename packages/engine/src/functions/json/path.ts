// JSON path lookup and editing over a JNode tree (json.c jsonLookupStep): '.key', '."quoted key"',
// '[N]', '[#]', '[#-N]'. Edits (delete, insert, set, replace) mutate the tree in place and create
// missing intermediate containers the way jsonCreateEditSubstructure does.

import { encodedSize, fitInto, isContainer, JType, scalarNode, type JNode } from './node.js';
import { stringValue, unescapeJson } from './render.js';

export type EditKind = 'get' | 'del' | 'ins' | 'set' | 'rep';
export type LookupResult = { found: JNode } | 'notfound' | 'patherror' | 'created';

interface Edit {
  kind: EditKind;
  value: JNode | null;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function keyText(node: JNode): string {
  return isContainer(node) ? '' : stringValue(node);
}

/**
 * A new container holding the rest of the path, null when the rest cannot be created, or
 * 'patherror' when the rest is not a path (jsonCreateEditSubstructure passes that error on).
 */
function createSubstructure(path: string, at: number, edit: Edit): JNode | null | 'patherror' {
  if (at >= path.length) return edit.value;
  const container: JNode = path[at] === '.' ? { type: JType.Object, items: [] } : { type: JType.Array, items: [] };
  const result = step(container, path, at, edit, () => undefined);
  return result === 'created' ? container : result === 'patherror' ? result : null;
}

/** One path step at `at` applied to `node`; `replace` swaps (or with null removes) node in its parent. */
function step(node: JNode, path: string, at: number, edit: Edit, replace: (n: JNode | null) => void): LookupResult {
  if (at >= path.length) {
    if (edit.kind === 'del') replace(null);
    else if ((edit.kind === 'set' || edit.kind === 'rep') && edit.value) replace(fitInto(edit.value, encodedSize(node)));
    return { found: node };
  }
  if (path[at] === '.') {
    let i = at + 1;
    let key: string;
    let rawKey = true;
    if (path[i] === '"') {
      // The label ends at the first '"' not escaped by a backslash (jsonLookupStep).
      let close = i + 1;
      while (close < path.length && path[close] !== '"') close += path[close] === '\\' && close + 1 < path.length ? 2 : 1;
      if (close >= path.length) return 'patherror';
      key = path.slice(i + 1, close);
      rawKey = !key.includes('\\');
      i = close + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      key = path.slice(i, j);
      if (key === '') return 'patherror';
      i = j;
    }
    if (node.type !== JType.Object) return 'notfound';
    const wanted = rawKey ? key : unescapeJson(key);
    const items = node.items;
    for (let k = 0; k + 1 < items.length; k += 2) {
      if (keyText(items[k]!) === wanted) {
        return step(items[k + 1]!, path, i, edit, (n) => (n === null ? items.splice(k, 2) : (items[k + 1] = n)));
      }
    }
    if (edit.kind === 'ins' || edit.kind === 'set') {
      const sub = createSubstructure(path, i, edit);
      if (sub === 'patherror') return sub;
      if (!sub) return 'notfound';
      items.push(scalarNode(rawKey ? JType.TextRaw : JType.Text5, key), sub);
      return 'created';
    }
    return 'notfound';
  }
  if (path[at] === '[') {
    if (node.type !== JType.Array) return 'notfound';
    const items = node.items;
    let i = at + 1;
    let k = 0;
    while (isDigit(path[i])) k = k * 10 + (path.charCodeAt(i++) - 48);
    if (i < at + 2 || path[i] !== ']') {
      if (path[at + 1] !== '#') return 'patherror';
      k = items.length;
      i = at + 2;
      if (path[at + 2] === '-' && isDigit(path[at + 3])) {
        let back = 0;
        i = at + 3;
        while (isDigit(path[i])) back = back * 10 + (path.charCodeAt(i++) - 48);
        if (back > k) return 'notfound';
        k -= back;
      }
      if (path[i] !== ']') return 'patherror';
    }
    if (k < items.length) return step(items[k]!, path, i + 1, edit, (n) => (n === null ? items.splice(k, 1) : (items[k] = n)));
    if (k > items.length) return 'notfound';
    if (edit.kind === 'ins' || edit.kind === 'set') {
      const sub = createSubstructure(path, i + 1, edit);
      if (sub === 'patherror') return sub;
      if (!sub) return 'notfound';
      items.push(sub);
      return 'created';
    }
    return 'notfound';
  }
  return 'patherror';
}

/** Looks up (or edits) `path`, the text after '$'. */
export function lookup(root: JNode, path: string, kind: EditKind = 'get', value: JNode | null = null): LookupResult {
  return step(root, path, 0, { kind, value }, () => undefined);
}

/** The path an abbreviated -> / ->> right operand stands for (without the leading '$'). */
export function abbreviatedPath(text: string, isInteger: boolean): string {
  if (isInteger) return text.startsWith('-') ? `[#${text}]` : `[${text}]`;
  if (/^[A-Za-z0-9_]*$/.test(text) && text !== '') return `.${text}`;
  if (text.startsWith('[') && text.length >= 3 && text.endsWith(']')) return text;
  return `."${text}"`;
}

/** RFC 7396 merge patch as json_patch() applies it. */
export function mergePatch(target: JNode, patch: JNode): JNode {
  // A non-object patch overwrites the target in place (jsonBlobEdit: its header may be widened).
  if (patch.type !== JType.Object) return fitInto(patch, encodedSize(target));
  const result: JNode = target.type === JType.Object ? target : { type: JType.Object, items: [] };
  const items = (result as { items: JNode[] }).items;
  const p = patch.items;
  for (let k = 0; k + 1 < p.length; k += 2) {
    const key = keyText(p[k]!);
    const value = p[k + 1]!;
    let found = -1;
    for (let t = 0; t + 1 < items.length; t += 2) {
      if (keyText(items[t]!) === key) {
        found = t;
        break;
      }
    }
    if (value.type === JType.Null) {
      if (found >= 0) items.splice(found, 2);
    } else if (found >= 0) {
      const old = items[found + 1]!;
      items[found + 1] = value.type === JType.Object ? mergePatch(old, value) : fitInto(value, encodedSize(old));
    }
    else items.push(p[k]!, value.type === JType.Object ? mergePatch({ type: JType.Object, items: [] }, value) : value);
  }
  return result;
}
