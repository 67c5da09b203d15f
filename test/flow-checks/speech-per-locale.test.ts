/** Speech words per locale reach the router's tables and the route program only in their locale; minConfidence is lowered. */
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../compiler/pipeline/build-project.js';
import type { InputTransitions } from '../../compiler/router/runtime/program.mjs';
import { speechWordsFor } from '../../compiler/resolve/speech-words.js';
import type { ProjectSettings } from '../../compiler/resolve/project-model.js';
import { writeProject } from '../helpers/temp-project.js';

const flow = `flow: a
numbers: { "14155550100": en-US }
locales: [en-US, pt-BR, es-MX]
start: menu
steps:
  menu:
    - talk: { text: { en-US: "Say yes or no.", pt-BR: "Diga sim ou não.", es-MX: "Diga sí o no." }, bargeIn: true }
    - input: { type: [dtmf, speech], dtmf: { maxDigits: 1 } }
      minConfidence: 0.55
      on:
        "1": { goto: bye, speech: { en-US: [yes], pt-BR: [sim], es-US: [sí, claro] } }
        "2": { goto: bye, speech: [no] }
        timeout: bye
        default: bye
  bye:
    - talk: { text: { en-US: Goodbye., pt-BR: Tchau., es-MX: Adiós. } }
`;
const settings = `routerUrl: https://ivr.example.com/flowc
locales:
  en-US: { language: en-US, style: 2 }
  pt-BR: { language: pt-BR, style: 1 }
  es-US: { language: es-US, style: 2 }
  es-MX: { language: es-MX, style: 0, fallback: es-US }
`;

describe('speech words per locale', () => {
  it('each locale matches only its own words (or its fallback), and the plain list in every locale', async () => {
    const dir = await writeProject({ 'flowc.yaml': settings, 'flows/a.flow.yaml': flow });
    const r = await buildProject(dir);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const program = r.program.flows.find((f) => f.flow === 'a')!;
    const phrases = (locale: string) => {
      const step = program.steps[`${locale}/menu`];
      const on = step?.kind === 'ncco' ? step.on : undefined;
      return on?.kind === 'input' ? on.speech.map((c) => c.phrases) : undefined;
    };
    // Folded as the router folds speech results (accents dropped).
    expect(phrases('en-US')).toEqual([[['yes']], [['no']]]);
    expect(phrases('pt-BR')).toEqual([[['sim']], [['no']]]);
    expect(phrases('es-MX')).toEqual([[['si'], ['claro']], [['no']]]);

    const step = program.steps['pt-BR/menu'];
    const on = (step?.kind === 'ncco' ? step.on : undefined) as InputTransitions | undefined;
    expect(on?.minConfidence).toBe(0.55);
    // The fallback's words are used with a warning at speech:.
    expect(r.diagnostics.filter((d) => d.code === 'i18n/fallback-used').map((d) => [d.pointer, d.range?.start.line])).toEqual([
      ['/steps/menu/1/on/1/speech', 11],
    ]);
  });

  it('a step without minConfidence has none in the program', async () => {
    const dir = await writeProject({ 'flowc.yaml': settings, 'flows/a.flow.yaml': flow.replace('      minConfidence: 0.55\n', '') });
    const r = await buildProject(dir);
    const step = r.program.flows[0]!.steps['en-US/menu'];
    expect(step?.kind === 'ncco' && step.on?.kind === 'input' && 'minConfidence' in step.on).toBe(false);
  });

  it('speechWordsFor picks the locale, then its fallbacks', () => {
    const s: ProjectSettings = { currencies: ['usd'], vars: {}, locales: { 'es-MX': { fallback: 'es-US' } } };
    expect(speechWordsFor(['a'], 'fr-CA', s)).toEqual(['a']);
    expect(speechWordsFor({ 'es-US': ['b'] }, 'es-MX', s)).toEqual(['b']);
    expect(speechWordsFor({ 'es-US': ['b'], 'es-MX': ['c'] }, 'es-MX', s)).toEqual(['c']);
    expect(speechWordsFor({ 'en-US': ['b'] }, 'es-MX', s)).toEqual([]);
    expect(speechWordsFor(undefined, 'es-MX', s)).toEqual([]);
  });
});
