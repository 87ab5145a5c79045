import { probeDocker, type DockerProbeResult } from './docker-probe.ts';
import { ServiceUnavailableError } from './errors.ts';
import type { ServiceEnv, ServiceName, ServiceProvider } from './types.ts';

/** Thrown by a provider that cannot be used on this machine (e.g. no binaries): the next one is tried. */
export class ProviderMissing extends Error {}

export interface ProviderPlan<T> {
  service: ServiceName;
  env: ServiceEnv;
  urlVariable: 'ARCHLAB_REDIS_URL' | 'ARCHLAB_POSTGRES_URL';
  external(url: string): Promise<T>;
  docker(): Promise<T>;
  /** Throws ProviderMissing when the binaries are not there. */
  local(): Promise<T>;
}

const providers: readonly ServiceProvider[] = ['external', 'docker', 'local'];

// Many services are started per process; a daemon that is not there now is not asked again on every start.
const probes = new Map<string, Promise<DockerProbeResult>>();

function cachedProbe(env: ServiceEnv): Promise<DockerProbeResult> {
  const key = env.DOCKER_HOST ?? '';
  let probe = probes.get(key);
  if (!probe) {
    probe = probeDocker({ env });
    probes.set(key, probe);
  }
  return probe;
}

function plannedOrder(forced: string | undefined, url: string | undefined, service: ServiceName): ServiceProvider[] {
  if (forced === undefined || forced === '') return url ? ['external'] : [...providers];
  const provider = providers.find((candidate) => candidate === forced);
  if (!provider) {
    throw new ServiceUnavailableError(service, [`ARCHLAB_SERVICES=${forced} is not one of ${providers.join(', ')}`]);
  }
  return [provider];
}

/**
 * Picks the provider: ARCHLAB_SERVICES when set (only that one); else an explicit URL (only that); else Docker
 * when a daemon answers /_ping, else local binaries. A provider that is there but fails to start is an
 * error of its own (ServiceStartError), not a reason to quietly use another.
 */
export async function provision<T>(plan: ProviderPlan<T>): Promise<T> {
  const url = plan.env[plan.urlVariable] || undefined;
  const forced = plan.env.ARCHLAB_SERVICES;
  const tried: string[] = [];
  for (const provider of plannedOrder(forced, url, plan.service)) {
    if (provider === 'external') {
      if (url) return plan.external(url);
      tried.push(`external: ${plan.urlVariable} is not set`);
    } else if (provider === 'docker') {
      const probe = forced ? await probeDocker({ env: plan.env }) : await cachedProbe(plan.env);
      if (probe.available) return plan.docker();
      tried.push(`docker: ${probe.reason}`);
    } else {
      try {
        return await plan.local();
      } catch (error) {
        if (!(error instanceof ProviderMissing)) throw error;
        tried.push(`local: ${error.message}`);
      }
    }
  }
  throw new ServiceUnavailableError(plan.service, tried);
}
