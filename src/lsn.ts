/**
 * Log sequence numbers: 64-bit WAL positions written `X/Y` in hex, as PostgreSQL prints them.
 * Kept as bigint so arithmetic past 2^53 stays exact.
 */
export type Lsn = bigint

const LSN_PATTERN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/

/** Neon's storage rounds a branch point up to a multiple of 8 bytes: WAL records are 8-byte aligned. */
export const LSN_ALIGNMENT = 8n

export function isLsn(text: string): boolean {
  return LSN_PATTERN.test(text.trim())
}

export function parseLsn(text: string): Lsn {
  const match = LSN_PATTERN.exec(text.trim())
  if (!match) {
    throw new Error(`"${text}" is not an LSN (expected hex like 0/16B3748)`)
  }
  return (BigInt('0x' + match[1]) << 32n) | BigInt('0x' + match[2])
}

/** Formats as PostgreSQL does: upper-case hex, no leading zeros, e.g. `0/16B3748`. */
export function formatLsn(lsn: Lsn): string {
  if (lsn < 0n || lsn > 0xffffffffffffffffn) {
    throw new RangeError(`LSN out of range: ${lsn}`)
  }
  const high = (lsn >> 32n).toString(16).toUpperCase()
  const low = (lsn & 0xffffffffn).toString(16).toUpperCase()
  return `${high}/${low}`
}

export function alignUp(lsn: Lsn, alignment: Lsn = LSN_ALIGNMENT): Lsn {
  const rest = lsn % alignment
  return rest === 0n ? lsn : lsn + alignment - rest
}

export function alignDown(lsn: Lsn, alignment: Lsn = LSN_ALIGNMENT): Lsn {
  return lsn - (lsn % alignment)
}

/** Normalises any LSN text to PostgreSQL's canonical spelling. */
export function normalizeLsn(text: string): string {
  return formatLsn(parseLsn(text))
}
