import { freePort, onTeardown, waitFor } from '@archlab/proc';
import { ServiceStartError } from './errors.ts';
import { once } from './once.ts';
import type { FaultControls, ServiceName } from './types.ts';

export interface ContainerSpec {
  service: ServiceName;
  image: string;
  containerPort: number;
  command: string[];
  environment?: Record<string, string>;
  /** Resolves true once the server answers on host:port. */
  answers(host: string, port: number): Promise<boolean>;
  readyTimeoutMs: number;
}

export interface DockerServer {
  readonly host: string;
  readonly port: number;
  readonly faults: FaultControls;
  /** False while killed, paused or stopped. */
  readonly answering: boolean;
  stop(): Promise<void>;
}

const offlineHint = 'if the image cannot be pulled (offline), set ARCHLAB_SERVICES=local';

/**
 * A container with its port published on a fixed host port (so a restart keeps it), torn down at exit
 * (testcontainers' Ryuk removes it if we crash). Faults go through the container API.
 */
export async function startContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<DockerServer> {
  signal?.throwIfAborted();
  const { GenericContainer, getContainerRuntimeClient } = await import('testcontainers');
  const hostPort = await freePort();
  const started = await new GenericContainer(spec.image)
    .withCommand(spec.command)
    .withEnvironment(spec.environment ?? {})
    .withExposedPorts({ container: spec.containerPort, host: hostPort })
    .withStartupTimeout(spec.readyTimeoutMs)
    .start()
    .catch((error: Error) => {
      throw new ServiceStartError(spec.service, 'docker', `${spec.image}: ${error.message} (${offlineHint})`);
    });
  const container = (await getContainerRuntimeClient()).container.getById(started.getId());
  let state: 'running' | 'paused' | 'killed' = 'running';
  const stop = once(
    onTeardown(`container ${spec.image} (${started.getId().slice(0, 12)})`, async () => {
      // A frozen container cannot receive the stop signal.
      if (state === 'paused') await container.unpause();
      await started.stop();
    }),
  );
  const host = started.getHost();
  const untilAnswering = async () => {
    const ready = await waitFor(async () => ((await spec.answers(host, hostPort)) ? true : undefined), {
      timeoutMs: spec.readyTimeoutMs,
      intervalMs: 50,
    });
    if (!ready) throw new ServiceStartError(spec.service, 'docker', `no answer on ${host}:${hostPort} within ${spec.readyTimeoutMs} ms`);
  };
  try {
    await untilAnswering();
  } catch (error) {
    await stop();
    throw error;
  }

  let queue: Promise<unknown> = Promise.resolve();
  const serially = (operation: () => Promise<void>): Promise<void> => {
    const next = queue.then(operation, operation);
    queue = next.catch(() => undefined);
    return next;
  };
  const kill = async () => {
    if (state === 'killed') return;
    if (state === 'paused') await container.unpause();
    await container.kill();
    state = 'killed';
  };
  const faults: FaultControls = {
    supported: true,
    kill: () => serially(kill),
    pause: () =>
      serially(async () => {
        if (state !== 'running') return;
        await container.pause();
        state = 'paused';
      }),
    resume: () =>
      serially(async () => {
        if (state !== 'paused') return;
        await container.unpause();
        state = 'running';
      }),
    restart: () =>
      serially(async () => {
        await kill();
        await container.start();
        await untilAnswering();
        state = 'running';
      }),
  };
  return {
    host,
    port: hostPort,
    faults,
    get answering() {
      return state === 'running';
    },
    stop,
  };
}
