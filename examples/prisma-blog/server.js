// A blog JSON API on node:http (no framework): Prisma 7 with @tandem/prisma on Tandem's pool.
//
//   GET  /posts               every post with its author's name, newest first
//   POST /posts               {"author": "…", "title": "…", "body": "…"} → the new post (201);
//                             the author is created on first use (a nested connectOrCreate)
//   GET  /posts/:id           one post
//   POST /posts/:id/like      adds a like in an interactive transaction → {"likes": n}
//   GET  /authors             authors with their post counts
//
// `npm start` generates the client, applies prisma/migrations (tandem-prisma migrate deploy) to
// BLOG_DB (default ./blog.db) and serves on PORT (default 3000).

import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaTandem, runCommand } from '@tandem/prisma';
import generated from './generated/index.js';

const { PrismaClient, Prisma } = generated;

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readJson(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  try {
    return body === '' ? {} : JSON.parse(body);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

const postView = { id: true, title: true, body: true, likes: true, createdAt: true, author: { select: { name: true } } };

async function route(prisma, method, path, request) {
  const postMatch = /^\/posts\/(\d+)(\/like)?$/.exec(path);
  if (method === 'GET' && path === '/posts') {
    return [200, await prisma.post.findMany({ select: postView, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })];
  }
  if (method === 'POST' && path === '/posts') {
    const { author, title, body } = await readJson(request);
    if (![author, title, body].every((v) => typeof v === 'string' && v.trim() !== '')) throw new HttpError(400, 'author, title and body are required');
    const post = await prisma.post.create({
      data: { title, body, author: { connectOrCreate: { where: { name: author }, create: { name: author } } } },
      select: postView,
    });
    return [201, post];
  }
  if (postMatch && method === 'GET' && !postMatch[2]) {
    const post = await prisma.post.findUnique({ where: { id: Number(postMatch[1]) }, select: postView });
    if (!post) throw new HttpError(404, 'no such post');
    return [200, post];
  }
  if (postMatch && method === 'POST' && postMatch[2]) {
    const id = Number(postMatch[1]);
    // Read, then write, in one interactive transaction on one pooled connection.
    const likes = await prisma.$transaction(async (tx) => {
      const post = await tx.post.findUnique({ where: { id }, select: { likes: true } });
      if (!post) throw new HttpError(404, 'no such post');
      const updated = await tx.post.update({ where: { id }, data: { likes: post.likes + 1 }, select: { likes: true } });
      return updated.likes;
    });
    return [200, { likes }];
  }
  if (method === 'GET' && path === '/authors') {
    const authors = await prisma.author.findMany({ select: { name: true, _count: { select: { posts: true } } }, orderBy: { name: 'asc' } });
    return [200, authors.map((a) => ({ name: a.name, posts: a._count.posts }))];
  }
  throw new HttpError(404, 'not found');
}

function statusOf(error) {
  if (error instanceof HttpError) return error.status;
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return 404;
  return 500;
}

/** Migrates the database and returns the HTTP server, not yet listening. */
export async function createApp({ dbPath = 'blog.db', poolMax = 4 } = {}) {
  const url = `file:${resolve(dbPath)}`;
  const schema = fileURLToPath(new URL('./prisma/schema.prisma', import.meta.url));
  const quiet = { out: () => undefined, err: (text) => process.stderr.write(text) };
  if ((await runCommand(['migrate', 'deploy', '--schema', schema, '--url', url], quiet)) !== 0) throw new Error('migrate deploy failed');
  const prisma = new PrismaClient({ adapter: new PrismaTandem({ url, max: poolMax }) });
  const server = createServer(async (request, response) => {
    let status;
    let body;
    try {
      [status, body] = await route(prisma, request.method ?? 'GET', new URL(request.url ?? '/', 'http://localhost').pathname, request);
    } catch (error) {
      status = statusOf(error);
      body = { error: error instanceof Error ? error.message : String(error) };
    }
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.on('close', () => void prisma.$disconnect());
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await createApp({ dbPath: process.env.BLOG_DB ?? 'blog.db' });
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, () => console.log(`blog API on http://localhost:${server.address().port} (try: curl localhost:${server.address().port}/posts)`));
}
