/**
 * A laid-out flow diagram as SVG: boxes shaped by kind, problems as badges and coloured borders, the
 * selected step, and the path of a call (visited steps, taken arrows, where it is now). Every step box
 * is focusable and opens with Enter or Space.
 */
import { boundsOf, type Box, LABEL_GAP, type Point, placeLabels } from '../model/label-placement.js';
import type { PlacedDiagram, PlacedNode } from '../model/studio-types.js';
import { s } from './dom.js';

export interface DiagramMarks {
  selected?: string;
  problems: Map<string, 'error' | 'warning'>;
  /** Step names the call went through, and the arrows it took as from>to of node ids. */
  visited: Set<string>;
  taken: Set<string>;
  current?: string;
}

function shape(n: PlacedNode): SVGElement {
  const { x, y, w, h } = n;
  switch (n.kind) {
    case 'start':
    case 'end':
      return s('ellipse', { cx: x + w / 2, cy: y + h / 2, rx: w / 2, ry: h / 2 });
    case 'decide':
      return s('polygon', { points: `${x + w / 2},${y - 6} ${x + w},${y + h / 2} ${x + w / 2},${y + h + 6} ${x},${y + h / 2}` });
    case 'lookup':
      return s('polygon', {
        points: `${x + 14},${y} ${x + w - 14},${y} ${x + w},${y + h / 2} ${x + w - 14},${y + h} ${x + 14},${y + h} ${x},${y + h / 2}`,
      });
    case 'pay':
    case 'connect':
    case 'notify':
      return s('polygon', { points: `${x + 12},${y} ${x + w},${y} ${x + w - 12},${y + h} ${x},${y + h}` });
    default:
      return s('rect', { x, y, width: w, height: h, rx: n.kind === 'menu' ? 14 : 3 });
  }
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The detail on up to two lines of about 34 characters. */
function detailLines(text: string): string[] {
  const words = text.split(' ');
  const lines = [''];
  for (const w of words) {
    const last = lines[lines.length - 1]!;
    if ((last + ' ' + w).trim().length > 31 && last !== '') {
      if (lines.length === 2) {
        lines[1] = clip(`${last} ${w}`, 31);
        break;
      }
      lines.push(w);
    } else lines[lines.length - 1] = (last + ' ' + w).trim();
  }
  return lines;
}

export function diagramSvg(d: PlacedDiagram, marks: DiagramMarks, open: (step: string) => void): SVGElement {
  const svg = s('svg', {
    width: d.width,
    height: d.height,
    viewBox: `0 0 ${d.width} ${d.height}`,
    'data-width': d.width,
    'data-height': d.height,
    role: 'group',
    'aria-label': 'Flow diagram: each box is a step; Tab to a step and press Enter to see it.',
  });
  svg.append(
    s(
      'defs',
      {},
      s(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8792a5' }),
      ),
      s(
        'marker',
        { id: 'arrow-taken', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
        s('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#d9480f' }),
      ),
    ),
  );
  const edges = s('g', { class: 'edges' });
  // The labels are drawn over the steps (after them), so that one that had to sit on a box stays readable.
  const labels = s('g', { class: 'edge-labels' });
  for (const [i, e] of d.edges.entries()) {
    const taken = marks.taken.has(`${e.from}>${e.to}`);
    const g = s('g', {
      class: `edge${e.fallback ? ' fallback' : ''}${taken ? ' taken' : ''}`,
      'data-from': e.from,
      'data-to': e.to,
      'data-edge': i,
    });
    g.append(s('path', { d: e.path, 'marker-end': taken ? 'url(#arrow-taken)' : 'url(#arrow)' }));
    if (e.label) {
      const text = s(
        'text',
        { class: `edge-label${taken ? ' taken' : ''}`, x: e.labelX, y: e.labelY, 'text-anchor': 'middle', 'data-edge': i },
        clip(e.label, 40),
      );
      labels.append(text);
    }
    edges.append(g);
  }
  svg.append(edges);
  for (const n of d.nodes) {
    const problem = n.step !== undefined ? marks.problems.get(n.step) : undefined;
    const classes = ['node', n.kind];
    if (n.unreachable) classes.push('unreachable');
    if (problem) classes.push(`has-${problem}`);
    if (n.step !== undefined && n.step === marks.selected) classes.push('selected');
    if (n.step !== undefined && marks.visited.has(n.step)) classes.push('visited');
    if (n.step !== undefined && n.step === marks.current) classes.push('current');
    const label = `${n.title}${n.detail ? `: ${n.detail}` : ''}${problem ? ` (has ${problem === 'error' ? 'an error' : 'a warning'})` : ''}${n.unreachable ? ' (never reached)' : ''}`;
    const g = s('g', {
      class: classes.join(' '),
      'data-step': n.step,
      'data-kind': n.kind,
      ...(n.step !== undefined ? { tabindex: 0, role: 'button', 'aria-label': label } : { 'aria-label': label }),
    });
    g.append(shape(n));
    const small = n.kind === 'start' || n.kind === 'end';
    const cx = n.x + n.w / 2;
    g.append(s('text', { class: 'title', x: cx, y: small ? n.y + n.h / 2 + 5 : n.y + 19, 'text-anchor': 'middle' }, clip(n.title, 28)));
    if (n.detail && !small) {
      const lines = detailLines(n.detail);
      for (const [i, line] of lines.entries())
        g.append(s('text', { class: 'detail', x: cx, y: n.y + 35 + i * 14, 'text-anchor': 'middle' }, line));
    }
    if (problem) {
      g.append(
        s(
          'text',
          { class: `badge ${problem}`, x: n.x + n.w - 4, y: n.y - 4, 'text-anchor': 'end' },
          problem === 'error' ? '✖ error' : '⚠ warning',
        ),
      );
    }
    if (n.step !== undefined) {
      const step = n.step;
      g.addEventListener('click', () => open(step));
      g.addEventListener('keydown', (ev) => {
        const k = (ev as KeyboardEvent).key;
        if (k === 'Enter' || k === ' ') {
          ev.preventDefault();
          open(step);
        }
      });
    }
    svg.append(g);
  }
  svg.append(labels);
  return svg;
}

/** Where along its arrow a label may sit, the best first (after the layout's own choice). */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9];

