/**
 * A busy flow for the studio's layout tests: one menu step with many branches (a key and several words
 * each, so the arrows' labels are long), each branch a step of its own that leads on or back to the menu
 * (arrows back up, whose labels meet on the right), and a goodbye. Inline texts: no catalog needed.
 */
export function busyFlowYaml(branches: number, name = 'busy'): string {
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];
  const n = Math.min(branches, keys.length);
  const lines = [
    `flow: ${name}`,
    'description: Many branches from one step (a layout test).',
    'direction: inbound',
    'numbers:',
    '  "14155550199": en-US',
    'locales: [en-US]',
    'start: menu',
    'steps:',
    '  menu:',
    '    - talk: { text: "Choose a department.", bargeIn: true }',
    '    - input:',
    '        type: [dtmf, speech]',
    '        dtmf: { maxDigits: 1, timeOut: 5 }',
    '        speech: { endOnSilence: 1, startTimeout: 5, maxDuration: 10 }',
    '      on:',
  ];
  for (let i = 0; i < n; i++)
    lines.push(
      `        "${keys[i]}": { goto: department-${i + 1}, speech: { en-US: [department ${i + 1}, team ${i + 1}, desk number ${i + 1}] } }`,
    );
  lines.push('        timeout: { goto: menu, max: 2, then: goodbye }', '        default: { goto: menu, max: 2, then: goodbye }');
  for (let i = 0; i < n; i++) {
    const next = i + 2 <= n ? `department-${i + 2}` : 'goodbye';
    lines.push(
      `  department-${i + 1}:`,
      `    - talk: { text: "This is department ${i + 1}. Press 1 for the next one, 9 for the menu.", bargeIn: true }`,
      '    - input:',
      '        type: [dtmf]',
      '        dtmf: { maxDigits: 1, timeOut: 5 }',
      '      on:',
      `        "1": ${next}`,
      '        "9": menu',
      '        timeout: { goto: menu, max: 1, then: goodbye }',
      '        default: menu',
    );
  }
  lines.push('  goodbye:', '    - talk: { text: "Goodbye." }', '');
  return lines.join('\n');
}
