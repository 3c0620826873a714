// The terminal table: one row per workload, one column per engine (median and ratio to better-sqlite3),
// followed by notes for mechanisms, failures, wrong answers and unavailable engines.

import type { EngineLoad } from '../engines/types.js';
import type { WorkloadResult } from '../runner.js';
import { cellText } from './format.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function renderTable(results: readonly WorkloadResult[], engines: readonly EngineLoad[]): string {
  const header = ['Workload', ...engines.map((engine) => engine.label)];
  const rows = results.map((result) => [result.title, ...engines.map((engine) => {
    const cell = result.cells.find((candidate) => candidate.engine === engine.id);
    return cell ? cellText(cell, result.unit) : '';
  })]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)) + 2);
  const line = (cells: readonly string[]): string => cells.map((cell, column) => pad(cell, widths[column]!)).join('').trimEnd();
  const out = [line(header), widths.map((width) => '-'.repeat(width - 1)).join(' '), ...rows.map(line)];

  const notes: string[] = [];
  for (const engine of engines) if ('unavailable' in engine) notes.push(`${engine.label}: ${engine.unavailable}`);
  for (const result of results) {
    for (const cell of result.cells) {
      const label = engines.find((engine) => engine.id === cell.engine)?.label ?? cell.engine;
      if (cell.status === 'wrong') notes.push(`WRONG ANSWER  ${result.title} / ${label}: ${cell.message}`);
      if (cell.status === 'failed') notes.push(`FAILED  ${result.title} / ${label}: ${cell.message}`);
      if (cell.note && cell.status === 'ok') notes.push(`note  ${result.title} / ${label}: ${cell.note}`);
      if (cell.status === 'timeout') notes.push(`TIMEOUT  ${result.title} / ${label}: ${cell.message}`);
      if (cell.status === 'unsupported') notes.push(`n/a (unsupported)  ${result.title} / ${label}: ${cell.message}`);
      if (cell.mechanism && cell.status !== 'n/a' && result.id === 'interactive-transactions') notes.push(`mechanism  ${label}: ${cell.mechanism}`);
    }
  }
  out.push('', 'Figures: median of the timed repetitions; ratio = engine / better-sqlite3 (lower is better).');
  for (const result of results) out.push(`  ${pad(result.title, 28)} ${result.description}`);
  if (notes.length > 0) out.push('', ...notes);
  return out.join('\n');
}
