#!/usr/bin/env node
// Runs every workspace's vitest suite through turbo (after building), then prints one closing line
// "N passed, N failed, N skipped" summed over all packages, and exits non-zero if anything failed.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultFile = 'test-results.json';
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;

function workspaceDirs() {
  const dirs = [];
  for (const pattern of workspaces) {
    if (!pattern.endsWith('/*')) { dirs.push(join(root, pattern)); continue; }
    const parent = join(root, pattern.slice(0, -2));
    if (!existsSync(parent)) continue;
    const listing = spawnSync('ls', [parent], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const name of listing) dirs.push(join(parent, name));
  }
  return dirs;
}

for (const dir of workspaceDirs()) rmSync(join(dir, resultFile), { force: true });

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const turbo = (args) => spawnSync('npx', ['turbo', ...args], { cwd: root, stdio: 'inherit', env });

let status = turbo(['run', 'build']).status ?? 1;
if (status === 0) {
  status = turbo(['run', 'test', '--concurrency=1', '--continue', '--',
    '--reporter=default', '--reporter=json', `--outputFile=${resultFile}`]).status ?? 1;
}

let passed = 0, failed = 0, skipped = 0;
for (const dir of workspaceDirs()) {
  const file = join(dir, resultFile);
  if (!existsSync(file)) continue;
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests ?? 0;
  failed += result.numFailedTests ?? 0;
  skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
}
if (status !== 0 && failed === 0) failed = 1; // a build or runner failure counts as a failure
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
