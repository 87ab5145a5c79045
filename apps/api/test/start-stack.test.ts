import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort, spawnManaged, waitFor } from '@archlab/proc';
import { describe, expect, test } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('scripts/start-stack.ts (npm start)', () => {
  test('starts everything, prints one URL (another port when PORT is taken), and Ctrl-C stops it all', async () => {
    const taken = await freePort();
    const blocker = await occupy(taken);
    const stack = spawnManaged(process.execPath, ['--import', 'tsx', 'scripts/start-stack.ts'], {
      label: 'start-stack',
      cwd: repoRoot,
      env: { ...process.env, PORT: String(taken), ARCHLAB_SKIP_WEB_BUILD: '1', DATABASE_URL: '', REDIS_URL: '' },
    });
    try {
      const url = await waitFor(() => /archlab is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output())?.[1], {
        timeoutMs: 60_000,
        intervalMs: 100,
        stopWhen: () => stack.exitInfo() !== undefined,
      });
      expect(url, stack.output(40)).toBeDefined();
      expect(stack.output()).toContain(`port ${taken} is taken`);
      expect(url).not.toBe(`http://127.0.0.1:${taken}`);
      const labs = await fetch(`${url}/api/labs`);
      expect(labs.status).toBe(200);

      // Ctrl-C reaches the launcher (the children run in their own process groups).
      stack.signalGroup('SIGINT');
      expect(await stack.exited).toEqual({ code: 130, signal: null });
      expect(await fetch(`${url}/api/health`).then(() => 'answered', () => 'refused')).toBe('refused');
      const leftovers = stack.output().match(/teardown problems/);
      expect(leftovers).toBeNull();
    } finally {
      await stack.stop();
      blocker.close();
    }
  });
});
