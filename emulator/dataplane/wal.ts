import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { alignUp, formatLsn, parseLsn, type Lsn } from '../../src/lsn.js'

const run = promisify(execFile)

/** Clusters are made with `initdb --wal-segsize=1`: small segments keep recovery and archiving cheap. */
export const SEGMENT_SIZE = 1n << 20n
const SEGMENTS_PER_ID = 0x100000000n / SEGMENT_SIZE

export interface WalRecord {
  start: Lsn
  /** Unaligned end: where its last byte ends, past the headers of the pages it runs across. */
  end: Lsn
  rmgr: string
  desc: string
  /** For transaction commits: the commit time in microseconds since the Unix epoch. */
  commitMicros?: bigint
}

export function segmentOf(lsn: Lsn): bigint {
  return lsn / SEGMENT_SIZE
}

export function segmentStart(segment: bigint): Lsn {
  return segment * SEGMENT_SIZE
}

export function segmentFileName(timeline: number, segment: bigint): string {
  const hex = (value: bigint | number) => value.toString(16).toUpperCase().padStart(8, '0')
  return hex(timeline) + hex(segment / SEGMENTS_PER_ID) + hex(segment % SEGMENTS_PER_ID)
}

const PAGE_SIZE = 8192n

/** Every WAL page starts with a header: a long one on the first page of a segment. */
function pageHeaderSize(pageStart: Lsn): bigint {
  return pageStart % SEGMENT_SIZE === 0n ? 40n : 24n
}

/** Where a record of `length` bytes (pg_waldump's total length) starting at `start` ends. */
export function recordEndLsn(start: Lsn, length: bigint): Lsn {
  let position = start
  let remaining = length
  for (;;) {
    const pageEnd = (position / PAGE_SIZE + 1n) * PAGE_SIZE
    if (remaining <= pageEnd - position) return position + remaining
    remaining -= pageEnd - position
    position = pageEnd + pageHeaderSize(pageEnd)
  }
}

/** Where the record after one ending at `end` starts: 8-byte aligned, after a page header at a page start. */
export function nextRecordStart(end: Lsn): Lsn {
  const aligned = alignUp(end)
  return aligned % PAGE_SIZE === 0n ? aligned + pageHeaderSize(aligned) : aligned
}

const LINE =
  /^rmgr: (\S+)\s+len \(rec\/tot\):\s*\d+\/\s*(\d+), tx:\s*\d+, lsn: ([0-9A-F]+\/[0-9A-F]+), prev [^,]+, desc: (.*)$/
const COMMIT = /^COMMIT (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d{1,6}))? UTC/

/** Microseconds since the epoch from PostgreSQL's `YYYY-MM-DD HH:MM:SS.ffffff` in UTC. */
function commitMicros(date: string, fraction: string | undefined): bigint {
  const seconds = BigInt(Date.parse(date.replace(' ', 'T') + 'Z') / 1000)
  return seconds * 1_000_000n + BigInt((fraction ?? '').padEnd(6, '0'))
}

export function parseWaldump(output: string): WalRecord[] {
  const records: WalRecord[] = []
  for (const line of output.split('\n')) {
    const match = LINE.exec(line)
    if (!match) continue
    const [, rmgr, totalLength, lsn, desc] = match
    const start = parseLsn(lsn)
    const record: WalRecord = { start, end: recordEndLsn(start, BigInt(totalLength)), rmgr, desc }
    const commit = rmgr === 'Transaction' ? COMMIT.exec(desc) : null
    if (commit) record.commitMicros = commitMicros(commit[1], commit[2])
    records.push(record)
  }
  return records
}

/**
 * Decodes the records of one timeline from a position with pg_waldump: up to `to` (a record that runs past it
 * is not read at all), or `limit` records. The end of written WAL makes pg_waldump exit non-zero after printing
 * what it read: that is expected, not an error.
 */
export async function readRecords(
  pgBin: string,
  walDir: string,
  timeline: number,
  from: Lsn,
  until: { to: Lsn } | { limit: number }
): Promise<WalRecord[]> {
  const args = ['--path', walDir, '--timeline', String(timeline), '--start', formatLsn(from)]
  if ('to' in until) args.push('--end', formatLsn(until.to))
  else args.push('--limit', String(until.limit))
  const options = { env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' }, maxBuffer: 256 * 1024 * 1024 }
  try {
    const { stdout } = await run(path.join(pgBin, 'pg_waldump'), args, options)
    return parseWaldump(stdout)
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? ''
    return parseWaldump(stdout)
  }
}
