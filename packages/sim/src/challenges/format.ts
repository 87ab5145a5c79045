// Numbers as a reviewer reads them in a check message.

export function ms(value: number): string {
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 10) return `${Math.round(value)} ms`;
  return `${value.toFixed(1)} ms`;
}

export function percent(ratio: number): string {
  const value = ratio * 100;
  if (value !== 0 && Math.abs(value) < 0.01) return `${value.toExponential(1)} %`;
  return `${value.toFixed(2)} %`;
}

export function rho(value: number): string {
  return value.toFixed(2);
}

export function usd(value: number): string {
  return `$${Math.round(value).toLocaleString('en-US')}`;
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
