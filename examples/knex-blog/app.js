// The blog API: routes on node:http, queries with Knex on a Tandem pool.
//
//   GET    /posts                  list, newest first, with comment counts
//   POST   /posts                  { title, body }      -> 201 (slug from the title; 409 if taken)
//   GET    /posts/:id              the post with its comments
//   POST   /posts/:id/comments     { author, body }     -> 201
//   DELETE /posts/:id              the post and its comments, in one transaction -> 204

import { createServer } from 'node:http';
import knex from 'knex';
import { TandemClient } from '@tandem/knex';
import { HttpError, readJson, sendJson } from './http-json.js';
import { migrationSource } from './migrations.js';

export async function openDatabase(path) {
  const db = knex({ client: TandemClient, connection: { filename: path }, pool: { max: 4 }, useNullAsDefault: true });
  await db.migrate.latest({ migrationSource });
  return db;
}

function requireText(body, field) {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, `"${field}" must be a non-empty string`);
  return value.trim();
}

const slugOf = (title) => title.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'post';

async function findPost(db, id) {
  const post = await db('posts').where({ id }).first();
  if (!post) throw new HttpError(404, `no post with id ${id}`);
  return post;
}

async function route(db, request, url) {
  const [collection, idText, sub, ...rest] = url.pathname.split('/').filter(Boolean);
  const method = request.method;
  if (collection !== 'posts' || rest.length > 0) throw new HttpError(404, 'not found');
  if (idText === undefined) {
    if (method === 'GET') {
      const posts = await db('posts')
        .leftJoin('comments', 'comments.post_id', 'posts.id')
        .groupBy('posts.id')
        .orderBy([{ column: 'posts.published_at', order: 'desc' }, { column: 'posts.id', order: 'desc' }])
        .select('posts.id', 'posts.title', 'posts.slug', 'posts.published_at as publishedAt')
        .count({ comments: 'comments.id' });
      return [200, posts];
    }
    if (method === 'POST') {
      const body = await readJson(request);
      const title = requireText(body, 'title');
      const text = requireText(body, 'body');
      try {
        const [post] = await db('posts').insert({ title, body: text, slug: slugOf(title), published_at: new Date().toISOString() }).returning('*');
        return [201, post];
      } catch (error) {
        if (error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new HttpError(409, `a post with slug "${slugOf(title)}" exists`);
        throw error;
      }
    }
    throw new HttpError(405, 'method not allowed');
  }
  const id = Number(idText);
  if (!Number.isSafeInteger(id)) throw new HttpError(404, 'not found');
  if (sub === 'comments') {
    if (method !== 'POST') throw new HttpError(405, 'method not allowed');
    const body = await readJson(request);
    const comment = { post_id: id, author: requireText(body, 'author'), body: requireText(body, 'body') };
    const [created] = await db.transaction(async (trx) => {
      await findPost(trx, id);
      return trx('comments').insert(comment).returning('*');
    });
    return [201, created];
  }
  if (sub !== undefined) throw new HttpError(404, 'not found');
  if (method === 'GET') {
    const post = await findPost(db, id);
    const comments = await db('comments').where({ post_id: id }).orderBy('id').select('id', 'author', 'body');
    return [200, { ...post, comments }];
  }
  if (method === 'DELETE') {
    await db.transaction(async (trx) => {
      await findPost(trx, id);
      await trx('comments').where({ post_id: id }).del();
      await trx('posts').where({ id }).del();
    });
    return [204, undefined];
  }
  throw new HttpError(405, 'method not allowed');
}

/** Starts the API on `port` (0 picks a free one); resolves to { url, close }. */
export async function startServer({ port = 3000, path = 'blog.db' } = {}) {
  const db = await openDatabase(path);
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
  return {
    url: `http://localhost:${server.address().port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}
