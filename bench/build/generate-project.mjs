#!/usr/bin/env node
/**
 * A synthetic flowc project for the build benchmark: N flows × L locales × S steps, with message
 * catalogs, pay prompt sets and templates, written as a person would (flow-style maps, comments,
 * quoted digit keys). Deterministic: the same arguments and --seed give the same bytes, and flow i
 * is the same whatever N is.
 *
 *   node bench/build/generate-project.mjs --flows 1000 --locales 4 --steps 8 --out bench/out/p1000 [--seed 1]
 *
 * Flow kinds (by a seeded draw per flow): billing (inbound, takes a card payment when S ≥ 7),
 * support (inbound, keys or speech), info (inbound, keys) and reminder (outbound). Every flow speaks
 * all L locales; every inbound flow has one number per locale.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AREAS, LOCALES, PHRASES, TOPICS } from './phrasebook.mjs';

/** flowc refuses larger files (compiler/load/parse-source.ts, maxFileBytes). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MARKER = '.bench-generated.json';
const MIN_STEPS = 4;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast, good enough for picking shapes. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per flow, so flow i does not depend on how many flows there are. */
const rngFor = (seed, index) => mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));

const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const between = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pad = (n, width) => String(n).padStart(width, '0');

function pickDistinct(rng, list, count) {
  const pool = [...list];
  const out = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// YAML text helpers

const RESERVED = /^(?:true|false|null|~|yes|no|on|off|[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan))$/i;

/** A scalar for block context: plain when YAML reads it back unchanged, double-quoted otherwise. */
function q(text) {
  const plain =
    text.length > 0 && !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) && !/\s$/.test(text) && !/: |:$| #|\t|\n/.test(text) && !RESERVED.test(text);
  return plain ? text : JSON.stringify(text);
}

/** A scalar inside a flow collection ({ } or [ ]), where commas and brackets also end a plain scalar. */
const qf = (text) => (/[,[\]{}]/.test(text) ? JSON.stringify(text) : q(text));

// ---------------------------------------------------------------------------------------------
// The model of one flow

const KINDS = [
  { kind: 'billing', weight: 35 },
  { kind: 'support', weight: 30 },
  { kind: 'info', weight: 25 },
  { kind: 'reminder', weight: 10 },
];

function pickKind(rng) {
  let r = rng() * 100;
  for (const k of KINDS) {
    if (r < k.weight) return k.kind;
    r -= k.weight;
  }
  return 'info';
}

/**
 * Which steps a flow has. Always: welcome, agent, voicemail (or call-back), goodbye. Then, as S allows:
 * the pay trio (billing), a retry step (support, info, or when there is room), and info steps.
 */
function planSteps(kind, steps, rng) {
  let budget = steps - MIN_STEPS;
  const pay = kind === 'billing' && budget >= 3;
  if (pay) budget -= 3;
  const retry = kind !== 'reminder' && budget >= 1 && (kind !== 'billing' || budget >= 2);
  if (retry) budget -= 1;
  const first = kind === 'billing' ? ['balance'] : [];
  // Sorted, so flows with the same topics share one menu text (as real menu families do).
  const rest = pickDistinct(
    rng,
    TOPICS.filter((t) => !first.includes(t)),
    Math.max(0, budget - first.length),
  ).sort((a, b) => TOPICS.indexOf(a) - TOPICS.indexOf(b));
  const topics = [...first, ...rest].slice(0, budget);
  // Longer chains than the topic list allows repeat topics under numbered step names.
  while (topics.length < budget) topics.push(TOPICS[topics.length % TOPICS.length]);
  return { pay, retry, topics };
}

