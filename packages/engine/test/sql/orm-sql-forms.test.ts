// One differential test per row of the "SQL surface our engine must support, per ORM" table
// (shared/notes/orm-adapters.md, section 7), each named after its row and using the exact forms the
// ORMs were captured emitting (Drizzle, drizzle-kit, Kysely, Prisma, Knex). Results are compared
// with SQLite (better-sqlite3); clock-dependent defaults are compared through typeof/length/shape.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import TandemDatabase from '../../src/index.js';
import { expectSameInMemory } from './differential.js';

const check = expectSameInMemory;

/** Runs a multi-statement script with exec() on both engines, then compares the queries' rows. */
function expectSameScript(script: string, queries: readonly string[]): void {
  const engines = [new TandemDatabase(':memory:'), new Database(':memory:')] as const;
  const outcomes = engines.map((db) => {
    const out: unknown[] = [];
    try {
      db.exec(script);
      out.push('exec ok');
    } catch (error) {
      out.push(`exec error: ${(error as Error).message}`);
    }
    for (const sql of queries) {
      try {
        out.push((db.prepare(sql) as unknown as { raw(on: boolean): { safeIntegers(on: boolean): { all(): unknown[] } } }).raw(true).safeIntegers(true).all());
      } catch (error) {
        out.push(`error: ${(error as Error).message}`);
      }
    }
    db.close();
    return out;
  });
  expect(outcomes[0]).toEqual(outcomes[1]);
}

const USERS = 'CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" text NOT NULL, "name" text, "score" integer DEFAULT 0)';
const USERS_EMAIL = 'CREATE UNIQUE INDEX "users_email_unique" ON "users" ("email")';

describe('ORM SQL forms (orm-adapters.md section 7): lexical / identifiers', () => {
  it('"double" quoted identifiers', () => {
    check([USERS, 'INSERT INTO "users" ("email", "name") VALUES (\'a@x\', \'A\')', 'CREATE TABLE "tmp" ("id" integer, "email" text)', 'INSERT INTO "tmp" SELECT "id", "email" FROM "users"', 'SELECT "users"."id", "email", "tmp"."email" FROM "users" JOIN "tmp" ON "tmp"."id" = "users"."id"']);
  });

  it('`backtick` identifiers', () => {
    check(['CREATE TABLE `posts` (`id` integer PRIMARY KEY NOT NULL, `title` text NOT NULL, `author_id` integer)', 'INSERT INTO `posts` (`id`, `title`) VALUES (1, \'t\')', 'SELECT `posts`.`id`, `title` AS `t` FROM `posts` WHERE `posts`.`id` = 1']);
  });

  it('[bracket] identifiers', () => {
    check([USERS, USERS_EMAIL, "SELECT il.name, il.[unique] AS isUnique, il.origin FROM pragma_index_list('users') AS il ORDER BY il.name", 'SELECT [email] FROM [users]']);
  });

  it('main.-qualified table/column refs (`main`.`T`.`c`)', () => {
    check([
      'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "name" TEXT)',
      ['INSERT INTO `main`.`User` (`email`, `name`) VALUES (?,?) RETURNING `id` AS `id`', ['a@x', 'A']],
      ['SELECT `main`.`User`.`id`, `main`.`User`.`email` FROM `main`.`User` WHERE (`main`.`User`.`email` = ? AND 1=1) LIMIT ? OFFSET ?', ['a@x', -1n, 0n]],
      ['UPDATE `main`.`User` SET `name` = (`main`.`User`.`name` || ?) WHERE (`main`.`User`.`id` = ? AND 1=1) RETURNING `id` AS `id`, `name` AS `name`', ['B', 1n]],
      ['DELETE FROM `main`.`User` WHERE (`main`.`User`.`id` IN (?) AND 1=1) RETURNING `id` AS `id`', [1n]],
    ]);
  });

  it('Table-qualified column in ON CONFLICT target / CHECK', () => {
    check([
      USERS,
      USERS_EMAIL,
      ['insert into "users" ("id", "email", "name") values (null, ?, ?) on conflict ("users"."email") do update set "name" = excluded.name returning "id"', ['a@x', 'A']],
      ['insert into "users" ("id", "email", "name") values (null, ?, ?) on conflict ("users"."email") do update set "name" = excluded.name returning "id", "name"', ['a@x', 'B']],
      'CREATE TABLE `__new_posts` (`id` integer PRIMARY KEY NOT NULL, `views` integer DEFAULT 0 NOT NULL, CONSTRAINT "views_pos" CHECK("__new_posts"."views" >= 0))',
      'INSERT INTO `__new_posts` (`id`, `views`) VALUES (1, 5)',
      'INSERT INTO `__new_posts` (`id`, `views`) VALUES (2, -1)',
      'ALTER TABLE `__new_posts` RENAME TO `posts`',
      "SELECT sql FROM sqlite_master WHERE name = 'posts'",
      'INSERT INTO `posts` (`id`, `views`) VALUES (3, -1)',
      'SELECT * FROM `posts`',
    ]);
  });

  it('Trailing ; on a single prepared statement', () => {
    check([USERS + ';', USERS_EMAIL + ';', 'PRAGMA index_list("users");', 'BEGIN;', "INSERT INTO \"users\" (\"email\") VALUES ('a@x');", 'COMMIT;', 'SELECT count(*) FROM "users";  ', 'SELECT 1; -- trailing comment']);
  });

  it('Multi-statement script execution', () => {
    expectSameScript(
      `-- Migration: create users
CREATE TABLE \`users\` (\`id\` integer PRIMARY KEY NOT NULL, \`email\` text NOT NULL);
--> statement-breakpoint
CREATE UNIQUE INDEX \`users_email_unique\` ON \`users\` (\`email\`);--> statement-breakpoint
/* block comment */ INSERT INTO \`users\` VALUES (1, 'a@x'), (2, 'b@x');
CREATE TRIGGER t_users AFTER INSERT ON users BEGIN SELECT 1; END;
INSERT INTO users VALUES (3, 'c@x')`,
      ['SELECT * FROM users ORDER BY id', "SELECT type, name FROM sqlite_master ORDER BY name"],
    );
    // A failing statement stops the script; earlier statements stay applied.
    expectSameScript("CREATE TABLE a(x UNIQUE); INSERT INTO a VALUES (1); INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);", ['SELECT * FROM a']);
  });

  it('Positional ? params, incl. in LIMIT/OFFSET (LIMIT -1 bound)', () => {
    check([
      'CREATE TABLE t (id integer PRIMARY KEY, v text)',
      "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')",
      ['SELECT id, v FROM t WHERE id > ? ORDER BY id LIMIT ? OFFSET ?', [1n, -1n, 1n]],
      ['SELECT id FROM t ORDER BY id LIMIT ? OFFSET ?', [2n, 0n]],
      ['SELECT id FROM t ORDER BY id LIMIT ?', [-1n]],
      ['SELECT id FROM t ORDER BY id LIMIT ?, ?', [1n, 2n]],
    ]);
  });
});

