/**
 * Points in a branch's history, as users write them in inputs, and restore sources built from them.
 * Parsing is pure: "now" is passed in, so relative times and the future check are testable.
 */
import { parseDuration } from './duration.js'
import { formatTime } from './format.js'
import { isLsn, normalizeLsn, parseLsn } from './lsn.js'

export type Point =
  | { kind: 'head' }
  /** Canonical PostgreSQL spelling, e.g. `0/16B3748`. */
  | { kind: 'lsn'; lsn: string }
  /** RFC 3339 UTC with milliseconds; relative inputs are already resolved against "now". */
  | { kind: 'timestamp'; timestamp: string }

export const HEAD: Point = { kind: 'head' }

export const POINT_EXAMPLES =
  'head, an RFC 3339 timestamp like 2026-11-24T06:33:57Z, an LSN like 0/16B3748, or a relative time like 90m ago'

const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/
const TIMESTAMP_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/
const RELATIVE_PATTERN = /^(.+?)\s+ago$/i

export function parsePoint(text: string, now: Date): Point {
  const trimmed = text.trim()
  if (trimmed.toLowerCase() === 'head') return HEAD
  if (isLsn(trimmed)) return { kind: 'lsn', lsn: normalizeLsn(trimmed) }
  if (trimmed.includes('/')) parseLsn(trimmed) // throws the LSN-specific message for near misses like 0/ZZZ

  const relative = RELATIVE_PATTERN.exec(trimmed)
  if (relative) {
    const ms = parseDuration(relative[1])
    return { kind: 'timestamp', timestamp: formatTime(now.getTime() - ms) }
  }
  if (TIMESTAMP_WITHOUT_ZONE.test(trimmed)) {
    throw new Error(`"${text}" has no time zone (add Z for UTC, e.g. 2026-11-24T06:33:57Z, or an offset like +02:00)`)
  }
  if (TIMESTAMP_PATTERN.test(trimmed)) {
    const time = parseTimestamp(trimmed)
    if (time > now.getTime()) {
      throw new Error(`"${text}" is in the future (it is now ${formatTime(now)}; use a past time or head)`)
    }
    return { kind: 'timestamp', timestamp: formatTime(time) }
  }
  throw new Error(`"${text}" is not a point (expected ${POINT_EXAMPLES})`)
}

/** Milliseconds since the epoch; rejects dates the calendar does not have (Date.parse would roll Feb 30 over). */
function parseTimestamp(text: string): number {
  const [, year, month, day, hour, minute, second, , , offsetHours, offsetMinutes] = TIMESTAMP_PATTERN.exec(text)!
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  const valid =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours ?? 0) <= 23 &&
    Number(offsetMinutes ?? 0) <= 59
  if (!valid) {
    throw new Error(`"${text}" is not a valid date and time (check the month, day and hour ranges)`)
  }
  return Date.parse(text.replace(' ', 'T'))
}

export function describePoint(point: Point): string {
  switch (point.kind) {
    case 'head':
      return 'head'
    case 'lsn':
      return `LSN ${point.lsn}`
    case 'timestamp':
      return point.timestamp
  }
}

/** What a restore restores from. */
export type Source =
  | { kind: 'self'; point: Point }
  | { kind: 'parent'; point: Point }
  | { kind: 'branch'; branch: string; point: Point }
  | { kind: 'snapshot'; snapshot: string }

export const SOURCE_EXAMPLES = '^self@<point>, ^parent[@<point>], <branch>[@<point>] or snapshot:<id or name>'

/** Splits at the last `@`, as neonctl does, so branch names may themselves contain `@`. */
export function parseSource(text: string, now: Date): Source {
  const trimmed = text.trim()
  if (trimmed.startsWith('snapshot:')) {
    const snapshot = trimmed.slice('snapshot:'.length).trim()
    if (!snapshot) throw new Error(`"${text}" names no snapshot (expected snapshot:<id or name>)`)
    return { kind: 'snapshot', snapshot }
  }

  const at = trimmed.lastIndexOf('@')
  const base = (at === -1 ? trimmed : trimmed.slice(0, at)).trim()
  const pointText = at === -1 ? undefined : trimmed.slice(at + 1).trim()
  if (pointText === '') throw new Error(`"${text}" has nothing after @ (expected a point: ${POINT_EXAMPLES})`)
  const point = pointText === undefined ? HEAD : parsePoint(pointText, now)

  if (base === '^self') {
    if (point.kind === 'head') {
      throw new Error(`"${text}" would restore the branch to its own head (give a past point: ^self@<point>)`)
    }
    return { kind: 'self', point }
  }
  if (base === '^parent') return { kind: 'parent', point }
  if (base.startsWith('^')) throw new Error(`"${text}" uses an unknown reference ${base} (expected ${SOURCE_EXAMPLES})`)
  if (!base) throw new Error(`"${text}" names no branch before @ (expected ${SOURCE_EXAMPLES})`)
  return { kind: 'branch', branch: base, point }
}

export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'snapshot':
      return `snapshot ${source.snapshot}`
    case 'self':
      return `its own history at ${describePoint(source.point)}`
    case 'parent':
      return `its parent at ${describePoint(source.point)}`
    case 'branch':
      return `branch ${source.branch} at ${describePoint(source.point)}`
  }
}
