// Typst (typst-ts-node-compiler) on the same documents: warm (one compiler, new data each time)
// or once (run as a fresh process by run.sh). Usage:
//   node typst_bench.js warm N FILE.typ...     node typst_bench.js once FILE.typ OUT.pdf
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require(path.join(__dirname, 'node_modules/@myriaddreamin/typst-ts-node-compiler'));

const fontPaths = ['/usr/share/fonts'];
function vary(src, i) {
  // Shift every digit of the document's text pseudo-randomly per document (the generator of
  // document_bench.cpp, which shifts every digit of the Markdown body), so no two documents
  // repeat each other. Text is Typst markup: top-level lines and [content] blocks. Code keeps its
  // values: the arguments of #calls, and whole #set/#let/#show rules (the page header and footer
  // live there, as they live in the Markdown's front matter, which document_bench leaves alone).
  let state = (Math.imul(i, 2654435761) + 1) >>> 0;
  const shift = (d) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return String((Number(d) + (state >>> 24) % 10) % 10);
  };
  let k = 0;
  let out = '';
  const isIdent = (c) => /[A-Za-z0-9_.-]/.test(c);
  // Markup until the end of the source, or the `]` that closes a content block.
  const markup = (inBlock) => {
    while (k < src.length) {
      const c = src[k];
      if (c === '\\') { out += src.slice(k, k + 2); k += 2; continue; }
      if (inBlock && c === ']') { out += c; ++k; return; }
      if (c === '#') { hash(); continue; }
      out += /[0-9]/.test(c) ? shift(c) : c;
      ++k;
    }
  };
  // Code until the bracket that closes `close` (or, for a rule, the end of its line): strings and
  // nested brackets copied, content blocks varied unless `keep` (inside rules).
  const code = (close, keep) => {
    while (k < src.length) {
      const c = src[k];
      if (c === close) { out += c; ++k; return; }
      if (c === '"') {  // a string, escapes included; an unclosed one runs to the end
        let end = k + 1;
        while (end < src.length && src[end] !== '"') end += src[end] === '\\' ? 2 : 1;
        end = Math.min(end + 1, src.length);
        out += src.slice(k, end);
        k = end;
      } else if (c === '(' || c === '{') {
        out += c; ++k; code(c === '(' ? ')' : '}', keep);
      } else if (c === '[') {
        out += c; ++k;
        if (keep) code(']', true); else markup(true);
      } else {
        out += c; ++k;
      }
    }
  };
  // An embedded expression: #name, then its (arguments) and [content] blocks, chained.
  const hash = () => {
    out += '#'; ++k;
    let name = '';
    while (k < src.length && isIdent(src[k])) name += src[k++];
    out += name;
    if (/^(set|let|show|import|include)$/.test(name)) { code('\n', true); return; }
    while (k < src.length && (src[k] === '(' || src[k] === '[')) {
      out += src[k];
      if (src[k++] === '(') code(')', false); else markup(true);
    }
  };
  markup(false);
  return out;
}
function pct(v, p) { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))]; }

const [mode, ...args] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: '/', fontArgs: [{ fontPaths }] });
if (mode === 'once') {
  const pdf = compiler.pdf({ mainFileContent: fs.readFileSync(args[0], 'utf8') });
  fs.writeFileSync(args[1], pdf);
} else {
  const n = Number(args[0]);
  for (const file of args.slice(1)) {
    const src = fs.readFileSync(file, 'utf8');
    for (let i = 0; i < 3; i++) compiler.pdf({ mainFileContent: vary(src, i) });
    const times = [];
    let bytes = 0;
    for (let i = 3; i < n + 3; i++) {
      const doc = vary(src, i);
      const t0 = process.hrtime.bigint();
      const pdf = compiler.pdf({ mainFileContent: doc });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      bytes = pdf.length;
      compiler.evictCache(10);
    }
    console.log(`${path.basename(file).padEnd(12)} typst bytes=${bytes}  wall median ${pct(times, 0.5).toFixed(2)} ms p95 ${pct(times, 0.95).toFixed(2)} ms  (${n} docs)`);
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
}
