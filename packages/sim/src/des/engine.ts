// The discrete-event engine. Virtual time in ms, a seeded stream per node and per class, one
// binary-heap event list, and every request (a "job": one visit to one node) stored in growable
// typed arrays so the hot loop allocates nothing.
//
// A job arrives at a node, waits for one of its c = instances x concurrency servers (FIFO, a
// bounded room drops the excess), is served, then - like the analytic model - releases its server
// before calling downstream: a cache may answer, asynchronous edges are fired, fan-out edges are
// called one after another and one edge of the split group is chosen among healthy targets. A
// caller that times out orphans the attempt (the callee keeps working) and may retry: that is
// how retry storms build up. A superseded attempt of a write that still succeeds, with no
// idempotent handler on its path, is counted as a duplicate.
import { B_CACHE, B_LIMITER, B_SOURCE, DIST_DETERMINISTIC, DIST_EXPONENTIAL } from '../model/compile.ts';
import type { CompiledDesign } from '../model/compile.ts';
import { multiplierAt } from '../model/traffic-profile.ts';
import type { TrafficCurve } from '../model/traffic-profile.ts';
import { EventQueue } from './event-queue.ts';
import { binOf, BucketHistograms, HISTOGRAM_BINS } from './histogram.ts';
import { RandomStreams } from './rng.ts';

const EV_ARRIVAL = 0;
const EV_JOB_ARRIVE = 1;
const EV_SERVICE_DONE = 2;
const EV_TIMEOUT = 3;
const EV_RETRY = 4;
const EV_FAULT_START = 5;
const EV_FAULT_END = 6;

const F_ROOT = 1;
const F_ORPHAN = 2;
const F_SUPERSEDED = 4;
const F_ASYNC = 8;
const F_DONE = 16;
const F_OK = 32;
const F_ASYNC_FAILED = 64;
const F_COUNTED = 128;
const F_COMPLETION_RECORDED = 256;

