// The -> and ->> operators as SQL syntax (not only as the registered functions): values, typeof and
// errors equal SQLite's over documents, paths, labels and array indexes, including chained use.

import { afterAll, expect, it } from 'vitest';
import { compareAll, openPair } from './support.js';

const pair = openPair();
afterAll(() => pair.close());

const documents = [`'{"a":1,"b":[1,2,{"c":"x"}],"d":null,"e":2.5,"f":"txt"}'`, `'[10,20,[30]]'`, `'"s"'`, `'12'`, `'{bad'`, 'NULL'];
const paths = [`'$'`, `'$.a'`, `'a'`, `'$.b[2].c'`, `'b'`, `'$.d'`, `'d'`, `'e'`, `'f'`, `'$[1]'`, '1', '-1', `'$[#-1]'`, `'$.missing'`, 'NULL', `'$x'`];

it('-> and ->> match SQLite for every document/path pair', () => {
  const statements: string[] = [];
  for (const document of documents) {
    for (const path of paths) {
      for (const op of ['->', '->>']) statements.push(`SELECT ${document} ${op} ${path} AS v, typeof(${document} ${op} ${path}) AS t`);
    }
  }
  statements.push(`SELECT '{"a":{"b":[1,{"c":7}]}}' -> 'a' -> 'b' ->> '[1].c'`);
  expect(compareAll(pair, statements)).toEqual([]);
});
