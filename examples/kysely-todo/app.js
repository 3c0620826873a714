// The to-do API: routes on node:http, queries with Kysely on a Tandem pool.
//
//   GET    /todos            list (?done=true|false to filter)
//   POST   /todos            { title }            -> 201 the new to-do
//   GET    /todos/:id
//   PATCH  /todos/:id        { title?, done? }
//   DELETE /todos/:id        -> 204
//   GET    /stats            counts, read in one transaction

import { createServer } from 'node:http';
import { Kysely } from 'kysely';
import { createPool } from '@tandem/pool';
import { TandemDialect } from '@tandem/kysely';
import { HttpError, readJson, sendJson } from './http-json.js';

export async function openDatabase(path) {
  const pool = createPool(path, { max: 4 });
  const db = new Kysely({ dialect: new TandemDialect({ pool }) });
  await db.schema
    .createTable('todo')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  return { db, pool };
}

const toJson = (row) => ({ id: row.id, title: row.title, done: row.done === 1, createdAt: row.created_at });

function checkTitle(title) {
  if (typeof title !== 'string' || title.trim() === '') throw new HttpError(400, '"title" must be a non-empty string');
  return title.trim();
}

async function findTodo(db, id) {
  const row = await db.selectFrom('todo').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new HttpError(404, `no to-do with id ${id}`);
  return row;
}

async function route(db, request, url) {
  const parts = url.pathname.split('/').filter(Boolean);
  const method = request.method;
  if (parts.length === 1 && parts[0] === 'stats' && method === 'GET') {
    return [200, await db.transaction().setAccessMode('read only').execute(async (trx) => {
      const { total } = await trx.selectFrom('todo').select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
      const { done } = await trx.selectFrom('todo').select((eb) => eb.fn.countAll().as('done')).where('done', '=', 1).executeTakeFirstOrThrow();
      return { total, done, open: total - done };
    })];
  }
  if (parts[0] !== 'todos' || parts.length > 2) throw new HttpError(404, 'not found');
  if (parts.length === 1) {
    if (method === 'GET') {
      let query = db.selectFrom('todo').selectAll().orderBy('id');
      const done = url.searchParams.get('done');
      if (done === 'true' || done === 'false') query = query.where('done', '=', done === 'true' ? 1 : 0);
      return [200, (await query.execute()).map(toJson)];
    }
    if (method === 'POST') {
      const title = checkTitle((await readJson(request)).title);
      const row = await db.insertInto('todo').values({ title, created_at: new Date().toISOString() }).returningAll().executeTakeFirstOrThrow();
      return [201, toJson(row)];
    }
    throw new HttpError(405, 'method not allowed');
  }
  const id = Number(parts[1]);
  if (!Number.isSafeInteger(id)) throw new HttpError(404, 'not found');
  if (method === 'GET') return [200, toJson(await findTodo(db, id))];
  if (method === 'PATCH') {
    const body = await readJson(request);
    const changes = {};
    if ('title' in body) changes.title = checkTitle(body.title);
    if ('done' in body) {
      if (typeof body.done !== 'boolean') throw new HttpError(400, '"done" must be true or false');
      changes.done = body.done ? 1 : 0;
    }
    if (Object.keys(changes).length === 0) throw new HttpError(400, 'nothing to change: send "title" and/or "done"');
    // Read and write in one transaction: the 404 check and the update see the same row.
    const row = await db.transaction().execute(async (trx) => {
      await findTodo(trx, id);
      return trx.updateTable('todo').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    });
    return [200, toJson(row)];
  }
  if (method === 'DELETE') {
    const { numDeletedRows } = await db.deleteFrom('todo').where('id', '=', id).executeTakeFirstOrThrow();
    if (numDeletedRows === 0n) throw new HttpError(404, `no to-do with id ${id}`);
    return [204, undefined];
  }
  throw new HttpError(405, 'method not allowed');
}

/** Starts the API on `port` (0 picks a free one); resolves to { url, close }. */
export async function startServer({ port = 3000, path = 'todo.db' } = {}) {
  const { db, pool } = await openDatabase(path);
  const server = createServer(async (request, response) => {
    try {
      const [status, body] = await route(db, request, new URL(request.url, 'http://localhost'));
      sendJson(response, status, body);
    } catch (error) {
      if (error instanceof HttpError) sendJson(response, error.status, { error: error.message });
      else sendJson(response, 500, { error: error.message, code: error.code });
    }
  });
  await new Promise((resolve) => server.listen(port, resolve));
  const url = `http://localhost:${server.address().port}`;
  return {
    url,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
      await pool.close();
    },
  };
}
