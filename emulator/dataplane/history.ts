import { mkdtemp, rm, symlink, access } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Lsn } from '../../src/lsn.js'
import {
  nextRecordStart,
  readRecords,
  segmentFileName,
  segmentOf,
  segmentStart,
  SEGMENT_SIZE,
  type WalRecord
} from './wal.js'

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
 * Links the timeline's segments from `from`'s on into a scratch directory (pg_waldump wants them in one place),
 * up to `last`'s or, without it, as far as they go; runs `read` on it. Returns undefined if the first is missing.
 */
async function withSegments<T>(
  wal: TimelineWal,
  from: Lsn,
  last: Lsn | undefined,
  read: (dir: string, first: bigint) => Promise<T>
): Promise<T | undefined> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'neon-emu-wal-'))
  try {
    let first: bigint | undefined
    for (let segment = segmentOf(from); last === undefined || segment <= segmentOf(last); segment++) {
      const name = segmentFileName(wal.timeline, segment)
      let linked = false
      for (const dir of wal.dirs) {
        const file = path.join(dir, name)
        if (await exists(file)) {
          await symlink(file, path.join(scratch, name))
          first ??= segment
          linked = true
          break
        }
      }
      if (!linked && last === undefined) break
    }
    return first === undefined ? undefined : await read(scratch, first)
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** Decodes records of one timeline that start in [from, to) and end before `to`. */
export async function recordsBetween(wal: TimelineWal, from: Lsn, to: Lsn): Promise<WalRecord[]> {
  const records = await withSegments(wal, from, to, (dir, first) => {
    const start = from > segmentStart(first) ? from : segmentStart(first)
    return readRecords(wal.pgBin, dir, wal.timeline, start, { to })
  })
  return (records ?? []).filter((record) => record.start >= from && record.start < to)
}

/** The first record starting at or after `from`, however long it is; undefined where the WAL ends. */
async function firstRecordFrom(wal: TimelineWal, from: Lsn): Promise<WalRecord | undefined> {
  const records = await withSegments(wal, from, undefined, (dir) =>
    readRecords(wal.pgBin, dir, wal.timeline, from, { limit: 1 })
  )
  return records?.[0]
}

/** The aligned end of each record: where the next one starts (page headers included). */
function recordEnd(records: WalRecord[], index: number): Lsn {
  return index + 1 < records.length ? records[index + 1].start : nextRecordStart(records[index].end)
}

/**
 * The recovery target that reproduces Neon's rule for a branch at `lsn` (already 8-byte aligned): keep
 * exactly the records that end at or before it. Recovery with `inclusive = off` keeps the records that start
 * before its target, so the target is the start of the record that `lsn` falls inside, or `lsn` itself
 * when a record starts there. `atEnd` says no record can be read from there on: the head, or WAL not yet written.
 */
export async function recoveryTarget(wal: TimelineWal, lsn: Lsn, floor: Lsn): Promise<{ target: Lsn; atEnd: boolean }> {
  for (let window = 64n * 1024n; ; window *= 4n) {
    const from = lsn - window > floor ? lsn - window : floor
    const records = await recordsBetween(wal, from, lsn + 2n * 8192n)
    const index = records.findLastIndex((record) => record.start <= lsn)
    if (index >= 0 && recordEnd(records, index) > lsn) return { target: records[index].start, atEnd: false }
    if (index >= 0 || from === floor) {
      // Nothing decoded runs past `lsn`: either the WAL ends here, or the next record is too long to be
      // decoded in the window (pg_waldump reads no further than its end). Read that one record whole.
      const next = await firstRecordFrom(wal, index >= 0 ? recordEnd(records, index) : from)
      if (!next) return { target: lsn, atEnd: true }
      return { target: next.start < lsn ? next.start : lsn, atEnd: false }
    }
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
