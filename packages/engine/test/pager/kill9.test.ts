// A real kill -9: a child process commits transactions through the Pager on real files,
// printing each id once its commit returned; it is killed with SIGKILL at a random moment.
// Reopening (which takes over the dead child's lock) must show exactly a prefix of the
// transactions that includes every one the child reported as committed.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeVfs } from '../../src/os/node-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import { bundleChild } from './fixtures/bundle.js';
import { expectedWriters, pagesOf } from './fixtures/kill-model.js';
import { fillPattern, tempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs the writer child until it reported `target` commits, then kills it; returns the last id seen. */
async function runAndKill(script: string, db: string, target: number): Promise<number> {
  const child = spawn(process.execPath, [script, 'writer', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let lastSeen = 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (match) lastSeen = Number(match[1]);
      }
      if (lastSeen >= target) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited (${code}): ${stderr}`));
    });
  });
  await exited;
  return lastSeen;
}

function verifyPrefix(db: string, lastSeen: number): number {
  const pager = Pager.open(nodeVfs(), db);
  const read = pager.beginRead();
  const page1 = read.getPage(1);
  const last = new DataView(page1.buffer, page1.byteOffset).getUint32(100);
  expect(last).toBeGreaterThanOrEqual(lastSeen);
  expect(read.pageCount()).toBe(pagesOf(last).pageCount);
  const expected = new Uint8Array(1024);
  for (const [pgno, txn] of expectedWriters(last)) {
    fillPattern(expected, 0, txn, pgno);
    expect(Buffer.compare(read.getPage(pgno), expected), `page ${pgno} after txn ${last}`).toBe(0);
  }
  read.end();
  pager.close({ checkpoint: false });
  return last;
}

describe('kill -9', () => {
  it('after SIGKILL the database holds a prefix of the transactions, including every reported commit', async () => {
    const dir = tempDir('kill9');
    const script = bundleChild(path.join(here, 'fixtures/pager-child.ts'), dir);
    const targets = process.env['TANDEM_STRESS'] === '1' ? [5, 20, 60, 111, 150, 230, 400, 555, 800, 1000] : [20, 150, 400];
    for (const [round, target] of targets.entries()) {
      const db = path.join(dir, `db${round}`);
      const lastSeen = await runAndKill(script, db, target);
      expect(lastSeen).toBeGreaterThanOrEqual(target);
      verifyPrefix(db, lastSeen);
    }
  });
});
