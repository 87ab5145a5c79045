#!/usr/bin/env node
// `pnpm lab ...`: exit 0 pass, 1 fail, 2 could not grade or bad usage. Errors are messages, never stack traces.
import pc from 'picocolors';
import { installInterruptHandlers, teardownAll } from '@archlab/proc';
import { CandidateStartError, SandboxUnavailableError, UsageError } from '@archlab/runner';
import { ServiceUnavailableError } from '@archlab/services';
import { usage } from './args.ts';
import { initCommand } from './commands/init.ts';
import { listCommand } from './commands/list.ts';
import { runCommand } from './commands/run.ts';
import { validateCommand } from './commands/validate.ts';

const interrupted = new AbortController();
installInterruptHandlers({
  onSignal: (signal) => {
    process.stderr.write(`\n${pc.yellow(`${signal === 'SIGINT' ? 'interrupted' : signal}: stopping and cleaning up...`)}\n`);
    interrupted.abort(new Error('interrupted'));
  },
});

function describeError(error: unknown): string {
  if (error instanceof UsageError) return `${pc.red('error:')} ${error.message}`;
  if (error instanceof CandidateStartError) {
    const { failure } = error;
    const tail = failure.logTail.trim() ? failure.logTail.replace(/^/gm, '  | ') : '  | (no output)';
    return `${pc.red('the solution did not start:')} instance ${failure.instance} ${failure.detail}\nlast lines of its output:\n${tail}`;
  }
  if (error instanceof ServiceUnavailableError || error instanceof SandboxUnavailableError) {
    return `${pc.red('could not grade:')} ${(error as Error).message}`;
  }
  const debug = process.env.ARCHLAB_DEBUG ? `\n${(error as Error).stack}` : '\n(set ARCHLAB_DEBUG=1 for details)';
  return `${pc.red('could not grade: internal error:')} ${(error as Error).message ?? String(error)}${debug}`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'list':
      return listCommand();
    case 'init':
      return initCommand(args);
    case 'run':
      return runCommand(args, interrupted.signal);
    case 'validate':
      return validateCommand(args, interrupted.signal);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${usage}`);
  }
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  const json = process.argv.includes('--json');
  if (json) process.stdout.write(`${JSON.stringify({ error: { kind: (error as Error).name, message: (error as Error).message } })}\n`);
  process.stderr.write(`${describeError(error)}\n`);
  code = 2;
}
await teardownAll();
process.exit(interrupted.signal.aborted ? 130 : code);
