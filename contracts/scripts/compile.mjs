#!/usr/bin/env node
// Compiles contracts/src/main/solidity/**/*.sol with the solc npm package (standard JSON).
//
// Usage: node scripts/compile.mjs [outputDir]
//   outputDir defaults to target/classes/io/tollway/contracts
//
// For every concrete contract defined in our sources it writes <Name>.abi and <Name>.bin into
// outputDir (so they end up in the jar as resources and feed the web3j code generator).
// OpenZeppelin imports ("@openzeppelin/...") are read from node_modules. Any compiler error
// fails the build; warnings are printed. A stamp (hash of compiler version, settings and every
// source read) lets an unchanged tree skip the compiler, which takes seconds in its wasm form.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceRoot = join(root, 'src', 'main', 'solidity');
const nodeModules = join(root, 'node_modules');
const outputDir = resolve(root, process.argv[2] ?? join('target', 'classes', 'io', 'tollway', 'contracts'));
const stampFile = join(root, 'target', 'solc', 'compile.sha256');

/** Compiler settings: the EVM version is pinned so gas figures and bytecode are reproducible. */
const SETTINGS = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 10000 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'], '': ['ast'] } },
};

/** Names that clash with java.lang.Object methods break the generated web3j wrappers. */
const JAVA_OBJECT_METHODS = new Set(['finalize', 'getClass', 'hashCode', 'equals', 'toString', 'notify', 'notifyAll', 'wait', 'clone']);

function listSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.sol') ? [path] : [];
  });
}

const solc = require('solc');
const sources = {};
for (const file of listSources(sourceRoot).sort()) {
  sources[relative(sourceRoot, file).split(sep).join('/')] = { content: readFileSync(file, 'utf8') };
}
if (Object.keys(sources).length === 0) {
  console.error(`[solc] no .sol files under ${sourceRoot}`);
  process.exit(1);
}

const imported = {};
function findImports(path) {
  const candidates = [join(nodeModules, path), join(sourceRoot, path)];
  for (const candidate of candidates) {
    if (existsSync(candidate)) {
      const content = readFileSync(candidate, 'utf8');
      imported[path] = content;
      return { contents: content };
    }
  }
  return { error: `not found: ${path} (looked in node_modules and src/main/solidity)` };
}

const input = { language: 'Solidity', sources, settings: SETTINGS };

// Cheap stamp check first: our sources, the settings, the compiler and OpenZeppelin's version.
const ozVersion = JSON.parse(readFileSync(join(nodeModules, '@openzeppelin', 'contracts', 'package.json'), 'utf8')).version;
const stamp = createHash('sha256')
  .update(solc.version()).update(ozVersion).update(JSON.stringify(input)).update(outputDir)
  .digest('hex');
const stamped = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim().split('\n') : [];
const outputsPresent = stamped.slice(1).every((name) => existsSync(join(outputDir, `${name}.abi`)) && existsSync(join(outputDir, `${name}.bin`)));
if (stamped[0] === stamp && stamped.length > 1 && outputsPresent) {
  console.log(`[solc] up to date (${Object.keys(sources).length} sources)`);
  process.exit(0);
}

const started = Date.now();
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
let failed = false;
for (const message of output.errors ?? []) {
  const text = message.formattedMessage ?? message.message;
  if (message.severity === 'error') {
    failed = true;
    console.error(text);
  } else if (!(message.sourceLocation?.file ?? '').startsWith('@openzeppelin/')) {
    console.warn(text); // OpenZeppelin's own warnings (e.g. on transient storage) are not ours to fix
  }
}
if (failed) {
  console.error('[solc] compilation failed');
  process.exit(1);
}

mkdirSync(outputDir, { recursive: true });
const written = [];
for (const [sourceName, contracts] of Object.entries(output.contracts ?? {})) {
  if (!(sourceName in sources)) continue; // OpenZeppelin's own contracts are not ours to ship
  const ast = output.sources[sourceName].ast;
  for (const [name, artifact] of Object.entries(contracts)) {
    const definition = ast.nodes.find((n) => n.nodeType === 'ContractDefinition' && n.name === name);
    if (!definition || definition.contractKind !== 'contract' || definition.abstract) continue;
    const clashes = artifact.abi.filter((item) => item.type === 'function' && JAVA_OBJECT_METHODS.has(item.name));
    if (clashes.length > 0) {
      console.error(`[solc] ${name}: function(s) ${clashes.map((c) => c.name).join(', ')} clash with java.lang.Object methods in the web3j wrapper; rename them`);
      process.exit(1);
    }
    if (written.includes(name)) {
      console.error(`[solc] two contracts named ${name}; names must be unique`);
      process.exit(1);
    }
    writeFileSync(join(outputDir, `${name}.abi`), JSON.stringify(artifact.abi));
    writeFileSync(join(outputDir, `${name}.bin`), artifact.evm.bytecode.object);
    written.push(name);
  }
}
mkdirSync(dirname(stampFile), { recursive: true });
writeFileSync(stampFile, [stamp, ...written].join('\n') + '\n');
console.log(`[solc] ${solc.version()} (${SETTINGS.evmVersion}, optimizer runs ${SETTINGS.optimizer.runs}) compiled ${written.sort().join(', ')} in ${Date.now() - started} ms -> ${relative(root, outputDir)}`);
