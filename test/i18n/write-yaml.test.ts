/** Writing translations into YAML keeps every other byte of the file. */
import { describe, expect, it } from 'vitest';
import { writeIntoYaml, YamlWriteError } from '../../compiler/i18n/write-yaml.js';

const order = (keys: Record<string, string[]>) => (path: readonly string[]) => keys[path.join('/')] ?? [];

const catalog = `# Spanish. Keep {{...}} exactly as they are.
common:
  not-understood: Disculpe, no le entendí.   # short
  goodbye: "Gracias por llamar a {{company}}. Adiós."

bill-pay:
  greeting: >-
    Gracias por llamar
    a {{company}}.
  menu: Para pagar, oprima 1.
`;

describe('writeIntoYaml', () => {
  it('replaces a text in place: comments, quotes, blank lines and other keys stay byte for byte', () => {
    const out = writeIntoYaml(catalog, [{ path: ['common', 'not-understood'], value: 'Perdón, no entendí.' }], order({}));
    expect(out).toBe(catalog.replace('Disculpe, no le entendí.', 'Perdón, no entendí.'));
  });

  it('keeps the quoting style of the text it replaces, and quotes where YAML needs it', () => {
    const out = writeIntoYaml(
      catalog,
      [
        { path: ['common', 'goodbye'], value: 'Adiós, {{company}}.' },
        { path: ['bill-pay', 'menu'], value: '{{company}}: oprima 1' },
      ],
      order({}),
    );
    expect(out).toContain('  goodbye: "Adiós, {{company}}."\n');
    expect(out).toContain('  menu: "{{company}}: oprima 1"\n');
  });

  it('replaces a folded block text with a folded block text under the same key', () => {
    const out = writeIntoYaml(
      catalog,
      [{ path: ['bill-pay', 'greeting'], value: 'Gracias por llamar a {{company}}, su compañía.' }],
      order({}),
    );
    expect(out).toContain('  greeting: >-\n    Gracias por llamar a {{company}}, su compañía.\n  menu: Para pagar, oprima 1.\n');
  });

  it('inserts a missing key after its sibling in the source order, and a missing group as a block', () => {
    const out = writeIntoYaml(
      catalog,
      [
        { path: ['common', 'connecting'], value: 'Un momento, por favor.' },
        { path: ['common', 'menu-repeat-hint'], value: 'Para repetir, oprima asterisco.' },
        { path: ['support', 'greeting'], value: 'Soporte de {{company}}.' },
      ],
      order({
        '': ['common', 'pay', 'bill-pay', 'support'],
        common: ['not-understood', 'menu-repeat-hint', 'connecting', 'goodbye'],
      }),
    );
    expect(out).toBe(
      `# Spanish. Keep {{...}} exactly as they are.
common:
  not-understood: Disculpe, no le entendí.   # short
  menu-repeat-hint: Para repetir, oprima asterisco.
  connecting: Un momento, por favor.
  goodbye: "Gracias por llamar a {{company}}. Adiós."

bill-pay:
  greeting: >-
    Gracias por llamar
    a {{company}}.
  menu: Para pagar, oprima 1.
support:
  greeting: Soporte de {{company}}.
`,
    );
  });

  it('inserts before the first sibling that comes later when none comes before', () => {
    const out = writeIntoYaml('b: 2\nc: 3\n', [{ path: ['a'], value: '1' }], order({ '': ['a', 'b', 'c'] }));
    expect(out).toBe('a: "1"\nb: 2\nc: 3\n');
  });

  it('adds a locale to an inline per-locale text, block or flow style', () => {
    const flow =
      'steps:\n  s:\n    - talk:\n        text:   # inline\n          en-US: Hi\n          es-US: Hola\n    - talk: { text: { en-US: Bye } }\n';
    const out = writeIntoYaml(
      flow,
      [
        { path: ['steps', 's', '0', 'talk', 'text', 'fr-CA'], value: 'Bonjour' },
        { path: ['steps', 's', '1', 'talk', 'text', 'fr-CA'], value: 'Au revoir' },
      ],
      order({}),
    );
    expect(out).toBe(
      'steps:\n  s:\n    - talk:\n        text:   # inline\n          en-US: Hi\n          es-US: Hola\n          fr-CA: Bonjour\n    - talk: { text: { en-US: Bye, fr-CA: Au revoir } }\n',
    );
  });

  it('writes an error prompt given as { text: … } into its text', () => {
    const set = 'CardNumber:\n  text: Tarjeta\n  errors:\n    Timeout: { text: Otra vez }\n';
    const out = writeIntoYaml(set, [{ path: ['CardNumber', 'errors', 'Timeout'], value: 'De nuevo' }], order({}));
    expect(out).toBe('CardNumber:\n  text: Tarjeta\n  errors:\n    Timeout: { text: De nuevo }\n');
  });

  it('fills a file that holds nothing yet ({} or comments), in the source order, keeping its comments', () => {
    const out = writeIntoYaml(
      '# French (France).\n{}\n',
      [
        { path: ['bill-pay', 'menu'], value: 'Tapez 1.' },
        { path: ['common', 'goodbye'], value: 'Au revoir.' },
      ],
      order({ '': ['common', 'bill-pay'] }),
    );
    expect(out).toBe('# French (France).\n\ncommon:\n  goodbye: Au revoir.\nbill-pay:\n  menu: Tapez 1.\n');
  });

  it('refuses a file that is not valid YAML or a text where a group should be', () => {
    expect(() => writeIntoYaml('a: [\n', [{ path: ['a'], value: 'x' }], order({}))).toThrow(YamlWriteError);
    expect(() => writeIntoYaml('a: text\n', [{ path: ['a', 'b'], value: 'x' }], order({}))).toThrow(YamlWriteError);
  });
});
