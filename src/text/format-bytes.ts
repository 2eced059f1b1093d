/** Byte counts for people, in French: the one copy, for pages, messages and reports. */

const units = ['o', 'Kio', 'Mio', 'Gio', 'Tio'] as const;
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/**
 * "512 o", "1,5 Kio", "20 Mio": binary multiples, as limits such as MAX_FILE_BYTES are
 * set; one decimal below 10 only, where it still says something.
 * @param bytes a count of bytes (0 or more)
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // Rounding may reach the next unit ("1 024 Kio"): say "1 Mio" instead.
  if (unit < units.length - 1 && Math.round(value) >= 1024) {
    value /= 1024;
    unit++;
  }
  const format = unit > 0 && value < 10 ? oneDecimal : whole;
  return `${format.format(value)} ${units[unit]}`;
}
