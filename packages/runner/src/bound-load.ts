import { burst, runClosedLoop, runOpenLoop } from '@archlab/load';
import type { LoadGenerator } from '@archlab/lab-kit';

/** The load generator with the check's abort signal applied to every call that does not bring its own. */
export function boundLoad(signal: AbortSignal): LoadGenerator {
  return {
    openLoop: (options) => runOpenLoop({ signal, ...options }),
    closedLoop: (options) => runClosedLoop({ signal, ...options }),
    burst: (requests, options) => burst(requests, { signal, ...options }),
  };
}
