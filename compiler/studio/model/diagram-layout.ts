/**
 * A layered layout of a flow diagram, top to bottom: each box on the layer of its shortest distance
 * from the call's start, boxes in a layer ordered by where their parents are (two barycenter sweeps), a
 * layer of more than four boxes on several rows, arrows down as curves, arrows back up or sideways
 * around the right. Pure; the page draws the result.
 */
import type { FlowDiagram } from '../../diagram/flow-diagram.js';
import type { PlacedDiagram, PlacedEdge, PlacedNode } from './studio-types.js';

export const NODE_W = 200;
export const NODE_H = 58;
const GAP_X = 44;
const GAP_Y = 70;
const MARGIN = 30;
/** The most boxes side by side in one row. */
export const MAX_ROW = 4;

export function layoutDiagram(d: FlowDiagram): PlacedDiagram {
  const ids = d.nodes.map((n) => n.id);
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const e of d.edges) {
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  }
  // Layer: breadth-first distance from the start; the unreached go below everything.
  const layer = new Map<string, number>();
  const first = ids[0];
  if (first !== undefined) {
    layer.set(first, 0);
    const queue = [first];
    while (queue.length > 0) {
      const at = queue.shift()!;
      for (const next of out.get(at) ?? []) {
        if (!layer.has(next)) {
          layer.set(next, layer.get(at)! + 1);
          queue.push(next);
        }
      }
    }
  }
  const deepest = Math.max(0, ...layer.values());
  // The hang-up circle sits at the bottom, unreached steps on a row of their own below it.
  if (layer.has('hangup')) layer.set('hangup', deepest + 1);
  const bottom = Math.max(0, ...layer.values());
  for (const id of ids) if (!layer.has(id)) layer.set(id, bottom + 1);

  const layers: string[][] = [];
  for (const id of ids) {
    const l = layer.get(id)!;
    (layers[l] ??= []).push(id);
  }
  const rows = layers.filter((row) => row !== undefined);
  const position = new Map<string, number>();
  const renumber = (): void => {
    for (const row of rows) row.forEach((id, i) => void position.set(id, i - (row.length - 1) / 2));
  };
  renumber();
  const barycenter = (id: string, neighbours: Map<string, string[]>, fallback: number): number => {
    const ps = (neighbours.get(id) ?? []).filter((n) => n !== id).map((n) => position.get(n) ?? 0);
    return ps.length === 0 ? fallback : ps.reduce((a, b) => a + b, 0) / ps.length;
  };
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const row of rows.slice(1)) {
      const keyed = row.map((id, i) => ({ id, key: barycenter(id, into, position.get(id) ?? i), i }));
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      row.splice(0, row.length, ...keyed.map((k) => k.id));
      renumber();
    }
  }
  // A layer wider than MAX_ROW boxes (a menu with many choices) goes on several rows, so that the diagram
  // stays about as wide as a screen instead of shrinking to nothing when fitted to it.
  const wrapped = rows.flatMap((row) =>
    row.length <= MAX_ROW
      ? [row]
      : Array.from({ length: Math.ceil(row.length / MAX_ROW) }, (_, i) => row.slice(i * MAX_ROW, (i + 1) * MAX_ROW)),
  );
  rows.splice(0, rows.length, ...wrapped);
  const widest = Math.max(1, ...rows.map((r) => r.length));
  const width = MARGIN * 2 + widest * NODE_W + (widest - 1) * GAP_X + 120;
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const placed = new Map<string, PlacedNode>();
  rows.forEach((row, r) => {
    const rowWidth = row.length * NODE_W + (row.length - 1) * GAP_X;
    const x0 = (width - 120 - rowWidth) / 2;
    row.forEach((id, i) => {
      const node = byId.get(id)!;
      const small = node.kind === 'start' || node.kind === 'end';
      const w = small ? 120 : NODE_W;
      const h = small ? 36 : NODE_H;
      const x = x0 + i * (NODE_W + GAP_X) + (NODE_W - w) / 2;
      const y = MARGIN + r * (NODE_H + GAP_Y) + (NODE_H - h) / 2;
      const isStep = node.kind !== 'start' && node.kind !== 'end' && node.kind !== 'jump';
      placed.set(id, { ...node, x, y, w, h, ...(isStep ? { step: node.title } : {}) });
    });
  });
  const height = MARGIN * 2 + rows.length * NODE_H + (rows.length - 1) * GAP_Y;
  const edges: PlacedEdge[] = [];
  const rowOf = (id: string) => rows.findIndex((row) => row.includes(id));
  // Several arrows that go around one box are spread out so that their labels do not sit on each other.
  let around = 0;
  for (const e of d.edges) {
    const a = placed.get(e.from);
    const b = placed.get(e.to);
    if (!a || !b) continue;
    const ra = rowOf(e.from);
    const rb = rowOf(e.to);
    const round = (n: number) => Math.round(n * 10) / 10;
    if (e.from === e.to) {
      const x = a.x + a.w;
      const y = a.y + a.h / 2;
      edges.push({
        ...e,
        path: `M ${round(x)} ${round(y - 10)} C ${round(x + 40)} ${round(y - 30)}, ${round(x + 40)} ${round(y + 30)}, ${round(x)} ${round(y + 10)}`,
        labelX: round(x + 34),
        labelY: round(y - 22),
      });
    } else if (rb > ra) {
      const x1 = a.x + a.w / 2;
      const y1 = a.y + a.h;
      const x2 = b.x + b.w / 2;
      const y2 = b.y;
      const my = (y1 + y2) / 2;
      edges.push({
        ...e,
        path: `M ${round(x1)} ${round(y1)} C ${round(x1)} ${round(my)}, ${round(x2)} ${round(my)}, ${round(x2)} ${round(y2)}`,
        labelX: round((x1 + x2) / 2),
        labelY: round(rb - ra > 1 ? y1 + 16 : my),
      });
    } else {
      // Back up (a retry, a return to the menu) or along a row: out of the right side, into the right side.
      around += 1;
      const bulge = 40 + (around % 4) * 18;
      const x1 = a.x + a.w;
      const y1 = a.y + a.h / 2 + 8;
      const x2 = b.x + b.w;
      const y2 = b.y + b.h / 2 - 8;
      const cx = Math.max(x1, x2) + bulge;
      edges.push({
        ...e,
        path: `M ${round(x1)} ${round(y1)} C ${round(cx)} ${round(y1)}, ${round(cx)} ${round(y2)}, ${round(x2)} ${round(y2)}`,
        labelX: round(cx - 8),
        labelY: round((y1 + y2) / 2),
      });
    }
  }
  return { width: Math.round(width), height: Math.round(height), nodes: [...placed.values()], edges };
}