describe('ORM SQL forms: DDL', () => {
  it('CREATE TABLE [IF NOT EXISTS], any type name (SERIAL, varchar(255), datetime, json, JSONB, BOOLEAN, DECIMAL, float, INTEGER UNSIGNED) with SQLite affinity rules', () => {
    check([
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" ( id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric )',
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" ( id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric )',
      'CREATE TABLE t (a varchar(255), b datetime, c json, d JSONB, e BOOLEAN, f DECIMAL, g float, h INTEGER UNSIGNED)',
      "INSERT INTO t VALUES ('1', '2', '3', '4', '5', '6.0', '7', '8')",
      'SELECT typeof(a), typeof(b), typeof(c), typeof(d), typeof(e), typeof(f), typeof(g), typeof(h), * FROM t',
      ['INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES(?, ?)', ['h1', 1700000000000n]],
      'SELECT id, hash, created_at, typeof(created_at) FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1',
    ]);
  });

  it('INTEGER PRIMARY KEY [AUTOINCREMENT] + sqlite_sequence', () => {
    check([
      'create table `knex_t` (`id` integer not null primary key autoincrement, `v` text)',
      'CREATE TABLE plain (id INTEGER PRIMARY KEY, v text)',
      "INSERT INTO knex_t (v) VALUES ('a'), ('b'), ('c')",
      "INSERT INTO plain (v) VALUES ('a'), ('b')",
      'DELETE FROM knex_t WHERE id = 3',
      'DELETE FROM plain WHERE id = 2',
      "INSERT INTO knex_t (v) VALUES ('d') RETURNING id",
      "INSERT INTO plain (v) VALUES ('d') RETURNING id",
      'SELECT name, seq FROM sqlite_sequence',
      'delete from `knex_t`',
      "delete from sqlite_sequence where name = 'knex_t'",
      "INSERT INTO knex_t (v) VALUES ('e') RETURNING id",
    ]);
  });

  it("Column constraints: NOT NULL, UNIQUE, DEFAULT literal / (expr) / CURRENT_TIMESTAMP / true/false / '1', CHECK, REFERENCES … ON DELETE/UPDATE", () => {
    check([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE "person" ("id" integer primary key autoincrement, "email" text not null unique, "name" varchar(255), "created_at" text default CURRENT_TIMESTAMP not null, "score" real check (score >= 0), "flag" integer DEFAULT false NOT NULL, "on" integer DEFAULT true, "active" boolean default \'1\', "n" integer DEFAULT (1 + 2))',
      'CREATE TABLE "pet" ("id" integer primary key, "owner_id" integer references "person" ("id") on delete cascade on update cascade, "name" text)',
      "INSERT INTO person (email) VALUES ('a@x')",
      "SELECT id, email, name, typeof(created_at), length(created_at), created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]', score, flag, \"on\", active, typeof(active), n FROM person",
      "INSERT INTO person (email) VALUES ('a@x')",
      'INSERT INTO person (email, name) VALUES (NULL, 1)',
      "INSERT INTO person (email, score) VALUES ('b@x', -1)",
      "INSERT INTO pet (owner_id, name) VALUES (1, 'rex'), (1, 'tom')",
      'INSERT INTO pet (owner_id) VALUES (99)',
      'UPDATE person SET id = 10 WHERE id = 1',
      'SELECT * FROM pet ORDER BY id',
      'DELETE FROM person WHERE id = 10',
      'SELECT count(*) FROM pet',
    ]);
  });

  it('Table constraints: CONSTRAINT n FOREIGN KEY … REFERENCES t (c) ON DELETE CASCADE ON UPDATE CASCADE, UNIQUE(a,b), PRIMARY KEY(…), CHECK', () => {
    check([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE "Author" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT)',
      'CREATE TABLE "Post" ("a" INTEGER NOT NULL, "b" TEXT NOT NULL, "authorId" INTEGER, "n" INTEGER, PRIMARY KEY ("a", "b"), UNIQUE ("authorId", "n"), CHECK ("n" > 0), CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE)',
      "INSERT INTO Author VALUES (1, 'x'), (2, 'y')",
      "INSERT INTO Post VALUES (1, 'a', 1, 1), (1, 'b', 2, 1)",
      "INSERT INTO Post VALUES (1, 'a', 1, 2)",
      "INSERT INTO Post VALUES (2, 'a', 1, 1)",
      "INSERT INTO Post VALUES (3, 'a', 1, 0)",
      'UPDATE Author SET id = 5 WHERE id = 1',
      'SELECT * FROM Post ORDER BY a, b',
      'DELETE FROM Author WHERE id = 2',
      'SELECT * FROM Post ORDER BY a, b',
    ]);
  });

  it('CREATE [UNIQUE] INDEX [IF NOT EXISTS], DROP INDEX', () => {
    check([
      USERS,
      'CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`)',
      'CREATE INDEX IF NOT EXISTS "users_name_idx" ON "users" ("name")',
      'CREATE INDEX IF NOT EXISTS "users_name_idx" ON "users" ("name")',
      'CREATE INDEX "users_name_idx" ON "users" ("name")',
      "INSERT INTO users (email) VALUES ('a'), ('a')",
      "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
      'drop index `users_email_unique`',
      'DROP INDEX IF EXISTS "nope"',
      'DROP INDEX "nope"',
      "INSERT INTO users (email) VALUES ('a'), ('a')",
      'SELECT count(*) FROM users',
    ]);
  });

  it('CREATE VIEW / DROP VIEW [IF EXISTS]', () => {
    check([
      USERS,
      "INSERT INTO users (email, score) VALUES ('a', 1), ('b', 5)",
      'create view "high" as select "email" from "users" where "score" > 2',
      'SELECT * FROM high',
      "SELECT name AS view_name, sql AS sql FROM sqlite_master WHERE type = 'view';",
      'drop view if exists "high"',
      'drop view if exists "high"',
      'DROP VIEW "high"',
    ]);
  });

  it('ALTER TABLE t ADD [COLUMN] c …', () => {
    check([
      USERS,
      "INSERT INTO users (email) VALUES ('a')",
      'ALTER TABLE `users` ADD `views` integer DEFAULT 0;',
      'alter table `users` add column `nick` varchar(255)',
      'alter table "users" add column "bad" integer not null',
      'SELECT * FROM users',
      "SELECT sql FROM sqlite_master WHERE name = 'users'",
    ]);
  });

  it('ALTER TABLE t RENAME TO n (must rewrite FK, index, CHECK and trigger references)', () => {
    check([
      'CREATE TABLE "pet" ("id" integer primary key, "name" text CHECK ("pet"."name" <> \'\'))',
      'CREATE TABLE toy ("id" integer primary key, "pet_id" integer REFERENCES "pet" ("id"))',
      'CREATE INDEX pet_name ON pet (name)',
      'CREATE TRIGGER pet_ins AFTER INSERT ON pet BEGIN INSERT INTO toy (pet_id) VALUES (new.id); END',
      'alter table "pet" rename to "pets"',
      "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
      "INSERT INTO pets (name) VALUES ('rex')",
      'SELECT * FROM toy',
    ]);
  });

  it('ALTER TABLE t RENAME [COLUMN] a TO b', () => {
    check([
      USERS,
      'CREATE INDEX users_name ON users (name)',
      'alter table "users" rename column "name" to "full_name"',
      'alter table `users` rename `full_name` to `nickname`',
      "SELECT sql FROM sqlite_master ORDER BY name",
      'SELECT * FROM users',
    ]);
  });

  it('ALTER TABLE t DROP COLUMN c', () => {
    check([USERS, "INSERT INTO users (email, name) VALUES ('a', 'A')", 'alter table "users" drop column "name"', 'ALTER TABLE users DROP COLUMN email', 'SELECT * FROM users', "SELECT sql FROM sqlite_master WHERE name = 'users'"]);
  });

  it('Table rebuild (CREATE new → INSERT … SELECT → DROP → RENAME)', () => {
    check([
      'PRAGMA foreign_keys = ON', // better-sqlite3's default (the harness's raw connection starts with OFF)
      'CREATE TABLE `posts` (`id` integer PRIMARY KEY NOT NULL, `title` text, `views` integer)',
      'CREATE INDEX `posts_title_idx` ON `posts` (`title`)',
      "INSERT INTO posts VALUES (1, 'a', 3), (2, 'b', NULL)",
      'PRAGMA foreign_keys;',
      'select count(*) as count from `posts`',
      'PRAGMA foreign_keys=OFF;',
      'CREATE TABLE `__new_posts` (`id` integer PRIMARY KEY NOT NULL, `title` text NOT NULL DEFAULT \'\', `views` integer DEFAULT 0 NOT NULL, CONSTRAINT "views_pos" CHECK("__new_posts"."views" >= 0));',
      'INSERT INTO `__new_posts`("id", "title", "views") SELECT "id", coalesce("title", \'\'), coalesce("views", 0) FROM `posts`;',
      'DROP TABLE `posts`;',
      'ALTER TABLE `__new_posts` RENAME TO `posts`;',
      'PRAGMA foreign_keys=ON;',
      'CREATE INDEX `posts_title_idx` ON `posts` (`title`);',
      'SELECT * FROM posts',
      "SELECT type, name, sql FROM sqlite_master ORDER BY name",
    ]);
  });

  it('sqlite_master (type, name, tbl_name, sql; original DDL text kept)', () => {
    check([
      'create table   "Odd"  ( "a"   integer  , -- comment\n  b TEXT /* c */ )',
      'CREATE VIEW v AS SELECT a FROM "Odd"',
      'CREATE INDEX odd_b ON "Odd"(b)',
      'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name',
      "select * from sqlite_master where type = 'table' and name = 'Odd'",
      "SELECT type, sql FROM sqlite_master WHERE (type='table' OR (type='index' AND sql IS NOT NULL)) AND lower(tbl_name)='odd'",
    ]);
  });
});

