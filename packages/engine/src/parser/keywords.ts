// SQLite's keyword list and which keywords may stand in for an identifier (parse.y's
// `%fallback ID` list), so the tokenizer and parser agree with SQLite on reserved words.

/** Every SQLite keyword (upper case). A word not listed here is an identifier. */
const KEYWORD_LIST = [
  'ABORT', 'ACTION', 'ADD', 'AFTER', 'ALL', 'ALTER', 'ALWAYS', 'ANALYZE', 'AND', 'AS', 'ASC', 'ATTACH',
  'AUTOINCREMENT', 'BEFORE', 'BEGIN', 'BETWEEN', 'BY', 'CASCADE', 'CASE', 'CAST', 'CHECK', 'COLLATE',
  'COLUMN', 'COMMIT', 'CONFLICT', 'CONSTRAINT', 'CREATE', 'CROSS', 'CURRENT', 'CURRENT_DATE',
  'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'DATABASE', 'DEFAULT', 'DEFERRABLE', 'DEFERRED', 'DELETE', 'DESC',
  'DETACH', 'DISTINCT', 'DO', 'DROP', 'EACH', 'ELSE', 'END', 'ESCAPE', 'EXCEPT', 'EXCLUDE', 'EXCLUSIVE',
  'EXISTS', 'EXPLAIN', 'FAIL', 'FILTER', 'FIRST', 'FOLLOWING', 'FOR', 'FOREIGN', 'FROM', 'FULL',
  'GENERATED', 'GLOB', 'GROUP', 'GROUPS', 'HAVING', 'IF', 'IGNORE', 'IMMEDIATE', 'IN', 'INDEX', 'INDEXED',
  'INITIALLY', 'INNER', 'INSERT', 'INSTEAD', 'INTERSECT', 'INTO', 'IS', 'ISNULL', 'JOIN', 'KEY', 'LAST',
  'LEFT', 'LIKE', 'LIMIT', 'MATCH', 'MATERIALIZED', 'NATURAL', 'NO', 'NOT', 'NOTHING', 'NOTNULL', 'NULL',
  'NULLS', 'OF', 'OFFSET', 'ON', 'OR', 'ORDER', 'OTHERS', 'OUTER', 'OVER', 'PARTITION', 'PLAN', 'PRAGMA',
  'PRECEDING', 'PRIMARY', 'QUERY', 'RAISE', 'RANGE', 'RECURSIVE', 'REFERENCES', 'REGEXP', 'REINDEX',
  'RELEASE', 'RENAME', 'REPLACE', 'RESTRICT', 'RETURNING', 'RIGHT', 'ROLLBACK', 'ROW', 'ROWS',
  'SAVEPOINT', 'SELECT', 'SET', 'TABLE', 'TEMP', 'TEMPORARY', 'THEN', 'TIES', 'TO', 'TRANSACTION',
  'TRIGGER', 'UNBOUNDED', 'UNION', 'UNIQUE', 'UPDATE', 'USING', 'VACUUM', 'VALUES', 'VIEW', 'VIRTUAL',
  'WHEN', 'WHERE', 'WINDOW', 'WITH', 'WITHOUT',
] as const;

export type Keyword = (typeof KEYWORD_LIST)[number];

const KEYWORDS: ReadonlyMap<string, Keyword> = new Map(KEYWORD_LIST.map((k) => [k, k]));
const KEYWORDS_LOWER: ReadonlyMap<string, Keyword> = new Map(KEYWORD_LIST.map((k) => [k.toLowerCase(), k]));

/** Bit (length) set per first letter: a quick filter so most identifiers skip the lookup. */
const LENGTHS_BY_FIRST_LETTER = new Uint32Array(26);
for (const k of KEYWORD_LIST) LENGTHS_BY_FIRST_LETTER[k.charCodeAt(0) - 65]! |= 1 << k.length;

/** The keyword spelled by `word` (any case), or undefined. `word` must be ASCII letters/underscores. */
export function keywordOf(word: string): Keyword | undefined {
  const length = word.length;
  if (length < 2 || length > 17) return undefined;
  const first = (word.charCodeAt(0) | 32) - 97;
  if (first < 0 || first > 25 || (LENGTHS_BY_FIRST_LETTER[first]! & (1 << length)) === 0) return undefined;
  return KEYWORDS.get(word) ?? KEYWORDS_LOWER.get(word) ?? KEYWORDS.get(word.toUpperCase());
}

/**
 * Keywords that SQLite lets fall back to an identifier wherever the keyword itself has no
 * meaning (parse.y `%fallback ID ...`, with LIKE_KW = LIKE/GLOB/REGEXP, CTIME_KW = CURRENT_*,
 * TEMP = TEMP/TEMPORARY, COLUMNKW = COLUMN).
 */
export const FALLBACK_ID: ReadonlySet<string> = new Set([
  'ABORT', 'ACTION', 'AFTER', 'ANALYZE', 'ASC', 'ATTACH', 'BEFORE', 'BEGIN', 'BY', 'CASCADE', 'CAST',
  'COLUMN', 'CONFLICT', 'DATABASE', 'DEFERRED', 'DESC', 'DETACH', 'DO', 'EACH', 'END', 'EXCLUSIVE',
  'EXPLAIN', 'FAIL', 'FOR', 'IGNORE', 'IMMEDIATE', 'INITIALLY', 'INSTEAD', 'LIKE', 'GLOB', 'REGEXP',
  'MATCH', 'NO', 'PLAN', 'QUERY', 'KEY', 'OF', 'OFFSET', 'PRAGMA', 'RAISE', 'RECURSIVE', 'RELEASE',
  'REPLACE', 'RESTRICT', 'ROW', 'ROWS', 'ROLLBACK', 'SAVEPOINT', 'TEMP', 'TEMPORARY', 'TRIGGER', 'VACUUM',
  'VIEW', 'VIRTUAL', 'WITH', 'WITHOUT', 'NULLS', 'FIRST', 'LAST', 'CURRENT', 'FOLLOWING', 'PARTITION',
  'PRECEDING', 'RANGE', 'UNBOUNDED', 'EXCLUDE', 'GROUPS', 'OTHERS', 'TIES', 'GENERATED', 'ALWAYS',
  'MATERIALIZED', 'REINDEX', 'RENAME', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'IF',
]);

/** LEFT, RIGHT, FULL, INNER, OUTER, CROSS, NATURAL: valid as names (`nm`) but not as `id`. */
export const JOIN_KEYWORDS: ReadonlySet<string> = new Set(['CROSS', 'FULL', 'INNER', 'LEFT', 'NATURAL', 'OUTER', 'RIGHT']);
