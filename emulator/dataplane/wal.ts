/**
 * Where WAL lives: the emulator's segment size and how segments are numbered and named on disk. Reading what
 * is inside them is emulator/dataplane/walreader.ts's.
 */
import type { Lsn } from '../../src/lsn.js'

/** Clusters are made with `initdb --wal-segsize=1`: small segments keep recovery and archiving cheap. */
export const SEGMENT_SIZE = 1n << 20n
const SEGMENTS_PER_ID = 0x100000000n / SEGMENT_SIZE

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