describe('ORM SQL forms: PRAGMAs', () => {
  it('PRAGMA foreign_keys (read, as a row) / =ON / =OFF; no-op inside a transaction', () => {
    check(['PRAGMA foreign_keys = OFF', 'PRAGMA foreign_keys', 'PRAGMA foreign_keys = ON', 'PRAGMA foreign_keys', 'BEGIN', 'PRAGMA foreign_keys=OFF', 'PRAGMA foreign_keys', 'COMMIT', 'PRAGMA foreign_keys', 'PRAGMA foreign_keys = OFF', 'PRAGMA foreign_keys']);
  });

  it('PRAGMA foreign_key_check [(t)]', () => {
    check([
      // Knex's {enforceForeignCheck: false} flow: read, switch off, write, check.
      'PRAGMA foreign_keys = ON', // better-sqlite3's default (the harness's raw connection starts with OFF)
      'PRAGMA foreign_keys',
      'PRAGMA foreign_keys = OFF',
      'CREATE TABLE p (id INTEGER PRIMARY KEY)',
      'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))',
      'INSERT INTO p VALUES (1)',
      'INSERT INTO c VALUES (1, 1), (2, 7), (3, 8)',
      'PRAGMA foreign_key_check',
      'PRAGMA foreign_key_check(c)',
      'PRAGMA foreign_key_check("p")',
    ]);
  });

  it('PRAGMA defer_foreign_keys=ON/OFF', () => {
    check([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p (id INTEGER PRIMARY KEY)',
      'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))',
      'PRAGMA defer_foreign_keys',
      'BEGIN',
      'PRAGMA defer_foreign_keys=ON',
      'INSERT INTO c VALUES (1, 1)',
      'INSERT INTO p VALUES (1)',
      'COMMIT',
      'PRAGMA defer_foreign_keys',
      'BEGIN',
      'PRAGMA defer_foreign_keys=ON',
      'INSERT INTO c VALUES (2, 2)',
      'COMMIT',
      'ROLLBACK',
      'PRAGMA defer_foreign_keys=OFF',
      'SELECT * FROM c',
    ]);
  });

  it('PRAGMA table_info(t) statement form', () => {
    check([USERS, 'PRAGMA table_info(`users`)', 'PRAGMA table_info("users")', 'PRAGMA table_info(users)', "PRAGMA main.table_info('users')", 'PRAGMA table_info(nope)']);
  });

  it('PRAGMA index_list/index_info/index_xinfo/foreign_key_list("t") statement form', () => {
    check([
      USERS,
      USERS_EMAIL,
      'CREATE TABLE "Post" ("id" INTEGER PRIMARY KEY, "authorId" INTEGER, CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE)',
      'PRAGMA index_list("users");',
      'PRAGMA index_info("users_email_unique");',
      'PRAGMA index_xinfo("users_email_unique");',
      'PRAGMA foreign_key_list("Post");',
    ]);
  });

  it('Table-valued pragma_table_info(x) / pragma_table_xinfo(m.name) / pragma_index_list() / pragma_index_info() / pragma_foreign_key_list() joined to other tables or CTEs', () => {
    check([
      USERS,
      USERS_EMAIL,
      'CREATE TABLE `posts` (`id` integer PRIMARY KEY NOT NULL, `author_id` integer, FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade)',
      [
        'with "table_list" as (select "name", "sql", "type" from "sqlite_master" where "type" in (?, ?) and "name" not like ? and "name" != ? and "name" != ? order by "name") select "tl"."name" as "table", "p"."cid", "p"."name", "p"."type", "p"."notnull", "p"."dflt_value", "p"."pk" from "table_list" as "tl", pragma_table_info(tl.name) as "p" order by "tl"."name", "p"."cid"',
        ['table', 'view', 'sqlite_%', 'kysely_migration', 'kysely_migration_lock'],
      ],
      `SELECT m.name as "tableName", p.name as "columnName", p.type as "columnType", p."notnull" as "notNull", p.dflt_value as "defaultValue", p.pk as pk, p.hidden as hidden, m.sql, m.type as type FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p WHERE (m.type = 'table' OR m.type = 'view') AND m.tbl_name != 'sqlite_sequence' AND m.tbl_name != 'sqlite_stat1' AND m.tbl_name != '_litestream_seq' AND m.tbl_name != '_litestream_lock' AND m.tbl_name != 'libsql_wasm_func_table' AND m.tbl_name != '__drizzle_migrations' AND m.tbl_name != '_cf_KV' ORDER BY 1, p.cid`,
      `SELECT m.name as "tableFrom", f.id as "id", f."table" as "tableTo", f."from", f."to", f."on_update" as "onUpdate", f."on_delete" as "onDelete", f.seq as "seq" FROM sqlite_master m, pragma_foreign_key_list(m.name) as f WHERE m.tbl_name != '_cf_KV'`,
      "SELECT m.tbl_name as tableName, il.name as indexName, ii.name as columnName, il.[unique] as isUnique, il.seq as seq FROM sqlite_master AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii WHERE m.type = 'table' AND il.name NOT LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\' AND m.tbl_name != '_cf_KV' ORDER BY 1, 2",
    ]);
  });

  it('PRAGMA main.locking_mode=EXCLUSIVE', () => {
    check(['PRAGMA main.locking_mode', 'PRAGMA main.locking_mode=EXCLUSIVE', 'PRAGMA locking_mode', 'CREATE TABLE t(a)', 'INSERT INTO t VALUES (1)', 'SELECT * FROM t']);
  });

  it('PRAGMA writable_schema, VACUUM (reset)', () => {
    check(['CREATE TABLE t(a)', 'INSERT INTO t VALUES (1)', 'PRAGMA writable_schema', 'PRAGMA writable_schema = 0', 'DROP TABLE t', 'VACUUM', 'SELECT count(*) FROM sqlite_master']);
  });

  // Known gap (a ratchet: this starts failing once Tandem supports it, then drop `.fails`): Prisma's
  // native reset writes sqlite_master under writable_schema=ON; Tandem answers "not supported yet".
  it.fails('PRAGMA writable_schema, VACUUM (reset): writable_schema=ON (known gap)', () => {
    check(['CREATE TABLE t(a)', 'PRAGMA writable_schema = 1', 'PRAGMA writable_schema', "DELETE FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')", 'PRAGMA writable_schema = 0', 'VACUUM', 'SELECT count(*) FROM sqlite_master']);
  });
});

