#!/usr/bin/env node
// Runs `npm ci` in contracts/ unless node_modules already matches package-lock.json.
//
// The build calls this on every run; a marker file in node_modules holds the SHA-256 of the
// package-lock.json it was installed from, so an unchanged lock file costs nothing. Install
// scripts are ignored: every binary we need (anvil) comes from the npm registry through an
// optional, platform-specific dependency, and nothing is downloaded from anywhere else.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.tollway-npm-ci.sha256');
const expectedFiles = [
  join(root, 'node_modules', 'solc', 'soljson.js'),
  join(root, 'node_modules', '@openzeppelin', 'contracts', 'package.json'),
  join(root, 'node_modules', '.bin', 'anvil'),
];

const wanted = createHash('sha256').update(readFileSync(lock)).digest('hex');
const installed = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
if (installed === wanted && expectedFiles.every((f) => existsSync(f))) {
  console.log('[npm-ci] node_modules is up to date with package-lock.json');
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
console.log('[npm-ci] npm ci --no-audit --no-fund --ignore-scripts');
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error(`[npm-ci] npm ci failed (${result.error ?? 'exit ' + result.status})`);
  process.exit(1);
}
const missing = expectedFiles.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`[npm-ci] npm ci finished but these are missing: ${missing.join(', ')}`);
  process.exit(1);
}
const anvil = spawnSync(join(root, 'node_modules', '.bin', 'anvil'), ['--version'], { encoding: 'utf8' });
if (anvil.status !== 0) {
  console.error(`[npm-ci] anvil does not run on this platform: ${anvil.stderr || anvil.error}`);
  process.exit(1);
}
console.log(`[npm-ci] ${anvil.stdout.split('\n')[0]}`);
writeFileSync(marker, wanted + '\n');
