/** A flow diagram in Graphviz DOT (`dot -Tsvg`), with the shapes of format-mermaid.ts. */
import type { DiagramNode, FlowDiagram } from './flow-diagram.js';

const escapeDot = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ');
const quote = (text: string): string => `"${escapeDot(text)}"`;

const shapes: Record<DiagramNode['kind'], string> = {
  start: 'shape=oval',
  end: 'shape=doublecircle',
  decide: 'shape=diamond',
  lookup: 'shape=hexagon',
  jump: 'shape=component',
  menu: 'shape=box, style=rounded',
  pay: 'shape=parallelogram',
  connect: 'shape=parallelogram',
  notify: 'shape=parallelogram',
  say: 'shape=box',
};

export function formatDot(diagram: FlowDiagram): string {
  const lines = [
    `digraph ${quote(`${diagram.flow} (${diagram.locale})`)} {`,
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const n of diagram.nodes) {
    const text = `"${escapeDot(n.title)}${n.detail ? `\\n${escapeDot(n.detail)}` : ''}"`;
    const style = n.unreachable ? ', style=dashed, fontcolor=gray40' : '';
    lines.push(`  ${n.id} [label=${text}, ${shapes[n.kind]}${style}];`);
  }
  for (const e of diagram.edges) {
    const attrs = [e.label !== '' ? `label=${quote(e.label)}` : '', e.fallback ? 'style=dashed' : ''].filter(Boolean).join(', ');
    lines.push(`  ${e.from} -> ${e.to}${attrs ? ` [${attrs}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