describe('ORM SQL forms: transactions', () => {
  it('BEGIN / BEGIN; / begin', () => {
    check(['CREATE TABLE t(a)', 'BEGIN', 'INSERT INTO t VALUES (1)', 'COMMIT', 'BEGIN;', 'INSERT INTO t VALUES (2)', 'COMMIT;', 'begin', 'INSERT INTO t VALUES (3)', 'rollback', 'begin', 'begin', 'commit', 'SELECT * FROM t']);
  });

  it('BEGIN DEFERRED / IMMEDIATE / EXCLUSIVE', () => {
    check(['CREATE TABLE t(a)', 'BEGIN DEFERRED', 'INSERT INTO t VALUES (1)', 'COMMIT', 'BEGIN IMMEDIATE', 'INSERT INTO t VALUES (2)', 'COMMIT', 'BEGIN EXCLUSIVE', 'INSERT INTO t VALUES (3)', 'COMMIT', 'begin deferred transaction', 'end', 'SELECT * FROM t']);
  });

  it('COMMIT / ROLLBACK', () => {
    check(['CREATE TABLE t(a)', 'COMMIT', 'ROLLBACK', 'BEGIN', 'INSERT INTO t VALUES (1)', 'ROLLBACK', 'BEGIN', 'INSERT INTO t VALUES (2)', 'COMMIT TRANSACTION', 'SELECT * FROM t']);
  });

  it('SAVEPOINT n / RELEASE [SAVEPOINT] n / ROLLBACK TO [SAVEPOINT] n, including quoted names', () => {
    check([
      'CREATE TABLE t(a)',
      'BEGIN',
      'savepoint sp0',
      'INSERT INTO t VALUES (1)',
      'release savepoint sp0',
      'savepoint sp0',
      'INSERT INTO t VALUES (2)',
      'rollback to savepoint sp0',
      'release savepoint sp0',
      'savepoint "sp1"',
      'INSERT INTO t VALUES (3)',
      'savepoint "sp2"',
      'INSERT INTO t VALUES (4)',
      'release "sp2"',
      'rollback to "sp1"',
      'release "sp1"',
      'SAVEPOINT prisma_sp_0',
      'INSERT INTO t VALUES (5)',
      'RELEASE SAVEPOINT prisma_sp_0',
      'SAVEPOINT trx3;',
      'INSERT INTO t VALUES (6)',
      'ROLLBACK TO SAVEPOINT trx3',
      'RELEASE SAVEPOINT trx3;',
      'RELEASE SAVEPOINT nope',
      'COMMIT',
      'SELECT * FROM t',
      'SAVEPOINT `outer`',
      'INSERT INTO t VALUES (7)',
      'RELEASE [outer]',
      'SELECT * FROM t',
    ]);
  });
});

