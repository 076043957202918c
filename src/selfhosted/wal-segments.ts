/**
 * WAL segment names, as PostgreSQL writes them, and the search for the first one an archive lacks. Pure: no I/O.
 *
 * From PostgreSQL's src/include/access/xlog_internal.h: a segment's number is `lsn / wal_segment_size`
 * (XLByteToSeg), and its file name is `%08X%08X%08X` of the timeline, `segno / XLogSegmentsPerXLogId` and
 * `segno % XLogSegmentsPerXLogId`, where XLogSegmentsPerXLogId is `0x100000000 / wal_segment_size`
 * (XLogFileName). A valid segment size is a power of 2 from 1 MB to 1 GB (IsValidWalSegSize, WalSegMinSize,
 * WalSegMaxSize). Names of one timeline therefore sort in WAL order as plain strings.
 */
import { formatLsn, parseLsn } from '../lsn.js'

/** Every size IsValidWalSegSize accepts: 1 MB, 2 MB, ... 1 GB. */
export const VALID_SEGMENT_SIZES: readonly number[] = Array.from({ length: 11 }, (_, power) => 2 ** (20 + power))

const SEGMENT_NAME = /^[0-9A-F]{24}$/

export function isSegmentName(name: string): boolean {
  return SEGMENT_NAME.test(name)
}

const hex8 = (value: bigint | number) => value.toString(16).toUpperCase().padStart(8, '0')

/** The name of segment number `segno` of `timeline` (XLogFileName). */
export function segmentFileName(timeline: number, segno: bigint, size: number): string {
  const perId = 0x100000000n / BigInt(size)
  return `${hex8(timeline)}${hex8(segno / perId)}${hex8(segno % perId)}`
}

/** The segment holding `lsn` ("X/Y") on `timeline`. */
export function segmentOf(lsn: string, timeline: number, size: number): string {
  return segmentFileName(timeline, parseLsn(lsn) / BigInt(size), size)
}

/** A segment name's timeline and number. */
export function parseSegmentName(name: string, size: number): { timeline: number; segno: bigint } {
  const perId = 0x100000000n / BigInt(size)
  return {
    timeline: Number.parseInt(name.slice(0, 8), 16),
    segno: BigInt(`0x${name.slice(8, 16)}`) * perId + BigInt(`0x${name.slice(16, 24)}`)
  }
}

/** The segment after `name` on its timeline. */
export function nextSegment(name: string, size: number): string {
  const { timeline, segno } = parseSegmentName(name, size)
  return segmentFileName(timeline, segno + 1n, size)
}

/** A place in the WAL known by both its LSN and the name of the segment holding it (backup_label, pgBackRest). */
export interface KnownPlace {
  lsn: string
  segment: string
}

/**
 * The segment size that makes every place's LSN fall in its named segment; undefined when none does, or when more
 * than one does (small LSNs fit several sizes): then it cannot be known from these places.
 */
export function segmentSizeFrom(places: readonly KnownPlace[]): number | undefined {
  if (places.length === 0) return undefined
  const fitting = VALID_SEGMENT_SIZES.filter((size) =>
    places.every(
      (place) => segmentOf(place.lsn, Number.parseInt(place.segment.slice(0, 8), 16), size) === place.segment
    )
  )
  return fitting.length === 1 ? fitting[0] : undefined
}

/**
 * The first segment from `from` up to `to` (both included, one timeline) that `present` lacks; undefined when
 * every one is there.
 */
export function firstMissing(present: ReadonlySet<string>, from: string, to: string, size: number): string | undefined {
  for (let name = from; name <= to; name = nextSegment(name, size)) if (!present.has(name)) return name
  return undefined
}

/** The newest segment of `timeline` among `names` (any order, other files ignored). */
export function newestSegment(names: Iterable<string>, timeline: number): string | undefined {
  const prefix = hex8(timeline)
  let newest: string | undefined
  for (const name of names)
    if (isSegmentName(name) && name.startsWith(prefix) && (!newest || name > newest)) newest = name
  return newest
}

/** The LSN where segment `name` starts ("X/Y"), for messages. */
export function segmentStartLsn(name: string, size: number): string {
  return formatLsn(parseSegmentName(name, size).segno * BigInt(size))
}
