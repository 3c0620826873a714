// The table-rebuild sequences ORMs emit (create new -> copy -> drop old -> rename), with the SQL
// drizzle-kit, Prisma's schema engine and Knex send (see shared/notes/orm-adapters.md), run on
// Tandem and on better-sqlite3 inside a transaction; schema text, data and errors must agree.
// Both run with foreign_keys on (better-sqlite3's default), turned off around the rebuild as the
// ORMs do.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

const SCHEMA_DUMP = 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid';

function expectSameSequence(setup: readonly string[], sequence: readonly string[], checks: readonly string[]): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    const script = ['PRAGMA foreign_keys = ON', ...setup, ...sequence, SCHEMA_DUMP, ...checks, 'PRAGMA foreign_key_check', 'PRAGMA integrity_check'];
    expect(differences(connection, oracle, script)).toEqual([]);
  } finally {
    connection.close();
    oracle.close();
  }
}

const USERS_AND_POSTS = [
  'CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `email` text NOT NULL, `name` text)',
  'CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`)',
  'CREATE TABLE `posts` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `author_id` integer NOT NULL, `title` text, `views` integer DEFAULT 0, FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade)',
  'CREATE INDEX `posts_author_idx` ON `posts` (`author_id`)',
  "INSERT INTO `users` (`email`, `name`) VALUES ('ada@example.com', 'Ada'), ('bob@example.com', NULL)",
  "INSERT INTO `posts` (`author_id`, `title`, `views`) VALUES (1, 'Hello', 3), (2, 'World', 0), (1, 'Again', 10)",
];

describe('ORM table rebuilds', () => {
  it('drizzle-kit: __new_ table with a table-qualified CHECK, renamed over the old one', () => {
    expectSameSequence(
      USERS_AND_POSTS,
      [
        'PRAGMA foreign_keys=OFF',
        'BEGIN',
        'CREATE TABLE `__new_posts` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `author_id` integer NOT NULL, `title` text NOT NULL DEFAULT \'\', `views` integer DEFAULT 0 NOT NULL, FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade, CONSTRAINT "views_pos" CHECK("__new_posts"."views" >= 0))',
        'INSERT INTO `__new_posts`("id", "author_id", "title", "views") SELECT "id", "author_id", coalesce("title", \'\'), coalesce("views", 0) FROM `posts`',
        'DROP TABLE `posts`',
        'ALTER TABLE `__new_posts` RENAME TO `posts`',
        'CREATE INDEX `posts_author_idx` ON `posts` (`author_id`)',
        'COMMIT',
        'PRAGMA foreign_keys=ON',
        "INSERT INTO `posts` (`author_id`, `title`, `views`) VALUES (2, 'New', 1)",
        "INSERT INTO `posts` (`author_id`, `title`, `views`) VALUES (2, 'Bad', -1)",
      ],
      ['SELECT * FROM `posts` ORDER BY `id`', 'SELECT * FROM sqlite_sequence ORDER BY name', 'SELECT title FROM posts WHERE author_id = 1 ORDER BY 1'],
    );
  });

  it("Prisma: new_User copied with coalesce, old dropped, renamed, indexes re-created", () => {
    expectSameSequence(
      [
        'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "name" TEXT, "dec" DECIMAL)',
        'CREATE UNIQUE INDEX "User_email_key" ON "User"("email")',
        'CREATE TABLE "Post" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "authorId" INTEGER NOT NULL, CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE)',
        "INSERT INTO \"User\" (\"email\", \"name\", \"dec\") VALUES ('a@x', NULL, 1.5), ('b@x', 'B', NULL)",
        'INSERT INTO "Post" ("authorId") VALUES (1), (2)',
      ],
      [
        'SELECT COUNT(*) FROM "User" WHERE "dec" IS NOT NULL',
        'PRAGMA defer_foreign_keys=ON',
        'PRAGMA foreign_keys=OFF',
        'BEGIN',
        'CREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "name" TEXT NOT NULL DEFAULT \'anon\')',
        'INSERT INTO "new_User" ("email", "id", "name") SELECT "email", "id", coalesce("name", \'anon\') AS "name" FROM "User"',
        'DROP TABLE "User"',
        'ALTER TABLE "new_User" RENAME TO "User"',
        'CREATE UNIQUE INDEX "User_email_key" ON "User"("email")',
        'COMMIT',
        'PRAGMA foreign_keys=ON',
        'PRAGMA defer_foreign_keys=OFF',
        "INSERT INTO \"User\" (\"email\") VALUES ('a@x')",
      ],
      ['SELECT * FROM "User" ORDER BY "id"', 'SELECT * FROM "Post" ORDER BY "id"', 'SELECT * FROM sqlite_sequence ORDER BY name'],
    );
  });

  it('Knex: _knex_temp_alter table, SELECT * copy, in-place alters without the COLUMN keyword', () => {
    expectSameSequence(
      [
        'create table `users` (`id` integer not null primary key autoincrement, `name` varchar(255), `age` integer, `nick` varchar(255))',
        'create index `users_name_index` on `users` (`name`)',
        "insert into `users` (`name`, `age`, `nick`) values ('a', 1, 'x'), ('b', 2, NULL)",
        'alter table `users` rename `nick` to `nickname`',
        'alter table `users` add column `extra` varchar(255)',
      ],
      [
        "SELECT type, sql FROM sqlite_master WHERE (type='table' OR (type='index' AND sql IS NOT NULL)) AND lower(tbl_name)='users'",
        'PRAGMA foreign_keys = OFF',
        'BEGIN;',
        'CREATE TABLE `_knex_temp_alter323` (`id` integer not null primary key autoincrement, `name` varchar(255), `age` integer, `nickname` varchar(255), `extra` varchar(255))',
        'INSERT INTO "_knex_temp_alter323" SELECT * FROM "users";',
        'DROP TABLE "users"',
        'ALTER TABLE "_knex_temp_alter323" RENAME TO "users"',
        'create index `users_name_index` on `users` (`name`)',
        'COMMIT;',
        'PRAGMA foreign_keys = ON',
        'alter table `users` drop column `extra`',
        'alter table `users` rename to `people`',
      ],
      ['SELECT * FROM people ORDER BY id', 'SELECT name FROM people WHERE name > \'a\'', 'SELECT * FROM sqlite_sequence'],
    );
  });

  it('a failed rebuild rolls back with the transaction', () => {
    expectSameSequence(
      USERS_AND_POSTS,
      [
        'BEGIN',
        'CREATE TABLE `__new_users` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `email` text NOT NULL)',
        'INSERT INTO `__new_users` SELECT `id`, `email` FROM `users`',
        'DROP TABLE `users`',
        'ALTER TABLE `__new_users` RENAME TO `users`',
        'ALTER TABLE `users` RENAME TO `posts`',
        'ROLLBACK',
      ],
      ['SELECT * FROM users ORDER BY id'],
    );
  });
});