describe('ORM SQL forms: DML', () => {
  it('RETURNING (cols, *, col AS alias) on INSERT/UPDATE/DELETE', () => {
    check([
      USERS,
      "INSERT INTO users (email, name) VALUES ('a', 'A'), ('b', 'B') RETURNING *",
      "insert into `users` (`email`) values ('c') returning `id`, `email`",
      "UPDATE users SET score = score + 1 WHERE email IN ('a', 'c') RETURNING id AS \"the_id\", score",
      "DELETE FROM users WHERE email = 'b' RETURNING email AS e, id",
      'SELECT * FROM users',
    ]);
  });

  it('Multi-row VALUES (…), (…)', () => {
    check([USERS, ['insert into "users" ("id", "email", "name") values (null, ?, ?), (null, ?, ?)', ['a', 'A', 'b', null]], ['INSERT INTO `main`.`users` (`email`, `score`) VALUES (?,?), (?,?), (?,?)', ['c', 1n, 'd', 2.5, 'e', '3']], 'SELECT *, typeof(score) FROM users']);
  });

  it('INSERT … SELECT ? AS c UNION ALL SELECT … [WHERE true ON CONFLICT …]', () => {
    check([
      USERS,
      USERS_EMAIL,
      ['insert into `users` (`email`) select ? as `email` union all select ? as `email` returning `id`, `email`', ['a', 'b']],
      ['insert into `users` (`email`, `name`) select ? as `email`, ? as `name` union all select ? as `email`, ? as `name` where true on conflict (`email`) do update set `email` = excluded.`email`, `name` = excluded.`name`', ['a', 'A2', 'c', 'C']],
      ['insert into `users` (`email`, `name`) select ? as `email`, ? as `name` union all select ? as `email`, ? as `name` where true on conflict (`email`) do nothing', ['b', 'x', 'd', 'D']],
      'SELECT * FROM users',
    ]);
  });

  it('INSERT … SELECT … (rebuild copy)', () => {
    check([
      USERS,
      "INSERT INTO users (email, name) VALUES ('a', 'A'), ('b', NULL)",
      'CREATE TABLE `_knex_temp_alter323` (`id` integer not null primary key autoincrement, `email` text not null, `name` text)',
      'INSERT INTO "_knex_temp_alter323" SELECT "id", "email", "name" FROM "users";',
      'INSERT INTO "_knex_temp_alter323" SELECT * FROM "users";',
      'CREATE TABLE copy AS SELECT * FROM users',
      'SELECT * FROM "_knex_temp_alter323"',
      'SELECT * FROM copy',
    ]);
  });

  it('ON CONFLICT (cols) DO UPDATE SET … = excluded.c', () => {
    check([
      USERS,
      USERS_EMAIL,
      "INSERT INTO users (email, name, score) VALUES ('a', 'A', 1)",
      'insert into "users" ("email", "name") values (\'a\', \'B\') on conflict ("email") do update set "name" = excluded.name',
      'insert into "users" ("email", "name") values (\'a\', \'C\') on conflict ("email") do update set "name" = "excluded"."name" returning *',
      "insert into `users` (`email`, `name`) values ('a', 'D') on conflict (`email`) do update set `name` = excluded.`name`",
      ["INSERT INTO `main`.`users` (`email`, `name`) VALUES (?,?) ON CONFLICT  (`email`) DO UPDATE SET `name` = ?, `score` = ? WHERE (`main`.`users`.`email` = ? AND 1=1) RETURNING `id` AS `id`, `name` AS `name`", ['a', 'x', 'E', 5n, 'a']],
      ["INSERT INTO `main`.`users` (`email`, `name`) VALUES (?,?) ON CONFLICT  (`email`) DO UPDATE SET `name` = ? WHERE (`main`.`users`.`email` = ? AND 1=1) RETURNING `id`", ['a', 'x', 'F', 'zzz']],
      'insert into "users" ("email", "name") values (\'a\', \'G\') on conflict ("email") where "score" > 0 do update set "name" = excluded.name where "users"."score" > 100',
      'SELECT * FROM users',
    ]);
  });

  it('ON CONFLICT [ (cols) ] DO NOTHING', () => {
    check([USERS, USERS_EMAIL, "INSERT INTO users (email) VALUES ('a')", "insert into \"users\" (\"email\") values ('a') on conflict do nothing", "insert into `users` (`email`) values ('a') on conflict (`email`) do nothing returning `id`", "insert into users (email) values ('b'), ('a') on conflict (email) do nothing", 'SELECT * FROM users']);
  });

  it('INSERT OR IGNORE / REPLACE INTO', () => {
    check([USERS, USERS_EMAIL, "INSERT INTO users (email, name) VALUES ('a', 'A')", "insert or ignore into \"users\" (\"email\", \"name\") values ('a', 'B'), ('b', 'B')", "replace into \"users\" (\"email\", \"name\") values ('a', 'C')", 'SELECT * FROM users ORDER BY id']);
  });

  it('VALUES (null, …) for an INTEGER PK, inline default exprs like (unixepoch())', () => {
    check([
      'CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `email` text NOT NULL, `flag` integer DEFAULT false NOT NULL, `created` integer DEFAULT (unixepoch()) NOT NULL)',
      ['insert into "users" ("id", "email", "flag", "created") values (null, ?, false, (unixepoch())), (null, ?, true, (unixepoch())) returning "id", "flag"', ['a', 'b']],
      "INSERT INTO users (email) VALUES ('c')",
      'SELECT id, email, flag, typeof(created), created > 1700000000 FROM users',
      'CREATE TABLE d (id integer primary key, at integer DEFAULT (cast((julianday(\'now\') - 2440587.5)*86400000 as integer)))',
      'INSERT INTO d (id) VALUES (null)',
      'SELECT id, typeof(at), at > 1700000000000 FROM d',
    ]);
  });

  it('UPDATE … FROM …', () => {
    check([
      'CREATE TABLE person (id integer primary key, name text)',
      'CREATE TABLE pets (id integer primary key, owner_id integer, owner_name text)',
      "INSERT INTO person VALUES (1, 'a'), (2, 'b')",
      'INSERT INTO pets VALUES (1, 1, NULL), (2, 2, NULL), (3, 9, NULL)',
      'update "pets" set "owner_name" = "person"."name" from "person" where "person"."id" = "pets"."owner_id"',
      'SELECT * FROM pets',
    ]);
  });

  it('UPDATE/DELETE … ORDER BY … LIMIT', () => {
    check(['CREATE TABLE t (id integer primary key, v integer)', 'INSERT INTO t VALUES (1, 5), (2, 3), (3, 9), (4, 1)', ['update "t" set "v" = 0 where "v" > ? order by "v" desc limit ?', [2n, 2n]], 'SELECT * FROM t', ['delete from "t" where "v" >= ? order by "id" limit ?', [0n, 1n]], 'SELECT * FROM t']);
  });

  it('SET c = c + ? / (t.c + ?)', () => {
    check([
      USERS,
      "INSERT INTO users (email, score) VALUES ('a', 1), ('b', 2)",
      ['update `users` set `score` = `score` + ? where `email` = ?', [10n, 'a']],
      ['UPDATE `main`.`users` SET `score` = (`main`.`users`.`score` + ?) WHERE (`main`.`users`.`id` >= ? AND 1=1) RETURNING `id` AS `id`, `score` AS `score`', [0.5, 1n]],
      ['update "users" set "score" = "users"."score" + 1 where "users"."id" = ? returning "score"', [2n]],
      'SELECT *, typeof(score) FROM users',
    ]);
  });
});

