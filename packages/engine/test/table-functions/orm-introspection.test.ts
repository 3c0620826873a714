// The introspection SQL drizzle-kit, Kysely, Knex and Prisma's schema engine emit (as captured in
// /work/shared/notes/orm-adapters.md), run on Tandem and SQLite over the same schema.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const SCHEMA = [
  'CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `email` text NOT NULL, `name` text DEFAULT \'anon\', `flag` integer DEFAULT false NOT NULL, `created` integer DEFAULT (unixepoch()) NOT NULL)',
  'CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`)',
  'CREATE TABLE `posts` (`id` integer PRIMARY KEY NOT NULL, `author_id` integer NOT NULL, `title` text, `views` integer DEFAULT 0, FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade, CONSTRAINT "views_pos" CHECK("posts"."views" >= 0))',
  'CREATE INDEX `posts_title_idx` ON `posts` (`title`, `author_id`)',
  'CREATE TABLE "__drizzle_migrations" ( id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric )',
  'CREATE TABLE tags(name TEXT UNIQUE, post_id INTEGER REFERENCES posts)',
  'CREATE VIEW `post_titles` AS SELECT p.id, p.title, u.email FROM posts p JOIN users u ON u.id = p.author_id',
  "CREATE TABLE kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)",
];

const DRIZZLE_FILTER = `tbl_name != '__drizzle_migrations' AND tbl_name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND tbl_name NOT LIKE 'libsql\\_%' ESCAPE '\\' AND tbl_name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

describe('ORM introspection queries', () => {
  it('drizzle-kit push / pull', async () => {
    await expectSameResults([
      ...SCHEMA,
      `SELECT m.name as "tableName", p.name as "columnName", p.type as "columnType", p."notnull" as "notNull", p.dflt_value as "defaultValue", p.pk as pk, p.hidden as hidden, m.sql, m.type as type FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p WHERE (m.type = 'table' OR m.type = 'view') AND m.${DRIZZLE_FILTER.replace(/ AND tbl_name/g, ' AND m.tbl_name')}`,
      `SELECT * FROM sqlite_master WHERE sql GLOB '*[ *' || CHAR(9) || CHAR(10) || CHAR(13) || ']AUTOINCREMENT[^'']*' AND ${DRIZZLE_FILTER}`,
      `SELECT m.name as "tableFrom", f.id as "id", f."table" as "tableTo", f."from", f."to", f."on_update" as "onUpdate", f."on_delete" as "onDelete", f.seq as "seq" FROM sqlite_master m, pragma_foreign_key_list(m.name) as f WHERE m.${DRIZZLE_FILTER.replace(/ AND tbl_name/g, ' AND m.tbl_name')}`,
      `SELECT m.tbl_name as tableName, il.name as indexName, ii.name as columnName, il.[unique] as isUnique, il.seq as seq FROM sqlite_master AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii WHERE m.type = 'table' AND il.name NOT LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\' AND m.${DRIZZLE_FILTER.replace(/ AND tbl_name/g, ' AND m.tbl_name')}`,
      `SELECT name AS view_name, sql AS sql FROM sqlite_master WHERE type = 'view';`,
      `SELECT name as "tableName", sql as "sql" FROM sqlite_master WHERE type = 'table' AND ${DRIZZLE_FILTER}`,
      'select count(*) as count from `posts`',
    ], { unordered: true });
  });

  it('Kysely introspector', async () => {
    const tables = `select "name", "sql", "type" from "sqlite_master" where "type" in ('table', 'view') and "name" not like 'sqlite_%' and "name" != 'kysely_migration' and "name" != 'kysely_migration_lock' order by "name"`;
    await expectSameResults([
      ...SCHEMA,
      tables,
      `with "table_list" as (${tables}) select "tl"."name" as "table", "p"."cid", "p"."name", "p"."type", "p"."notnull", "p"."dflt_value", "p"."pk" from "table_list" as "tl", pragma_table_info(tl.name) as "p" order by "tl"."name", "p"."cid"`,
    ]);
  });

  it('Knex and Prisma schema engine', async () => {
    await expectSameResults([
      ...SCHEMA,
      "select * from sqlite_master where type = 'table' and name = 'users'",
      'PRAGMA table_info(`users`)',
      "SELECT type, sql FROM sqlite_master WHERE (type='table' OR (type='index' AND sql IS NOT NULL)) AND lower(tbl_name)='posts'",
      'SELECT sqlite_version() AS version',
      "SELECT name, type, sql FROM sqlite_master WHERE type='table' OR type='view' ORDER BY name ASC",
      'PRAGMA table_info ("posts")',
      'PRAGMA index_list("posts");',
      'PRAGMA index_info("posts_title_idx");',
      'PRAGMA index_xinfo("posts_title_idx");',
      'PRAGMA foreign_key_list("posts");',
      'PRAGMA foreign_key_list("tags");',
      'PRAGMA main.locking_mode=EXCLUSIVE',
      "SELECT name AS table_name FROM sqlite_master WHERE type='table' ORDER BY name ASC",
      'PRAGMA main.locking_mode=NORMAL',
    ]);
  });
});
