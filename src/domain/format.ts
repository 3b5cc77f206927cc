// Number and percentage formatting shared by every renderer. Deterministic (no locale).

/** 1234567 → "1.23M"; below 10,000 the exact integer with thousands separators. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'unknown';
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (abs >= 1e9) return `${sign}${trim(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}${trim(abs / 1e6)}M`;
  if (abs >= 1e4) return `${sign}${trim(abs / 1e3)}k`;
  return `${sign}${Math.round(abs)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

function trim(x: number): string {
  const s = x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** 0.482 → "+48%"; -0.05 → "-5.0%". */
export function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return 'unknown';
  const p = x * 100;
  const digits = Math.abs(p) < 10 ? 1 : 0;
  return `${p > 0 ? '+' : ''}${p.toFixed(digits)}%`;
}

/** 0.61 → "61%" (a share, no sign). */
export function formatShare(x: number): string {
  if (!Number.isFinite(x)) return 'unknown';
  const p = x * 100;
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}
