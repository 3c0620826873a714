// The known-failures list the CI check uses: one test id per line followed by '#' and a one-line
// reason. A listed test that fails is tolerated; a listed test that passes is reported, so the list
// can only shrink. Blank lines and lines starting with '#' are ignored.

import type { SqlTestCaseResult } from './run.js';

export function parseKnownFailures(text: string): Map<string, string> {
  const known = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.indexOf(' #');
    const id = (hash < 0 ? line : line.slice(0, hash)).trim();
    known.set(id, hash < 0 ? '' : line.slice(hash + 2).trim());
  }
  return known;
}

export function formatKnownFailures(failures: readonly SqlTestCaseResult[]): string {
  return failures.map((f) => `${f.id} # ${(f.reason ?? '').split('\n')[0]!.slice(0, 160)}`).join('\n') + '\n';
}

export interface Tally {
  passed: number;
  /** Failures not in the known-failures list. */
  failed: number;
  skipped: number;
  /** Failures the list expects. */
  knownFailed: number;
  /** Listed tests that now pass: remove them from the list. */
  fixed: string[];
  /** Listed ids that did not run at all (renamed, deleted, or now skipped). */
  stale: string[];
  unexpected: SqlTestCaseResult[];
}

export function tally(results: readonly SqlTestCaseResult[], known: ReadonlyMap<string, string> = new Map()): Tally {
  const t: Tally = { passed: 0, failed: 0, skipped: 0, knownFailed: 0, fixed: [], stale: [], unexpected: [] };
  const seen = new Set<string>();
  for (const r of results) {
    seen.add(r.id);
    if (r.outcome === 'skipped') t.skipped++;
    else if (r.outcome === 'passed') {
      t.passed++;
      if (known.has(r.id)) t.fixed.push(r.id);
    } else if (known.has(r.id)) t.knownFailed++;
    else {
      t.failed++;
      t.unexpected.push(r);
    }
  }
  for (const id of known.keys()) if (!seen.has(id)) t.stale.push(id);
  return t;
}
