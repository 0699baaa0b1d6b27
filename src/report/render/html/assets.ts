import { createHash } from 'node:crypto';

// The page's own CSS and script: constants, never data. They are the only raw HTML in the report, and the
// Content-Security-Policy allows exactly these two blocks (by hash) and nothing else: no network, no other
// script, no inline event handlers.

export const CSS = `
:root { --ok: #1a7f37; --bad: #cf222e; --unknown: #6e7781; --warn: #9a6700; --bg: #fff; --fg: #1f2328;
  --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--fg); background: var(--bg); line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
pre { background: var(--panel); padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.meta { color: var(--muted); margin: .15rem 0; }
.warnings li { color: var(--warn); word-break: break-word; }
.example { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; font-weight: 600; margin: .75rem 0; }
.panel { list-style: none; padding: 0; margin: 0; border: 1px solid var(--line); border-radius: 6px; }
.panel li { display: flex; gap: .75rem; align-items: flex-start; padding: .6rem .8rem; border-top: 1px solid var(--line); }
.panel li:first-child { border-top: 0; }
.icon { flex: none; width: 1.5rem; height: 1.5rem; border-radius: 50%; color: #fff; font-weight: 700;
  display: inline-flex; align-items: center; justify-content: center; font-size: .9rem; }
.icon.pass { background: var(--ok); } .icon.fail { background: var(--bad); } .icon.other { background: var(--unknown); }
.panel .msg { color: var(--muted); font-size: .9rem; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.summary li { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; background: var(--panel); }
.summary b { font-size: 1.2rem; margin-right: .3rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters legend { font-weight: 600; padding: 0; margin-bottom: .25rem; }
.filters label { margin-right: .6rem; white-space: nowrap; }
.count { color: var(--muted); margin: .5rem 0; }
.finding, .group { border: 1px solid var(--line); border-left: 4px solid var(--unknown); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.finding { content-visibility: auto; contain-intrinsic-size: auto 8rem; }
.finding[data-status="fail"] { border-left-color: var(--bad); }
.finding[data-status="pass"] { border-left-color: var(--ok); }
.finding[data-status="error"] { border-left-color: var(--warn); }
.finding h3, .check h3, .group h3 { font-size: 1rem; margin: 0 0 .25rem; }
.finding p, .check p, .group p { margin: .35rem 0; }
.check { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.check:target { outline: 2px solid #0969da; }
.badge { display: inline-block; border-radius: 1rem; padding: 0 .5rem; font-size: .75rem; font-weight: 600;
  border: 1px solid var(--line); margin-right: .3rem; text-transform: uppercase; }
.sev-critical { background: #cf222e; color: #fff; } .sev-high { background: #bc4c00; color: #fff; }
.sev-medium { background: #9a6700; color: #fff; } .sev-low { background: #0969da; color: #fff; } .sev-info { background: #eaeef2; }
.resource { word-break: break-all; }
.controls { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; word-break: break-word; }
th { background: var(--panel); }
.group.has-fail { border-left-color: var(--bad); }
.group table { table-layout: fixed; }
.part { margin-top: .75rem; }
.part h4 { font-size: .95rem; margin: 0 0 .25rem; }
.part .tail, .part .ev { color: var(--muted); font-size: .85rem; }
/* The ARN prefix a part's rows share: <i>, the shortest element, on tens of thousands of rows. */
.part td > i { font-style: normal; color: var(--muted); }
.group .rows table td, .chunked .rows table td { border-top: 0; }
.chunked table { table-layout: fixed; }
.chunked col:last-child { width: 50%; }
.group .rows td:first-child { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; word-break: break-all; }
.rows.full { content-visibility: auto; contain-intrinsic-size: auto 440rem; }
.c-resource { width: 35%; }
.st-fail { color: var(--bad); } .st-pass { color: var(--ok); } .st-error { color: var(--warn); }
[hidden] { display: none !important; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media print { .filters, .count { display: none; } .finding, .check { break-inside: avoid; } }
`;

/**
 * Filters: every finding card, and every part of a check's table (its findings of one severity and status),
 * is a [data-finding] element with data-severity / data-status / data-area, standing for data-count findings
 * (1 without it); unchecked values hide it.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var findings = Array.prototype.slice.call(document.querySelectorAll('[data-finding]'));
  var count = document.getElementById('shown-count');
  // A check's table shows only while one of its parts does.
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-group]'));
  function size(el) {
    return Number(el.getAttribute('data-count') || 1);
  }
  var total = findings.reduce(function (n, el) { return n + size(el); }, 0);
  function checked(name) {
    var set = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (box) {
      set[box.value] = box.checked;
    });
    return set;
  }
  function apply() {
    var severity = checked('severity');
    var status = checked('status');
    var area = form.querySelector('select[name="area"]').value;
    var shown = 0;
    findings.forEach(function (el) {
      var visible = severity[el.getAttribute('data-severity')] === true &&
        status[el.getAttribute('data-status')] === true &&
        (area === '' || el.getAttribute('data-area') === area);
      el.hidden = !visible;
      if (visible) shown += size(el);
    });
    groups.forEach(function (el) {
      el.hidden = el.querySelector('[data-finding]:not([hidden])') === null;
    });
    count.textContent = 'Showing ' + shown + ' of ' + total + ' findings';
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  apply();
})();
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(CSS)}`,
  `script-src ${sha256(SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
