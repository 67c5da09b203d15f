/**
 * The studio's views: a flow (list of flows, diagram, step detail or call panel), the problems list,
 * and the translations table. Each is drawn afresh from the model and the place in the page (the hash).
 */
import type { DiagnosticView, FlowView, StepView, StudioModel } from '../model/studio-types.js';
import type { CallPanel } from './call-panel.js';
import { diagramSvg, type DiagramMarks } from './diagram-svg.js';
import { h } from './dom.js';
import { zoomControls } from './zoom.js';

export interface Place {
  view: 'flows' | 'diagnostics' | 'translations';
  flow?: string;
  locale?: string;
  step?: string;
  panel?: 'step' | 'call';
  /** Translations: only rows with a missing or fallback text. */
  gaps?: boolean;
}

export function placeFromHash(hash: string): Place {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const view = p.get('view');
  return {
    view: view === 'diagnostics' || view === 'translations' ? view : 'flows',
    ...(p.get('flow') ? { flow: p.get('flow')! } : {}),
    ...(p.get('locale') ? { locale: p.get('locale')! } : {}),
    ...(p.get('step') ? { step: p.get('step')! } : {}),
    ...(p.get('panel') === 'call' ? { panel: 'call' as const } : {}),
    ...(p.get('gaps') === '1' ? { gaps: true } : {}),
  };
}

export function hashOf(place: Place): string {
  const p = new URLSearchParams();
  p.set('view', place.view);
  if (place.flow) p.set('flow', place.flow);
  if (place.locale) p.set('locale', place.locale);
  if (place.step) p.set('step', place.step);
  if (place.panel === 'call') p.set('panel', 'call');
  if (place.gaps) p.set('gaps', '1');
  return `#${p.toString()}`;
}

export interface Ctx {
  model: StudioModel;
  place: Place;
  call: CallPanel;
  go(place: Place): void;
  sourceHref(file: string): string;
}

const stepHref = (flow: string, step: string, locale?: string): string =>
  hashOf({ view: 'flows', flow, step, ...(locale ? { locale } : {}) });

function where(d: DiagnosticView, ctx: Ctx): HTMLElement {
  const loc = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}:${d.col ?? 1}` : ''}` : '(project)';
  return h('span', { class: 'where' }, d.file ? h('a', { href: ctx.sourceHref(d.file), target: '_blank', rel: 'noopener' }, loc) : loc);
}

export function problemCard(d: DiagnosticView, ctx: Ctx, withSteps: boolean): HTMLElement {
  return h(
    'div',
    { class: 'problem', 'data-code': d.code, 'data-severity': d.severity, id: `problem-${d.index}` },
    h('div', {}, h('span', { class: `sev ${d.severity}` }, d.severity), ' ', h('code', {}, d.code), ' ', where(d, ctx)),
    h('p', { class: 'message' }, d.message),
    d.hint && h('p', { class: 'hint' }, `How to fix it: ${d.hint}`),
    d.frame &&
      h(
        'pre',
        {},
        d.frame.map(([n, text]) => h('span', { class: n === d.line ? 'here' : '' }, `${String(n).padStart(4)} | ${text}\n`)),
      ),
    withSteps &&
      d.anchors.length > 0 &&
      h(
        'p',
        {},
        'On ',
        d.anchors.map((a, i) => [i > 0 ? ', ' : '', h('a', { href: stepHref(a.flow, a.step), class: 'anchor' }, `${a.flow} › ${a.step}`)]),
      ),
  );
}

