/**
 * What a storage's WAL history answers: the recovery target that gives Neon's LSN rule, and the last commit
 * before a point (for timestamps). It asks emulator/dataplane/walreader.ts for records; it alone knows how
 * those answers are put together from them.
 */
import type { Lsn } from '../../src/lsn.js'
import { segmentFiles, WalReader, type WalRecord } from './walreader.js'
import { segmentOf, segmentStart, SEGMENT_SIZE } from './wal.js'

/** Where one timeline's WAL can be read: its archive first, then the live cluster's pg_wal. */
export interface TimelineWal {
  timeline: number
  dirs: string[]
}

function readerOf(wal: TimelineWal): WalReader {
  return new WalReader(segmentFiles(wal.dirs, wal.timeline), Number(SEGMENT_SIZE))
}

/**
 * The recovery target that reproduces Neon's rule for a branch at `lsn` (already 8-byte aligned): keep
 * exactly the records that end at or before it (their `endLsn`). Recovery with `inclusive = off` keeps the
 * records that start before its target, so the target is the start of the record that `lsn` falls inside (from
 * its start to its end), else `lsn` itself: where a record starts, and between a record that ends at a page
 * boundary and the next one, which starts past the page header (a commit there is in the state at that
 * boundary, which is what pg_current_wal_lsn() answered after it). `atEnd` says no record can be read from
 * there on: the head, or WAL not yet written. Records that start before `floor` are not targets.
 */
export async function recoveryTarget(wal: TimelineWal, lsn: Lsn, floor: Lsn): Promise<{ target: Lsn; atEnd: boolean }> {
  const reader = readerOf(wal)
  const boundary = (await reader.boundaryAtOrBefore(lsn, floor)) ?? (await reader.firstRecordFrom(floor))?.start
  const record = boundary === undefined ? undefined : await reader.walk(boundary, (read) => read.endLsn <= lsn)
  if (!record) return { target: lsn, atEnd: true }
  return { target: record.start >= floor && record.start < lsn ? record.start : lsn, atEnd: false }
}

export interface Commit {
  /** The commit record's endLsn: the LSN of the state right after it. */
  lsn: Lsn
  micros: bigint
}

/**
 * The last commit in [from, to) whose time passes `accept`, scanning back one segment at a time (most
 * points asked for are recent). A commit counts when its record starts in the range and ends by `to`.
 */
export async function lastCommit(
  wal: TimelineWal,
  from: Lsn,
  to: Lsn,
  accept: (commit: Commit) => boolean,
  maxSegments = Number.MAX_SAFE_INTEGER
): Promise<Commit | undefined> {
  const reader = readerOf(wal)
  let scanned = 0
  for (
    let segment = segmentOf(to > 0n ? to - 1n : 0n);
    segment >= segmentOf(from) && scanned < maxSegments;
    segment--
  ) {
    scanned++
    const start = segmentStart(segment) > from ? segmentStart(segment) : from
    const end = segmentStart(segment) + SEGMENT_SIZE < to ? segmentStart(segment) + SEGMENT_SIZE : to
    let found: Commit | undefined
    const visit = (record: WalRecord) => {
      if (record.start >= end) return false
      const commit = record.commitMicros === undefined ? undefined : { lsn: record.endLsn, micros: record.commitMicros }
      if (commit && commit.lsn <= to && accept(commit)) found = commit
      return true
    }
    const first = await reader.firstRecordFrom(start)
    if (first) await reader.walk(first.start, visit)
    if (found) return found
    if (segment === 0n) break
  }
  return undefined
}