describe('ORM SQL forms: queries', () => {
  const setup = [
    'CREATE TABLE "users" ("id" integer PRIMARY KEY, "email" text, "name" text)',
    'CREATE TABLE "posts" ("id" integer PRIMARY KEY, "author_id" integer, "title" text, "views" integer)',
    "INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@y', NULL), (3, 'c%z', 'Cy')",
    "INSERT INTO posts VALUES (1, 1, 'p1', 10), (2, 1, 'p2', NULL), (3, 2, 'p3', 5), (4, NULL, 'orphan', 1)",
  ];

  it('JOIN (inner/left), derived tables with alias (incl. no AS), correlated scalar subqueries in the select list', () => {
    check([
      ...setup,
      'select "users"."id", "posts"."title" from "users" left join "posts" on "posts"."author_id" = "users"."id" order by "users"."id", "posts"."id"',
      'select "users"."id", "posts"."title" from "users" inner join "posts" on "posts"."author_id" = "users"."id" order by 1, 2',
      ['select "id", (select coalesce(json_group_array(json_array("title")), json_array()) as "data" from (select * from "posts" "users_posts" where "users_posts"."author_id" = "users"."id" order by "users_posts"."id" desc limit ?) "users_posts") as "posts" from "users" "users" where "users"."id" = ?', [10n, 1n]],
      'SELECT `main`.`users`.`id`, COALESCE(`aggr_selection_0_Post`.`_aggr_count_posts`, 0) AS `_aggr_count_posts` FROM `main`.`users` LEFT JOIN (SELECT `main`.`posts`.`author_id`, COUNT(*) AS `_aggr_count_posts` FROM `main`.`posts` WHERE 1=1 GROUP BY `main`.`posts`.`author_id`) AS `aggr_selection_0_Post` ON (`main`.`users`.`id` = `aggr_selection_0_Post`.`author_id`) WHERE 1=1 ORDER BY `main`.`users`.`id`',
      'SELECT u.id, (select count(*) from "posts" where "posts"."author_id" = u.id) AS n FROM users u ORDER BY 1',
    ]);
  });

  it('EXISTS(…), IN (…), NOT IN, IN (NULL)', () => {
    check([
      ...setup,
      'SELECT `main`.`users`.`id` FROM `main`.`users` WHERE EXISTS(SELECT `t0`.`author_id` FROM `main`.`posts` AS `t0` WHERE ((`main`.`users`.`id`) = (`t0`.`author_id`) AND `t0`.`author_id` IS NOT NULL)) ORDER BY 1',
      ['SELECT id FROM users WHERE id IN (?, ?) ORDER BY id', [1n, 3n]],
      ['SELECT id FROM users WHERE id NOT IN (?,?) ORDER BY id', [1n, 3n]],
      'SELECT id FROM users WHERE id IN (NULL)',
      'SELECT id FROM users WHERE id NOT IN (NULL)',
      'SELECT id FROM users WHERE NOT exists (select 1 from posts where posts.author_id = users.id) ORDER BY id',
      'SELECT id FROM posts WHERE author_id NOT IN (SELECT id FROM users WHERE id > 1) ORDER BY id',
    ]);
  });

  it("LIKE, LIKE … ESCAPE '\\', GLOB, '%' || ? || '%'", () => {
    check([
      ...setup,
      ['SELECT id FROM users WHERE email LIKE (\'%\' || ? || \'%\') ORDER BY id', ['x']],
      ['SELECT id FROM users WHERE email LIKE (? || \'%\') ORDER BY id', ['A']],
      ["SELECT id FROM users WHERE email LIKE '%\\%%' ESCAPE '\\' ORDER BY id", []],
      ["SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql GLOB '*[ *' || CHAR(9) || CHAR(10) || CHAR(13) || ']integer[^'']*' ORDER BY name", []],
      ["SELECT id FROM users WHERE name GLOB 'A*' OR name GLOB '?y' ORDER BY id", []],
    ]);
  });

  it('GROUP BY / HAVING, COUNT(*), COUNT(col), SUM, AVG, MAX, MIN', () => {
    check([
      ...setup,
      ['select "author_id", count(*), count("views"), sum("views"), avg("views"), max("title"), min("views") from "posts" group by "author_id" having count(*) > ? order by 1', [0n]],
      ['SELECT SUM(`views`) AS `_sum$views`, AVG(`views`) AS `_avg$views`, COUNT(*) AS `_count$_all` FROM (SELECT `main`.`posts`.`views` FROM `main`.`posts` WHERE 1=1 LIMIT ? OFFSET ?) AS `sub`', [-1n, 0n]],
      'SELECT count(*), sum(views), avg(views), max(views), min(views) FROM posts WHERE id > 100',
    ]);
  });

  it('COALESCE, CASE WHEN, CAST(x AS text/integer), DISTINCT', () => {
    check([
      ...setup,
      "SELECT id, coalesce(name, email, 'none'), case when views is null then ? else ? end FROM users LEFT JOIN posts ON posts.id = users.id ORDER BY 1".replace(/\?/g, "'n'"),
      'SELECT cast("id" as text), typeof(cast("id" as text)), cast(\'12.5\' as integer), CAST(views AS TEXT) FROM posts ORDER BY id',
      'select distinct "author_id" from "posts" order by 1',
      'SELECT DISTINCT author_id IS NULL FROM posts ORDER BY 1',
    ]);
  });

  it('UNION / UNION ALL, WITH (CTE)', () => {
    check([
      ...setup,
      'select "id" from "users" union select "author_id" from "posts" order by 1',
      'select "id" from "users" union all select "author_id" from "posts" order by 1',
      'with "sq" as (select "id", "email" from "users" where "id" > 1) select * from "sq" order by "id"',
      'WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM a, b',
    ]);
  });

  it('ORDER BY … NULLS FIRST/LAST', () => {
    check([
      ...setup,
      'SELECT id, views FROM posts ORDER BY views NULLS FIRST',
      'SELECT id, views FROM posts ORDER BY views DESC NULLS LAST',
      'SELECT id, views FROM posts ORDER BY views ASC NULLS LAST, id',
      'SELECT id, views FROM posts ORDER BY CASE WHEN views IS NULL THEN 1 ELSE 0 END, views ASC',
    ]);
  });

  it('LIMIT ? OFFSET ?, LIMIT -1', () => {
    check([...setup, ['SELECT id FROM posts ORDER BY id LIMIT ? OFFSET ?', [2n, 1n]], 'SELECT id FROM posts ORDER BY id LIMIT -1 OFFSET 2', ['SELECT id FROM posts ORDER BY id LIMIT ? OFFSET ?', [-1n, 3n]], 'SELECT id FROM posts ORDER BY id LIMIT 0']);
  });
});

