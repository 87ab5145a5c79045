/** Ends an exchange for a reason of our own ('timeout', 'aborted'); its message is the record's code. */
export class ExchangeEndedError extends Error {
  override readonly name = 'ExchangeEndedError';
}

const UNDICI_CODES: Record<string, string> = {
  UND_ERR_SOCKET: 'socket-closed',
  UND_ERR_CLOSED: 'socket-closed',
  UND_ERR_DESTROYED: 'aborted',
  UND_ERR_ABORTED: 'aborted',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'bad-response',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'bad-response',
};

/** A short, stable code for a record: OS codes stay as they are (ECONNREFUSED), library codes get a name. */
export function shortErrorCode(error: unknown): string {
  if (error instanceof ExchangeEndedError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'error';
  if (code.startsWith('HPE_')) return 'bad-response';
  return UNDICI_CODES[code] ?? code;
}