function stepPanel(flow: FlowView, step: StepView, ctx: Ctx): HTMLElement {
  const locales = [ctx.place.locale ?? flow.locales[0]!, ...flow.locales.filter((l) => l !== (ctx.place.locale ?? flow.locales[0]))];
  const current = step.locales[locales[0]!] ?? Object.values(step.locales)[0];
  return h(
    'div',
    { class: 'step-detail', id: 'step-detail' },
    h('h2', {}, `Step ${step.name}`),
    h(
      'p',
      {},
      current ? `${current.kind === 'menu' ? 'waits for keys or words' : current.kind}` : '',
      ' · ',
      h('a', { href: ctx.sourceHref(flow.file), target: '_blank', rel: 'noopener' }, `${flow.file}${step.line ? `:${step.line}` : ''}`),
    ),
    step.diagnostics.length > 0 &&
      h(
        'section',
        { 'aria-label': 'Problems on this step' },
        step.diagnostics
          .map((i) => ctx.model.diagnostics[i])
          .filter((d) => d !== undefined)
          .map((d) => problemCard(d!, ctx, false)),
      ),
    h('h3', {}, 'What the caller hears'),
    locales.map((locale) => {
      const v = step.locales[locale];
      if (!v) return null;
      const voice = v.says[0];
      return h(
        'section',
        { class: 'locale', 'data-locale': locale, lang: locale },
        h(
          'h3',
          {},
          locale,
          voice?.language
            ? h(
                'span',
                { class: 'voice' },
                ` — voice ${voice.language}${voice.style !== undefined ? `, style ${voice.style}` : ''}${voice.premium ? ', premium' : ''}`,
              )
            : '',
        ),
        v.says.length === 0
          ? h('p', { class: 'empty' }, 'Nothing: this step decides or looks up, then goes on.')
          : v.says.map((t) =>
              h(
                'div',
                { class: 'said' },
                h('span', { class: 'where' }, t.where, t.language && t.language !== voice?.language ? ` (${t.language})` : ''),
                h('span', { class: 'text' }, t.text),
                t.ssml && h('details', {}, h('summary', {}, 'SSML as written'), h('pre', {}, t.ssml)),
              ),
            ),
      );
    }),
    current &&
      h(
        'section',
        {},
        h('h3', {}, 'Where it goes'),
        current.exits.length === 0
          ? h('p', { class: 'empty' }, 'The call ends here (hang-up).')
          : h(
              'table',
              { class: 'exits' },
              h(
                'tbody',
                {},
                current.exits.map((e) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('strong', {}, e.key)),
                    h(
                      'td',
                      {},
                      '→ ',
                      h(
                        'a',
                        { href: stepHref(e.to.flow, e.to.step, e.to.locale) },
                        e.to.flow === flow.name ? e.to.step : `${e.to.flow} › ${e.to.step}`,
                        e.to.locale !== locales[0] ? ` (${e.to.locale})` : '',
                      ),
                    ),
                  ),
                ),
              ),
            ),
        h('details', {}, h('summary', {}, `The NCCO (${locales[0]})`), h('pre', { class: 'ncco' }, JSON.stringify(current.ncco, null, 2))),
      ),
  );
}

function diagramMarks(flow: FlowView, locale: string, ctx: Ctx): DiagramMarks {
  const problems = new Map<string, 'error' | 'warning'>();
  for (const step of Object.values(flow.steps)) {
    const sevs = step.diagnostics.map((i) => ctx.model.diagnostics[i]?.severity);
    if (sevs.includes('error')) problems.set(step.name, 'error');
    else if (sevs.includes('warning')) problems.set(step.name, 'warning');
  }
  const key = `${flow.name}/${locale}`;
  const visited = ctx.call.view.visited.get(key) ?? new Set<string>();
  const diagram = flow.diagrams[locale];
  const idOf = new Map((diagram?.nodes ?? []).filter((n) => n.step !== undefined).map((n) => [n.step!, n.id]));
  const taken = new Set<string>();
  for (const pair of ctx.call.view.taken.get(key) ?? []) {
    const [a = '', b = ''] = pair.split('>');
    taken.add(`${idOf.get(a)}>${idOf.get(b)}`);
  }
  const at = ctx.call.view.at;
  return {
    ...(ctx.place.step ? { selected: ctx.place.step } : {}),
    problems,
    visited,
    taken,
    ...(at && at.flow === flow.name && at.locale === locale ? { current: at.step } : {}),
  };
}

