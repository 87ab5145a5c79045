import type { ServiceName, ServiceProvider } from './types.ts';

const installHints: Record<ServiceName, string> = {
  redis: 'apt-get install -y redis-server (Debian/Ubuntu), brew install redis (macOS), or set ARCHLAB_REDIS_URL',
  postgres:
    'apt-get install -y postgresql (Debian/Ubuntu), brew install postgresql@16 (macOS), or set ARCHLAB_POSTGRES_URL',
};

/** No provider could offer the service: nothing configured, no daemon, no binaries. The platform's fault, never the candidate's. */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  /** One line per provider tried: which one and why it could not be used. */
  readonly tried: string[];
  readonly hint: string;

  constructor(
    readonly service: ServiceName,
    tried: string[],
  ) {
    const hint = installHints[service];
    super(`no ${service} available. Tried:\n${tried.map((line) => `  - ${line}`).join('\n')}\nTo fix: ${hint}.`);
    this.tried = tried;
    this.hint = hint;
  }
}

/** A provider was there but the server did not come up; `logTail` holds the end of its output. */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';

  constructor(
    readonly service: ServiceName,
    readonly provider: ServiceProvider,
    reason: string,
    readonly logTail = '',
  ) {
    super(`${service} (${provider}) did not start: ${reason}${logTail ? `\n--- last output ---\n${logTail}` : ''}`);
  }
}

/** Fault injection was asked of a service that cannot be controlled (an external URL). */
export class FaultsUnsupportedError extends Error {
  override readonly name = 'FaultsUnsupportedError';

  constructor(
    readonly service: ServiceName,
    readonly fault: string,
  ) {
    super(`cannot ${fault} ${service}: it is an external service (set ARCHLAB_SERVICES=local or docker to inject faults)`);
  }
}

/** The setup SQL of a template failed; the half-built template was dropped. */
export class TemplateSetupError extends Error {
  override readonly name = 'TemplateSetupError';

  constructor(
    readonly template: string,
    reason: string,
  ) {
    super(`template "${template}": setup SQL failed: ${reason}`);
  }
}
