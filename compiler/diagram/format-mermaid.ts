/**
 * A flow diagram as a Mermaid flowchart (renders in GitHub markdown inside a ```mermaid block).
 * Shapes: a box for a step that speaks, a stadium for a menu, a rhombus for a decision, a hexagon for a
 * lookup, a subroutine box for a jump to another flow, a circle where the call hangs up; dashed for the
 * steps no call reaches; dotted edges for defaults and the `then` of attempt limits.
 */
import type { DiagramNode, FlowDiagram } from './flow-diagram.js';

/** Text inside a quoted Mermaid label: quotes and # as entity codes, no line breaks but <br/>. */
const label = (text: string): string =>
  text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/[\r\n]+/g, ' ');

function node(n: DiagramNode): string {
  const text = `"${label(n.title)}${n.detail ? `<br/>${label(n.detail)}` : ''}"`;
  switch (n.kind) {
    case 'start':
      return `  ${n.id}(["${label(n.title)}"])`;
    case 'end':
      return `  ${n.id}(("${label(n.title)}"))`;
    case 'decide':
      return `  ${n.id}{${text}}`;
    case 'lookup':
      return `  ${n.id}{{${text}}}`;
    case 'jump':
      return `  ${n.id}[[${text}]]`;
    case 'menu':
      return `  ${n.id}(${text})`;
    case 'pay':
    case 'connect':
    case 'notify':
      return `  ${n.id}[/${text}/]`;
    default:
      return `  ${n.id}[${text}]`;
  }
}

export function formatMermaid(diagram: FlowDiagram): string {
  const lines = ['flowchart TD', ...diagram.nodes.map(node)];
  for (const e of diagram.edges) {
    const arrow = e.fallback ? '-.->' : '-->';
    lines.push(e.label === '' ? `  ${e.from} ${arrow} ${e.to}` : `  ${e.from} ${arrow}|"${label(e.label)}"| ${e.to}`);
  }
  const unreachable = diagram.nodes.filter((n) => n.unreachable).map((n) => n.id);
  lines.push('  classDef unreachable stroke-dasharray: 5 5,color:#888');
  if (unreachable.length > 0) lines.push(`  class ${unreachable.join(',')} unreachable`);
  return `${lines.join('\n')}\n`;
}