describe('ORM SQL forms: functions', () => {
  it('json_array, json_group_array', () => {
    check([
      'CREATE TABLE c (id integer primary key, post_id integer, body text, n real)',
      "INSERT INTO c VALUES (1, 1, 'hi', 1.5), (2, 1, NULL, 2), (3, 2, 'x\"y', NULL)",
      'select coalesce(json_group_array(json_array("id", "post_id", "body", "n")), json_array()) as "data" from "c" where "post_id" = 1',
      'select coalesce(json_group_array(json_array("id")), json_array()) as "data" from "c" where "post_id" = 99',
      "SELECT json_array(1, 2.5, 'a', NULL, json_array(), json('{\"k\":1}'))",
      "SELECT json_array(x'00')",
    ]);
  });

  it('json_object', () => {
    check([
      'CREATE TABLE person (id integer primary key, email text)',
      "INSERT INTO person VALUES (1, 'a'), (2, 'b')",
      "select coalesce(json_group_array(json_object('id', \"agg\".\"id\", 'email', \"agg\".\"email\")), '[]') from (select * from person order by id) as agg",
      "select (select json_object('email', \"obj\".\"email\") from (select email from person where id = 2) as obj)",
      "SELECT json_object('a', 1, 'b', json_object('c', NULL))",
    ]);
  });

  it('-> / ->> operators, JSON_TYPE', () => {
    check([
      'CREATE TABLE m (id integer primary key, meta text)',
      "INSERT INTO m VALUES (1, '{\"s\":\"text here\",\"a\":[1,2],\"n\":3}'), (2, '{\"s\":5}')",
      ["SELECT id FROM m WHERE `meta`->>? LIKE ('%' || ? || '%') AND (JSON_TYPE(`meta`->?) = ?)", ['$.s', 'here', '$.s', 'text']],
      ['SELECT id, meta->? = ?, meta->>?, meta->?, json_type(meta, ?) FROM m ORDER BY id', ['$.a', '[1,2]', '$.n', '$.a', '$.s']],
      "SELECT meta -> 'a' ->> 1, meta ->> 'n' FROM m ORDER BY id",
    ]);
  });

  it('json_extract, json_set, json_insert, json_remove', () => {
    check([
      'CREATE TABLE m (id integer primary key, meta json)',
      "INSERT INTO m VALUES (1, '{\"a\":{\"b\":1},\"c\":[1,2]}')",
      ['select json_extract(`meta`, ?) from `m`', ['$.a.b']],
      ["update `m` set `meta` = json_set(`meta`, '$.a.b', 2, '$.d', 'x')", []],
      ["update `m` set `meta` = json_insert(`meta`, '$.a.b', 3, '$.e', json('[1]'))", []],
      ["update `m` set `meta` = json_remove(`meta`, '$.c[0]', '$.d')", []],
      'SELECT meta, json_extract(meta, \'$.a\', \'$.e\') FROM m',
    ]);
  });

  it('CURRENT_TIMESTAMP / current_timestamp default', () => {
    check([
      'create table if not exists "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)',
      "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('1', 'c', 'init')",
      "SELECT typeof(started_at), length(started_at), started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]', applied_steps_count, typeof(applied_steps_count) FROM _prisma_migrations",
      "SELECT typeof(CURRENT_TIMESTAMP), length(current_timestamp), length(CURRENT_DATE), length(CURRENT_TIME), CURRENT_TIMESTAMP = datetime('now')",
    ]);
  });

  it("unixepoch(), julianday('now')", () => {
    check([
      "SELECT typeof(unixepoch()), unixepoch() > 1700000000, typeof(julianday('now')), julianday('now') > 2460000",
      "SELECT unixepoch('2024-01-15 10:00:00'), julianday('2024-01-15'), unixepoch('2024-01-15', 'subsec'), cast((julianday('2024-01-15') - 2440587.5)*86400000 as integer)",
    ]);
  });

  it('lower(), sqlite_version(), CHAR()', () => {
    check(["SELECT lower('ÀBC Déf'), lower(NULL), lower(12)", 'SELECT sqlite_version()', 'SELECT CHAR(9) || CHAR(10) || CHAR(13), char(65, 66, 0x1F600), char()']);
  });
});

