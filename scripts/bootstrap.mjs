#!/usr/bin/env node
// The README's two commands start here. On a machine with only Node and npm this script brings what the
// product needs (pnpm, the workspace's packages, the PostgreSQL and Redis server binaries, Chromium for the
// browser tests) and then hands over to the real command. Plain Node on purpose: nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const commands = {
  test: { script: 'test:all', system: ['redis', 'postgres', 'chromium', 'bubblewrap'] },
  start: { script: 'start:stack', system: ['redis', 'postgres'] },
};

const systemPackages = {
  redis: { debian: 'redis-server', present: () => onPath('redis-server') },
  postgres: { debian: 'postgresql', present: () => findPostgresBin() !== undefined },
  chromium: { debian: 'chromium', present: () => onPath('chromium') },
  bubblewrap: { debian: 'bubblewrap', present: () => onPath('bwrap') },
};

function say(message) {
  process.stderr.write(`[archlab] ${message}\n`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function findPostgresBin() {
  for (const version of ['17', '16', '15', '14']) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'postgres'))) return dir;
  }
  return onPath('postgres') ? 'PATH' : undefined;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    say(`Node ${process.versions.node} is too old: archlab needs Node >= 20.19.`);
    process.exit(2);
  }
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function installWorkspace(pnpm) {
  const marker = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  const lockfile = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs) return;
  say('installing workspace packages (pnpm install)...');
  const [cmd, ...pre] = pnpm;
  const status = run(cmd, [...pre, 'install', '--frozen-lockfile']);
  if (status !== 0) {
    say('pnpm install failed; see the output above.');
    process.exit(status);
  }
}

function installSystemPackages(names) {
  const missing = names.filter((name) => !systemPackages[name].present());
  if (missing.length === 0) return;
  const debs = missing.map((name) => systemPackages[name].debian);
  const canApt = process.getuid?.() === 0 && onPath('apt-get');
  if (!canApt) {
    say(`missing system packages: ${debs.join(', ')}.`);
    say(`install them (Debian/Ubuntu: sudo apt-get install -y ${debs.join(' ')}; macOS: brew install redis postgresql)`);
    say('or point REDIS_URL / DATABASE_URL at servers you run. Continuing without them.');
    return;
  }
  say(`installing ${debs.join(', ')} (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  const status = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...debs], { env });
  if (status !== 0) say(`apt-get could not install ${debs.join(', ')}; tests that need them will say so.`);
}

const name = process.argv[2];
const command = commands[name];
if (!command) {
  say(`usage: node scripts/bootstrap.mjs <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
checkNode();
const pnpm = pnpmCommand();
installSystemPackages(command.system);
installWorkspace(pnpm);
const [cmd, ...pre] = pnpm;
process.exitCode = run(cmd, [...pre, 'run', '--silent', command.script, ...process.argv.slice(3)]);
