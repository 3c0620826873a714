// Smoke test: the todo API on port 0 with a temporary database, a few requests end to end.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../server.js';

let server;
let base;
let dir;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-todo-'));
  server = await createApp({ dbPath: join(dir, 'todo.db') });
  await new Promise((resolve) => server.listen(0, resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function call(method, path, body) {
  const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
}

it('creates, lists, updates, completes and deletes todos', async () => {
  const first = await call('POST', '/todos', { title: 'write the adapter' });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ id: 1, title: 'write the adapter', done: false });
  expect(typeof first.body.createdAt).toBe('string');
  await call('POST', '/todos', { title: 'test it' });
  await call('POST', '/todos', { title: 'ship it ✓' });
  expect((await call('POST', '/todos', { title: '' })).status).toBe(400);

  expect((await call('PATCH', '/todos/2', { done: true })).body).toMatchObject({ id: 2, done: true });
  expect((await call('GET', '/todos?done=true')).body.map((t) => t.id)).toEqual([2]);

  expect((await call('POST', '/todos/complete', { ids: [1, 99] })).status).toBe(404);
  expect((await call('GET', '/stats')).body).toEqual({ total: 3, done: 1, open: 2 });
  expect((await call('POST', '/todos/complete', { ids: [1, 3] })).body).toEqual({ completed: [1, 3] });

  expect((await call('DELETE', '/todos/3')).status).toBe(204);
  expect((await call('DELETE', '/todos/3')).status).toBe(404);
  expect((await call('GET', '/todos')).body.map((t) => [t.id, t.done])).toEqual([
    [1, true],
    [2, true],
  ]);
  expect((await call('GET', '/nope')).status).toBe(404);
});

it('serves concurrent requests on the pool', async () => {
  const created = await Promise.all(Array.from({ length: 30 }, (_, i) => call('POST', '/todos', { title: `parallel ${i}` })));
  expect(created.every((r) => r.status === 201)).toBe(true);
  expect((await call('GET', '/stats')).body.total).toBe(32);
});
