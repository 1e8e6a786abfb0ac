// Typst (typst-ts-node-compiler) on the same documents: warm (one compiler, new data each time)
// or once (run as a fresh process by run.sh). Usage:
//   node typst_bench.js warm N FILE.typ...     node typst_bench.js once FILE.typ OUT.pdf
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require(path.join(__dirname, 'node_modules/@myriaddreamin/typst-ts-node-compiler'));

const fontPaths = ['/usr/share/fonts'];
function vary(src, i) {
  // Shift the digits of content blocks ([...] without nested brackets) pseudo-randomly per
  // document (the generator of document_bench.cpp), so no two documents repeat each other; code
  // (rgb(), sizes outside content) keeps its values.
  let state = (Math.imul(i, 2654435761) + 1) >>> 0;
  const shift = (d) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return String((Number(d) + (state >>> 24) % 10) % 10);
  };
  return src.replace(/\[[^\[\]]*\]/g, (block) => block.includes('#') ? block : block.replace(/[0-9]/g, shift));
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
