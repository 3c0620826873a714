// Smoke test: the to-do API starts on a free port and answers a few requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../app.js';

let dir;
let server;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-todo-'));
  server = await startServer({ port: 0, path: join(dir, 'todo.db') });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method, path, body) {
  const response = await fetch(server.url + path, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

test('creates, lists, updates and deletes to-dos', async () => {
  const created = await call('POST', '/todos', { title: 'write tests ✅' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ id: 1, title: 'write tests ✅', done: false });
  // Concurrent writes all land, each on its own pooled connection.
  const more = await Promise.all(Array.from({ length: 10 }, (_, i) => call('POST', '/todos', { title: `task ${i}` })));
  expect(more.every((r) => r.status === 201)).toBe(true);
  expect((await call('GET', '/todos')).body).toHaveLength(11);

  expect((await call('PATCH', '/todos/1', { done: true })).body).toMatchObject({ id: 1, done: true });
  expect((await call('GET', '/todos?done=true')).body.map((t) => t.id)).toEqual([1]);
  expect((await call('GET', '/stats')).body).toEqual({ total: 11, done: 1, open: 10 });

  expect((await call('DELETE', '/todos/1')).status).toBe(204);
  expect((await call('GET', '/todos/1')).status).toBe(404);
});

test('answers bad requests with JSON errors', async () => {
  expect(await call('POST', '/todos', '{not json')).toEqual({ status: 400, body: { error: 'request body is not valid JSON' } });
  expect((await call('POST', '/todos', { title: '  ' })).status).toBe(400);
  expect((await call('PATCH', '/todos/2', {})).status).toBe(400);
  expect((await call('PATCH', '/todos/999', { done: true })).status).toBe(404);
  expect((await call('GET', '/nope')).status).toBe(404);
  expect((await call('PUT', '/todos')).status).toBe(405);
});
