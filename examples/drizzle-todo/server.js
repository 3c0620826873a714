// A todo JSON API on node:http (no framework): Drizzle ORM on Tandem's connection pool.
//
//   GET    /todos            every todo (?done=true|false filters)
//   POST   /todos            {"title": "…"} → the new todo (201)
//   PATCH  /todos/:id        {"title"?: "…", "done"?: true} → the updated todo
//   DELETE /todos/:id        204
//   POST   /todos/complete   {"ids": [1, 2]} → marks them done in one transaction
//   GET    /stats            {"total", "done", "open"}
//
// `npm start` serves on PORT (default 3000) with the database file TODO_DB (default ./todo.db),
// migrated on start from ./drizzle.

import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { count, eq, inArray, sql, TransactionRollbackError } from 'drizzle-orm';
import { drizzle } from '@tandem/drizzle';
import { migrate } from '@tandem/drizzle/migrator';
import { todos } from './schema.js';

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readJson(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  if (body === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

function todoId(text) {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'bad id');
  return id;
}

/** Routes one request; resolves to [status, body] (body undefined for 204). */
async function route(db, method, path, query, request) {
  const idMatch = /^\/todos\/(\d+)$/.exec(path);
  if (method === 'GET' && path === '/todos') {
    const done = query.get('done');
    const filter = done === null ? undefined : eq(todos.done, done === 'true');
    return [200, await db.select().from(todos).where(filter).orderBy(todos.id)];
  }
  if (method === 'POST' && path === '/todos') {
    const { title } = await readJson(request);
    if (typeof title !== 'string' || title.trim() === '') throw new HttpError(400, 'title is required');
    const [todo] = await db.insert(todos).values({ title: title.trim() }).returning();
    return [201, todo];
  }
  if (method === 'POST' && path === '/todos/complete') {
    const { ids } = await readJson(request);
    if (!Array.isArray(ids) || !ids.every(Number.isSafeInteger)) throw new HttpError(400, 'ids must be integers');
    const updated = await db.transaction(async (tx) => {
      const rows = await tx.update(todos).set({ done: true }).where(inArray(todos.id, ids)).returning({ id: todos.id });
      if (rows.length !== ids.length) tx.rollback();
      return rows;
    }, { behavior: 'immediate' }).catch((error) => {
      if (error instanceof TransactionRollbackError) throw new HttpError(404, 'some todos do not exist');
      throw error;
    });
    return [200, { completed: updated.map((row) => row.id) }];
  }
  if (idMatch && method === 'PATCH') {
    const { title, done } = await readJson(request);
    const changes = {};
    if (title !== undefined) changes.title = String(title);
    if (done !== undefined) changes.done = Boolean(done);
    if (Object.keys(changes).length === 0) throw new HttpError(400, 'nothing to change');
    const [todo] = await db.update(todos).set(changes).where(eq(todos.id, todoId(idMatch[1]))).returning();
    if (!todo) throw new HttpError(404, 'no such todo');
    return [200, todo];
  }
  if (idMatch && method === 'DELETE') {
    const deleted = await db.delete(todos).where(eq(todos.id, todoId(idMatch[1]))).returning({ id: todos.id });
    if (deleted.length === 0) throw new HttpError(404, 'no such todo');
    return [204, undefined];
  }
  if (method === 'GET' && path === '/stats') {
    const [stats] = await db
      .select({ total: count(), done: sql`coalesce(sum(${todos.done}), 0)`.mapWith(Number) })
      .from(todos);
    return [200, { ...stats, open: stats.total - stats.done }];
  }
  throw new HttpError(404, 'not found');
}

/** Opens (and migrates) the database and returns the HTTP server, not yet listening. */
export async function createApp({ dbPath = 'todo.db', poolMax = 4 } = {}) {
  const db = drizzle(dbPath, { pool: { max: poolMax } });
  await migrate(db, { migrationsFolder: fileURLToPath(new URL('./drizzle', import.meta.url)) });
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let status;
    let body;
    try {
      [status, body] = await route(db, request.method ?? 'GET', url.pathname, url.searchParams, request);
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
      body = { error: error instanceof Error ? error.message : String(error) };
    }
    if (body === undefined) response.writeHead(status).end();
    else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.on('close', () => void db.$client.close());
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await createApp({ dbPath: process.env.TODO_DB ?? 'todo.db' });
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, () => console.log(`todo API on http://localhost:${server.address().port} (try: curl localhost:${server.address().port}/todos)`));
}
