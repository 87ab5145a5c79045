// Numbers as the canvas shows them: short, with units, and an em dash where nothing was measured.

const DASH = '—';

export function formatRate(rps: number): string {
  if (!Number.isFinite(rps)) return DASH;
  if (rps === 0) return '0';
  if (rps < 10) return rps.toFixed(1);
  if (rps < 1000) return Math.round(rps).toString();
  if (rps < 1e6) return `${trim(rps / 1000)}k`;
  return `${trim(rps / 1e6)}M`;
}

export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${trim(ms)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${trim(ms / 1000)} s`;
}

export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return DASH;
  const percent = ratio * 100;
  if (percent === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  if (percent < 10) return `${trim(percent)}%`;
  return `${Math.round(percent)}%`;
}

export function formatRho(utilisation: number): string {
  return Number.isFinite(utilisation) ? utilisation.toFixed(2) : DASH;
}

export function formatUsd(value: number): string {
  return `$${Math.round(value).toLocaleString('en-US')}`;
}

/** One decimal below 10, none above: "1.2", "12", "120". */
function trim(value: number): string {
  return value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value).toString();
}
