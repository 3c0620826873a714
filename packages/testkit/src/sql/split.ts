// Splits an SQL script into single statements the way the sqlite3 shell does (sqlite3_complete):
// a ';' ends a statement unless it is inside a string, identifier, comment or a CREATE TRIGGER
// body (which ends at 'END ;'). Empty statements (only ';', spaces or comments) are dropped.

/** One statement's text (without its terminating ';') and the 1-based line it starts on. */
export interface ScriptStatement {
  sql: string;
  line: number;
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

export function splitStatements(script: string): ScriptStatement[] {
  return scan(script).statements;
}

/** True when the script ends between statements (its last statement, if any, has its ';'). */
export function isComplete(script: string): boolean {
  return !scan(script).unterminated;
}

function scan(script: string): { statements: ScriptStatement[]; unterminated: boolean } {
  const statements: ScriptStatement[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let hasContent = false;
  // Keyword tracking for CREATE [TEMP|TEMPORARY] TRIGGER ... END;
  let words: string[] = [];
  let inTrigger = false;
  let lastWord = '';
  let caseDepth = 0;

  const finish = (end: number): void => {
    if (hasContent) statements.push({ sql: script.slice(start, end).trim(), line: startLine });
    start = end + 1;
    hasContent = false;
    words = [];
    inTrigger = false;
    lastWord = '';
    caseDepth = 0;
  };

  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '-' && script[i + 1] === '-') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && script[i + 1] === '*') {
      const close = script.indexOf('*/', i + 2);
      const end = close < 0 ? script.length : close + 2;
      for (let k = i; k < end; k++) if (script[k] === '\n') line++;
      i = end;
      continue;
    }
    if (!hasContent && c !== ';') {
      hasContent = true;
      startLine = line;
      start = i;
    }
    if (c === ';') {
      if (!inTrigger || lastWord === 'END') finish(i);
      else lastWord = ';';
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let k = i + 1;
      for (;;) {
        if (k >= script.length) break;
        if (script[k] === close) {
          if (close !== ']' && script[k + 1] === close) {
            k += 2;
            continue;
          }
          break;
        }
        if (script[k] === '\n') line++;
        k++;
      }
      i = k + 1;
      lastWord = c;
      continue;
    }
    if (WORD.test(c)) {
      let k = i + 1;
      while (k < script.length && WORD.test(script[k]!)) k++;
      const word = script.slice(i, k).toUpperCase();
      if (!inTrigger && words.length < 6) {
        words.push(word);
        inTrigger = isTriggerStart(words);
      }
      // Inside a trigger body, CASE ... END must not be taken for the body's END.
      if (inTrigger && word === 'CASE') caseDepth++;
      if (inTrigger && word === 'END' && caseDepth > 0) {
        caseDepth--;
        lastWord = 'CASE-END';
      } else lastWord = word;
      i = k;
      continue;
    }
    lastWord = c;
    i++;
  }
  const unterminated = hasContent;
  finish(script.length);
  return { statements, unterminated };
}

function isTriggerStart(words: string[]): boolean {
  let k = 0;
  if (words[k] === 'EXPLAIN') {
    k++;
    if (words[k] === 'QUERY') k += 2;
  }
  if (words[k] !== 'CREATE') return false;
  k++;
  if (words[k] === 'TEMP' || words[k] === 'TEMPORARY') k++;
  return words[k] === 'TRIGGER';
}

/**
 * True when the statement orders its result: an ORDER BY outside parentheses (so one inside a
 * subquery or a window definition does not count), strings and comments ignored.
 */
export function hasOrderBy(sql: string): boolean {
  const stripped = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  let depth = 0;
  let outer = '';
  for (const c of stripped) {
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    outer += depth === 0 ? c : ' ';
  }
  return /\border\s+by\b/i.test(outer);
}
