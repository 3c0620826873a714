// Smoke test: the blog API on port 0 with a temporary database, a few requests end to end.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../server.js';

let server;
let base;
let dir;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-blog-'));
  server = await createApp({ dbPath: join(dir, 'blog.db') });
  await new Promise((resolve) => server.listen(0, resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function call(method, path, body) {
  const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

it('publishes posts, lists them with authors, and counts likes', async () => {
  const first = await call('POST', '/posts', { author: 'Ada', title: 'Notes', body: 'On the engine' });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ id: 1, title: 'Notes', likes: 0, author: { name: 'Ada' } });
  await call('POST', '/posts', { author: 'Ada', title: 'More notes', body: '…' });
  await call('POST', '/posts', { author: 'Grace', title: 'Compilers ✓', body: 'COBOL' });
  expect((await call('POST', '/posts', { author: 'x' })).status).toBe(400);

  expect((await call('GET', '/posts')).body.map((p) => p.title)).toEqual(['Compilers ✓', 'More notes', 'Notes']);
  expect((await call('GET', '/posts/2')).body).toMatchObject({ title: 'More notes', author: { name: 'Ada' } });
  expect((await call('GET', '/posts/99')).status).toBe(404);
  expect((await call('GET', '/authors')).body).toEqual([
    { name: 'Ada', posts: 2 },
    { name: 'Grace', posts: 1 },
  ]);
});

it('likes from concurrent requests are all counted (interactive transactions on the pool)', async () => {
  const responses = await Promise.all(Array.from({ length: 25 }, () => call('POST', '/posts/1/like')));
  expect(responses.every((r) => r.status === 200)).toBe(true);
  expect((await call('GET', '/posts/1')).body.likes).toBe(25);
  expect((await call('POST', '/posts/99/like')).status).toBe(404);
});
