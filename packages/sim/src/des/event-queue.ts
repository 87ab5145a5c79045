// The future event list: a binary min-heap on (time, insertion order) over typed arrays, so equal
// times pop first-in first-out and a run replays exactly. Slots are recycled; arrays double as needed.

export class EventQueue {
  private heap: Int32Array;
  private time: Float64Array;
  private order: Float64Array;
  private kind: Uint8Array;
  private a: Int32Array;
  private b: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private slots = 0;
  private inserted = 0;
  size = 0;

  constructor(capacity = 1024) {
    this.heap = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  push(time: number, kind: number, a: number, b: number): void {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount]!;
    else {
      if (this.slots === this.time.length) this.grow();
      slot = this.slots++;
    }
    this.time[slot] = time;
    this.order[slot] = this.inserted++;
    this.kind[slot] = kind;
    this.a[slot] = a;
    this.b[slot] = b;
    const heap = this.heap;
    const times = this.time;
    const order = this.order;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (times[p]! < time || (times[p] === time && order[p]! < order[slot]!)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Time of the next event; only valid when size > 0. */
  peekTime(): number {
    return this.time[this.heap[0]!]!;
  }

  /** Removes the next event and returns its slot; read it with slotKind/slotA/slotB before the next push. */
  pop(): number {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap[--this.size]!;
    const n = this.size;
    if (n > 0) {
      const times = this.time;
      const order = this.order;
      const t = times[last]!;
      const o = order[last]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        let c = heap[child]!;
        const right = child + 1;
        if (right < n) {
          const r = heap[right]!;
          if (times[r]! < times[c]! || (times[r] === times[c] && order[r]! < order[c]!)) {
            child = right;
            c = r;
          }
        }
        if (t < times[c]! || (t === times[c] && o < order[c]!)) break;
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
    }
    this.free[this.freeCount++] = top;
    return top;
  }

  slotTime(slot: number): number {
    return this.time[slot]!;
  }
  slotKind(slot: number): number {
    return this.kind[slot]!;
  }
  slotA(slot: number): number {
    return this.a[slot]!;
  }
  slotB(slot: number): number {
    return this.b[slot]!;
  }

  private grow(): void {
    const capacity = this.time.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.heap = grown(this.heap, (n) => new Int32Array(n));
    this.time = grown(this.time, (n) => new Float64Array(n));
    this.order = grown(this.order, (n) => new Float64Array(n));
    this.kind = grown(this.kind, (n) => new Uint8Array(n));
    this.a = grown(this.a, (n) => new Int32Array(n));
    this.b = grown(this.b, (n) => new Int32Array(n));
    this.free = grown(this.free, (n) => new Int32Array(n));
  }
}
