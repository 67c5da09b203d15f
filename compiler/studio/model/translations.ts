/**
 * The translations view: every text key × locale, with its status (translated, served by a fallback
 * locale, missing), the words the caller hears there, and the steps that speak it. Pure, from the
 * build's i18n records and the steps' source mappings.
 */
import type { TranslationRow, TranslationsView, StepRef, TranslationStatus } from './studio-types.js';

export interface I18nUse {
  flow: string;
  locale: string;
  key: string;
  kind: 'message' | 'pay-prompt';
  status: TranslationStatus;
  servedBy?: string;
}

/** A text a step speaks: the file it comes from (a messages file or a pay-prompt set) and the value. */
export interface TextUse {
  flow: string;
  locale: string;
  step: string;
  fileKind: string;
  file: string;
  pointer: string;
  value: unknown;
}

const decode = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** The i18n key a text comes from, as the build's records name it; undefined for other files. */
export function textKey(use: Pick<TextUse, 'fileKind' | 'file' | 'pointer'>): string | undefined {
  if (use.fileKind === 'messages') return use.pointer.split('/').slice(1).map(decode).join('.');
  if (use.fileKind === 'pay-set') {
    // <set>.<locale>.yaml → set (string slicing: a regex here backtracks polynomially).
    const base = use.file.slice(use.file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
    const dot = base.lastIndexOf('.');
    const set = dot > 0 && dot < base.length - 1 ? base.slice(0, dot) : undefined;
    return set === undefined ? undefined : `pay:${set}${use.pointer}`;
  }
  return undefined;
}

const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string')
    return (value as { text: string }).text;
  return undefined;
};

const rank: Record<TranslationStatus, number> = { ok: 0, fallback: 1, missing: 2 };

export function translationsView(records: readonly I18nUse[], uses: readonly TextUse[], localeOrder: readonly string[]): TranslationsView {
  const rows = new Map<string, TranslationRow>();
  const locales = new Set<string>(localeOrder);
  for (const r of records) {
    locales.add(r.locale);
    let row = rows.get(r.key);
    if (!row) {
      row = { key: r.key, kind: r.kind, cells: {}, spokenAt: [] };
      rows.set(r.key, row);
    }
    const cell = row.cells[r.locale];
    // The same key in several flows: the worst status counts.
    if (!cell || rank[r.status] > rank[cell.status]) {
      row.cells[r.locale] = { status: r.status, ...(r.status === 'fallback' && r.servedBy ? { servedBy: r.servedBy } : {}) };
    }
  }
  const spoken = new Map<string, Set<string>>();
  for (const u of uses) {
    const key = textKey(u);
    if (key === undefined) continue;
    const row = rows.get(key);
    if (!row) continue;
    const cell = row.cells[u.locale];
    const text = textOf(u.value);
    if (cell && cell.status !== 'missing' && cell.text === undefined && text !== undefined) cell.text = text;
    const at = spoken.get(key) ?? new Set<string>();
    at.add(`${u.flow}\u0000${u.step}`);
    spoken.set(key, at);
  }
  for (const [key, at] of spoken) {
    rows.get(key)!.spokenAt = [...at].map((s): StepRef => {
      const [flow = '', step = ''] = s.split('\u0000');
      return { flow, step };
    });
  }
  return { locales: [...locales], rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)) };
}
