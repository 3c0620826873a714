// The chart the README shows (bench/results/latest.svg), written by hand: per workload, one horizontal
// bar per engine on a log scale of the ratio to better-sqlite3, drawn from the 1x line (left = faster).
// Cells without a valid figure are labelled WRONG / FAILED / n/a instead of drawn.

import type { RunReport } from './json.js';
import { formatRatio } from './format.js';

const palette: Record<string, string> = {
  'better-sqlite3': '#6b7280',
  tandem: '#2563eb',
  'tandem-async': '#7c3aed',
  turso: '#059669',
  'sql.js': '#d97706',
};
const fallbackColors = ['#db2777', '#0891b2', '#65a30d'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function colorOf(engineId: string, index: number): string {
  return palette[engineId] ?? fallbackColors[index % fallbackColors.length]!;
}

export function renderSvg(report: RunReport): string {
  const engines = report.engines;
  const width = 980;
  const labelWidth = 250;
  const plotLeft = labelWidth + 10;
  const plotRight = width - 70;
  const barHeight = 12;
  const groupGap = 14;
  const top = 92;
  const groupHeight = engines.length * (barHeight + 2) + groupGap;
  const height = top + report.workloads.length * groupHeight + 50;

  const ratios = report.workloads.flatMap((workload) => workload.cells.map((cell) => cell.ratio).filter((ratio): ratio is number => ratio !== undefined && ratio > 0));
  const low = Math.floor(Math.log10(Math.min(0.5, ...ratios)));
  const high = Math.ceil(Math.log10(Math.max(2, ...ratios)));
  const x = (ratio: number): number => plotLeft + ((Math.log10(ratio) - low) / (high - low)) * (plotRight - plotLeft);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="16" y="26" font-size="17" font-weight="600">Tandem vs better-sqlite3, Turso and sql.js: time (or memory) relative to better-sqlite3</text>`);
  parts.push(
    `<text x="16" y="46" fill="#4b5563">${escapeXml(`${report.mode} run, ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${report.machine.cpus} × ${report.machine.cpuModel} (load ${report.load.atStart[0]}→${report.load.atEnd[0]}), Node ${report.machine.node}. Log scale, lower is better; bars start at 1x.`)}</text>`,
  );
  let legendX = 16;
  engines.forEach((engine, index) => {
    const label = engine.available ? engine.label : `${engine.label} (n/a)`;
    parts.push(`<rect x="${legendX}" y="58" width="12" height="12" fill="${colorOf(engine.id, index)}"${engine.available ? '' : ' opacity="0.35"'}/>`);
    parts.push(`<text x="${legendX + 16}" y="69">${escapeXml(label)}</text>`);
    legendX += Math.round(28 + label.length * 6.6);
  });

  const plotBottom = top + report.workloads.length * groupHeight - groupGap / 2;
  for (let decade = low; decade <= high; decade++) {
    const ratio = 10 ** decade;
    const gx = x(ratio).toFixed(1);
    parts.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${plotBottom}" stroke="${decade === 0 ? '#111827' : '#e5e7eb'}" stroke-width="${decade === 0 ? 1.5 : 1}"/>`);
    parts.push(`<text x="${gx}" y="${plotBottom + 16}" text-anchor="middle" fill="#4b5563">${ratio >= 1 ? ratio.toFixed(0) : ratio.toString()}x</text>`);
  }

  report.workloads.forEach((workload, row) => {
    const groupTop = top + row * groupHeight;
    parts.push(`<text x="${labelWidth}" y="${groupTop + (engines.length * (barHeight + 2)) / 2 + 4}" text-anchor="end" font-weight="500">${escapeXml(workload.title)}</text>`);
    engines.forEach((engine, index) => {
      const cell = workload.cells.find((candidate) => candidate.engine === engine.id);
      const y = groupTop + index * (barHeight + 2);
      const one = x(1);
      if (cell?.status === 'ok' && cell.ratio !== undefined && cell.ratio > 0) {
        const end = x(cell.ratio);
        const left = Math.min(one, end);
        const barWidth = Math.max(1.5, Math.abs(end - one));
        parts.push(`<rect x="${left.toFixed(1)}" y="${y}" width="${barWidth.toFixed(1)}" height="${barHeight}" fill="${colorOf(engine.id, index)}"><title>${escapeXml(`${engine.label}: ${cell.median?.toFixed(2)} ${workload.unit}`)}</title></rect>`);
        const labelX = cell.ratio >= 1 ? left + barWidth + 4 : left - 4;
        parts.push(`<text x="${labelX.toFixed(1)}" y="${y + barHeight - 2}" font-size="10" fill="#374151"${cell.ratio >= 1 ? '' : ' text-anchor="end"'}>${formatRatio(cell.ratio)}</text>`);
        return;
      }
      const status = cell?.status ?? 'n/a';
      const text = status === 'wrong' ? 'WRONG ANSWER' : status === 'failed' ? 'FAILED' : status === 'unsupported' ? 'n/a (unsupported)' : status === 'timeout' ? 'TIMEOUT' : status === 'ok' ? 'no reference' : 'n/a';
      const color = status === 'wrong' || status === 'failed' ? '#dc2626' : status === 'timeout' ? '#b45309' : '#9ca3af';
      parts.push(`<text x="${(one + 4).toFixed(1)}" y="${y + barHeight - 2}" font-size="10" fill="${color}"${status === 'wrong' ? ' font-weight="700"' : ''}>${escapeXml(`${engine.label}: ${text}`)}</text>`);
    });
  });
  parts.push(`<text x="16" y="${height - 10}" fill="#6b7280" font-size="11">Every figure counts only if the engine returned the same rows (count + checksum) as better-sqlite3. Source: bench/results/latest.json</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
