import { FaultsUnsupportedError } from './errors.ts';
import type { FaultControls, ServiceName } from './types.ts';

/** Fault controls of a service we do not own: every fault rejects with FaultsUnsupportedError. */
export function unsupportedFaults(service: ServiceName): FaultControls {
  const refuse = (fault: string) => () => Promise.reject(new FaultsUnsupportedError(service, fault));
  return { supported: false, kill: refuse('kill'), pause: refuse('pause'), resume: refuse('resume'), restart: refuse('restart') };
}
