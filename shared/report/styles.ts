// The report's stylesheet: system fonts only (no request for a web font),
// light and dark themes from prefers-color-scheme or the toggle, and a print
// layout that is always light and keeps tables and plots whole.
const LIGHT = `--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d8dee4;--panel:#f6f8fa;--accent:#0072B2;--flip:#8a4b00;--flip-bg:#fff1e0;--cc-bg:#ffe9a8;--cc-fg:#5c4400;`;
const DARK = `--bg:#1f2126;--fg:#d5d9de;--muted:#9198a1;--line:#3a3f47;--panel:#262a30;--accent:#6cb6ec;--flip:#ffb870;--flip-bg:#3b2a18;--cc-bg:#5c4400;--cc-fg:#ffe9a8;`;

export const REPORT_CSS = `
:root{${LIGHT}color-scheme:light dark}
@media (prefers-color-scheme: dark){:root:not([data-theme="light"]){${DARK}}}
:root[data-theme="dark"]{${DARK}}
:root[data-theme="light"]{${LIGHT}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main,header.top,nav.toc{max-width:980px;margin:0 auto;padding:0 20px}
header.top{display:flex;justify-content:space-between;align-items:flex-start;gap:16px;padding-top:20px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
.muted,.note{color:var(--muted)}
.note{font-size:12.5px;max-width:80ch}
nav.toc{display:flex;flex-wrap:wrap;gap:14px;padding-top:6px;padding-bottom:6px;border-bottom:1px solid var(--line)}
a{color:var(--accent)}
button{font:inherit;color:var(--fg);background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:5px 10px;cursor:pointer}
button:focus-visible,a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--panel);font-weight:600;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ci{color:var(--muted);font-size:11.5px}
.rank{color:var(--muted);font-size:11.5px}
td.flipped{background:var(--flip-bg)}
.flip{color:var(--flip);font-weight:600;font-size:11.5px}
table.kv th{font-weight:normal;color:var(--muted)}
.o{display:inline-block;min-width:1.4em;text-align:center;border-radius:3px;font-size:11px;font-weight:700;color:#fff;margin-right:3px}
.o-c{background:#009E73}.o-i{background:#D55E00}.o-a{background:#56B4E9;color:#0b2533}.o-u{border:1px solid var(--muted);color:var(--fg)}
.figure{margin:8px 0}
.empty-plot{width:460px;padding:24px;border:1px dashed var(--line);color:var(--muted)}
.cal-grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
table.errors td{max-width:300px}
.untrusted{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;unicode-bidi:isolate;max-height:18em;overflow:auto}
.cc{display:inline-block;background:var(--cc-bg);color:var(--cc-fg);border-radius:3px;padding:0 2px;font:10px/1.4 ui-monospace,monospace;unicode-bidi:isolate}
.path,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11.5px;overflow-wrap:anywhere;unicode-bidi:isolate}
.warn{color:var(--flip)}
.run-name{font-weight:600;unicode-bidi:isolate;overflow-wrap:anywhere}
th[scope="row"]{min-width:11em;max-width:240px;overflow-wrap:anywhere}
thead th{vertical-align:bottom}
@media print{
  :root,:root[data-theme="dark"]{${LIGHT}}
  @page{size:A4;margin:14mm 12mm}
  body{font-size:11px}
  main,header.top{max-width:none;padding:0}
  .no-print{display:none !important}
  thead th{position:static}
  h2{break-after:avoid}
  h3{break-after:avoid}
  tr,.figure,.run-cal{break-inside:avoid}
  .untrusted{max-height:none;overflow:visible}
  .scroll{overflow:visible}
  .modebar-container{display:none !important}
}
`;
