#!/usr/bin/env node
// Renders one workload of bench/workloads/manifest.json with a JavaScript peer engine and prints
// one JSON object: {"engine", "workload", "renders_per_s" | "compiles_per_s", "bytes", "sha256"}
// or {"engine", "workload", "skipped": "reason"}. Driven by run_peers.py; same timing protocol
// as render_loop and the Jinja2 runner (manifest "timing").
//
//   node node_peers.js ENGINE WORKLOAD MODE WORKLOADS_DIR DATA_DIR NODE_MODULES_DIR
//   ENGINE: nunjucks | minijinja-js     MODE: render | compile | print
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const [engine, workloadName, mode, workloadsDir, dataDir, modulesDir] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(path.join(workloadsDir, 'manifest.json'), 'utf8'));
const wl = manifest.workloads.find((w) => w.name === workloadName);
const opts = manifest.options;
const timing = manifest.timing;

function out(obj) { process.stdout.write(JSON.stringify(Object.assign({ engine, workload: workloadName }, obj)) + '\n'); }
function skip(reason) { out({ skipped: reason }); process.exit(0); }

// LaTeX escaping, same characters as docforge's `latex` filter and run_peers.py's.
const LATEX = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '$': '\\$', '&': '\\&', '#': '\\#',
  '^': '\\textasciicircum{}', '_': '\\_', '%': '\\%', '~': '\\textasciitilde{}' };
function latexEscape(s) { return String(s).replace(/[\\{}$&#^_%~]/g, (c) => LATEX[c]); }

// Python's "%.Nf" / "%s" / "%d" as used by the workloads.
function pyFormat(fmt, ...args) {
  let i = 0;
  return String(fmt).replace(/%(\.(\d+))?([sdf%])/g, (m, _p, prec, conv) => {
    if (conv === '%') return '%';
    const v = args[i++];
    if (conv === 'f') return Number(v).toFixed(prec === undefined ? 6 : Number(prec));
    if (conv === 'd') return String(Math.trunc(Number(v)));
    return String(v);
  });
}

function timed(fn, t) {
  // Process CPU time (user + system), as render_loop and run_peers.py measure.
  const now = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  let t0 = now(); let warm = 0;
  while (now() - t0 < t.warmup_s || warm === 0) { fn(); warm++; }
  const perOp = (now() - t0) / warm;
  const batch = Math.max(1, Math.floor(t.min_batch_s / perOp) + 1);
  const rates = []; let total = 0;
  while (total < t.min_total_s || rates.length < t.min_samples) {
    const b0 = now();
    for (let i = 0; i < batch; i++) fn();
    const s = now() - b0; total += s; rates.push(batch / s);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

const data = JSON.parse(fs.readFileSync(path.join(dataDir, wl.data), 'utf8'));
const mainPath = path.join(workloadsDir, wl.main);
const mainSource = fs.readFileSync(mainPath, 'utf8');
let render; let compile;

if (engine === 'nunjucks') {
  const nunjucks = require(path.join(modulesDir, 'nunjucks'));
  if (wl.syntax === 'latex') skip('no line statements (%% for ...) in nunjucks');
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(workloadsDir),
    { autoescape: !!wl.autoescape, trimBlocks: !!opts.trim_blocks, lstripBlocks: !!opts.lstrip_blocks,
      throwOnUndefined: false });
  // Jinja2 filters/forms nunjucks lacks, added so it renders the same templates:
  // format, map(attribute=|filter), selectattr(attr, test, value), sum(attribute=), latex.
  const kw = (a) => (a && typeof a === 'object' && a.__keywords ? a : null);
  env.addFilter('format', pyFormat);
  env.addFilter('latex', latexEscape);
  env.addFilter('map', (arr, a, ...rest) => {
    const k = kw(a) || kw(rest[rest.length - 1]);
    if (k && k.attribute !== undefined) return Array.from(arr, (x) => x[k.attribute]);
    const f = env.getFilter(a);
    return Array.from(arr, (x) => f(x));
  });
  env.addFilter('selectattr', (arr, attr, test, value) => {
    if (test === undefined) return Array.from(arr).filter((x) => !!x[attr]);
    if (test === 'equalto' || test === '==' || test === 'eq') return Array.from(arr).filter((x) => x[attr] === value);
    throw new Error('selectattr test ' + test + ' not supported');
  });
  env.addFilter('sum', (arr, a, start) => {
    const k = kw(a);
    const attr = k ? k.attribute : a;
    let s = (k && k.start !== undefined) ? k.start : (start || 0);
    for (const x of arr) s += attr !== undefined ? x[attr] : x;
    return s;
  });
  let tpl;
  try { tpl = env.getTemplate(wl.main, true); } catch (e) { skip('compile: ' + String(e.message).split('\n')[0]); }
  render = () => tpl.render(data);
  compile = () => new nunjucks.Template(mainSource, env, mainPath, true);
} else if (engine === 'minijinja-js') {
  const mj = require(path.join(modulesDir, 'minijinja-js'));
  if (wl.syntax === 'latex') skip('custom delimiters are not exposed by minijinja-js');
  const env = new mj.Environment();
  env.trimBlocks = !!opts.trim_blocks;
  env.lstripBlocks = !!opts.lstrip_blocks;
  env.keepTrailingNewline = !!opts.keep_trailing_newline;
  env.addFilter('latex', latexEscape);
  // Autoescape follows the template name (.html -> HTML, like the manifest's big_table).
  for (const t of fs.readdirSync(workloadsDir)) {
    if (t.endsWith('.j2')) env.addTemplate(t, fs.readFileSync(path.join(workloadsDir, t), 'utf8'));
  }
  render = () => env.renderTemplate(wl.main, data);
  compile = () => env.addTemplate(wl.main, mainSource);
} else {
  skip('unknown engine');
}

let first;
try { first = render(); } catch (e) { skip('render: ' + String(e.message || e).split('\n')[0]); }
const sha = crypto.createHash('sha256').update(first, 'utf8').digest('hex');
const bytes = Buffer.byteLength(first, 'utf8');
if (mode === 'print') { process.stdout.write(first); process.exit(0); }
if (mode === 'compile') {
  const rate = timed(compile, { warmup_s: timing.warmup_s, min_total_s: timing.compile_min_total_s,
    min_batch_s: timing.min_batch_s, min_samples: timing.compile_min_samples });
  out({ compiles_per_s: rate });
} else {
  out({ renders_per_s: timed(render, timing), bytes, sha256: sha });
}