function flowModel(seed, index, localeCount, steps) {
  const rng = rngFor(seed, index);
  const kind = pickKind(rng);
  const name = `${kind}-${pad(index + 1, 5)}`;
  const plan = planSteps(kind, steps, rng);
  const locales = LOCALES.slice(0, localeCount);
  const infoSteps = plan.topics.map((topic, i) => ({
    topic,
    step: plan.topics.indexOf(topic) === i ? `info-${topic}` : `info-${topic}-${i + 1}`,
  }));
  return {
    index,
    kind,
    name,
    inbound: kind !== 'reminder',
    speech: kind === 'support',
    locales,
    ...plan,
    infoSteps,
    prompts: rng() < 0.7 ? 'card' : 'card-short',
    inlineAgent: rng() < 0.25,
    // Drawn from its own stream so adding it did not change the other draws.
    agentNumber: pick(mulberry32(index), ['{{deskNumber}}', '{{billingDesk}}', '{{supportDesk}}']),
    menuTimeOut: pick(rng, [5, 5, 5, 6, 8]),
    vars: {
      balance: (between(rng, 1200, 89999) / 100).toFixed(2),
      dueDate: `2026-${pad(between(rng, 1, 12), 2)}-${pad(between(rng, 1, 28), 2)}`,
      area: pick(rng, AREAS),
      restoreTime: `${pad(between(rng, 13, 22), 2)}:${pick(rng, ['00', '15', '30', '45'])}`,
      opens: pick(rng, ['07:30', '08:00', '08:30', '09:00']),
      closes: pick(rng, ['17:00', '17:30', '18:00', '19:00']),
      savings: (between(rng, 4000, 25000) / 100).toFixed(2),
      deskNumber: `1415555${pad(between(rng, 200, 9999), 4)}`,
    },
  };
}

/** The keys the welcome menu offers: pay first, then info steps, "0" for a person. */
function welcomeOptions(flow) {
  const options = [];
  let key = 1;
  if (flow.pay) options.push({ key: String(key++), target: 'pay-now', label: 'pay' });
  for (const info of flow.infoSteps) {
    if (key > 8) break; // the rest are chained from the previous info step with "1"
    options.push({ key: String(key++), target: info.step, label: info.topic });
  }
  options.push({ key: '0', target: 'agent', label: 'agent' });
  return options;
}

// ---------------------------------------------------------------------------------------------
// Messages: every key used is recorded, and every catalog gets exactly those keys.

class Catalog {
  constructor() {
    /** group → key → (lang → text) */
    this.groups = new Map();
  }
  use(group, key, textOf) {
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = new Map()));
    if (!g.has(key)) g.set(key, textOf);
    return `${group}.${key}`;
  }
  render(lang, header) {
    const order = ['common', 'pay', 'reminder', 'info', 'topics', 'menus'];
    const names = [...this.groups.keys()].sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      if (ia !== ib) return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const lines = [header];
    for (const group of names) {
      lines.push('', `${group}:`);
      for (const [key, textOf] of this.groups.get(group)) lines.push(`  ${key}: ${q(textOf(lang))}`);
    }
    return lines.join('\n') + '\n';
  }
}

/** The menu text for a set of options; flows with the same options share one message. */
function menuKey(catalog, flow, options) {
  const id = `${flow.kind}-${options.map((o) => `${o.key}${o.label}`).join('-')}`;
  return catalog.use('menus', id.replace(/[^a-z0-9-]/g, ''), (lang) => {
    const p = PHRASES[lang];
    return options.map((o) => p.menuLine(p.labels[o.label], o.key)).join(' ');
  });
}

// ---------------------------------------------------------------------------------------------
// Writing one flow file

const commonKey = (catalog, key) => catalog.use('common', key, (lang) => PHRASES[lang].common[key]);
/** The message templates/menu-prompt.yaml speaks (and the inline speech menus too). */
const menuPromptKeys = (catalog) => commonKey(catalog, 'menu-repeat-hint');

function onMap(indent, entries) {
  const pad = ' '.repeat(indent);
  return [`${pad}on:`, ...entries.map(([k, v]) => `${pad}  ${/^[0-9*#]+$/.test(k) ? JSON.stringify(k) : k}: ${v}`)];
}

