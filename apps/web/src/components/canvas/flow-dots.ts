// Flow along an edge, drawn cheaply: a few small HTML dots moved by Web Animations `transform`
// keyframes sampled along the edge's path. Transform animations run on the compositor, so they cost
// the main thread nothing per frame (unlike animating an SVG stroke-dasharray, which repaints).

/** Points sampled along a path for the keyframes; straight segments between them are invisible at this size. */
const SAMPLES = 16;
/** Travel time from source to target at the lowest and highest flow, ms. */
const SLOWEST_MS = 4000;
const FASTEST_MS = 900;

export interface DotAnimation {
  cancel(): void;
}

export function flowDuration(level: number): number {
  const clamped = Math.max(0, Math.min(1, level));
  return SLOWEST_MS - (SLOWEST_MS - FASTEST_MS) * clamped;
}

/** How many dots travel an edge: livelier edges carry more. */
export function flowDotCount(level: number): number {
  if (level <= 0) return 0;
  return level < 0.35 ? 1 : level < 0.7 ? 2 : 3;
}

export function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Starts the dots along `path`; the previous animation of the same dots must be cancelled first. */
export function animateDots(path: SVGPathElement, dots: readonly HTMLElement[], level: number): DotAnimation {
  const length = path.getTotalLength();
  const keyframes: Keyframe[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const point = path.getPointAtLength((length * i) / SAMPLES);
    keyframes.push({ transform: `translate(${point.x}px, ${point.y}px)`, offset: i / SAMPLES });
  }
  const duration = flowDuration(level);
  const animations = dots.map((dot, i) => dot.animate(keyframes, { duration, iterations: Infinity, delay: (-duration * i) / dots.length, easing: 'linear' }));
  return { cancel: () => animations.forEach((a) => a.cancel()) };
}
