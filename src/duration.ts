/** Durations as users write them in workflow inputs: a whole number and a unit, e.g. `30s`, `90m`, `2h`, `7d`, `1w`. */

const UNIT_MS = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000
} as const

const DURATION_PATTERN = /^(\d+)\s*([smhdw])$/

export const DURATION_EXAMPLES = '30s, 90m, 2h, 7d or 1w'

/** Returns milliseconds; throws for anything that is not a positive whole number with a unit. */
export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text.trim().toLowerCase())
  if (!match) {
    throw new Error(`"${text}" is not a duration (expected a whole number and a unit: ${DURATION_EXAMPLES})`)
  }
  const amount = Number(match[1])
  if (amount === 0) {
    throw new Error(`"${text}" is zero (expected a positive duration: ${DURATION_EXAMPLES})`)
  }
  return amount * UNIT_MS[match[2] as keyof typeof UNIT_MS]
}

/** Short human form for summaries and logs: `850 ms`, `12.3 s`, `4 min 05 s`, `2 h 03 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const totalSeconds = Math.round(ms / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  if (hours === 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`
  return `${hours} h ${String(minutes).padStart(2, '0')} min`
}
