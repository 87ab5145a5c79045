/** Keeps the first `maxBytes` bytes of a response body. */
export class BodyCapture {
  readonly #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  add(chunk: Buffer): void {
    const room = this.maxBytes - this.#bytes;
    if (room <= 0) return;
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.#chunks.push(kept);
    this.#bytes += kept.length;
  }

  text(): string {
    return Buffer.concat(this.#chunks, this.#bytes).toString('utf8');
  }
}
