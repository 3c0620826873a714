// Shared wording of figures and statuses, so the terminal table, JSON and chart say the same thing.

import type { CellResult } from '../runner.js';

export function formatFigure(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${ratio.toFixed(0)}x` : `${ratio.toFixed(2)}x`;
}

/** The short text of a cell: its figure and ratio, or the loud status that replaces them. */
export function cellText(cell: CellResult, unit: string): string {
  switch (cell.status) {
    case 'ok':
      return `${formatFigure(cell.median ?? 0, unit)}${cell.ratio === undefined ? '' : ` ${formatRatio(cell.ratio)}`}`;
    case 'wrong':
      return '!! WRONG !!';
    case 'failed':
      return 'FAILED';
    case 'timeout':
      return 'TIMEOUT';
    case 'unsupported':
      return 'n/a (unsupported)';
    case 'n/a':
      return 'n/a';
  }
}
