/**
 * Converts a YAML document to plain JSON data ourselves rather than with doc.toJS(), so that
 * non-string keys, `__proto__`-style keys and alias bombs become diagnostics instead of
 * silent coercions, process warnings or exceptions.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { rangeOfNode } from './source-position.js';
import type { LineCounter } from 'yaml';

/** Keys that would reach Object.prototype machinery in consumers (prototype pollution). */
/** Deeper nesting is refused rather than risking the stack of every later stage. */
export const maxDepth = 64;

export const reservedKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ToDataOptions {
  file: string;
  lineCounter: LineCounter;
  /** How many nodes alias expansion may add in total (billion-laughs guard). */
  maxAliasNodes?: number;
}

export function yamlToData(doc: Document, options: ToDataOptions): { value: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { file, lineCounter } = options;
  const budget = { aliasNodes: options.maxAliasNodes ?? 10_000, exceeded: false };
  const at = (node: Node) => rangeOfNode(lineCounter, node);

  let tooDeep: Node | undefined;
  // The alias written in this file whose expansion is under way: where an alias bomb is said.
  let outerAlias: Alias | undefined;
  let bombAt: Alias | undefined;
  const convert = (node: unknown, viaAlias: boolean, depth: number): unknown => {
    if (budget.exceeded || tooDeep) return null;
    if (depth > maxDepth) {
      tooDeep = node as Node;
      return null;
    }
    if (viaAlias && --budget.aliasNodes < 0) {
      budget.exceeded = true;
      bombAt = outerAlias;
      return null;
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) {
        if (!viaAlias) {
          diagnostics.push({
            code: 'yaml/bad-alias',
            severity: 'error',
            message: `The alias *${node.source} refers to no anchor &${node.source}.`,
            file,
            range: at(node),
            hint: `Define "&${node.source}" on an earlier value, or write the value here instead of the alias.`,
          });
        }
        return null;
      }
      if (depth > 64) return null;
      if (viaAlias) return convert(target, true, depth + 1);
      outerAlias = node;
      const value = convert(target, true, depth + 1);
      outerAlias = undefined;
      return value;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof Date) return v.toISOString();
      return v ?? null;
    }
    if (isSeq(node)) return node.items.map((item) => convert(item, viaAlias, depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          if (!viaAlias && keyNode) {
            diagnostics.push({
              code: 'yaml/complex-key',
              severity: 'error',
              message: 'A key must be plain text, not a list or a map.',
              file,
              range: at(keyNode),
              hint: 'If this is a template like {{name}}, put quotes around the whole value: "{{name}}".',
            });
          }
          continue;
        }
        const key = String(keyNode.value);
        if (reservedKeys.has(key)) {
          if (!viaAlias) {
            diagnostics.push({
              code: 'yaml/reserved-key',
              severity: 'error',
              message: `"${key}" cannot be used as a key.`,
              file,
              range: at(keyNode),
              hint: 'Rename the key; __proto__, constructor and prototype are reserved.',
            });
          }
          continue;
        }
        Object.defineProperty(out, key, {
          value: convert(pair.value, viaAlias, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return null;
  };

  const value = convert(doc.contents, false, 0);
  if (tooDeep) {
    diagnostics.push({
      code: 'yaml/too-deep',
      severity: 'error',
      message: `Values are nested more than ${maxDepth} levels deep here.`,
      file,
      range: at(tooDeep) ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 2 } },
      hint: 'Flatten the data: no flow, catalog or template needs this depth.',
    });
    return { value: undefined, diagnostics };
  }
  if (budget.exceeded) {
    diagnostics.push({
      code: 'yaml/alias-limit',
      severity: 'error',
      message: `This file expands aliases (*name) into too much data${bombAt ? ` (here, at *${bombAt.source})` : ''}; it looks like an alias bomb.`,
      file,
      range: (bombAt && at(bombAt)) ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 2 } },
      hint: 'Write the values out instead of nesting aliases of aliases.',
    });
    return { value: undefined, diagnostics };
  }
  return { value, diagnostics };
}
