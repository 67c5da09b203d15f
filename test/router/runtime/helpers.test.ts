/**
 * The router's helpers say exactly what the build's helpers say, for every value and locale: one
 * implementation (compiler/router/runtime/helpers/), two callers.
 */
import { describe, expect, it } from 'vitest';
import { helperSpecs } from '../../../compiler/resolve/template-engine/helpers/index.js';
import { allHelpers } from '../../../compiler/router/runtime/helpers/all.mjs';
import type { DataValue, HelperName } from '../../../compiler/router/runtime/program.mjs';

const LOCALES = ['en-US', 'en-GB', 'es-US', 'fr-CA', 'fr-FR', 'de-DE', 'pt-BR', 'it-IT', 'ja-JP', 'xx-ZZ'];
const VALUES: Record<HelperName, DataValue[]> = {
  money: [0, 1, 1.01, 42.5, 1234.99, 0.5, 100, 12.345, -1, 'abc'],
  digits: ['0042', '555-0100', 1234, 'x1', -3],
  date: ['2026-12-15', '2026-01-01', '2024-02-29', '2026-02-30', 'soon'],
  time: ['09:05', '14:30', '00:00', '23:59', '24:00'],
  pause: [100, 500, 2000, 50, 'x'],
};

describe('router helpers = build helpers', () => {
  for (const [name, values] of Object.entries(VALUES) as [HelperName, DataValue[]][]) {
    it.each(LOCALES.flatMap((locale) => [true, false].flatMap((ssml) => values.map((v) => [locale, ssml, v] as const))))(
      `${name} in %s (ssml %s) of %j`,
      (locale, ssml, value) => {
        const build = helperSpecs.get(name)!.format([value], { locale, ssml });
        const router = allHelpers[name]!(value, [], { locale, ssml });
        if (build.kind === 'problem') expect(router).toBeUndefined();
        else expect(router).toEqual({ kind: build.kind, value: build.value });
      },
    );
  }
});
