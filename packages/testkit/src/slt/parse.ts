// Parses sqllogictest scripts (format: sqllogictest's about.wiki), following the reference
// runner (sqllogictest.c): records are separated by blank lines, lines starting with '#' are
// dropped, all-space lines count as blank, a trailing '\r' is removed.

export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

export interface Condition {
  kind: 'skipif' | 'onlyif';
  engine: string;
}

interface RecordBase {
  /** 1-based line of the record's first (non-condition) line. */
  line: number;
  conditions: Condition[];
}

export interface StatementRecord extends RecordBase {
  kind: 'statement';
  expectError: boolean;
  sql: string;
}

export interface QueryRecord extends RecordBase {
  kind: 'query';
  /** One of 'I', 'T', 'R' per result column. */
  types: string;
  sortMode: SortMode;
  label: string | null;
  sql: string;
  /** The lines after '----' (values, or one "N values hashing to H" line); empty when absent. */
  expected: string[];
}

export interface HashThresholdRecord extends RecordBase {
  kind: 'hash-threshold';
  threshold: number;
}

export interface HaltRecord extends RecordBase {
  kind: 'halt';
}

/** A record the runner must report as an error (unknown record type, bad arguments). */
export interface InvalidRecord extends RecordBase {
  kind: 'invalid';
  reason: string;
}

export type SltRecord = StatementRecord | QueryRecord | HashThresholdRecord | HaltRecord | InvalidRecord;

interface Line {
  text: string;
  number: number;
}

/** Groups the non-comment lines into blank-line separated blocks. */
function blocks(script: string): Line[][] {
  const result: Line[][] = [];
  let current: Line[] = [];
  const raw = script.split('\n');
  for (let i = 0; i < raw.length; i++) {
    let text = raw[i]!;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') {
      if (current.length > 0) result.push(current);
      current = [];
      continue;
    }
    if (text.startsWith('#')) continue;
    current.push({ text, number: i + 1 });
  }
  if (current.length > 0) result.push(current);
  return result;
}

export function parseSlt(script: string): SltRecord[] {
  const records: SltRecord[] = [];
  for (const block of blocks(script)) {
    const conditions: Condition[] = [];
    let k = 0;
    for (; k < block.length; k++) {
      const [word, engine] = block[k]!.text.trim().split(/\s+/);
      if (word !== 'skipif' && word !== 'onlyif') break;
      conditions.push({ kind: word, engine: engine ?? '' });
    }
    if (k >= block.length) continue;
    const head = block[k]!;
    const tokens = head.text.trim().split(/\s+/);
    const body = block.slice(k + 1).map((l) => l.text);
    const base = { line: head.number, conditions };
    switch (tokens[0]) {
      case 'statement': {
        if (tokens[1] !== 'ok' && tokens[1] !== 'error') {
          records.push({ ...base, kind: 'invalid', reason: `statement argument should be 'ok' or 'error', got '${tokens[1] ?? ''}'` });
          break;
        }
        records.push({ ...base, kind: 'statement', expectError: tokens[1] === 'error', sql: body.join('\n') });
        break;
      }
      case 'query': {
        const types = tokens[1] ?? '';
        const sortMode = tokens[2] ?? 'nosort';
        if (!/^[ITR]+$/.test(types)) {
          records.push({ ...base, kind: 'invalid', reason: `bad type string '${types}'` });
          break;
        }
        if (sortMode !== 'nosort' && sortMode !== 'rowsort' && sortMode !== 'valuesort') {
          records.push({ ...base, kind: 'invalid', reason: `unknown sort method: '${sortMode}'` });
          break;
        }
        const separator = body.indexOf('----');
        const sqlLines = separator < 0 ? body : body.slice(0, separator);
        const expected = separator < 0 ? [] : body.slice(separator + 1);
        // The reference runner keeps at most 20 characters of a label.
        const label = tokens[3] ? tokens[3].slice(0, 20) : null;
        records.push({ ...base, kind: 'query', types, sortMode, label, sql: sqlLines.join('\n'), expected });
        break;
      }
      case 'hash-threshold':
        records.push({ ...base, kind: 'hash-threshold', threshold: Number.parseInt(tokens[1] ?? '0', 10) || 0 });
        break;
      case 'halt':
        records.push({ ...base, kind: 'halt' });
        break;
      default:
        records.push({ ...base, kind: 'invalid', reason: `unknown record type: '${tokens[0] ?? ''}'` });
    }
  }
  return records;
}
