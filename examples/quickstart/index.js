// The main demo (`npm start`): creates a database file on the embedded Tandem engine, writes and
// queries it through the better-sqlite3-compatible API, and checks the file's integrity.
import Database from '@tandem/engine';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function runDemo(log = console.log) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-demo-'));
  const path = join(dir, 'library.db');
  const db = new Database(path);
  try {
    db.exec(`
      CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, title TEXT NOT NULL, year INTEGER);
      CREATE INDEX books_by_year ON books(year);
    `);
    const addAuthor = db.prepare('INSERT INTO authors (name) VALUES (?)');
    const addBook = db.prepare('INSERT INTO books (author_id, title, year) VALUES (?, ?, ?)');
    const seed = db.transaction((catalog) => {
      for (const [author, books] of catalog) {
        const { lastInsertRowid } = addAuthor.run(author);
        for (const [title, year] of books) addBook.run(lastInsertRowid, title, year);
      }
    });
    seed([
      ['Ursula K. Le Guin', [['A Wizard of Earthsea', 1968], ['The Dispossessed', 1974]]],
      ['Octavia E. Butler', [['Kindred', 1979], ['Parable of the Sower', 1993]]],
      ['Ted Chiang', [['Stories of Your Life and Others', 2002], ['Exhalation', 2019]]],
    ]);

    log(`Created ${path}`);
    log('Books from the 1970s (served by the books_by_year index):');
    for (const book of db.prepare('SELECT title, year FROM books WHERE year >= ? AND year < ? ORDER BY year').iterate(1970, 1980)) {
      log(`  ${book.year}  ${book.title}`);
    }
    const latest = db.prepare('SELECT title, year FROM books ORDER BY year DESC LIMIT 1').get();
    log(`Most recent: ${latest.title} (${latest.year})`);

    try {
      addAuthor.run('Ted Chiang');
    } catch (error) {
      log(`Duplicate author rejected: ${error.code}: ${error.message}`);
    }
    const { changes } = db.prepare('UPDATE books SET year = year + 0 WHERE year < 1980').run();
    log(`Rows touched by an UPDATE: ${changes}`);
    log(`PRAGMA integrity_check: ${db.pragma('integrity_check', { simple: true })}`);
    return { path, latest };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runDemo();
