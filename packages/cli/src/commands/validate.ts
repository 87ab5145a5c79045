import pc from 'picocolors';
import { loadLab, validateLab, type ValidationCaseResult } from '@archlab/runner';
import { parse, positiveInteger, profileOption } from '../args.ts';
import { UsageError } from '@archlab/runner';

function expectation(result: ValidationCaseResult): string {
  const { expected } = result;
  if (expected.kind === 'pass') return 'passes every check';
  if (expected.kind === 'some-fail') return 'fails at least one check';
  return `fails exactly ${expected.fails.join(', ')}`;
}

function renderCase(result: ValidationCaseResult): string {
  const mark = result.ok ? pc.green('✓') : pc.red('✗');
  const seconds = result.attempts.map((a) => (a.durationMs / 1000).toFixed(1)).join(' ');
  const lines = [`${mark} ${result.name.padEnd(32)} ${expectation(result)} ${pc.dim(`(${result.attempts.length} runs: ${seconds} s)`)}`];
  if (result.flaky) lines.push(pc.red('    flaky: runs with different seeds disagreed'));
  const expectedFails = result.expected.kind === 'exactly' ? result.expected.fails : [];
  for (const attempt of result.attempts) {
    if (!attempt.problem) continue;
    lines.push(`    seed ${attempt.seed}: ${attempt.problem}`);
    for (const [id, message] of Object.entries(attempt.messages)) {
      if (!expectedFails.includes(id)) lines.push(pc.dim(`      ${id}: ${message}`));
    }
  }
  return lines.join('\n');
}

export async function validateCommand(args: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse('validate', args, {
    repeat: { type: 'string' },
    profile: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [labId] = positionals;
  if (!labId) throw new UsageError('validate: which lab? e.g. pnpm lab validate rate-limiter --repeat 5');
  const repeat = positiveInteger('--repeat', values.repeat, 1);
  if (repeat < 1) throw new UsageError('--repeat must be at least 1');
  const lab = await loadLab(labId);
  const tty = process.stdout.isTTY && !values.json;
  const result = await validateLab(lab, {
    repeat,
    profile: profileOption(values.profile),
    signal,
    onEvent: (name, event) => {
      if (tty && event.type === 'check-start') process.stdout.write(`\r\x1b[2K${pc.dim(`${name}: ${event.id}`)}`);
    },
    onAttempt: (name, attempt) => {
      if (values.json) return;
      const mark = attempt.problem ? pc.red('✗') : pc.green('·');
      const line = `${mark} ${name} seed ${attempt.seed}: ${attempt.verdict}${attempt.failed.length ? ` [${attempt.failed.join(', ')}]` : ''}`;
      process.stdout.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    console.log(`\n${pc.bold(`${lab.id}: ${result.cases.length} cases x ${repeat}`)}`);
    for (const testCase of result.cases) console.log(renderCase(testCase));
    const flakes = result.cases.filter((c) => c.flaky).length;
    console.log(result.ok ? pc.green(pc.bold('grader proven: 0 flakes')) : pc.red(pc.bold(`grader NOT proven (${flakes} flaky cases)`)));
  }
  return result.ok ? 0 : 1;
}
