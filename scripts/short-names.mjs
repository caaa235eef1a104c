// Gives a build's wasm-bindgen glue the short names that wasm-opt's
// --minify-imports-and-exports-and-modules gave its wasm's imports, exports and
// import module (scripts/build-entry runs it on every release build, the full app's
// too). wasm-bindgen names each import after the function and a hash
// (`__wbg_call_275b78b3b6520b92`), and the wasm and its glue each carry every name,
// whose hashes do not compress: 5 to 7 KB brotli of every build (the README,
// "Short names between the wasm and its glue").
//
//   node scripts/short-names.mjs GLUE WASM RENAMING
//
// GLUE is the wasm-bindgen glue (rewritten in place), WASM the optimised wasm, and
// RENAMING what wasm-opt printed. It stops with a message, and the build with it, if
// the glue is not the shape it knows or if, once rewritten, it does not name exactly
// what the wasm imports and exports.
import fs from 'node:fs';

const [glueFile, wasmFile, renamingFile] = process.argv.slice(2);
const fail = (why) => {
  console.error(`short-names: ${glueFile}: ${why}`);
  process.exit(1);
};
if (!renamingFile) fail('usage: node scripts/short-names.mjs GLUE WASM RENAMING');

// wasm-opt prints the pass's renaming each time the pass runs (with --converge, once
// a round, each round renaming the names the last one gave): old name -> last name.
const rounds = fs
  .readFileSync(renamingFile, 'utf8')
  .trim()
  .split(/\n(?=\{)/)
  .filter((round) => round !== '')
  .map((round) => JSON.parse(round));
if (rounds.length === 0) fail('wasm-opt printed no renaming');
const renamed = (pairs) => {
  const names = new Map();
  for (const round of pairs) {
    const last = new Map([...names].map(([old, now]) => [now, old]));
    for (const [from, to] of round) {
      names.set(last.get(from) ?? from, to);
    }
  }
  return names;
};
const imports = renamed(rounds.map((r) => r.imports.map(([, from, to]) => [from, to])));
const exports = renamed(rounds.map((r) => r.exports));
const oldModules = new Set(rounds[0].imports.map(([module]) => module));

const wasm = new WebAssembly.Module(fs.readFileSync(wasmFile));
const wasmImports = WebAssembly.Module.imports(wasm);
const wasmExports = new Set(WebAssembly.Module.exports(wasm).map((e) => e.name));
const modules = new Set(wasmImports.map((i) => i.module));
if (oldModules.size !== 1 || modules.size !== 1) {
  fail(`expected one import module, found ${[...oldModules]} before and ${[...modules]} after`);
}
const [oldModule] = oldModules;
const [module] = modules;

let glue = fs.readFileSync(glueFile, 'utf8');

// The imports: `__wbg_get_imports` builds them as one object literal, a function a
// key, and hands it over under the module's name. A function of an import that
// wasm-opt removed (the code that called it was never reached) goes too.
const imported = new Set(wasmImports.map((i) => i.name));
const lines = glue.split('\n');
const start = lines.findIndex((line) => /^\s*const import0 = \{$/.test(line));
if (start < 0) fail('no `const import0 = {`');
const close = lines[start].match(/^\s*/)[0] + '};';
const indent = lines[start + 1].match(/^\s*/)[0];
const keys = new Set();
const kept = lines.slice(0, start + 1);
let dropping = false;
let end = start + 1;
for (; end < lines.length && lines[end] !== close; end++) {
  const line = lines[end];
  const key = line.startsWith(indent) && line.slice(indent.length).match(/^([A-Za-z_$][\w$]*):/);
  if (key && key[1] !== '__proto__') {
    const to = imports.get(key[1]);
    dropping = to === undefined || !imported.has(to);
    if (!dropping) {
      kept.push(indent + to + line.slice(indent.length + key[1].length));
      keys.add(to);
    }
  } else if (!dropping) {
    kept.push(line);
  }
}
if (end === lines.length) fail('no end to `const import0 = {`');
lines.splice(0, end, ...kept);
glue = lines.join('\n');
const moduleKey = JSON.stringify(oldModule) + ': import0';
if (glue.split(moduleKey).length !== 2) fail(`not one \`${moduleKey}\``);
glue = glue.replace(moduleKey, () => JSON.stringify(module) + ': import0');

// The exports: the glue calls them as `wasm.name`.
const calls = /\bwasm\.([A-Za-z_$][\w$]*)/g;
glue = glue.replace(calls, (whole, name) => {
  const to = exports.get(name);
  if (to === undefined) fail(`wasm.${name} is in no renaming`);
  return `wasm.${to}`;
});

// What the glue now names, against what the wasm has.
for (const { name } of wasmImports) {
  if (!keys.has(name)) fail(`the wasm imports ${name}, which the glue does not give`);
}
for (const [, name] of glue.matchAll(calls)) {
  if (!wasmExports.has(name)) fail(`the glue calls wasm.${name}, which the wasm does not export`);
}
for (const old of imports.keys()) {
  if (glue.includes(old)) {
    fail(`${old} is still in the glue`);
  }
}
fs.writeFileSync(glueFile, glue);
