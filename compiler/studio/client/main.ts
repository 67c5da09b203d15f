/**
 * The studio page: loads the model (from the live server, or model.json of an export), follows the
 * server's events to reload it after a save — keeping the place in the page — and draws the view the
 * hash names.
 */
import type { StudioModel } from '../model/studio-types.js';
import { CallPanel } from './call-panel.js';
import { arrangeLabels } from './diagram-svg.js';
import { h } from './dom.js';
import { diagnosticsView, flowsView, hashOf, placeFromHash, translationsView, type Ctx, type Place } from './views.js';
import { afterDraw, installZoomKeys } from './zoom.js';

const live = document.querySelector('meta[name="flowc-studio"]')?.getAttribute('content') === 'live';
const main = document.getElementById('main')!;
const status = document.getElementById('status')!;
let model: StudioModel | undefined;
/** The flow and locale last shown: "Flows" in the menu goes back to them. */
let lastFlow: { flow?: string; locale?: string } = {};

const call = new CallPanel(() => render(), live);

function go(place: Place): void {
  const hash = hashOf(place);
  if (location.hash === hash) render();
  else location.hash = hash;
}

function render(): void {
  if (!model) return;
  const place = placeFromHash(location.hash);
  if (place.view === 'flows') {
    if (place.flow === undefined && lastFlow.flow !== undefined) Object.assign(place, lastFlow);
    lastFlow = { ...(place.flow ? { flow: place.flow } : {}), ...(place.locale ? { locale: place.locale } : {}) };
  }
  const ctx: Ctx = { model, place, call, go, sourceHref: (file) => `source/${file.split('/').map(encodeURIComponent).join('/')}` };
  // Keep focus and scroll where they were across a redraw (a save, a step of a call).
  const focused = document.activeElement;
  const focusKey = focused instanceof Element ? focused.id || focused.getAttribute('data-step') || focused.getAttribute('data-key') : null;
  const scrolls = [...main.querySelectorAll('.diagram, .panel, .page, .transcript')].map(
    (el) => [el.className, el.scrollTop, el.scrollLeft] as const,
  );
  const view = place.view === 'diagnostics' ? diagnosticsView(ctx) : place.view === 'translations' ? translationsView(ctx) : flowsView(ctx);
  main.replaceChildren(view);
  const svg = main.querySelector<SVGSVGElement>('#diagram svg');
  if (svg) arrangeLabels(svg);
  afterDraw(svg ? (main.querySelector('.toolbar strong')?.textContent ?? undefined) : undefined);
  for (const [cls, top, left] of scrolls) {
    const el = main.querySelector(`[class="${cls}"]`);
    if (el && !cls.includes('transcript')) {
      el.scrollTop = top;
      el.scrollLeft = left;
    }
  }
  if (focusKey) {
    const again =
      document.getElementById(focusKey) ??
      main.querySelector(`[data-step="${CSS.escape(focusKey)}"], [data-key="${CSS.escape(focusKey)}"]`);
    if (again) (again as HTMLElement).focus();
  }
  for (const a of document.querySelectorAll('.top nav a'))
    a.setAttribute('aria-current', a.getAttribute('data-view') === place.view ? 'page' : 'false');
  const counts = document.getElementById('counts')!;
  counts.textContent =
    model.counts.errors + model.counts.warnings > 0 ? `(${model.counts.errors} errors, ${model.counts.warnings} warnings)` : '';
  document.body.dataset.version = String(model.version);
  document.body.dataset.errors = String(model.counts.errors);
}

async function load(): Promise<void> {
  const response = await fetch(live ? 'api/model' : 'model.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`the model could not be read (${response.status})`);
  model = (await response.json()) as StudioModel;
  call.setSimulation(model.simulation);
  render();
}

window.addEventListener('hashchange', render);
installZoomKeys();

async function boot(): Promise<void> {
  try {
    await load();
  } catch (error) {
    main.replaceChildren(
      h('p', { class: 'loading', role: 'alert' }, `flowc studio: ${error instanceof Error ? error.message : String(error)}`),
    );
    return;
  }
  if (!live) {
    status.textContent = 'Exported: a picture of the project when it was exported';
    return;
  }
  const events = new EventSource('api/events');
  events.addEventListener('model', (e) => {
    const { version } = JSON.parse((e as MessageEvent<string>).data) as { version: number };
    if (model && version !== model.version) {
      void load().then(() => (status.textContent = `Updated after a save (${new Date().toLocaleTimeString()})`));
    } else status.textContent = 'Live: follows every save';
  });
  events.addEventListener('error', () => (status.textContent = 'Not connected to flowc studio (is it still running?)'));
}

void boot();