function speechTarget(flow, target, label) {
  const words = [];
  for (const l of flow.locales) for (const w of PHRASES[l.lang].speech[label] ?? []) if (!words.includes(w)) words.push(w);
  return `{ goto: ${target}, speech: [${words.map(qf).join(', ')}] }`;
}

/** The menu's prompt and input: the menu-prompt template, or an inline keys-or-speech input. */
function menuInput(flow, catalog, options, fallback, self) {
  const lines = [];
  const entries = [];
  if (flow.speech) {
    const hint = menuPromptKeys(catalog);
    lines.push(`    - talk: { say: ${hint}, bargeIn: true }`);
    lines.push('    - input:');
    lines.push('        type: [dtmf, speech]      # the caller may press a key or say a word');
    lines.push(`        dtmf: { maxDigits: 1, timeOut: ${Math.min(flow.menuTimeOut, 10)} }`);
    lines.push('        speech: { endOnSilence: 1, startTimeout: 5, maxDuration: 10 }');
    for (const o of options) entries.push([o.key, speechTarget(flow, o.target, o.label)]);
    entries.push(['*', speechTarget(flow, self, 'repeat')]);
  } else {
    menuPromptKeys(catalog);
    lines.push('    - use: menu-prompt');
    if (flow.menuTimeOut !== 5) lines.push(`      with: { timeOut: ${flow.menuTimeOut} }`);
    for (const o of options) entries.push([o.key, o.target]);
    entries.push(['*', self]);
  }
  entries.push(['timeout', fallback.timeout], ['default', fallback.default]);
  return [...lines, ...onMap(6, entries)];
}

