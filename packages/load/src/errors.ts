/** The caller asked for something impossible (bad rate, bad target ...). Never thrown for per-request failures. */
export class LoadOptionsError extends Error {
  override readonly name = 'LoadOptionsError';

  constructor(
    /** The offending option, e.g. "ratePerSec" or "requests[3].target". */
    readonly option: string,
    problem: string,
  ) {
    super(`${option}: ${problem}`);
  }
}