export const FAILURE_REASONS = ['rejected', 'dropped', 'down', 'timeout', 'noRoute'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
const R_REJECTED = 0;
const R_DROPPED = 1;
const R_DOWN = 2;
const R_TIMEOUT = 3;
const R_NO_ROUTE = 4;
const REASONS = FAILURE_REASONS.length;

export interface EngineFault {
  node: number;
  fromMs: number;
  toMs: number;
  /** Instances lost; Infinity for all. */
  instances: number;
}

export interface EngineSetup {
  design: CompiledDesign;
  seed: number;
  durationMs: number;
  warmupMs: number;
  bucketMs: number;
  drainMs: number;
  /** Rate multiplier over time, per class. */
  curves: readonly TrafficCurve[];
  /** Base rate per class, requests/s. */
  rates: Float64Array;
  faults: readonly EngineFault[];
  maxEvents: number;
}

/** Per-bucket values emitted when a bucket closes (null where there was nothing to measure). */
export interface BucketSeries {
  nodeArrivals: number[][];
  nodeCompleted: number[][];
  nodeErrors: number[][];
  nodeQueue: number[][];
  nodeUtilisation: number[][];
  nodeP50: (number | null)[][];
  nodeP99: (number | null)[][];
  classOffered: number[][];
  classOk: number[][];
  classErrors: number[][];
  classP50: (number | null)[][];
  classP99: (number | null)[][];
}

export class DesEngine {
  readonly d: CompiledDesign;
  readonly setup: EngineSetup;
  now = 0;
  events = 0;
  truncated = false;
  /** Buckets closed so far. */
  bucketsClosed = 0;
  readonly bucketCount: number;
  private readonly endMs: number;
  private nextBucketEnd: number;
  private readonly queue = new EventQueue(4096);
  private readonly rng: RandomStreams;
  private readonly K: number;
  private callSeq = 0;

  // Plans: fan-out edges split into synchronous and asynchronous, per (node, class).
  private readonly syncStart: Int32Array;
  private readonly syncEdges: Int32Array;
  private readonly asyncStart: Int32Array;
  private readonly asyncEdges: Int32Array;
  private readonly arrivalMean: Float64Array;
  /** Per (node, class): every synchronous path from here passes an idempotent handler. */
  private readonly deduplicated: Uint8Array;

  // Node runtime state.
  readonly serving: Float64Array;
  private readonly servers: Float64Array;
  private readonly busy: Int32Array;
  private readonly room: Float64Array;
  private readonly epoch: Int32Array;
  private readonly queues: Int32Array[];
  private readonly qHead: Int32Array;
  readonly qLen: Int32Array;
  private readonly tokens: Float64Array;
  private readonly tokenTime: Float64Array;
  private readonly tokenRatePerMs: Float64Array;
  private readonly tokenDepth: Float64Array;

  // Jobs.
  private capacity = 0;
  private jNode = new Int32Array(0);
  private jClass = new Int32Array(0);
  private jParent = new Int32Array(0);
  private jRoot = new Int32Array(0);
  private jStep = new Int32Array(0);
  private jRepeat = new Int32Array(0);
  private jAttempt = new Int32Array(0);
  private jChild = new Int32Array(0);
  private jCallEdge = new Int32Array(0);
  private jCallSeq = new Int32Array(0);
  private jEpoch = new Int32Array(0);
  private jRefs = new Int32Array(0);
  private jPending = new Int32Array(0);
  private jFlags = new Uint16Array(0);
  private jArrive = new Float64Array(0);
  private jStart = new Float64Array(0);
  private freeJobs = new Int32Array(0);
  private freeCount = 0;
  private allocated = 0;

  // Node statistics over [warmup, end]; per-bucket counterparts are reset as buckets close.
  readonly nArrivals: Float64Array;
  readonly nCompleted: Float64Array;
  readonly nDropped: Float64Array;
  readonly nRejected: Float64Array;
  readonly nDownFailed: Float64Array;
  readonly nSojournSum: Float64Array;
  readonly nHist: Uint32Array;
  readonly nInSystemArea: Float64Array;
  readonly nQueueArea: Float64Array;
  readonly nBusyArea: Float64Array;
  readonly nServerArea: Float64Array;
  readonly nMaxQueue: Float64Array;
  private readonly lastTouch: Float64Array;
  private readonly bArrivals: Float64Array;
  private readonly bCompleted: Float64Array;
  private readonly bErrors: Float64Array;
  private readonly bHist: BucketHistograms;
  private readonly bQueueArea: Float64Array;
  private readonly bBusyArea: Float64Array;
  private readonly bServerArea: Float64Array;

  // Class statistics, for requests that entered after the warm-up.
  readonly cOffered: Float64Array;
  readonly cOk: Float64Array;
  readonly cFailures: Float64Array;
  readonly cRetries: Float64Array;
  readonly cDuplicates: Float64Array;
  readonly cLatencySum: Float64Array;
  readonly cHist: Uint32Array;
  readonly cCompleted: Float64Array;
  readonly cCompletionSum: Float64Array;
  readonly cCompletionHist: Uint32Array;
  readonly cAsyncFailed: Float64Array;
  readonly cInFlight: Float64Array;
  private readonly bcOffered: Float64Array;
  private readonly bcOk: Float64Array;
  private readonly bcErrors: Float64Array;
  private readonly bcHist: BucketHistograms;

  readonly series: BucketSeries;

  constructor(setup: EngineSetup) {
    const d = setup.design;
    this.d = d;
    this.setup = setup;
    const N = d.nodeCount;
    const K = d.classCount;
    this.K = K;
    this.rng = new RandomStreams(setup.seed, N + K);
    this.endMs = setup.durationMs + setup.drainMs;
    this.bucketCount = Math.ceil(setup.durationMs / setup.bucketMs - 1e-9);
    this.nextBucketEnd = setup.bucketMs;

    const syncStart = new Int32Array(N * K + 1);
    const asyncStart = new Int32Array(N * K + 1);
    const sync: number[] = [];
    const async: number[] = [];
    for (let slot = 0; slot < N * K; slot++) {
      syncStart[slot] = sync.length;
      asyncStart[slot] = async.length;
      for (let i = d.fixedStart[slot]!; i < d.fixedStart[slot + 1]!; i++) {
        const e = d.fixedEdges[i]!;
        (d.edgeAsync[e] === 1 ? async : sync).push(e);
      }
    }
    syncStart[N * K] = sync.length;
    asyncStart[N * K] = async.length;
    this.syncStart = syncStart;
    this.syncEdges = Int32Array.from(sync);
    this.asyncStart = asyncStart;
    this.asyncEdges = Int32Array.from(async);
    this.deduplicated = deduplicatedPaths(d, syncStart, this.syncEdges);

    this.serving = new Float64Array(N);
    this.servers = new Float64Array(N);
    this.busy = new Int32Array(N);
    this.room = new Float64Array(N);
    this.epoch = new Int32Array(N);
    this.queues = Array.from({ length: N }, () => new Int32Array(16));
    this.qHead = new Int32Array(N);
    this.qLen = new Int32Array(N);
    for (let n = 0; n < N; n++) {
      this.serving[n] = d.instances[n]!;
      this.updateCapacity(n);
    }
    this.tokens = new Float64Array(N * K);
    this.tokenTime = new Float64Array(N * K);
    this.tokenRatePerMs = new Float64Array(N * K);
    this.tokenDepth = new Float64Array(N * K);
    for (let n = 0; n < N; n++) {
      if (d.behaviour[n] !== B_LIMITER) continue;
      for (let k = 0; k < K; k++) {
        const perSecond = d.classKeys[k]! * d.limitPerKeyRps[n]!;
        this.tokenRatePerMs[n * K + k] = perSecond / 1000;
        this.tokenDepth[n * K + k] = Math.max(1, perSecond * d.burstS[n]!);
        this.tokens[n * K + k] = this.tokenDepth[n * K + k]!;
      }
    }
    this.growJobs(1024);

    const nodeRows = () => new Float64Array(N);
    this.nArrivals = nodeRows();
    this.nCompleted = nodeRows();
    this.nDropped = nodeRows();
    this.nRejected = nodeRows();
    this.nDownFailed = nodeRows();
    this.nSojournSum = nodeRows();
    this.nHist = new Uint32Array(N * HISTOGRAM_BINS);
    this.nInSystemArea = nodeRows();
    this.nQueueArea = nodeRows();
    this.nBusyArea = nodeRows();
    this.nServerArea = nodeRows();
    this.nMaxQueue = nodeRows();
    this.lastTouch = nodeRows();
    this.bArrivals = nodeRows();
    this.bCompleted = nodeRows();
    this.bErrors = nodeRows();
    this.bHist = new BucketHistograms(N);
    this.bQueueArea = nodeRows();
    this.bBusyArea = nodeRows();
    this.bServerArea = nodeRows();

    const classRows = () => new Float64Array(K);
    this.cOffered = classRows();
    this.cOk = classRows();
    this.cFailures = new Float64Array(K * REASONS);
    this.cRetries = classRows();
    this.cDuplicates = classRows();
    this.cLatencySum = classRows();
    this.cHist = new Uint32Array(K * HISTOGRAM_BINS);
    this.cCompleted = classRows();
    this.cCompletionSum = classRows();
    this.cCompletionHist = new Uint32Array(K * HISTOGRAM_BINS);
    this.cAsyncFailed = classRows();
    this.cInFlight = classRows();
    this.bcOffered = classRows();
    this.bcOk = classRows();
    this.bcErrors = classRows();
    this.bcHist = new BucketHistograms(K);

    const rows = <T>(count: number) => Array.from({ length: count }, () => [] as T[]);
    this.series = {
      nodeArrivals: rows(N),
      nodeCompleted: rows(N),
      nodeErrors: rows(N),
      nodeQueue: rows(N),
      nodeUtilisation: rows(N),
      nodeP50: rows(N),
      nodeP99: rows(N),
      classOffered: rows(K),
      classOk: rows(K),
      classErrors: rows(K),
      classP50: rows(K),
      classP99: rows(K),
    };

    this.arrivalMean = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const peakRatePerMs = (setup.rates[k]! * setup.curves[k]!.peak) / 1000;
      this.arrivalMean[k] = peakRatePerMs > 0 ? 1 / peakRatePerMs : Infinity;
      if (peakRatePerMs > 0) this.scheduleArrival(k, 0);
    }
    setup.faults.forEach((fault, i) => {
      this.queue.push(fault.fromMs, EV_FAULT_START, i, 0);
      this.queue.push(fault.toMs, EV_FAULT_END, i, 0);
    });
  }

  get done(): boolean {
    return this.truncated || this.queue.size === 0 || this.queue.peekTime() > this.endMs;
  }

  /** Processes events up to and including virtual time `untilMs`, at most `maxEvents` of them. */
  run(untilMs: number, maxEvents: number): void {
    const limit = Math.min(untilMs, this.endMs);
    const q = this.queue;
    let budget = maxEvents;
    while (q.size > 0 && budget > 0) {
      const time = q.peekTime();
      if (time > limit) break;
      if (this.events >= this.setup.maxEvents) {
        this.truncated = true;
        break;
      }
      const slot = q.pop();
      const kind = q.slotKind(slot);
      const a = q.slotA(slot);
      const b = q.slotB(slot);
      if (time >= this.nextBucketEnd) this.closeBucketsUntil(time);
      this.now = time;
      this.events++;
      budget--;
      switch (kind) {
        case EV_ARRIVAL:
          this.onArrival(a);
          break;
        case EV_JOB_ARRIVE:
          this.arriveAtNode(a);
          break;
        case EV_SERVICE_DONE:
          this.onServiceDone(a);
          break;
        case EV_TIMEOUT:
          this.onTimeout(a, b);
          break;
        case EV_RETRY:
          if (this.jCallSeq[a] === b) this.issueCall(a, this.jCallEdge[a]!);
          break;
        case EV_FAULT_START:
          this.onFault(a, true);
          break;
        case EV_FAULT_END:
          this.onFault(a, false);
          break;
      }
    }
    // Time up to the limit has passed even without an event in it: charts may show those buckets.
    if (!this.truncated && untilMs < Infinity) this.closeBucketsUntil(Math.min(untilMs, this.setup.durationMs));
    if (this.done) this.finish();
  }

  /** End of the measured window: the last event, and at least the end of the traffic. */
  get windowEndMs(): number {
    return this.truncated ? this.now : Math.max(this.now, this.setup.durationMs);
  }

  private finish(): void {
    this.closeBucketsUntil(this.truncated ? this.now : this.setup.durationMs);
    for (let n = 0; n < this.d.nodeCount; n++) this.touch(n, this.windowEndMs);
    this.cInFlight.fill(0);
    for (let j = 0; j < this.allocated; j++) {
      const flags = this.jFlags[j]!;
      if ((flags & (F_ROOT | F_COUNTED)) === (F_ROOT | F_COUNTED) && (flags & F_DONE) === 0) this.cInFlight[this.jClass[j]!]!++;
    }
  }

  // ---- arrivals -------------------------------------------------------------------------------

  private scheduleArrival(k: number, from: number): void {
    const next = from + this.rng.exponential(this.d.nodeCount + k, this.arrivalMean[k]!);
    if (next < this.setup.durationMs) this.queue.push(next, EV_ARRIVAL, k, 0);
  }

  /** Thinning: candidates come at the peak rate and are kept with probability rate(t) / peak. */
  private onArrival(k: number): void {
    const curve = this.setup.curves[k]!;
    const keep = curve.peak > 0 ? multiplierAt(curve, this.now / 1000) / curve.peak : 0;
    const stream = this.d.nodeCount + k;
    if (keep >= 1 || this.rng.next(stream) < keep) {
      const job = this.allocJob(this.d.classSource[k]!, k, -1, -1);
      this.jRoot[job] = job;
      this.jStart[job] = this.now;
      let flags = F_ROOT;
      if (this.now >= this.setup.warmupMs) {
        flags |= F_COUNTED;
        this.cOffered[k]!++;
      }
      this.jFlags[job] = flags;
      this.bcOffered[k]!++;
      this.arriveAtNode(job);
    }
    this.scheduleArrival(k, this.now);
  }

  // ---- nodes ----------------------------------------------------------------------------------

  private arriveAtNode(job: number): void {
    const d = this.d;
    const n = this.jNode[job]!;
    const counted = this.now >= this.setup.warmupMs;
    this.jArrive[job] = this.now;
    if (counted) this.nArrivals[n]!++;
    this.bArrivals[n]!++;
    const behaviour = d.behaviour[n]!;
    if (behaviour === B_SOURCE) {
      this.afterService(job, false);
      return;
    }
    if (this.serving[n] === 0) {
      if (behaviour === B_CACHE && d.bypassOnFailure[n] === 1) {
        this.afterService(job, true);
        return;
      }
      if (counted) this.nDownFailed[n]!++;
      this.bErrors[n]!++;
      this.finishJob(job, false, R_DOWN);
      return;
    }
    if (behaviour === B_LIMITER && !this.takeToken(n, this.jClass[job]!)) {
      if (counted) this.nRejected[n]!++;
      this.bErrors[n]!++;
      this.finishJob(job, false, R_REJECTED);
      return;
    }
    if (this.busy[n]! < this.servers[n]!) {
      this.touch(n, this.now);
      this.startService(job, n);
    } else if (this.qLen[n]! < this.room[n]!) {
      this.touch(n, this.now);
      this.enqueue(n, job);
      if (counted && this.qLen[n]! > this.nMaxQueue[n]!) this.nMaxQueue[n] = this.qLen[n]!;
    } else {
      if (counted) this.nDropped[n]!++;
      this.bErrors[n]!++;
      this.finishJob(job, false, R_DROPPED);
    }
  }

  private takeToken(n: number, k: number): boolean {
    const slot = n * this.K + k;
    const refill = (this.now - this.tokenTime[slot]!) * this.tokenRatePerMs[slot]!;
    this.tokens[slot] = Math.min(this.tokenDepth[slot]!, this.tokens[slot]! + refill);
    this.tokenTime[slot] = this.now;
    if (this.tokens[slot]! < 1) return false;
    this.tokens[slot]!--;
    return true;
  }

  private startService(job: number, n: number): void {
    this.busy[n]!++;
    this.jEpoch[job] = this.epoch[n]!;
    this.queue.push(this.now + this.sampleService(n), EV_SERVICE_DONE, job, 0);
  }

  private sampleService(n: number): number {
    const d = this.d;
    const dist = d.serviceDist[n];
    if (dist === DIST_EXPONENTIAL) return this.rng.exponential(n, d.serviceMeanMs[n]!);
    if (dist === DIST_DETERMINISTIC) return d.serviceMeanMs[n]!;
    return Math.exp(d.serviceLogMu[n]! + d.serviceLogSigma[n]! * this.rng.normal(n));
  }

  private onServiceDone(job: number): void {
    const n = this.jNode[job]!;
    this.touch(n, this.now);
    this.busy[n]!--;
    const counted = this.now >= this.setup.warmupMs;
    if (this.jEpoch[job] !== this.epoch[n]) {
      if (counted) this.nDownFailed[n]!++;
      this.bErrors[n]!++;
      this.finishJob(job, false, R_DOWN);
    } else {
      const sojourn = this.now - this.jArrive[job]!;
      const bin = binOf(sojourn);
      if (counted) {
        this.nCompleted[n]!++;
        this.nSojournSum[n]! += sojourn;
        this.nHist[n * HISTOGRAM_BINS + bin]!++;
      }
      this.bCompleted[n]!++;
      this.bHist.record(n, bin);
      this.afterService(job, false);
    }
    while (this.busy[n]! < this.servers[n]! && this.qLen[n]! > 0) this.startService(this.dequeue(n), n);
  }

  private afterService(job: number, bypassed: boolean): void {
    const d = this.d;
    const n = this.jNode[job]!;
    const k = this.jClass[job]!;
    const slot = n * this.K + k;
    if (!bypassed) {
      const hit = d.hitRatio[slot]!;
      if (hit > 0 && (hit >= 1 || this.rng.next(n) < hit)) {
        this.finishJob(job, true, 0);
        return;
      }
    }
    for (let i = this.asyncStart[slot]!; i < this.asyncStart[slot + 1]!; i++) {
      const e = this.asyncEdges[i]!;
      for (let c = 0; c < d.edgeCalls[e]!; c++) this.spawnAsync(job, e);
    }
    this.jStep[job] = 0;
    this.jRepeat[job] = 0;
    this.jAttempt[job] = 0;
    this.nextCall(job);
  }

  // ---- calls ----------------------------------------------------------------------------------

  private nextCall(job: number): void {
    const d = this.d;
    const slot = this.jNode[job]! * this.K + this.jClass[job]!;
    const syncFrom = this.syncStart[slot]!;
    const length = this.syncStart[slot + 1]! - syncFrom;
    for (;;) {
      const step = this.jStep[job]!;
      if (step < length) {
        const e = this.syncEdges[syncFrom + step]!;
        if (this.jRepeat[job]! < d.edgeCalls[e]!) {
          this.issueCall(job, e);
          return;
        }
        this.jStep[job] = step + 1;
        this.jRepeat[job] = 0;
        continue;
      }
      if (step === length && d.splitStart[slot + 1]! > d.splitStart[slot]!) {
        this.jStep[job] = step + 1;
        const e = this.chooseSplit(slot, this.jNode[job]!);
        if (e < 0) {
          this.finishJob(job, false, R_NO_ROUTE);
          return;
        }
        if (d.edgeAsync[e] === 1) {
          this.spawnAsync(job, e);
          break;
        }
        this.issueCall(job, e);
        return;
      }
      break;
    }
    this.finishJob(job, true, 0);
  }

  /** One edge of the split group by share, among targets that are up (callers health-check). */
  private chooseSplit(slot: number, n: number): number {
    const d = this.d;
    const from = d.splitStart[slot]!;
    const to = d.splitStart[slot + 1]!;
    let healthy = 0;
    for (let i = from; i < to; i++) if (this.isHealthy(d.edgeTo[d.splitEdges[i]!]!)) healthy += d.splitShares[i]!;
    if (healthy <= 0) return -1;
    let u = this.rng.next(n) * healthy;
    let last = -1;
    for (let i = from; i < to; i++) {
      const e = d.splitEdges[i]!;
      if (!this.isHealthy(d.edgeTo[e]!)) continue;
      last = e;
      u -= d.splitShares[i]!;
      if (u < 0) return e;
    }
    return last;
  }

  private isHealthy(n: number): boolean {
    return this.serving[n]! > 0 || (this.d.behaviour[n] === B_CACHE && this.d.bypassOnFailure[n] === 1);
  }

  private issueCall(job: number, e: number): void {
    const d = this.d;
    const child = this.allocJob(d.edgeTo[e]!, this.jClass[job]!, job, this.jRoot[job]!);
    this.jChild[job] = child;
    this.jCallEdge[job] = e;
    const seq = (this.callSeq = (this.callSeq + 1) | 0);
    this.jCallSeq[job] = seq;
    this.queue.push(this.now + d.edgeLatencyMs[e]!, EV_JOB_ARRIVE, child, 0);
    const timeout = d.edgeTimeoutMs[e]!;
    if (timeout < Infinity) this.queue.push(this.now + timeout, EV_TIMEOUT, job, seq);
  }

  private spawnAsync(job: number, e: number): void {
    const d = this.d;
    const root = this.jRoot[job]!;
    const child = this.allocJob(d.edgeTo[e]!, this.jClass[job]!, -1, root);
    this.jFlags[child] = F_ASYNC;
    this.jPending[root]!++;
    this.queue.push(this.now + d.edgeLatencyMs[e]!, EV_JOB_ARRIVE, child, 0);
  }

  private onTimeout(job: number, seq: number): void {
    if (this.jCallSeq[job] !== seq) return;
    const child = this.jChild[job]!;
    if (child < 0) return;
    const e = this.jCallEdge[job]!;
    const willRetry = this.jAttempt[job]! < this.d.edgeRetries[e]!;
    this.jParent[child] = -1;
    this.jFlags[child]! |= willRetry ? F_ORPHAN | F_SUPERSEDED : F_ORPHAN;
    this.jChild[job] = -1;
    this.callFailed(job, R_TIMEOUT);
  }

  private callFailed(job: number, reason: number): void {
    const d = this.d;
    const e = this.jCallEdge[job]!;
    const attempt = this.jAttempt[job]!;
    if (attempt >= d.edgeRetries[e]!) {
      this.finishJob(job, false, reason);
      return;
    }
    this.jAttempt[job] = attempt + 1;
    if ((this.jFlags[this.jRoot[job]!]! & F_COUNTED) !== 0) this.cRetries[this.jClass[job]!]!++;
    const backoff = d.edgeBackoffMs[e]! * Math.pow(2, attempt);
    if (backoff > 0) {
      const seq = (this.callSeq = (this.callSeq + 1) | 0);
      this.jCallSeq[job] = seq;
      this.queue.push(this.now + backoff, EV_RETRY, job, seq);
    } else {
      this.issueCall(job, e);
    }
  }

  private childFinished(parent: number, ok: boolean, reason: number): void {
    this.jChild[parent] = -1;
    if (!ok) {
      this.callFailed(parent, reason);
      return;
    }
    this.jAttempt[parent] = 0;
    this.jRepeat[parent]!++;
    this.nextCall(parent);
  }

  private finishJob(job: number, ok: boolean, reason: number): void {
    const flags = this.jFlags[job]!;
    const k = this.jClass[job]!;
    if ((flags & F_ROOT) !== 0) {
      this.jFlags[job] = flags | F_DONE | (ok ? F_OK : 0);
      if ((flags & F_COUNTED) !== 0) {
        if (ok) {
          const latency = this.now - this.jStart[job]!;
          this.cOk[k]!++;
          this.cLatencySum[k]! += latency;
          this.cHist[k * HISTOGRAM_BINS + binOf(latency)]!++;
        } else {
          this.cFailures[k * REASONS + reason]!++;
        }
      }
      if (ok) {
        this.bcOk[k]!++;
        this.bcHist.record(k, binOf(this.now - this.jStart[job]!));
      } else {
        this.bcErrors[k]!++;
      }
      this.settleRoot(job);
      return;
    }
    const root = this.jRoot[job]!;
    if ((flags & F_ASYNC) !== 0) {
      this.jPending[root]!--;
      if (!ok) this.jFlags[root]! |= F_ASYNC_FAILED;
    } else if (this.jParent[job]! >= 0) {
      this.childFinished(this.jParent[job]!, ok, reason);
    } else if (ok && (flags & F_SUPERSEDED) !== 0 && this.d.classWrite[k] === 1 && this.deduplicated[this.jNode[job]! * this.K + k] === 0) {
      if ((this.jFlags[root]! & F_COUNTED) !== 0) this.cDuplicates[k]!++;
    }
    this.jRefs[root]!--;
    this.freeJob(job);
    this.settleRoot(root);
  }

  /** Records completion once the answer and all asynchronous work are done; frees the root when unreferenced. */
  private settleRoot(root: number): void {
    const flags = this.jFlags[root]!;
    if ((flags & F_DONE) === 0) return;
    if ((flags & F_COMPLETION_RECORDED) === 0 && this.jPending[root] === 0) {
      this.jFlags[root] = flags | F_COMPLETION_RECORDED;
      const k = this.jClass[root]!;
      if ((flags & F_COUNTED) !== 0) {
        if ((flags & F_OK) !== 0 && (flags & F_ASYNC_FAILED) === 0) {
          const latency = this.now - this.jStart[root]!;
          this.cCompleted[k]!++;
          this.cCompletionSum[k]! += latency;
          this.cCompletionHist[k * HISTOGRAM_BINS + binOf(latency)]!++;
        } else if ((flags & F_OK) !== 0) {
          this.cAsyncFailed[k]!++;
        }
      }
    }
    if (this.jRefs[root] === 0) this.freeJob(root);
  }

  // ---- faults ---------------------------------------------------------------------------------

  private onFault(index: number, starting: boolean): void {
    const fault = this.setup.faults[index]!;
    const n = fault.node;
    this.touch(n, this.now);
    const full = this.d.instances[n]!;
    if (starting) {
      // A SQL primary loses its serving instance only once no standby is left to fail over to.
      const standbys = this.d.redundancy[n]! - full;
      const lost = Math.max(0, fault.instances - standbys);
      this.serving[n] = Math.max(0, this.serving[n]! - lost);
    } else {
      this.serving[n] = full;
    }
    this.updateCapacity(n);
    if (this.serving[n] === 0) {
      this.epoch[n]!++;
      while (this.qLen[n]! > 0) {
        const job = this.dequeue(n);
        if (this.now >= this.setup.warmupMs) this.nDownFailed[n]!++;
        this.bErrors[n]!++;
        this.finishJob(job, false, R_DOWN);
      }
    } else {
      while (this.busy[n]! < this.servers[n]! && this.qLen[n]! > 0) this.startService(this.dequeue(n), n);
    }
  }

  private updateCapacity(n: number): void {
    this.servers[n] = this.serving[n]! * this.d.concurrency[n]!;
    this.room[n] = this.d.queueLimit[n]! * this.serving[n]!;
  }

  // ---- queues and jobs ------------------------------------------------------------------------

  private enqueue(n: number, job: number): void {
    let ring = this.queues[n]!;
    if (this.qLen[n] === ring.length) {
      const grown = new Int32Array(ring.length * 2);
      for (let i = 0; i < ring.length; i++) grown[i] = ring[(this.qHead[n]! + i) % ring.length]!;
      this.queues[n] = ring = grown;
      this.qHead[n] = 0;
    }
    ring[(this.qHead[n]! + this.qLen[n]!) % ring.length] = job;
    this.qLen[n]!++;
  }

  private dequeue(n: number): number {
    const ring = this.queues[n]!;
    const job = ring[this.qHead[n]!]!;
    this.qHead[n] = (this.qHead[n]! + 1) % ring.length;
    this.qLen[n]!--;
    return job;
  }

  /** Integrates queue length, busy servers and capacity of node n up to time t. */
  private touch(n: number, t: number): void {
    const last = this.lastTouch[n]!;
    const dt = t - last;
    if (dt <= 0) return;
    const queued = this.qLen[n]!;
    const busy = this.busy[n]!;
    const servers = this.servers[n]!;
    this.bQueueArea[n]! += queued * dt;
    this.bBusyArea[n]! += busy * dt;
    this.bServerArea[n]! += servers * dt;
    const warmup = this.setup.warmupMs;
    if (t > warmup) {
      const dw = t - (last > warmup ? last : warmup);
      this.nInSystemArea[n]! += (queued + busy) * dw;
      this.nQueueArea[n]! += queued * dw;
      this.nBusyArea[n]! += busy * dw;
      this.nServerArea[n]! += servers * dw;
    }
    this.lastTouch[n] = t;
  }

  private allocJob(node: number, k: number, parent: number, root: number): number {
    let job: number;
    if (this.freeCount > 0) job = this.freeJobs[--this.freeCount]!;
    else {
      if (this.allocated === this.capacity) this.growJobs(this.capacity * 2);
      job = this.allocated++;
    }
    this.jNode[job] = node;
    this.jClass[job] = k;
    this.jParent[job] = parent;
    this.jRoot[job] = root;
    this.jChild[job] = -1;
    this.jFlags[job] = 0;
    this.jRefs[job] = 0;
    this.jPending[job] = 0;
    this.jAttempt[job] = 0;
    this.jCallSeq[job] = 0;
    if (root >= 0) this.jRefs[root]!++;
    return job;
  }

  private freeJob(job: number): void {
    this.jFlags[job] = 0;
    this.jCallSeq[job] = 0;
    this.freeJobs[this.freeCount++] = job;
  }

  private growJobs(capacity: number): void {
    const grow = <T extends Int32Array | Float64Array | Uint16Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    const i32 = (n: number) => new Int32Array(n);
    const f64 = (n: number) => new Float64Array(n);
    this.jNode = grow(this.jNode, i32);
    this.jClass = grow(this.jClass, i32);
    this.jParent = grow(this.jParent, i32);
    this.jRoot = grow(this.jRoot, i32);
    this.jStep = grow(this.jStep, i32);
    this.jRepeat = grow(this.jRepeat, i32);
    this.jAttempt = grow(this.jAttempt, i32);
    this.jChild = grow(this.jChild, i32);
    this.jCallEdge = grow(this.jCallEdge, i32);
    this.jCallSeq = grow(this.jCallSeq, i32);
    this.jEpoch = grow(this.jEpoch, i32);
    this.jRefs = grow(this.jRefs, i32);
    this.jPending = grow(this.jPending, i32);
    this.jFlags = grow(this.jFlags, (n) => new Uint16Array(n));
    this.jArrive = grow(this.jArrive, f64);
    this.jStart = grow(this.jStart, f64);
    this.freeJobs = grow(this.freeJobs, i32);
    this.capacity = capacity;
  }

  // ---- time series ----------------------------------------------------------------------------

  private closeBucketsUntil(t: number): void {
    const bucketMs = this.setup.bucketMs;
    while (this.bucketsClosed < this.bucketCount && this.nextBucketEnd <= t + 1e-9) {
      const end = Math.min(this.nextBucketEnd, this.setup.durationMs);
      const width = bucketMs - Math.max(0, this.nextBucketEnd - this.setup.durationMs);
      const seconds = width / 1000;
      const s = this.series;
      for (let n = 0; n < this.d.nodeCount; n++) {
        this.touch(n, end);
        s.nodeArrivals[n]!.push(this.bArrivals[n]! / seconds);
        s.nodeCompleted[n]!.push(this.bCompleted[n]! / seconds);
        s.nodeErrors[n]!.push(this.bErrors[n]! / seconds);
        s.nodeQueue[n]!.push(this.bQueueArea[n]! / width);
        s.nodeUtilisation[n]!.push(this.bServerArea[n]! > 0 ? this.bBusyArea[n]! / this.bServerArea[n]! : 0);
        s.nodeP50[n]!.push(this.bHist.percentile(n, 0.5));
        s.nodeP99[n]!.push(this.bHist.percentile(n, 0.99));
        this.bHist.reset(n);
      }
      for (let k = 0; k < this.K; k++) {
        s.classOffered[k]!.push(this.bcOffered[k]! / seconds);
        s.classOk[k]!.push(this.bcOk[k]! / seconds);
        s.classErrors[k]!.push(this.bcErrors[k]! / seconds);
        s.classP50[k]!.push(this.bcHist.percentile(k, 0.5));
        s.classP99[k]!.push(this.bcHist.percentile(k, 0.99));
        this.bcHist.reset(k);
      }
      for (const row of [this.bArrivals, this.bCompleted, this.bErrors, this.bQueueArea, this.bBusyArea, this.bServerArea, this.bcOffered, this.bcOk, this.bcErrors]) row.fill(0);
      this.bucketsClosed++;
      this.nextBucketEnd += bucketMs;
    }
    if (this.bucketsClosed >= this.bucketCount) this.nextBucketEnd = Infinity;
  }
}

