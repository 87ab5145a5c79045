import { existsSync } from 'node:fs';
import { readFile, readlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnManaged, waitFor } from '@archlab/proc';
import { describe, expect, it } from 'vitest';
import { childPids } from '../src/child-pids.ts';
import { allGone, argsOf, connectOutcome, pidsWithArgs } from './helpers.ts';

const fixture = fileURLToPath(new URL('./fixtures/hold-services.ts', import.meta.url));

function argAfter(args: string[], flag: string): string {
  const value = args[args.indexOf(flag) + 1];
  if (!value) throw new Error(`no ${flag} in ${args.join(' ')}`);
  return value;
}

describe('when the process that started the services is SIGKILLed', () => {
  it.runIf(process.platform === 'linux')('leaves no server process and no temp dir behind', async () => {
    const holder = spawnManaged(process.execPath, ['--import', 'tsx', fixture], { label: 'service holder' });
    try {
      const line = await waitFor(() => holder.output().split('\n').find((text) => text.startsWith('{')), {
        timeoutMs: 25_000,
        stopWhen: () => holder.exitInfo() !== undefined,
      });
      expect(line, holder.output()).toBeDefined();
      const { redisPort, postgresPort } = JSON.parse(line!) as { redisPort: number; postgresPort: number };

      // redis-server retitles itself "redis-server 127.0.0.1:<port>"; its dir is its working directory.
      const [redisPid] = await pidsWithArgs('redis-server', `127.0.0.1:${redisPort} `);
      const [postmasterPid] = await pidsWithArgs('postgres', ` -p ${postgresPort} `);
      expect(redisPid).toBeDefined();
      expect(postmasterPid).toBeDefined();
      const redisDir = await readlink(`/proc/${redisPid}/cwd`);
      const postgresDir = dirname(argAfter(await argsOf(postmasterPid!), '-D'));
      const backends = await childPids(postmasterPid!);
      const pidFile = await readFile(join(postgresDir, 'data', 'postmaster.pid'), 'utf8');
      const segment = pidFile.split('\n')[6]?.trim().split(/\s+/)[1];
      expect(backends.length).toBeGreaterThan(0);
      expect(existsSync(redisDir) && existsSync(postgresDir)).toBe(true);

      holder.signalGroup('SIGKILL');
      await holder.exited;

      expect(await allGone([redisPid!, postmasterPid!, ...backends])).toBe(true);
      const dirsGone = await waitFor(() => (existsSync(redisDir) || existsSync(postgresDir) ? undefined : true), {
        timeoutMs: 5000,
      });
      expect(dirsGone).toBe(true);
      expect(await connectOutcome(redisPort)).toBe('ECONNREFUSED');
      expect(await connectOutcome(postgresPort)).toBe('ECONNREFUSED');

      // The one leftover the reaper cannot clean (see README): remove it so test runs do not pile them up.
      expect(segment).toMatch(/^\d+$/);
      const ipcrm = spawnManaged('ipcrm', ['-m', segment!], { label: 'ipcrm' });
      expect((await ipcrm.exited).code).toBe(0);
      await ipcrm.stop();
    } finally {
      await holder.stop();
    }
  });
});
