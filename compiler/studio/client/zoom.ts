/**
 * The diagram's zoom: fit to the pane's width (the default; a diagram narrower than its pane is shown at
 * 100%), zoom in and out by steps, and 100%. Buttons in the toolbar with names a screen reader says, and
 * keys anywhere outside a text field: + and - zoom, W fits to the width, 0 is 100%. The zoom lasts across
 * redraws of a flow (a save, a step of a call); opening another flow fits it again.
 */
import { h } from './dom.js';

const LEVELS = [0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3];

interface ZoomState {
  mode: 'fit' | 'fixed';
  scale: number;
  /** The flow the zoom was chosen on. */
  flow?: string;
}

const state: ZoomState = { mode: 'fit', scale: 1 };
let observer: ResizeObserver | undefined;

const pane = (): HTMLElement | null => document.getElementById('diagram');

/** The diagram's own size (after its labels were placed), kept on the svg by the page. */
function naturalSize(svg: SVGSVGElement): { w: number; h: number } {
  return { w: Number(svg.dataset.width), h: Number(svg.dataset.height) };
}

/** The scale the diagram is shown at now. */
export function currentScale(): number {
  const p = pane();
  const svg = p?.querySelector('svg');
  if (!p || !svg) return state.scale;
  if (state.mode === 'fixed') return state.scale;
  const { w } = naturalSize(svg);
  return w > 0 ? Math.min(1, p.clientWidth / w) : 1;
}

/** Sizes the diagram for the zoom, keeping the middle of what was in view in the middle. */
export function applyZoom(): void {
  const p = pane();
  const svg = p?.querySelector('svg');
  if (!p || !svg) return;
  const { w, h: height } = naturalSize(svg);
  const before = {
    x: (p.scrollLeft + p.clientWidth / 2) / Math.max(1, p.scrollWidth),
    y: (p.scrollTop + p.clientHeight / 2) / Math.max(1, p.scrollHeight),
  };
  const scale = currentScale();
  // Whole pixels, rounded down: a fitted diagram is never a fraction of a pixel wider than its pane.
  svg.setAttribute('width', String(Math.max(1, Math.floor(w * scale))));
  svg.setAttribute('height', String(Math.max(1, Math.floor(height * scale))));
  p.scrollLeft = before.x * p.scrollWidth - p.clientWidth / 2;
  p.scrollTop = before.y * p.scrollHeight - p.clientHeight / 2;
  const level = document.getElementById('zoom-level');
  if (level) level.textContent = `${Math.round(scale * 100)}%`;
  document.getElementById('zoom-fit')?.setAttribute('aria-pressed', state.mode === 'fit' ? 'true' : 'false');
  p.dataset.scale = String(scale);
}

function setFixed(scale: number): void {
  state.mode = 'fixed';
  state.scale = Math.min(LEVELS.at(-1)!, Math.max(LEVELS[0]!, scale));
  applyZoom();
}

export const zoom = {
  in(): void {
    const now = currentScale();
    setFixed(LEVELS.find((l) => l > now + 0.001) ?? LEVELS.at(-1)!);
  },
  out(): void {
    const now = currentScale();
    setFixed([...LEVELS].reverse().find((l) => l < now - 0.001) ?? LEVELS[0]!);
  },
  fit(): void {
    state.mode = 'fit';
    applyZoom();
  },
  actual(): void {
    setFixed(1);
  },
};

/** The toolbar's zoom buttons. */
export function zoomControls(): HTMLElement {
  const button = (id: string, keys: string, label: string | undefined, text: string, act: () => void, title: string) =>
    h('button', { id, type: 'button', 'aria-keyshortcuts': keys, ...(label ? { 'aria-label': label } : {}), title, onclick: act }, text);
  return h(
    'span',
    { role: 'group', 'aria-label': 'Zoom', class: 'row zoom' },
    button('zoom-out', '-', 'Zoom out', '−', zoom.out, 'Zoom out (−)'),
    h('output', { id: 'zoom-level', 'aria-live': 'polite', 'aria-label': 'Zoom level' }, ''),
    button('zoom-in', '+', 'Zoom in', '+', zoom.in, 'Zoom in (+)'),
    button('zoom-fit', 'W', undefined, 'Fit to width', zoom.fit, 'Fit the diagram to the width of its pane (W)'),
    button('zoom-100', '0', 'Zoom to 100%', '100%', zoom.actual, 'Actual size (0)'),
  );
}

/** Called after each redraw: a different flow fits again; the zoom follows the pane's size. */
export function afterDraw(flow: string | undefined): void {
  if (flow !== state.flow) {
    state.mode = 'fit';
    state.flow = flow;
  }
  observer?.disconnect();
  const p = pane();
  if (!p) return;
  applyZoom();
  observer = new ResizeObserver(() => {
    if (state.mode === 'fit') applyZoom();
  });
  observer.observe(p);
}

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The zoom keys, anywhere on the flows view but in a text field. */
export function installZoomKeys(): void {
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || !pane()) return;
    const act = { '+': zoom.in, '=': zoom.in, '-': zoom.out, _: zoom.out, w: zoom.fit, W: zoom.fit, '0': zoom.actual }[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  });
}
