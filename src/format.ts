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
