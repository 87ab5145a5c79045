import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { OutputTail, makeTempDir, onTeardown, spawnManaged, teardownAll, waitFor } from '../src/index.ts';
import { groupGone, startHolder } from './helpers.ts';

describe('spawnManaged', () => {
  it('captures output and reports the exit', async () => {
    const child = spawnManaged('sh', ['-c', 'echo hello; echo oops >&2; exit 3'], { label: 'echo' });
    expect(await child.exited).toEqual({ code: 3, signal: null });
    expect(child.output()).toContain('hello');
    expect(child.output()).toContain('oops');
    await child.stop();
  });

  it('keeps only the tail of a flood of output and never blocks the child', async () => {
    const child = spawnManaged('sh', ['-c', 'yes archlab | head -c 5000000; echo END'], {
      label: 'flood',
      outputCapBytes: 1000,
    });
    await child.exited;
    expect(child.output().length).toBeLessThanOrEqual(1000);
    expect(child.output(1)).toBe('END');
    expect(child.outputDroppedBytes).toBeGreaterThan(4_000_000);
  });

  it('stop kills the whole process group, grandchildren included, even when stopped', async () => {
    const stubborn = `process.on('SIGTERM', () => {}); require('node:child_process').spawn('sleep', ['300']); console.log('ready'); setInterval(() => {}, 1000)`;
    const child = spawnManaged(process.execPath, ['-e', stubborn], { label: 'stubborn' });
    await waitFor(() => (child.output().includes('ready') ? true : undefined), { timeoutMs: 5000 });
    child.signalGroup('SIGSTOP');
    const exit = await child.stop(300);
    expect(exit.signal).toBe('SIGKILL');
    expect(await groupGone(child.pid)).toBe(true);
  });

  it('reports a command that does not exist as an exit, not a throw', async () => {
    const child = spawnManaged('archlab-no-such-command', [], { label: 'missing' });
    expect((await child.exited).code).toBe(127);
    expect(child.output()).toContain('could not start');
  });
});

describe('teardown', () => {
  it('runs releases newest first and keeps going after a failure', async () => {
    const order: string[] = [];
    onTeardown('first', () => void order.push('first'));
    onTeardown('broken', () => {
      throw new Error('boom');
    });
    onTeardown('last', () => void order.push('last'));
    await teardownAll();
    expect(order).toEqual(['last', 'first']);
  });

  it('removes temp dirs', async () => {
    const dir = await makeTempDir();
    expect(existsSync(dir.path)).toBe(true);
    await teardownAll();
    expect(existsSync(dir.path)).toBe(false);
  });
});

describe('when the owner dies', () => {
  it('Ctrl-C tears down processes and temp dirs and exits 130', async () => {
    const { holder, pid, dir } = await startHolder();
    holder.kill('SIGINT');
    const [code] = await once(holder, 'exit');
    expect(code).toBe(130);
    expect(await groupGone(pid)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });

  it('SIGKILL of the owner still leaves nothing behind (the reaper)', async () => {
    const { holder, pid, dir } = await startHolder();
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(await groupGone(pid)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('OutputTail', () => {
  it('splits a chunk at the cap', () => {
    const tail = new OutputTail(4);
    tail.push(Buffer.from('abcdef'));
    expect(tail.text()).toBe('cdef');
    expect(tail.droppedBytes).toBe(2);
  });
});
