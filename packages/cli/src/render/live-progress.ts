import pc from 'picocolors';
import type { RunEvent } from '@archlab/runner';
import { renderCheck } from './check-line.ts';

/**
 * Prints a run as it happens. On a terminal the current check's progress rewrites one status line;
 * elsewhere (CI logs, pipes) only lasting lines are written.
 */
export function liveProgress(stream: NodeJS.WriteStream = process.stdout): (event: RunEvent) => void {
  const tty = stream.isTTY === true;
  let statusShown = false;
  const status = (text: string) => {
    if (!tty) return;
    stream.write(`\r\x1b[2K${pc.dim(text)}`);
    statusShown = true;
  };
  const line = (text: string) => {
    if (statusShown) stream.write('\r\x1b[2K');
    statusShown = false;
    stream.write(`${text}\n`);
  };
  let current = '';
  return (event) => {
    switch (event.type) {
      case 'phase':
        return tty ? status(`${event.message}...`) : line(pc.dim(`${event.message}...`));
      case 'run-start':
        return line(pc.bold(`${event.lab}: ${event.checks.length} checks, ${event.profile} profile, seed ${event.seed}`));
      case 'check-start':
        current = `[${event.index + 1}/${event.total}] ${event.id}: ${event.title}`;
        return status(current);
      case 'check-progress': {
        const percent = event.fraction === undefined ? '' : ` ${Math.round(event.fraction * 100)}%`;
        return status(`${current} - ${event.message}${percent}`);
      }
      case 'check-end':
        return line(renderCheck(event.result));
      case 'run-end':
        return undefined;
    }
  };
}
