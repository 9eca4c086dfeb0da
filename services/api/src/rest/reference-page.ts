/**
 * The browsable API reference at /docs: one self-contained HTML page (no CDN: deployments are
 * often offline) that fetches /openapi.json and renders every operation with its parameters,
 * request body schema and the AWS action it runs.
 */
export const referencePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stepwise REST API reference</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
  header { background: #1d2330; color: #fff; padding: 16px 24px; }
  header h1 { margin: 0; font-size: 20px; }
  main { max-width: 1000px; margin: 0 auto; padding: 16px 24px; }
  .op { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; margin: 8px 0; }
  .op summary { padding: 8px 12px; cursor: pointer; display: flex; gap: 12px; align-items: baseline; }
  .m { font-weight: 700; text-transform: uppercase; width: 60px; }
  .get { color: #0b7a38; } .post { color: #1a56c4; } .patch { color: #a15c00; } .delete { color: #b3261e; }
  .path { font-family: ui-monospace, monospace; }
  .body { padding: 0 12px 12px; }
  pre { background: #f1f3f6; padding: 8px; border-radius: 4px; overflow: auto; }
  table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: left; border-bottom: 1px solid #eee; }
  h2 { margin-top: 24px; text-transform: capitalize; }
  code { font-family: ui-monospace, monospace; }
</style>
</head>
<body>
<header><h1>Stepwise REST API</h1><div id="desc"></div></header>
<main id="root">Loading /openapi.json…</main>
<script>
(async () => {
  const root = document.getElementById('root');
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  try {
    const doc = await (await fetch('openapi.json')).json();
    document.getElementById('desc').textContent = doc.info.description;
    const groups = {};
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const tag = (op.tags && op.tags[0]) || 'other';
        (groups[tag] = groups[tag] || []).push({ path, method, op });
      }
    }
    let html = '';
    for (const [tag, ops] of Object.entries(groups)) {
      html += '<h2>' + esc(tag) + '</h2>';
      for (const { path, method, op } of ops) {
        html += '<details class="op"><summary><span class="m ' + method + '">' + method + '</span><span class="path">' + esc(path) + '</span><span>' + esc(op.summary) + '</span></summary><div class="body">';
        html += '<p>AWS action: <code>' + esc(op.operationId) + '</code></p>';
        if (op.parameters && op.parameters.length) {
          html += '<table><tr><th>name</th><th>in</th><th>schema</th><th></th></tr>';
          for (const p of op.parameters) html += '<tr><td><code>' + esc(p.name) + '</code>' + (p.required ? ' *' : '') + '</td><td>' + esc(p.in) + '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td><td>' + esc(p.description || '') + '</td></tr>';
          html += '</table>';
        }
        if (op.requestBody) html += '<p>Request body</p><pre>' + esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)) + '</pre>';
        html += '</div></details>';
      }
    }
    html += '<h2>Errors</h2><p>Every error is <code>{"__type": "&lt;name&gt;", "message": "…"}</code> with one of: <code>' + esc(doc.components.schemas.Error.properties.__type.enum.join(', ')) + '</code>.</p>';
    root.innerHTML = html;
  } catch (e) {
    root.textContent = 'Could not load /openapi.json: ' + e;
  }
})();
</script>
</body>
</html>
`;