/**
 * A retried write is harmless when every synchronous path from the callee passes a node that
 * deduplicates by idempotency key (that node stops the repeat before any effect below it).
 */
function deduplicatedPaths(d: CompiledDesign, syncStart: Int32Array, syncEdges: Int32Array): Uint8Array {
  const K = d.classCount;
  const out = new Uint8Array(d.nodeCount * K);
  for (let t = d.nodeCount - 1; t >= 0; t--) {
    const n = d.topo[t]!;
    for (let k = 0; k < K; k++) {
      const slot = n * K + k;
      if (d.idempotent[n] === 1) {
        out[slot] = 1;
        continue;
      }
      let children = 0;
      let allDeduplicated = true;
      for (let i = syncStart[slot]!; i < syncStart[slot + 1]!; i++) {
        children++;
        if (out[d.edgeTo[syncEdges[i]!]! * K + k] === 0) allDeduplicated = false;
      }
      for (let i = d.splitStart[slot]!; i < d.splitStart[slot + 1]!; i++) {
        const e = d.splitEdges[i]!;
        if (d.edgeAsync[e] === 1) continue;
        children++;
        if (out[d.edgeTo[e]! * K + k] === 0) allDeduplicated = false;
      }
      out[slot] = children > 0 && allDeduplicated ? 1 : 0;
    }
  }
  return out;
}