function renderFlow(flow, catalog) {
  // Inbound flows greet with their own text; outbound ones open with the shared reminder.
  const opening = flow.inbound
    ? catalog.use(flow.name, 'greeting', (lang) => PHRASES[lang].greeting(PHRASES[lang].departments[flow.kind], flow.vars.area))
    : catalog.use('reminder', 'intro', (lang) => PHRASES[lang].reminder.intro);
  const options = welcomeOptions(flow);
  const menu = menuKey(catalog, flow, options);
  const out = [
    '# yaml-language-server: $schema=../../dist/flow.schema.json',
    `flow: ${flow.name}`,
    'description: >-',
    `  Synthetic ${flow.kind} line for the ${flow.vars.area} area (bench/build/generate-project.mjs).`,
    `  ${flow.pay ? `Callers can pay by card with the "${flow.prompts}" prompts, hear` : 'Callers can hear'} ${flow.infoSteps.length} information topic${flow.infoSteps.length === 1 ? '' : 's'} or reach a representative.`,
    `direction: ${flow.inbound ? 'inbound' : 'outbound'}`,
  ];
  if (flow.inbound) {
    out.push('numbers:');
    for (const l of flow.locales) out.push(`  "1${l.areaCode}5${pad(flow.index, 6)}": ${l.locale}`);
  }
  out.push(`locales: [${flow.locales.map((l) => l.locale).join(', ')}]`);
  out.push('vars:');
  out.push(`  balance: ${flow.vars.balance}            # US dollars`);
  out.push(`  dueDate: "${flow.vars.dueDate}"`);
  out.push(`  area: ${q(flow.vars.area)}`);
  out.push(`  restoreTime: "${flow.vars.restoreTime}"`);
  out.push(`  opens: "${flow.vars.opens}"`);
  out.push(`  closes: "${flow.vars.closes}"`);
  out.push(`  savings: ${flow.vars.savings}`);
  out.push(`  deskNumber: "${flow.vars.deskNumber}"`);
  out.push('start: welcome', '', 'steps:');

  // welcome
  const welcomeFallback = flow.retry ? { timeout: 'welcome-retry', default: 'welcome-retry' } : { timeout: 'goodbye', default: 'goodbye' };
  out.push('  welcome:');
  out.push(`    - talk: { say: ${opening}, bargeIn: true }`);
  out.push(`    - talk: { say: ${menu}, bargeIn: true }`);
  out.push(...menuInput(flow, catalog, options, welcomeFallback, 'welcome'));

  if (flow.retry) {
    out.push('', '  welcome-retry:');
    out.push(`    - talk: { say: ${commonKey(catalog, 'not-understood')} }`);
    out.push(`    - talk: { say: ${menu}, bargeIn: true }`);
    out.push(...menuInput(flow, catalog, options, { timeout: 'goodbye', default: 'agent' }, 'welcome-retry'));
  }

  if (flow.pay) {
    catalog.use('pay', 'amount-notice', (lang) => PHRASES[lang].pay['amount-notice']);
    out.push('', '  pay-now:');
    out.push('    - use: amount-notice');
    out.push('      with: { amount: "{{balance}}" }');
    out.push(`    - pay: { amount: "{{balance}}", prompts: ${flow.prompts} }   # flows/pay/${flow.prompts}.<locale>.yaml`);
    out.push(
      ...onMap(6, [
        ['success', 'paid'],
        ['failure', 'pay-failed'],
      ]),
    );
    out.push('', '  paid:');
    out.push(`    - talk: { say: ${catalog.use('pay', 'paid', (lang) => PHRASES[lang].pay.paid)} }`);
    out.push('    - use: goodbye');
    out.push('', '  pay-failed:');
    out.push(`    - talk: { say: ${catalog.use('pay', 'failed', (lang) => PHRASES[lang].pay.failed)}, bargeIn: true }`);
    menuPromptKeys(catalog);
    out.push('    - use: menu-prompt');
    out.push(
      ...onMap(6, [
        ['1', 'pay-now'],
        ['0', 'agent'],
        ['9', 'welcome'],
        ['*', 'pay-failed'],
        ['timeout', 'goodbye'],
        ['default', 'agent'],
      ]),
    );
  }

  flow.infoSteps.forEach((info, i) => {
    const next = flow.infoSteps[i + 1];
    const chained = next !== undefined && i + 1 >= 8 - (flow.pay ? 1 : 0); // not on the welcome menu
    out.push('', `  ${info.step}:`);
    if (info.topic === 'outage') {
      out.push('    - stream:');
      out.push('        streamUrl: ["https://cdn.acme-energy.example/audio/alert-tone.mp3"]');
      out.push('        level: -0.3');
    }
    const topicKey = catalog.use('topics', info.topic, (lang) => PHRASES[lang].topics[info.topic]);
    if (info.topic === 'report') {
      out.push(`    - talk: { say: ${topicKey} }`);
      // The notify's result continues the call: to the next chained topic, or to goodbye.
      out.push('    - notify:                     # tells the crews, then the call goes on');
      out.push('        payload:');
      out.push('          event: problem-report');
      out.push(`          flow: ${flow.name}`);
      out.push(`          area: ${q(flow.vars.area)}`);
      out.push(...onMap(6, [['default', chained ? next.step : 'goodbye']]));
      return;
    }
    const menuText = chained
      ? catalog.use('info', 'menu-more', (lang) => PHRASES[lang].infoMenuMore)
      : catalog.use('info', 'menu', (lang) => PHRASES[lang].infoMenu);
    out.push(`    - talk: { say: ${topicKey}, bargeIn: true }`);
    out.push(`    - talk: { say: ${menuText}, bargeIn: true }`);
    menuPromptKeys(catalog);
    out.push('    - use: menu-prompt');
    const entries = [];
    if (chained) entries.push(['1', next.step]);
    entries.push(['9', 'welcome'], ['0', 'agent'], ['*', info.step], ['timeout', 'goodbye'], ['default', 'welcome']);
    out.push(...onMap(6, entries));
  });

  // agent, with fallbacks for every way the call can fail to connect
  const fallback = flow.inbound ? 'voicemail' : 'call-back';
  const statuses = ['busy', 'unanswered', 'timeout', 'failed', 'rejected'].map((s) => [s, fallback]);
  out.push('', '  agent:');
  if (flow.inlineAgent) {
    out.push('    - talk:');
    out.push('        text:                     # one text per locale, right here');
    for (const l of flow.locales) out.push(`          ${l.locale}: ${q(PHRASES[l.lang].hold)}`);
    out.push('    - connect:');
    out.push(`        from: "1${flow.locales[0].areaCode}5${pad(flow.index, 6)}"`);
    out.push('        timeout: 30');
    out.push('        limit: 3600');
    out.push('        endpoint:');
    out.push('          - type: phone');
    out.push('            number: "{{deskNumber}}"');
    out.push(...onMap(6, statuses));
  } else {
    commonKey(catalog, 'connecting');
    out.push('    - use: connect-agent');
    out.push(`      with: { number: "${flow.agentNumber}" }`);
    out.push(...onMap(6, statuses));
  }

  if (flow.inbound) {
    commonKey(catalog, 'voicemail-prompt');
    commonKey(catalog, 'voicemail-thanks');
    out.push('', '  voicemail:', '    - use: voicemail');
  } else {
    out.push('', '  call-back:');
    out.push(`    - talk: { say: ${commonKey(catalog, 'call-back-later')} }`);
    out.push('    - use: goodbye');
  }
  commonKey(catalog, 'goodbye');
  out.push('', '  goodbye:', '    - use: goodbye');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Project files

function projectFile(locales) {
  const lines = [
    '# Synthetic project for the flowc build benchmark (bench/build/generate-project.mjs).',
    'routerUrl: https://ivr.acme-energy.example/flowc',
    'cdnUrl: https://cdn.acme-energy.example/ncco',
    '',
    'pay:',
    '  currencies: [usd]',
    '',
    'locales:',
  ];
  for (const l of locales) lines.push(`  ${l.locale}:`, `    language: ${l.language}`, `    style: ${l.style}`);
  lines.push(
    '',
    'vars:',
    '  company: Acme Energy',
    '  mainNumber: "14155550100"',
    '  billingDesk: "14155550190"',
    '  supportDesk: "14155550191"',
    '  paymentLine: "18005550142"',
  );
  return lines.join('\n') + '\n';
}

const TEMPLATES = {
  'menu-prompt': `template: menu-prompt
description: >-
  Offers to repeat the menu, then waits for one key press. Put the menu's on: at the use site.
params:
  timeOut:
    type: number
    default: 5
    description: Seconds to wait for a key press, 1 to 10.
actions:
  - talk: { say: common.menu-repeat-hint, bargeIn: true }
  - input:
      type: [dtmf]
      dtmf:
        maxDigits: 1
        timeOut: "{{timeOut}}"
`,
  'amount-notice': `template: amount-notice
description: Tells the caller how much they are about to pay. Use it right before a pay.
params:
  amount:
    type: number
    required: true
    description: The amount in US dollars.
actions:
  - talk: { say: pay.amount-notice }
`,
  'connect-agent': `template: connect-agent
description: Asks the caller to hold and rings a team's line. Put the fallbacks at the use site.
params:
  number:
    type: string
    required: true
    description: The team's phone number, E.164 without "+".
actions:
  - talk: { say: common.connecting }
  - connect:
      from: "{{mainNumber}}"
      timeout: 25
      limit: 3600
      endpoint:
        - type: phone
          number: "{{number}}"
`,
  goodbye: `template: goodbye
description: Thanks the caller and ends the call.
actions:
  - talk: { say: common.goodbye }
`,
  voicemail: `template: voicemail
description: Takes a voice message after the beep and thanks the caller.
actions:
  - talk: { say: common.voicemail-prompt }
  - record:
      beepStart: true
      endOnKey: "#"
      endOnSilence: 5
      timeOut: 180
      eventUrl: ["https://crm.acme-energy.example/hooks/voicemail"]
  - talk: { say: common.voicemail-thanks }
`,
};

function paySetFile(set, l) {
  const prompts = PHRASES[l.lang].cards[set];
  const lines = [`# Pay prompts for \`prompts: ${set}\`, ${l.locale}. Visa and Mastercard only.`];
  for (const [type, [text, errors]] of Object.entries(prompts)) {
    lines.push(`${type}:`, `  text: ${q(text)}`, '  errors:');
    for (const [e, t] of Object.entries(errors)) lines.push(`    ${e}: ${q(t)}`);
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

/** Every file of the project, as [relative path, text]; pure. */
export function generateProject({ flows, locales, steps, seed = 1 }) {
  if (!Number.isInteger(flows) || flows < 1) throw new Error('--flows must be a whole number ≥ 1');
  if (!Number.isInteger(locales) || locales < 1 || locales > LOCALES.length) throw new Error(`--locales must be 1 to ${LOCALES.length}`);
  if (!Number.isInteger(steps) || steps < MIN_STEPS) throw new Error(`--steps must be a whole number ≥ ${MIN_STEPS}`);
  const catalog = new Catalog();
  const files = [];
  const usedSets = new Set();
  const usedTemplates = new Set(['goodbye']);
  const stats = { billing: 0, support: 0, info: 0, reminder: 0, pay: 0, stepsTotal: 0 };
  for (let i = 0; i < flows; i++) {
    const flow = flowModel(seed, i, locales, steps);
    const text = renderFlow(flow, catalog);
    files.push([`flows/${flow.kind}/${flow.name}.flow.yaml`, text]);
    stats[flow.kind]++;
    if (flow.pay) {
      stats.pay++;
      usedSets.add(flow.prompts);
    }
    for (const m of text.matchAll(/use: ([a-z-]+)/g)) usedTemplates.add(m[1]);
    stats.stepsTotal += (text.match(/^ {2}[a-z][a-z0-9-]*:$/gm) ?? []).length;
  }
  const chosen = LOCALES.slice(0, locales);
  files.push(['flowc.yaml', projectFile(chosen)]);
  for (const name of Object.keys(TEMPLATES).sort()) if (usedTemplates.has(name)) files.push([`templates/${name}.yaml`, TEMPLATES[name]]);
  for (const l of chosen) {
    files.push([
      `flows/messages/${l.locale}.yaml`,
      catalog.render(l.lang, `# ${l.locale}: every message of the synthetic project (bench/build/generate-project.mjs).`),
    ]);
    for (const set of [...usedSets].sort()) files.push([`flows/pay/${set}.${l.locale}.yaml`, paySetFile(set, l)]);
  }
  for (const [rel, text] of files) {
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_FILE_BYTES)
      throw new Error(`${rel} would be ${bytes} bytes, more than flowc reads (${MAX_FILE_BYTES}); use fewer flows or locales`);
  }
  return { files, stats };
}

function main() {
  const { values } = parseArgs({
    options: {
      flows: { type: 'string' },
      locales: { type: 'string', default: '4' },
      steps: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  if (!values.flows || !values.out) {
    process.stderr.write('usage: node bench/build/generate-project.mjs --flows N [--locales L] [--steps S] [--seed X] --out DIR\n');
    process.exit(2);
  }
  const out = path.resolve(values.out);
  const params = { flows: Number(values.flows), locales: Number(values.locales), steps: Number(values.steps), seed: Number(values.seed) };
  let result;
  try {
    result = generateProject(params);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  // Only a folder this generator made (it holds the marker) is replaced.
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(path.join(out, MARKER))) {
      process.stderr.write(`${out} is not empty and was not made by this generator; refusing to overwrite it.\n`);
      process.exit(2);
    }
    rmSync(out, { recursive: true, force: true });
  }
  let bytes = 0;
  for (const [rel, text] of result.files) {
    const target = path.join(out, ...rel.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
  }
  const summary = { ...params, files: result.files.length, bytes, ...result.stats };
  writeFileSync(path.join(out, MARKER), JSON.stringify(summary, null, 2) + '\n');
  process.stdout.write(JSON.stringify(summary) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate-project.mjs')) main();
