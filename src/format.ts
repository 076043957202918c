/** How times are written everywhere the action shows them: RFC 3339, UTC, milliseconds. */
export function formatTime(time: Date | number): string {
  const date = typeof time === 'number' ? new Date(time) : time
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('formatTime: invalid date')
  }
  return date.toISOString()
}

/** `20261124T063357Z`: sortable and safe inside branch names and schema names (no `:` or `.`). */
export function compactTime(time: Date | number): string {
  return formatTime(time)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** An expiry `inMs` after `now`, as Neon wants it: RFC 3339 with at most second precision. */
export function expiryTime(now: Date | number, inMs: number): string {
  const start = typeof now === 'number' ? now : now.getTime()
  return formatTime(start + inMs).replace(/\.\d{3}Z$/, 'Z')
}

/**
 * A size in binary units, as the summaries print it: `8 bytes`, `24 KiB`, `512.0 MiB`. `whole` drops the
 * decimal of a whole number (`512 MiB`), `exact` adds the byte count (`1.5 KiB (1536 bytes)`).
 */
export function formatBytes(bytes: number | bigint, { whole = false, exact = false } = {}): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = Number(bytes)
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  if (unit === 0) return `${value} bytes`
  const text = `${whole && Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
  return exact ? `${text} (${bytes} bytes)` : text
}