describe('ORM SQL forms: engine semantics tested implicitly', () => {
  it('sqlite_master filtering sqlite\\_%, sqlite_autoindex_%', () => {
    check([
      'CREATE TABLE t (id integer primary key autoincrement, email text unique, a, b, PRIMARY KEY (a) ON CONFLICT IGNORE)',
      'CREATE TABLE t (id integer primary key autoincrement, email text unique, a, b, UNIQUE (a, b))',
      'CREATE INDEX t_b ON t(b)',
      "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      "SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_%' ORDER BY name",
      ['select "name", "sql", "type" from "sqlite_master" where "type" in (?, ?) and "name" not like ? order by "name"', ['table', 'view', 'sqlite_%']],
      "SELECT name, tbl_name, sql IS NULL FROM sqlite_master WHERE type = 'index' ORDER BY name",
    ]);
  });

  it('Migration tables (__drizzle_migrations, kysely_migration, kysely_migration_lock, _prisma_migrations, knex_migrations, knex_migrations_lock)', () => {
    check([
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" ( id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric )',
      'create table if not exists "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null)',
      'create table if not exists "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null)',
      ['select "id" from "kysely_migration_lock" where "id" = ?', ['migration_lock']],
      ['insert into "kysely_migration_lock" ("id", "is_locked") values (?, ?)', ['migration_lock', 0n]],
      ['update "kysely_migration_lock" set "is_locked" = ? where "id" = ? and "is_locked" = ?', [1n, 'migration_lock', 0n]],
      ['insert into "kysely_migration" ("name", "timestamp") values (?, ?)', ['2024_init', '2024-01-15T00:00:00.000Z']],
      'select "name", "timestamp" from "kysely_migration"',
      'create table `knex_migrations` (`id` integer not null primary key autoincrement, `name` varchar(255), `batch` integer, `migration_time` datetime)',
      'create table `knex_migrations_lock` (`index` integer not null primary key autoincrement, `is_locked` integer)',
      'BEGIN;',
      ['update `knex_migrations_lock` set `is_locked` = ? where `is_locked` = ?', [1n, 0n]],
      ['insert into `knex_migrations` (`batch`, `migration_time`, `name`) values (?, ?, ?)', [1n, 1700000000000n, 'init.js']],
      'COMMIT;',
      'select max(`batch`) as `max_batch` from `knex_migrations`',
      'select * from `knex_migrations` where `batch` = (select max(`batch`) from `knex_migrations`) order by `id` desc',
      "SELECT id, hash, created_at FROM \"__drizzle_migrations\" ORDER BY created_at DESC LIMIT 1",
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    ]);
  });
});
