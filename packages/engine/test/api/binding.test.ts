// Parameter binding follows better-sqlite3 exactly: value types, positional/named/array/mixed forms,
// slot counting, and the TypeError/RangeError messages for every misuse.

import { describeDifferential } from './support/differential.js';

describeDifferential('parameter binding', {
  'value types round-trip with their SQL storage class': (Database, probe) => {
    const db = new Database(':memory:');
    const typed = db.prepare('SELECT typeof(?) AS t, ? AS v');
    for (const value of [1, 1.5, -0, 2 ** 53, 1e300, NaN, Infinity, 'text', '', 'ünï©ødé', 5n, -(2n ** 63n), 2n ** 63n - 1n, null, undefined]) {
      probe(`typeof ${String(value)}`, () => typed.get(value, value));
    }
    probe('Buffer', () => typed.get(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 3])));
    probe('Uint8Array', () => typed.get(new Uint8Array([4, 5]), new Uint8Array([4, 5])));
    probe('Float64Array view', () => typed.get(new Float64Array([1]), new Float64Array([1])));
    probe('empty Buffer', () => typed.get(Buffer.alloc(0), Buffer.alloc(0)));
    probe('bigint too big', () => typed.get(2n ** 63n, 1));
    probe('bigint too small', () => typed.get(-(2n ** 63n) - 1n, 1));
    for (const bad of [true, false, Symbol('s'), () => 1, new Map(), new Date(0), [1], {}]) {
      probe(`unbindable ${typeof bad}`, () => db.prepare('SELECT ?').get(bad));
    }
  },

  'numbers bind as REAL and follow column affinity': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(i INTEGER, r REAL, x TEXT, b BLOB, n)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
    probe('insert 1', () => insert.run(1, 1, 1, 1, 1));
    probe('insert 2.5', () => insert.run(2.5, 2.5, 2.5, 2.5, 2.5));
    probe('insert bigint', () => insert.run(7n, 7n, 7n, 7n, 7n));
    probe('insert text digits', () => insert.run('12', '12', '12', '12', '12'));
    probe('read back', () => db.prepare('SELECT i, typeof(i), r, typeof(r), x, typeof(x), b, typeof(b), n, typeof(n) FROM t').raw().all());
    probe('read back safe', () => db.prepare('SELECT * FROM t').safeIntegers().all());
  },

  'named parameters: all prefixes keyed without prefix': (Database, probe) => {
    const db = new Database(':memory:');
    probe('three prefixes', () => db.prepare('SELECT :x AS a, @y AS b, $z AS c').get({ x: 1, y: 2, z: 3, extra: 4 }));
    probe('same name twice', () => db.prepare('SELECT :x AS a, :x AS b').get({ x: 'v' }));
    probe('missing key', () => db.prepare('SELECT :x AS a, @y AS b').get({ x: 1 }));
    probe('undefined value is NULL', () => db.prepare('SELECT :x AS a').get({ x: undefined }));
    probe('inherited key does not count', () => db.prepare('SELECT :x AS a').get(Object.create({ x: 1 })));
    probe('null-prototype object', () => db.prepare('SELECT :x AS a').get(Object.assign(Object.create(null), { x: 9 })));
    probe('no object given', () => db.prepare('SELECT :x AS a').get());
    probe('positional for named', () => db.prepare('SELECT :x AS a').get(5));
    probe('two objects', () => db.prepare('SELECT :x AS a').get({ x: 1 }, { x: 2 }));
    probe('class instance', () => db.prepare('SELECT :x AS a').get(new (class { x = 1 })()));
    probe('Map', () => db.prepare('SELECT :x AS a').get(new Map([['x', 1]])));
    probe('numbered ?2 via object', () => db.prepare('SELECT ?2 AS a').get({ 2: 'two' }));
  },

  'positional, arrays and mixing': (Database, probe) => {
    const db = new Database(':memory:');
    const two = db.prepare('SELECT ? AS a, ? AS b');
    probe('spread', () => two.get(1, 2));
    probe('one array', () => two.get([1, 2]));
    probe('two arrays', () => two.get([1], [2]));
    probe('array and value', () => two.get([1], 2));
    probe('nested array', () => two.get([[1], 2]));
    probe('too few', () => two.get(1));
    probe('too many', () => two.get(1, 2, 3));
    probe('too many in array', () => two.get([1, 2, 3]));
    probe('none', () => two.get());
    probe('no params given some', () => db.prepare('SELECT 1 AS a').get(1));
    probe('mixed named first', () => db.prepare('SELECT :x AS a, ? AS b').get({ x: 1 }, 5));
    probe('mixed named last', () => db.prepare('SELECT :x AS a, ? AS b').get(5, { x: 1 }));
    probe('mixed missing object', () => db.prepare('SELECT :x AS a, ? AS b').get(5));
    probe('?NNN gaps', () => db.prepare('SELECT ?3 AS a').get(1, 2));
    probe('?NNN then ?', () => db.prepare('SELECT ?2 AS a, ? AS b').get(5, 6));
    probe('?NNN filled', () => db.prepare('SELECT ?2 AS a, ? AS b, ?1 AS c').get(5, 6, 7));
    probe('bad value after good', () => two.get(1, true));
    probe('statement usable after bind error', () => two.get(3, 4));
  },

  'bind() is permanent': (Database, probe) => {
    const db = new Database(':memory:');
    const stmt = db.prepare('SELECT ? AS a');
    probe('bind', () => stmt.bind(7) === stmt);
    probe('get without args', () => stmt.get());
    probe('get with args', () => stmt.get(8));
    probe('bind twice', () => stmt.bind(9));
    const failed = db.prepare('SELECT ? AS a');
    probe('failed bind', () => failed.bind(1, 2));
    probe('bind after failed bind', () => failed.bind(3) && failed.get());
    probe('unbound slots reset between calls', () => {
      const s = db.prepare('SELECT ? AS a');
      return [s.get(1), s.get(null), s.get(2)];
    });
  },
});
