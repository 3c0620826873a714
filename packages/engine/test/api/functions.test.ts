// User functions and aggregates: argument/return conversion, safe integers, varargs and arity,
// option validation, and a throwing function's own exception reaching the caller.

import { describeDifferential } from './support/differential.js';

describeDifferential('user functions', {
  'scalar functions': (Database, probe) => {
    const db = new Database(':memory:');
    probe('register', () => db.function('add2', (a: number, b: number) => a + b) === db);
    probe('call', () => db.prepare('SELECT add2(1, 2) AS r, typeof(add2(1, 2)) AS t').get());
    probe('wrong arity', () => db.prepare('SELECT add2(1)'));
    db.function('echo', { varargs: true }, (...args: unknown[]) => JSON.stringify(args.map((a) => (typeof a === 'bigint' ? `${a}n` : Buffer.isBuffer(a) ? 'buf' : a))));
    probe('varargs types', () => db.prepare("SELECT echo(1, 2.5, 'x', NULL, x'01') AS r").get());
    probe('varargs none', () => db.prepare('SELECT echo() AS r').get());
    db.function('echoSafe', { varargs: true, safeIntegers: true }, (...args: unknown[]) => args.map((a) => typeof a).join(','));
    probe('safeIntegers args', () => db.prepare('SELECT echoSafe(1, 2.5) AS r').get());
    for (const [name, value] of [
      ['bigint', 5n],
      ['number', 5],
      ['string', 's'],
      ['null', null],
      ['undefined', undefined],
      ['buffer', Buffer.from([1])],
      ['boolean', true],
      ['object', {}],
      ['huge bigint', 2n ** 64n],
    ] as const) {
      db.function(`ret_${name.replace(' ', '_')}`, () => value);
      probe(`returns ${name}`, () => db.prepare(`SELECT ret_${name.replace(' ', '_')}() AS r, typeof(ret_${name.replace(' ', '_')}()) AS t`).get());
    }
    db.function('fails', () => {
      throw new SyntaxError('custom failure');
    });
    probe('thrown error propagates', () => db.prepare('SELECT fails()').get());
    probe('usable after throw', () => db.prepare('SELECT add2(2, 2) AS r').get());
    db.function('reenter', () => db.prepare('SELECT 1').get());
    probe('re-entering the database is busy', () => db.prepare('SELECT reenter()').get());
    probe('deterministic and directOnly', () => db.function('det', { deterministic: true, directOnly: true }, (x: number) => x * 2).prepare('SELECT det(4) AS r').get());
  },

  'function() argument validation': (Database, probe) => {
    const db = new Database(':memory:');
    probe('no name', () => db.function(1 as unknown as string, () => 1));
    probe('no function', () => db.function('f', {} as unknown as () => void));
    probe('empty name', () => db.function('', () => 1));
    probe('bad option', () => db.function('f', { varargs: 1 } as unknown as { varargs: boolean }, () => 1));
    probe('bad options type', () => db.function('f', 'x' as unknown as object, () => 1));
    probe('too many arguments', () => db.function('f', new Function(...Array.from({ length: 101 }, (_, i) => `a${i}`), 'return 1') as () => unknown));
  },

  'aggregates': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(g, v); INSERT INTO t VALUES (1, 1), (1, 2), (2, 10), (2, NULL), (3, 5)');
    probe('register', () => db.aggregate('mysum', { start: 0, step: (acc: number, v: number | null) => acc + (v ?? 0) }) === db);
    probe('grouped', () => db.prepare('SELECT g, mysum(v) AS s FROM t GROUP BY g ORDER BY g').all());
    probe('empty input', () => db.prepare('SELECT mysum(v) AS s FROM t WHERE g > 100').get());
    db.aggregate('collect', { start: () => [] as unknown[], step: (acc: unknown[], v: unknown) => void acc.push(v), result: (acc: unknown[]) => acc.join('|') });
    probe('start function and result', () => db.prepare('SELECT g, collect(v) AS c FROM t GROUP BY g ORDER BY g').all());
    db.aggregate('pairs', { varargs: true, start: 0, step: (acc: number, ...args: unknown[]) => acc + args.length });
    probe('varargs aggregate', () => db.prepare('SELECT pairs(g, v, 1) AS p FROM t').get());
    db.aggregate('badstep', { start: 0, step: () => {
      throw new TypeError('step failed');
    } });
    probe('step throws', () => db.prepare('SELECT badstep(v) FROM t').get());
    probe('missing step', () => db.aggregate('x', {} as never));
    probe('bad inverse', () => db.aggregate('x', { step: () => 1, inverse: 5 } as never));
    probe('null options', () => db.aggregate('x', null as never));
  },

  'window aggregates with inverse': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(g, v); INSERT INTO t VALUES (1, 1), (1, 2), (2, 10), (2, NULL), (3, 5)');
    db.aggregate('winsum', { start: 0, step: (a: number, v: number | null) => a + (v ?? 0), inverse: (a: number, v: number | null) => a - (v ?? 0) });
    probe('sliding frame', () => db.prepare('SELECT g, winsum(v) OVER (ORDER BY rowid ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w FROM t').all());
  },
});
