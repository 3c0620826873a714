// Smoke test: the blog API starts on a free port (running its Knex migrations) and answers a few requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../app.js';

let dir;
let server;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-blog-'));
  server = await startServer({ port: 0, path: join(dir, 'blog.db') });
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

test('publishes posts, comments on them and deletes them', async () => {
  const post = await call('POST', '/posts', { title: 'Hello, Tandem!', body: 'First post.' });
  expect(post.status).toBe(201);
  expect(post.body).toMatchObject({ id: 1, slug: 'hello-tandem' });
  expect((await call('POST', '/posts', { title: 'Hello Tandem', body: 'Same slug.' })).status).toBe(409);

  const comments = await Promise.all(['Ada', 'Alan', 'Grace'].map((author) => call('POST', '/posts/1/comments', { author, body: `Nice, from ${author}` })));
  expect(comments.map((c) => c.status)).toEqual([201, 201, 201]);
  expect((await call('GET', '/posts')).body).toEqual([expect.objectContaining({ id: 1, comments: 3 })]);
  expect((await call('GET', '/posts/1')).body.comments.map((c) => c.author).sort()).toEqual(['Ada', 'Alan', 'Grace']);

  expect((await call('DELETE', '/posts/1')).status).toBe(204);
  expect((await call('GET', '/posts/1')).status).toBe(404);
  expect((await call('GET', '/posts')).body).toEqual([]);
});

test('answers bad requests with JSON errors', async () => {
  expect(await call('POST', '/posts', '[]')).toEqual({ status: 400, body: { error: 'request body must be a JSON object' } });
  expect((await call('POST', '/posts', { title: 'x' })).status).toBe(400);
  expect((await call('POST', '/posts/42/comments', { author: 'a', body: 'b' })).status).toBe(404);
  expect((await call('GET', '/posts/1/likes')).status).toBe(404);
  expect((await call('PATCH', '/posts/1')).status).toBe(405);
});
