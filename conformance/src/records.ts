// Each test worker appends one record per scenario × ORM × engine to results/.records; the vitest
// globalSetup's teardown (test/global-setup.ts) gathers them into the table printed at the end of
// the run and written to results/latest.md.

import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, ORMS, SCENARIOS, type EngineName, type OrmName } from './scenarios.js';

export type Status = 'pass' | 'fail' | 'skip';

export interface CellRecord {
  orm: OrmName;
  scenario: string;
  engine: EngineName;
  status: Status;
  /** Why it failed or was skipped, or what the engine did (kind 'tandem' scenarios on SQLite). */
  note?: string;
}

export const RESULTS_DIR = fileURLToPath(new URL('../results', import.meta.url));
const RECORDS_DIR = join(RESULTS_DIR, '.records');

export function clearRecords(): void {
  rmSync(RECORDS_DIR, { recursive: true, force: true });
  mkdirSync(RECORDS_DIR, { recursive: true });
}

export function record(cell: CellRecord): void {
  mkdirSync(RECORDS_DIR, { recursive: true });
  appendFileSync(join(RECORDS_DIR, `${cell.orm}.jsonl`), `${JSON.stringify(cell)}\n`);
}

export function readRecords(): CellRecord[] {
  if (!existsSync(RECORDS_DIR)) return [];
  return readdirSync(RECORDS_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(RECORDS_DIR, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as CellRecord);
}

const MARK: Record<Status, string> = { pass: 'pass', fail: 'FAIL', skip: 'skip' };

/** The results as a Markdown table (scenario rows, ORM × engine columns) followed by the notes. */
export function renderTable(records: CellRecord[]): string {
  const cells = new Map(records.map((r) => [`${r.scenario}|${r.orm}|${r.engine}`, r]));
  const columns = ORMS.flatMap((orm) => ENGINES.map((engine) => ({ orm, engine })));
  const notes: string[] = [];
  const header = `| scenario | ${columns.map((c) => `${c.orm} ${c.engine}`).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---').join('|')}|`;
  const rows = SCENARIOS.map((scenario) => {
    const marks = columns.map(({ orm, engine }) => {
      const cell = cells.get(`${scenario.name}|${orm}|${engine}`);
      if (!cell) return 'not run';
      if (!cell.note) return MARK[cell.status];
      // The same note (e.g. one skip reason for a whole ORM) keeps one number.
      let number = notes.indexOf(cell.note) + 1;
      if (number === 0) number = notes.push(cell.note);
      return `${MARK[cell.status]} [${number}]`;
    });
    return `| ${scenario.name} | ${marks.join(' | ')} |`;
  });
  const count = (status: Status) => records.filter((r) => r.status === status).length;
  const summary = `${count('pass')} pass, ${count('fail')} fail, ${count('skip')} skip`;
  const noteLines = notes.map((note, i) => `${i + 1}. ${note.replace(/\s*\n\s*/g, ' ')}`);
  return [header, rule, ...rows, '', summary, '', ...noteLines].join('\n');
}
