// The schema every Drizzle test uses: one column of each kind and mode, and three related tables.

import { relations, sql } from 'drizzle-orm';
import { blob, index, integer, numeric, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name'),
  age: integer('age'),
  score: real('score'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  meta: text('meta', { mode: 'json' }).$type<Record<string, unknown>>(),
  avatar: blob('avatar', { mode: 'buffer' }),
  big: blob('big', { mode: 'bigint' }),
  balance: numeric('balance'),
  // Drizzle inlines SQL defaults into its INSERTs; a deterministic one keeps the comparison exact.
  joined: integer('joined').default(sql`(abs(-42) * 1000)`),
});

export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [index('posts_author_idx').on(t.authorId)],
);

export const comments = sqliteTable('comments', {
  id: integer('id').primaryKey(),
  postId: integer('post_id')
    .notNull()
    .references(() => posts.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
});

export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one, many }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
  comments: many(comments),
}));
export const commentsRelations = relations(comments, ({ one }) => ({ post: one(posts, { fields: [comments.postId], references: [posts.id] }) }));

export const counters = sqliteTable('counters', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});

export const schema = { users, posts, comments, usersRelations, postsRelations, commentsRelations, counters };
