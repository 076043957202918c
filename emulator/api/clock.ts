/** The emulator's clock: real time plus an offset that tests move (expiry, history windows, retention). */
export class Clock {
  private offsetMs = 0

  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }

  nowMs(): number {
    return Date.now() + this.offsetMs
  }

  /** RFC 3339 to the second, as Neon prints timestamps. */
  iso(date: Date = this.now()): string {
    return toIso(date)
  }

  setOffset(ms: number): void {
    this.offsetMs = ms
  }

  offset(): number {
    return this.offsetMs
  }
}

export function toIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

/** Parses `90s`, `30m`, `6h`, `7d`, `2w` into seconds. */
export function parseDurationSeconds(text: string): number {
  const match = /^(\d+)([smhdw])$/.exec(text.trim())
  if (!match || Number(match[1]) <= 0) {
    throw new Error(`invalid duration "${text}" (expected a positive number with s, m, h, d or w, e.g. 7d)`)
  }
  return Number(match[1]) * UNITS[match[2]]
}
