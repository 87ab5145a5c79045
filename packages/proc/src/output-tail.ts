/**
 * Keeps the last `capBytes` of a stream and counts what it dropped, so a process that floods its output
 * can neither exhaust memory nor block on a full pipe (we always read; we just stop keeping).
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly capBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept > this.capBytes && this.chunks.length > 0) {
      const head = this.chunks[0]!;
      const excess = this.kept - this.capBytes;
      if (head.length <= excess) {
        this.chunks.shift();
        this.kept -= head.length;
        this.dropped += head.length;
      } else {
        this.chunks[0] = head.subarray(excess);
        this.kept -= excess;
        this.dropped += excess;
      }
    }
  }

  get droppedBytes(): number {
    return this.dropped;
  }

  /** The kept text; when `lines` is given, only that many last lines. */
  text(lines?: number): string {
    const all = Buffer.concat(this.chunks).toString('utf8');
    if (lines === undefined) return all;
    const parts = all.replace(/\n$/, '').split('\n');
    return parts.slice(-lines).join('\n');
  }
}
