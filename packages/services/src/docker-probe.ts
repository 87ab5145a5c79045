import { request, type RequestOptions } from 'node:http';
import type { ServiceEnv } from './types.ts';

export interface DockerProbeOptions {
  /** How long the daemon has to answer, connect included. Default 1500 ms. */
  timeoutMs?: number;
  /** Probe this unix socket instead of DOCKER_HOST or /var/run/docker.sock. */
  socketPath?: string;
  /** Where DOCKER_HOST is read from. Default: process.env. */
  env?: ServiceEnv;
}

export interface DockerProbeResult {
  available: boolean;
  reason: string;
}

interface DockerTarget {
  describe: string;
  connect: Pick<RequestOptions, 'socketPath' | 'host' | 'port'>;
}

const defaultSocket = '/var/run/docker.sock';

function dockerTarget(options: DockerProbeOptions): DockerTarget {
  if (options.socketPath) return { describe: `unix://${options.socketPath}`, connect: { socketPath: options.socketPath } };
  const dockerHost = (options.env ?? process.env).DOCKER_HOST ?? '';
  if (dockerHost.startsWith('unix://')) {
    return { describe: dockerHost, connect: { socketPath: dockerHost.slice('unix://'.length) } };
  }
  if (dockerHost.startsWith('tcp://')) {
    const url = new URL(dockerHost);
    return { describe: dockerHost, connect: { host: url.hostname, port: Number(url.port || 2375) } };
  }
  return { describe: `unix://${defaultSocket}`, connect: { socketPath: defaultSocket } };
}

/**
 * Asks the Docker daemon for GET /_ping. A socket that accepts and never answers makes testcontainers hang
 * forever, so this bounds the whole exchange, connect included, and only "200 OK" counts as available.
 */
export function probeDocker(options: DockerProbeOptions = {}): Promise<DockerProbeResult> {
  const timeoutMs = options.timeoutMs ?? 1500;
  const target = dockerTarget(options);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (available: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ available, reason: `${available ? 'daemon answered' : 'no daemon'} on ${target.describe}: ${detail}` });
    };
    const req = request({ ...target.connect, path: '/_ping', method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 256) body += chunk;
      });
      res.on('end', () => {
        const ok = res.statusCode === 200 && body.trim() === 'OK';
        finish(ok, `GET /_ping -> ${res.statusCode} ${JSON.stringify(body.trim().slice(0, 60))}`);
      });
      res.on('error', (error) => finish(false, error.message));
    });
    const timer = setTimeout(() => finish(false, `no answer to GET /_ping within ${timeoutMs} ms`), timeoutMs);
    req.on('error', (error) => finish(false, error.message));
    req.end();
  });
}
