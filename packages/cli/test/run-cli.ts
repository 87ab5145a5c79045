import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a person would through `pnpm lab`, from `cwd` (pnpm passes it as INIT_CWD). */
export function startCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', INIT_CWD: options.cwd ?? repoRoot, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('exit', (code) => resolve({ code, ...output })));
  return { child, output, done };
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

export function waitForOutput(child: ChildProcess, output: { stdout: string }, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in output within ${timeoutMs} ms:\n${output.stdout}`)), timeoutMs);
    const check = () => {
      if (pattern.test(output.stdout)) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    check();
  });
}
