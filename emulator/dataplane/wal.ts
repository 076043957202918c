import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { formatLsn, parseLsn, type Lsn } from '../../src/lsn.js'

const run = promisify(execFile)

/** Clusters are made with `initdb --wal-segsize=1`: small segments keep recovery and archiving cheap. */
export const SEGMENT_SIZE = 1n << 20n
const SEGMENTS_PER_ID = 0x100000000n / SEGMENT_SIZE

export interface WalRecord {
  start: Lsn
  /** Unaligned end: start + total length (page headers inside a long record are not counted). */
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
    const record: WalRecord = { start, end: start + BigInt(totalLength), rmgr, desc }
    const commit = rmgr === 'Transaction' ? COMMIT.exec(desc) : null
    if (commit) record.commitMicros = commitMicros(commit[1], commit[2])
    records.push(record)
  }
  return records
}

/**
 * Decodes the records of one timeline between two positions with pg_waldump. The end of written WAL makes
 * pg_waldump exit non-zero after printing what it read: that is expected, not an error.
 */
export async function readRecords(
  pgBin: string,
  walDir: string,
  timeline: number,
  from: Lsn,
  to: Lsn
): Promise<WalRecord[]> {
  const args = ['--path', walDir, '--timeline', String(timeline), '--start', formatLsn(from), '--end', formatLsn(to)]
  const options = { env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' }, maxBuffer: 256 * 1024 * 1024 }
  try {
    const { stdout } = await run(path.join(pgBin, 'pg_waldump'), args, options)
    return parseWaldump(stdout)
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? ''
    return parseWaldump(stdout)
  }
}