/**
 * Once the diagram is in the page (texts can be measured): moves the arrows' labels so that no two
 * overlap and none sits on a step where another place is free (model/label-placement.ts), draws a thin
 * line from a label that had to leave its arrow back to it, and grows the picture to hold every label.
 */
export function arrangeLabels(svg: SVGSVGElement): void {
  const texts = [...svg.querySelectorAll<SVGTextElement>('text.edge-label')];
  const items = texts.map((text) => {
    const path = svg.querySelector<SVGPathElement>(`.edge[data-edge="${text.dataset.edge}"] path`);
    const b = text.getBBox();
    const first = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    const offset = { x: first.x - Number(text.getAttribute('x')), y: first.y - Number(text.getAttribute('y')) };
    const along: Point[] = [];
    if (path) {
      const length = path.getTotalLength();
      for (const f of ALONG) {
        const p = path.getPointAtLength(f * length);
        along.push({ x: p.x, y: p.y });
      }
    }
    return { text, offset, label: { w: b.width, h: b.height, candidates: [first, ...along] } };
  });
  const steps: Box[] = [...svg.querySelectorAll<SVGGElement>('.node')].map((g) => {
    const b = g.getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  });
  const frame: Box = { x: 0, y: 0, w: Number(svg.dataset.width), h: Number(svg.dataset.height) };
  const centres = placeLabels(
    items.map((i) => i.label),
    steps,
    frame,
  );
  const boxes: Box[] = [frame];
  items.forEach((item, i) => {
    const c = centres[i]!;
    item.text.setAttribute('x', String(Math.round((c.x - item.offset.x) * 10) / 10));
    item.text.setAttribute('y', String(Math.round((c.y - item.offset.y) * 10) / 10));
    const { w, h } = item.label;
    boxes.push({ x: c.x - w / 2 - LABEL_GAP, y: c.y - h / 2 - LABEL_GAP, w: w + 2 * LABEL_GAP, h: h + 2 * LABEL_GAP });
    const near = item.label.candidates.some((p) => Math.hypot(p.x - c.x, p.y - c.y) < 1);
    const anchor = item.label.candidates[1];
    if (!near && anchor) {
      // Off its arrow: a thin line from the label's nearest edge to the arrow's middle says whose it is.
      const x = Math.min(Math.max(anchor.x, c.x - w / 2), c.x + w / 2);
      const y = Math.min(Math.max(anchor.y, c.y - h / 2), c.y + h / 2);
      item.text.before(s('line', { class: 'leader', x1: x, y1: y, x2: anchor.x, y2: anchor.y }));
    }
  });
  const all = boundsOf(boxes);
  const x = Math.floor(Math.min(0, all.x));
  const y = Math.floor(Math.min(0, all.y));
  const w = Math.ceil(all.x + all.w - x);
  const h = Math.ceil(all.y + all.h - y);
  svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
  svg.dataset.width = String(w);
  svg.dataset.height = String(h);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
}
