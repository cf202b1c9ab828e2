/** How results, diffs and explanations are printed. Colour only on a TTY and never with NO_COLOR. */
import pc from 'picocolors';
import type { Result, WorkloadReport } from '../../transformer/index.js';
import { formatResult } from '../../transformer/index.js';
import type { Io } from './io.js';

type Colors = ReturnType<typeof pc.createColors>;

function colorsFor(io: Io, tty: boolean): Colors {
  const enabled = tty && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
  return pc.createColors(enabled);
}

export function printResults(io: Io, results: readonly Result[], verbose: boolean): void {
  const c = colorsFor(io, io.stderrIsTTY);
  for (const result of results) {
    if (result.severity === 'info' && !verbose) continue;
    const paint = result.severity === 'error' ? c.red : result.severity === 'warning' ? c.yellow : c.dim;
    io.stderr(paint(formatResult(result)) + '\n');
  }
}

export async function unifiedDiff(io: Io, path: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  const c = colorsFor(io, io.stdoutIsTTY);
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 });
  return patch
    .split('\n')
    .slice(1)
    .map((line) => {
      if (line.startsWith('+') && !line.startsWith('+++')) return c.green(line);
      if (line.startsWith('-') && !line.startsWith('---')) return c.red(line);
      if (line.startsWith('@@')) return c.cyan(line);
      return line;
    })
    .join('\n');
}

export interface ExplainRow {
  file: string;
  report: WorkloadReport;
}

export function formatExplain(io: Io, rows: readonly ExplainRow[]): string {
  const c = colorsFor(io, io.stdoutIsTTY);
  const table = rows.map(({ file, report }) => {
    const r = report.resourceRef;
    const decision = report.action === 'skipped' ? 'skipped' : report.action === 'error' ? 'error' : 'injected';
    const reason = report.proxyConfigs ? `${report.reason}; ProxyConfig ${report.proxyConfigs.join(', ')}` : report.reason;
    return [`${file}${report.line ? `:${report.line}` : ''}`, `${r.kind}/${r.namespace ? r.namespace + '/' : ''}${r.name}`, decision, report.code, reason];
  });
  const header = ['FILE', 'WORKLOAD', 'DECISION', 'CODE', 'REASON'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  const paint = (row: string[]) => {
    const text = line(row);
    return row[2] === 'injected' ? c.green(text) : row[2] === 'error' ? c.red(text) : text;
  };
  return [c.bold(line(header)), ...table.map(paint)].join('\n') + '\n';
}
