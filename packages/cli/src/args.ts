import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '@archlab/runner';

export const usage = `usage: pnpm lab <command>

  list                                   the labs you can solve
  init <lab> [DIR]                       copy the lab's starter into DIR (default ./<lab>) to work in
  run [<lab>] [options]                  grade a solution
      --solution DIR                     the solution folder (default: the workspace you are in, or ./<lab>)
      --profile quick|full               quick (default) for iterating, full for the exam grade
      --seed N                           replay a run (default 1)
      --check ID                         run only this check (repeatable)
      --json                             print only the report, as JSON
      --sandbox                          run the solution inside bubblewrap, as hosted grading does
  validate <lab> [--repeat N] [--profile quick|full] [--json]
                                         prove the grader: solution and variants pass, the starter
                                         fails, each mutant fails exactly the checks it names

exit codes: 0 pass, 1 fail, 2 could not grade or bad usage`;

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors that name the command. */
export function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}\n\n${usage}`);
  }
}

export function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new UsageError(`${name} must be a whole number, got "${value}"`);
  return number;
}

export function profileOption(value: string | undefined): 'quick' | 'full' {
  if (value === undefined || value === 'quick' || value === 'full') return value ?? 'quick';
  throw new UsageError(`--profile must be quick or full, got "${value}"`);
}
