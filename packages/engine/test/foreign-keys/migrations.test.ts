// The foreign key sequences ORM migration tools run, against SQLite: Prisma's table redefinition
// (defer_foreign_keys + foreign_keys=OFF around create/copy/drop/rename, then foreign_key_check),
// Knex's rebuild inside BEGIN with foreign_key_check before COMMIT, drizzle-kit's push (foreign_keys
// OFF outside a transaction), the libsql migrator's OFF + BEGIN, and the introspection pragmas.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const BLOG = [
  'PRAGMA foreign_keys = ON',
  'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "name" TEXT)',
  'CREATE UNIQUE INDEX "User_email_key" ON "User"("email")',
  'CREATE TABLE "Post" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "authorId" INTEGER NOT NULL, CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE)',
  `INSERT INTO "User" ("email", "name") VALUES ('a@x', 'Ada'), ('b@x', NULL)`,
  `INSERT INTO "Post" ("title", "authorId") VALUES ('one', 1), ('two', 1), ('three', 2)`,
];

describe('ORM migration sequences', () => {
  it("Prisma's table redefinition", async () => {
    await expectSameResults([
      ...BLOG,
      'PRAGMA defer_foreign_keys=ON',
      'PRAGMA foreign_keys=OFF',
      `CREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "name" TEXT NOT NULL DEFAULT 'anon')`,
      `INSERT INTO "new_User" ("email", "id", "name") SELECT "email", "id", coalesce("name", 'anon') AS "name" FROM "User"`,
      'DROP TABLE "User"',
      'ALTER TABLE "new_User" RENAME TO "User"',
      'CREATE UNIQUE INDEX "User_email_key" ON "User"("email")',
      'PRAGMA foreign_key_check',
      'PRAGMA foreign_keys=ON',
      'PRAGMA defer_foreign_keys=OFF',
      'PRAGMA foreign_key_list("Post")',
      'SELECT * FROM "User" ORDER BY id',
      'DELETE FROM "User" WHERE id = 1',
      'SELECT * FROM "Post" ORDER BY id',
      'PRAGMA defer_foreign_keys = 1',
      'DELETE FROM "Post"',
      'DELETE FROM "User"',
      'SELECT count(*) FROM "User"',
    ]);
  });

  it("Knex's rebuild with foreign_key_check before COMMIT", async () => {
    await expectSameResults([
      ...BLOG,
      'PRAGMA foreign_keys',
      'PRAGMA foreign_keys = OFF',
      'BEGIN',
      'CREATE TABLE "_knex_temp_alter1" ("id" integer not null primary key autoincrement, "title" text not null, "authorId" integer not null, foreign key("authorId") references "User"("id") on delete CASCADE)',
      'INSERT INTO "_knex_temp_alter1" SELECT * FROM "Post"',
      'DROP TABLE "Post"',
      'ALTER TABLE "_knex_temp_alter1" RENAME TO "Post"',
      'INSERT INTO "Post" ("title", "authorId") VALUES (\'orphan\', 99)',
      'PRAGMA foreign_key_check',
      'DELETE FROM "Post" WHERE "authorId" = 99',
      'PRAGMA foreign_key_check',
      'COMMIT',
      'PRAGMA foreign_keys = ON',
      'PRAGMA foreign_key_list("Post")',
      'INSERT INTO "Post" ("title", "authorId") VALUES (\'orphan\', 99)',
      'DELETE FROM "User" WHERE id = 2',
      'SELECT * FROM "Post" ORDER BY id',
    ]);
  });

  it("drizzle-kit's push and the libsql migrator", async () => {
    await expectSameResults([
      ...BLOG,
      'PRAGMA foreign_keys',
      'PRAGMA foreign_keys=OFF',
      'CREATE TABLE `__new_Post` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `title` text NOT NULL, `authorId` integer NOT NULL, `views` integer DEFAULT 0, FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON UPDATE no action ON DELETE cascade)',
      'INSERT INTO `__new_Post`("id", "title", "authorId") SELECT "id", "title", "authorId" FROM `Post`',
      'DROP TABLE `Post`',
      'ALTER TABLE `__new_Post` RENAME TO `Post`',
      'PRAGMA foreign_keys=ON',
      "SELECT m.name AS tableFrom, f.id, f.\"table\" AS tableTo, f.\"from\", f.\"to\", f.on_update, f.on_delete, f.seq FROM sqlite_master m, pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
      // libsql's migrate(): foreign keys really are off for the whole transaction.
      'PRAGMA foreign_keys=off',
      'BEGIN DEFERRED',
      'DELETE FROM `User` WHERE id = 1',
      'COMMIT',
      'PRAGMA foreign_keys=on',
      'SELECT * FROM `Post` ORDER BY id',
      'PRAGMA foreign_key_check(`Post`)',
      // A migration that turns foreign keys off inside BEGIN (the sync migrators) changes nothing.
      'BEGIN',
      'PRAGMA foreign_keys=OFF',
      'DELETE FROM `User` WHERE id = 2',
      'ROLLBACK',
      'SELECT count(*) FROM `Post`',
    ]);
  });
});
