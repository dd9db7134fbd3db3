// File sizes in the units people read (500 bytes, 100 kB, 10 MB), decimal as Discord and file managers show
// them. Intl's unit formatting does the work; this only picks the unit.
const bytesFormat = new Intl.NumberFormat('en', { style: 'unit', unit: 'byte', unitDisplay: 'long' });
const kilobytesFormat = new Intl.NumberFormat('en', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
const megabytesFormat = new Intl.NumberFormat('en', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return megabytesFormat.format(bytes / 1_000_000);
  if (bytes >= 1000) return kilobytesFormat.format(bytes / 1000);
  return bytesFormat.format(bytes);
}
