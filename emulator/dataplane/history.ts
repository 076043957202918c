import { mkdtemp, rm, symlink, access } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { alignUp, type Lsn } from '../../src/lsn.js'
import { readRecords, segmentFileName, segmentOf, segmentStart, SEGMENT_SIZE, type WalRecord } from './wal.js'

/** Where one timeline's WAL can be read: its archive first, then the live cluster's pg_wal. */
export interface TimelineWal {
  pgBin: string
  timeline: number
  dirs: string[]
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false
  )
}

/**
 * Decodes records of one timeline in [from, to). pg_waldump wants every segment in one directory, so the
 * segments are linked into a scratch one from wherever each lives.
 */
export async function recordsBetween(wal: TimelineWal, from: Lsn, to: Lsn): Promise<WalRecord[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'neon-emu-wal-'))
  try {
    let first: bigint | undefined
    for (let segment = segmentOf(from); segment <= segmentOf(to); segment++) {
      const name = segmentFileName(wal.timeline, segment)
      for (const dir of wal.dirs) {
        const file = path.join(dir, name)
        if (await exists(file)) {
          await symlink(file, path.join(scratch, name))
          first ??= segment
          break
        }
      }
    }
    if (first === undefined) return []
    const start = from > segmentStart(first) ? from : segmentStart(first)
    const records = await readRecords(wal.pgBin, scratch, wal.timeline, start, to)
    return records.filter((record) => record.start >= from && record.start < to)
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** The aligned end of each record: where the next one starts (page headers included), else its own length. */
function recordEnd(records: WalRecord[], index: number): Lsn {
  return index + 1 < records.length ? records[index + 1].start : alignUp(records[index].end)
}

/**
 * The recovery target that reproduces Neon's rule for a branch at `lsn` (already 8-byte aligned): keep
 * exactly the records that end at or before it. Recovery with `inclusive = off` keeps the records that start
 * before its target, so the target is the start of the record that `lsn` falls inside, or `lsn` itself
 * when a record starts there. `atEnd` says no record starts at the target yet (it is the head).
 */
export async function recoveryTarget(wal: TimelineWal, lsn: Lsn, floor: Lsn): Promise<{ target: Lsn; atEnd: boolean }> {
  for (let window = 64n * 1024n; ; window *= 4n) {
    const from = lsn - window > floor ? lsn - window : floor
    const records = await recordsBetween(wal, from, lsn + 2n * 8192n)
    const index = records.findLastIndex((record) => record.start <= lsn)
    if (index >= 0) {
      const end = recordEnd(records, index)
      if (end > lsn) return { target: records[index].start, atEnd: false }
      return { target: lsn, atEnd: index + 1 >= records.length }
    }
    if (from === floor) return { target: lsn, atEnd: records.length === 0 }
  }
}

export interface Commit {
  /** Aligned end of the commit record: the LSN of the state right after it. */
  lsn: Lsn
  micros: bigint
}

/**
 * The last commit in [from, to) whose time passes `accept`, scanning back one segment at a time (most
 * points asked for are recent).
 */
export async function lastCommit(
  wal: TimelineWal,
  from: Lsn,
  to: Lsn,
  accept: (commit: Commit) => boolean,
  maxSegments = Number.MAX_SAFE_INTEGER
): Promise<Commit | undefined> {
  let scanned = 0
  for (
    let segment = segmentOf(to > 0n ? to - 1n : 0n);
    segment >= segmentOf(from) && scanned < maxSegments;
    segment--
  ) {
    scanned++
    const start = segmentStart(segment) > from ? segmentStart(segment) : from
    const end = segmentStart(segment) + SEGMENT_SIZE < to ? segmentStart(segment) + SEGMENT_SIZE : to
    // Read a little past the segment so the record after the last commit gives its aligned end.
    const records = await recordsBetween(wal, start, end + 8192n)
    for (let index = records.length - 1; index >= 0; index--) {
      const record = records[index]
      if (record.commitMicros === undefined || record.start >= end) continue
      const commit = { lsn: recordEnd(records, index), micros: record.commitMicros }
      if (commit.lsn <= to && accept(commit)) return commit
    }
    if (segment === 0n) break
  }
  return undefined
}
