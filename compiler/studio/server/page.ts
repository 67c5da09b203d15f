/** The studio's HTML page and style sheet: served live, written by the export. No asset from elsewhere. */
export type PageMode = 'live' | 'static';

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function pageHtml(mode: PageMode, project: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="flowc-studio" content="${mode}">
<title>${escapeHtml(project)} — flowc studio</title>
<link rel="stylesheet" href="studio.css">
<script type="module" src="app/studio/client/main.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="top">
  <h1><span class="brand">flowc studio</span> <span id="project">${escapeHtml(project)}</span></h1>
  <nav aria-label="Views">
    <a href="#view=flows" data-view="flows">Flows</a>
    <a href="#view=diagnostics" data-view="diagnostics">Problems <span id="counts"></span></a>
    <a href="#view=translations" data-view="translations">Translations</a>
  </nav>
  <span id="status" role="status" aria-live="polite"></span>
</header>
<main id="main" tabindex="-1"><p class="loading">Loading the project…</p></main>
</body>
</html>
`;
}

export const studioCss = `
:root { --ink:#1d2330; --muted:#5b6475; --line:#c9d0dc; --bg:#f6f7fa; --panel:#fff; --accent:#0b5cad;
  --err:#b3261e; --warn:#8a5a00; --ok:#1e6b35; --path:#d9480f; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:var(--bg); font-size:15px; line-height:1.4; }
a { color:var(--accent); }
:focus-visible { outline:3px solid #f59f00; outline-offset:2px; }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px 8px; z-index:9; }
.top { display:flex; align-items:center; gap:24px; padding:8px 16px; background:#132238; color:#fff; }
.top h1 { font-size:17px; margin:0; font-weight:600; } .brand { opacity:.75; font-weight:400; }
.top nav { display:flex; gap:4px; } .top nav a { color:#fff; text-decoration:none; padding:6px 12px; border-radius:6px; }
.top nav a[aria-current="page"] { background:#2f4a70; }
#status { margin-left:auto; font-size:13px; opacity:.9; }
main { height:calc(100vh - 50px); overflow:hidden; }
.loading { padding:24px; }
.flows { display:grid; grid-template-columns: 190px minmax(0,1fr) 410px; height:100%; }
.flowlist { border-right:1px solid var(--line); overflow:auto; padding:8px; background:var(--panel); }
.flowlist h2, .panel h2 { font-size:13px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin:8px 4px; }
.flowlist button { display:flex; justify-content:space-between; width:100%; text-align:left; border:0; background:none;
  padding:8px; border-radius:6px; font:inherit; cursor:pointer; color:inherit; }
.flowlist button[aria-current="true"] { background:#e3ecf8; font-weight:600; }
.canvas { display:flex; flex-direction:column; min-width:0; }
.toolbar { display:flex; gap:8px; align-items:center; padding:8px 12px; border-bottom:1px solid var(--line); background:var(--panel); flex-wrap:wrap; }
.toolbar .desc { color:var(--muted); font-size:13px; }
.diagram { overflow:auto; flex:1; scrollbar-gutter:stable; }
.zoom { margin-left:auto; gap:4px; } .zoom output { min-width:3.2em; text-align:center; font-size:13px; font-variant-numeric:tabular-nums; }
.diagram svg { display:block; }
.panel { border-left:1px solid var(--line); background:var(--panel); overflow:auto; padding:0 14px 24px; }
.tabs { display:flex; gap:4px; position:sticky; top:0; background:var(--panel); padding:8px 0; border-bottom:1px solid var(--line); z-index:1; }
button, select, input, textarea { font:inherit; }
button.b, .tabs button, .toolbar button { border:1px solid var(--line); background:#fff; border-radius:6px; padding:5px 10px; cursor:pointer; color:inherit; }
.tabs button[aria-selected="true"], .toolbar button[aria-pressed="true"] { background:#132238; color:#fff; border-color:#132238; }
button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
.node rect, .node polygon, .node ellipse { fill:#fff; stroke:#6b7890; stroke-width:1.5; }
.node.menu rect { fill:#eef5ff; } .node.pay polygon, .node.connect polygon, .node.notify polygon { fill:#fff7e6; }
.node.decide polygon { fill:#f3f0ff; } .node.lookup polygon { fill:#e9f7ef; } .node.jump rect { fill:#f1f3f5; }
.node.start ellipse { fill:#132238; } .node.start text { fill:#fff; } .node.end ellipse { fill:#343a40; } .node.end text { fill:#fff; }
.node.unreachable rect, .node.unreachable polygon { stroke-dasharray:6 4; opacity:.7; }
.node { cursor:pointer; } .node:focus { outline:none; } .node:focus rect, .node:focus polygon, .node:focus ellipse { stroke:#f59f00; stroke-width:4; }
.node.selected rect, .node.selected polygon { stroke:var(--accent); stroke-width:3; }
.node.has-error rect, .node.has-error polygon { stroke:var(--err); stroke-width:3; }
.node.has-warning rect, .node.has-warning polygon { stroke:var(--warn); stroke-width:2.5; }
.node.visited rect, .node.visited polygon { fill:#ffe8d9; } .node.current rect, .node.current polygon { stroke:var(--path); stroke-width:4; }
.node .title { font-weight:600; font-size:14px; } .node .detail { font-size:11.5px; fill:#46505f; }
.badge { font-size:11px; font-weight:700; } .badge.error { fill:var(--err); } .badge.warning { fill:var(--warn); }
.edge path { fill:none; stroke:#8792a5; stroke-width:1.4; } .edge.fallback path { stroke-dasharray:5 4; }
.edge.taken path { stroke:var(--path); stroke-width:3; }
.edge-labels line.leader { stroke:#8792a5; stroke-width:1; stroke-dasharray:2 2; }
.edge-labels text { font-size:11px; fill:#39414f; paint-order:stroke; stroke:#f6f7fa; stroke-width:4px; pointer-events:none; }
.edge-labels text.taken { fill:var(--path); font-weight:600; }
.sev { display:inline-block; font-size:12px; font-weight:700; padding:1px 6px; border-radius:4px; color:#fff; }
.sev.error { background:var(--err); } .sev.warning { background:var(--warn); } .sev.info { background:var(--muted); }
.problem { border:1px solid var(--line); border-radius:8px; padding:10px 12px; margin:10px 0; background:#fff; }
.problem .where { font-family:ui-monospace, monospace; font-size:13px; color:var(--muted); }
.problem .hint { color:var(--ok); } .problem pre { background:#f1f3f5; padding:6px; overflow:auto; font-size:12.5px; margin:6px 0 0; }
.problem pre .here { background:#ffe3e3; display:inline-block; width:100%; }
.locale { border-top:1px solid var(--line); padding-top:6px; margin-top:10px; }
.locale h3 { font-size:15px; margin:6px 0; } .voice { color:var(--muted); font-size:13px; font-weight:400; }
.said { margin:6px 0; padding:6px 10px; background:#f6f8fb; border-left:3px solid var(--accent); border-radius:4px; }
.said .where { font-size:12px; color:var(--muted); display:block; }
details pre, pre.ncco { background:#f1f3f5; padding:8px; overflow:auto; font-size:12px; max-height:360px; }
table.exits { border-collapse:collapse; width:100%; } table.exits td { border-bottom:1px solid #eef0f4; padding:4px; vertical-align:top; }
.page { height:100%; overflow:auto; padding:16px 24px; }
.page h2 { margin-top:0; }
table.tr { border-collapse:collapse; width:100%; font-size:13.5px; background:#fff; }
table.tr th, table.tr td { border:1px solid var(--line); padding:6px; vertical-align:top; text-align:left; }
table.tr th { position:sticky; top:0; background:#e9edf3; }
td.missing { background:#fdecea; color:var(--err); font-weight:600; } td.fallback { background:#fff4db; }
.mark { font-size:12px; font-weight:700; }
.transcript { font-family:ui-monospace, monospace; font-size:12.5px; background:#10161f; color:#e6edf3; padding:8px; border-radius:6px;
  max-height:300px; overflow:auto; white-space:pre-wrap; }
.transcript .hears { color:#9be9a8; } .transcript .step { color:#79c0ff; font-weight:700; } .transcript .act { color:#ffa657; }
.keypad { display:grid; grid-template-columns:repeat(3, 52px); gap:6px; margin:8px 0; }
.keypad button { height:40px; font-size:17px; }
.ask { border:2px solid var(--path); border-radius:8px; padding:8px 10px; margin:10px 0; }
.row { display:flex; gap:6px; flex-wrap:wrap; align-items:center; margin:6px 0; }
label { font-size:13px; color:var(--muted); display:block; }
textarea { width:100%; }
.stale { background:#fff4db; color:#5c3d00; padding:6px 12px; font-size:13px; }
.empty { color:var(--muted); }
.note { border-radius:6px; padding:2px 10px; margin:8px 0; } .note p { margin:6px 0; }
.note.ok { background:#e6f4ea; color:var(--ok); } .note.error { background:#fdecea; color:var(--err); }
.note.ask { background:#fff4db; color:#5c3d00; }
`;
