// Row shapes (plain objects, pluck, expand, raw), columns(), safe integers and run() results match
// better-sqlite3, including duplicate column names and mode toggling.

import { describeDifferential } from './support/differential.js';

const schema = `
  CREATE TABLE artist(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE album(id INTEGER PRIMARY KEY, artist_id INTEGER, title VARCHAR(40), cover BLOB, price NUMERIC(10,2));
  INSERT INTO artist VALUES (1, 'Ann'), (2, 'Bob');
  INSERT INTO album VALUES (10, 1, 'First', x'00ff', 9.99), (11, 2, 'Second', NULL, 12), (12, 1, 'Third', x'', NULL);
`;

describeDifferential('row shapes', {
  'plain rows, duplicate names and expressions': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec(schema);
    probe('all', () => db.prepare('SELECT * FROM album ORDER BY id').all());
    probe('get', () => db.prepare('SELECT title, price FROM album WHERE id = ?').get(11));
    probe('get none', () => db.prepare('SELECT title FROM album WHERE id = ?').get(99));
    probe('all none', () => db.prepare('SELECT title FROM album WHERE id = ?').all(99));
    probe('duplicate names', () => db.prepare('SELECT 1 AS a, 2 AS a').get());
    probe('expression names', () => db.prepare('SELECT 1+1, upper(name), name AS n FROM artist ORDER BY id').all());
  },

  'expand across a join': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec(schema);
    const stmt = db.prepare('SELECT artist.name, album.title, 1 + 1 AS two FROM artist, album WHERE album.artist_id = artist.id ORDER BY album.id');
    probe('plain', () => stmt.all());
    probe('expand', () => stmt.expand().all());
  },

  'pluck, raw, expand and toggling': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec(schema);
    const stmt = db.prepare('SELECT title, price, 1 + 1 AS two FROM album ORDER BY id');
    probe('pluck', () => stmt.pluck().all());
    probe('pluck get', () => stmt.get());
    probe('raw replaces pluck', () => stmt.raw().all());
    probe('expand', () => stmt.expand().all());
    probe('expand(false)', () => stmt.expand(false).get());
    probe('raw(false) when not raw', () => stmt.raw(true).raw(false).pluck(false).get());
    probe('pluck(non-boolean)', () => stmt.pluck(1 as unknown as boolean));
    probe('iterate raw', () => [...stmt.raw().iterate()]);
    const writer = db.prepare('INSERT INTO artist(name) VALUES (?)');
    probe('pluck on writer', () => writer.pluck());
    probe('raw on writer', () => writer.raw());
    probe('expand on writer', () => writer.expand());
    probe('columns on writer', () => writer.columns());
    probe('get on writer', () => writer.get('x'));
    probe('all on writer', () => writer.all('x'));
    probe('iterate on writer', () => writer.iterate('x'));
    probe('reader flags', () => [stmt.reader, stmt.readonly, writer.reader, writer.readonly, stmt.source, stmt.busy]);
  },

  'columns()': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec(schema);
    probe('table columns', () => db.prepare('SELECT * FROM album').columns());
    probe('aliases and expressions', () => db.prepare('SELECT id AS k, title || \'!\' AS t, count(*) FROM album').columns());
  },

  'RETURNING rows': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec(schema);
    const stmt = db.prepare('INSERT INTO artist(name) VALUES (?) RETURNING id, name');
    probe('columns', () => stmt.columns());
    probe('reader', () => stmt.reader);
    probe('get', () => stmt.get('Cy'));
    probe('run', () => stmt.run('Di'));
  },

  'safe integers': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE big(v INTEGER); INSERT INTO big VALUES (9007199254740993), (-9223372036854775808), (1), (2.5)');
    const stmt = db.prepare('SELECT v FROM big');
    probe('default loses precision', () => stmt.pluck().all());
    probe('safeIntegers()', () => stmt.safeIntegers().all());
    probe('safeIntegers(false)', () => stmt.safeIntegers(false).all());
    probe('safeIntegers(bad)', () => stmt.safeIntegers('yes' as unknown as boolean));
    probe('defaultSafeIntegers', () => {
      db.defaultSafeIntegers();
      const later = db.prepare('SELECT v FROM big').raw().all();
      db.defaultSafeIntegers(false);
      return [later, db.prepare('SELECT v FROM big').raw().all(), stmt.all()];
    });
    probe('defaultSafeIntegers(bad)', () => db.defaultSafeIntegers(1 as unknown as boolean));
    probe('lastInsertRowid as bigint', () => db.prepare('INSERT INTO big VALUES (3)').safeIntegers().run());
  },

  'run() results': (Database, probe) => {
    const db = new Database(':memory:');
    probe('create', () => db.prepare('CREATE TABLE t(id INTEGER PRIMARY KEY, v)').run());
    const insert = db.prepare('INSERT INTO t(v) VALUES (?)');
    probe('insert', () => insert.run('a'));
    probe('insert again', () => insert.run('b'));
    probe('explicit rowid', () => db.prepare('INSERT INTO t VALUES (100, ?)').run('c'));
    probe('update many', () => db.prepare('UPDATE t SET v = v || v').run());
    probe('update none', () => db.prepare('UPDATE t SET v = 1 WHERE id < 0').run());
    probe('select via run', () => db.prepare('SELECT * FROM t').run());
    probe('delete', () => db.prepare('DELETE FROM t WHERE id > 1').run());
    probe('rows', () => db.prepare('SELECT * FROM t').all());
  },
});
