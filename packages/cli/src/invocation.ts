import { resolve } from 'node:path';

/** Where the person typed the command: pnpm runs root scripts from the repo root and keeps this in INIT_CWD. */
export const invokedFrom = process.env.INIT_CWD ?? process.cwd();

export const fromInvocation = (path: string) => resolve(invokedFrom, path);
