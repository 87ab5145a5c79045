// Seeded random streams (xoshiro128**, seeded by splitmix32). One stream per node and per class,
// so editing one part of a design leaves the random numbers of the others unchanged.

export class RandomStreams {
  private readonly state: Uint32Array;
  private readonly spare: Float64Array;
  private readonly hasSpare: Uint8Array;

  constructor(seed: number, streams: number) {
    this.state = new Uint32Array(streams * 4);
    this.spare = new Float64Array(streams);
    this.hasSpare = new Uint8Array(streams);
    for (let s = 0; s < streams; s++) {
      let x = (seed ^ Math.imul(s + 1, 0x9e3779b9)) >>> 0;
      for (let i = 0; i < 4; i++) {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        this.state[s * 4 + i] = (z ^ (z >>> 16)) >>> 0;
      }
      if ((this.state[s * 4]! | this.state[s * 4 + 1]! | this.state[s * 4 + 2]! | this.state[s * 4 + 3]!) === 0) this.state[s * 4] = 1;
    }
  }

  /** Uniform in [0, 1). */
  next(stream: number): number {
    const st = this.state;
    const i = stream * 4;
    const s0 = st[i]!;
    const s1 = st[i + 1]!;
    const s2 = st[i + 2]!;
    const s3 = st[i + 3]!;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    st[i + 1] = s1 ^ n2;
    st[i] = s0 ^ n3;
    st[i + 2] = n2 ^ t;
    st[i + 3] = rotl(n3, 11);
    return (r >>> 0) / 4294967296;
  }

  exponential(stream: number, mean: number): number {
    return -mean * Math.log(1 - this.next(stream));
  }

  /** Standard normal (Box-Muller, the second value kept for the next call). */
  normal(stream: number): number {
    if (this.hasSpare[stream] === 1) {
      this.hasSpare[stream] = 0;
      return this.spare[stream]!;
    }
    const u = 1 - this.next(stream);
    const v = this.next(stream);
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare[stream] = radius * Math.sin(2 * Math.PI * v);
    this.hasSpare[stream] = 1;
    return radius * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