export function flowsView(ctx: Ctx): HTMLElement {
  const { model, place } = ctx;
  const flow = model.flows.find((f) => f.name === place.flow) ?? model.flows[0];
  if (!flow) return h('div', { class: 'page' }, h('p', {}, 'This project has no flow that compiles yet. See Problems.'));
  const locale = place.locale && flow.locales.includes(place.locale) ? place.locale : flow.locales[0]!;
  const errorsIn = (f: FlowView) =>
    Object.values(f.steps).reduce((n, s) => n + s.diagnostics.filter((i) => model.diagnostics[i]?.severity === 'error').length, 0);
  const list = h(
    'nav',
    { class: 'flowlist', 'aria-label': 'Flows' },
    h('h2', {}, 'Flows'),
    model.flows.map((f) =>
      h(
        'button',
        {
          'aria-current': f.name === flow.name ? 'true' : 'false',
          'data-flow': f.name,
          onclick: () => ctx.go({ view: 'flows', flow: f.name }),
        },
        h('span', {}, f.name),
        f.stale
          ? h('span', { class: 'sev error' }, 'broken')
          : errorsIn(f) > 0
            ? h('span', { class: 'sev error' }, String(errorsIn(f)))
            : '',
      ),
    ),
  );
  const diagram = flow.diagrams[locale];
  const panelKind = place.panel === 'call' ? 'call' : 'step';
  const step = place.step ? flow.steps[place.step] : undefined;
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('strong', {}, flow.name),
    h(
      'span',
      { class: 'desc' },
      `${flow.direction}${flow.numbers.length ? ` · ${flow.numbers.map((n) => `${n.number} (${n.locale})`).join(', ')}` : ''}`,
    ),
    h(
      'span',
      { role: 'group', 'aria-label': 'Language of the diagram', class: 'row' },
      flow.locales.map((l) =>
        h(
          'button',
          {
            'aria-pressed': l === locale ? 'true' : 'false',
            'data-locale': l,
            onclick: () => ctx.go({ ...place, view: 'flows', flow: flow.name, locale: l }),
          },
          l,
        ),
      ),
    ),
    diagram && zoomControls(),
  );
  const canvas = h(
    'section',
    { class: 'canvas', 'aria-label': `Diagram of ${flow.name}` },
    toolbar,
    flow.stale &&
      h(
        'p',
        { class: 'stale', role: 'alert' },
        `${flow.file} does not compile now: this is its last diagram. Its problems are listed under Problems.`,
      ),
    h(
      'div',
      { class: 'diagram', id: 'diagram' },
      diagram
        ? diagramSvg(diagram, diagramMarks(flow, locale, ctx), (s) => ctx.go({ view: 'flows', flow: flow.name, locale, step: s }))
        : '',
    ),
  );
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    h(
      'button',
      {
        role: 'tab',
        id: 'tab-step',
        'aria-selected': panelKind === 'step' ? 'true' : 'false',
        onclick: () => ctx.go({ ...place, flow: flow.name, panel: 'step' }),
      },
      'Step',
    ),
    h(
      'button',
      {
        role: 'tab',
        id: 'tab-call',
        'aria-selected': panelKind === 'call' ? 'true' : 'false',
        onclick: () => ctx.go({ ...place, flow: flow.name, panel: 'call' }),
      },
      'Call',
    ),
  );
  const body =
    panelKind === 'call'
      ? ctx.call.render({ flow: flow.name, locale })
      : step
        ? stepPanel(flow, step, ctx)
        : h(
            'p',
            { class: 'empty' },
            'Choose a step in the diagram (click it, or Tab to it and press Enter) to see what the caller hears there.',
          );
  return h(
    'div',
    { class: 'flows' },
    list,
    canvas,
    h('aside', { class: 'panel', 'aria-label': 'Details' }, tabs, h('div', { role: 'tabpanel' }, body)),
  );
}

export function diagnosticsView(ctx: Ctx): HTMLElement {
  const { model } = ctx;
  return h(
    'div',
    { class: 'page', id: 'problems' },
    h('h2', {}, `Problems: ${model.counts.errors} errors, ${model.counts.warnings} warnings`),
    model.diagnostics.length === 0
      ? h('p', { class: 'empty' }, 'No problems: the project builds cleanly.')
      : model.diagnostics.map((d) => problemCard(d, ctx, true)),
  );
}

export function translationsView(ctx: Ctx): HTMLElement {
  const t = ctx.model.translations;
  const gaps = ctx.place.gaps === true;
  const rows = gaps ? t.rows.filter((r) => Object.values(r.cells).some((c) => c.status !== 'ok')) : t.rows;
  const missing = t.rows.reduce((n, r) => n + Object.values(r.cells).filter((c) => c.status === 'missing').length, 0);
  const fallback = t.rows.reduce((n, r) => n + Object.values(r.cells).filter((c) => c.status === 'fallback').length, 0);
  const toggle = h('input', {
    type: 'checkbox',
    id: 'gaps',
    ...(gaps ? { checked: true } : {}),
    onchange: () => ctx.go({ view: 'translations', gaps: !gaps }),
  });
  return h(
    'div',
    { class: 'page', id: 'translations' },
    h('h2', {}, `Translations: ${t.rows.length} texts in ${t.locales.length} languages`),
    h('p', {}, `${missing} missing, ${fallback} served by another language.`),
    h('p', { class: 'row' }, toggle, h('label', { for: 'gaps' }, 'Show only texts with a gap')),
    h(
      'table',
      { class: 'tr' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Text'),
          t.locales.map((l) => h('th', { lang: l }, l)),
          h('th', {}, 'Spoken at'),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            { 'data-key': r.key },
            h('th', {}, h('code', {}, r.key)),
            t.locales.map((l) => {
              const c = r.cells[l];
              if (!c) return h('td', { class: 'empty' }, '—');
              if (c.status === 'missing') return h('td', { class: 'missing', lang: l }, h('span', { class: 'mark' }, '✖ missing'));
              return h(
                'td',
                { class: c.status, lang: c.servedBy ?? l },
                c.status === 'fallback' ? h('span', { class: 'mark' }, `⚠ from ${c.servedBy}: `) : '',
                c.text ?? '',
              );
            }),
            h(
              'td',
              {},
              r.spokenAt.map((a, i) => [i > 0 ? ', ' : '', h('a', { href: stepHref(a.flow, a.step) }, `${a.flow} › ${a.step}`)]),
            ),
          ),
        ),
      ),
    ),
  );
}
