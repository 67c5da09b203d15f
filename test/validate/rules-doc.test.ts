/**
 * docs/rules.md documents every code the validator emits, with the right severity, and its examples are real:
 * the "Bad" NCCO produces the code, the "Good" one produces neither that code nor any error.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nccoCodes, type NccoCode } from '../../compiler/validate/codes.js';
import { validateNcco } from '../../compiler/validate/validate-ncco.js';
import type { ValidateOptions } from '../../compiler/validate/validate-options.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)), 'utf8');

interface Section {
  code: string;
  body: string;
}

// Part 1 documents the validator's codes; part 2 the project's (some of which are `pay/` codes of the resolve stage).
const part1 = doc.split(/^# Part 2/m)[0]!;

const sections: Section[] = part1
  .split(/^### /m)
  .slice(1)
  .map((s) => ({ code: /^`([^`]+)`/.exec(s)?.[1] ?? '', body: s }));

function example(body: string, label: 'Bad' | 'Good'): { lang: string; text: string } | undefined {
  const m = new RegExp(`^${label}:\\n\\n\`\`\`(\\w*)\\n([\\s\\S]*?)\\n\`\`\``, 'm').exec(body);
  return m ? { lang: m[1]!, text: m[2]! } : undefined;
}

const codes = Object.keys(nccoCodes) as NccoCode[];

describe('docs/rules.md', () => {
  it('has one section, with an anchor, for every NCCO and pay code', () => {
    for (const code of codes) {
      expect(
        sections.filter((s) => s.code === code),
        code,
      ).toHaveLength(1);
      expect(doc, code).toContain(`<a id="${code.replace('/', '-')}"></a>`);
    }
    for (const s of sections.filter((x) => /^(ncco|pay)\//.test(x.code))) expect(codes, s.code).toContain(s.code);
  });

  it.each(codes)('%s: severity, bad and good examples', (code) => {
    const section = sections.find((s) => s.code === code)!;
    expect(section.body).toContain(`Severity: **${nccoCodes[code].severity}**.`);
    const bad = example(section.body, 'Bad');
    const good = example(section.body, 'Good');
    expect(bad, 'Bad example').toBeDefined();
    expect(good, 'Good example').toBeDefined();
    expect(section.body).toMatch(/^Fix: /m);
    const options = JSON.parse(/<!-- validate-options: (.*) -->/.exec(section.body)?.[1] ?? '{}') as ValidateOptions;
    if (bad!.lang === 'json') expect(validateNcco(JSON.parse(bad!.text), options).map((d) => d.code)).toContain(code);
    if (good!.lang === 'json') {
      const findings = validateNcco(JSON.parse(good!.text), options);
      expect(findings.map((d) => d.code)).not.toContain(code);
      expect(findings.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
