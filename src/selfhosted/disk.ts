/**
 * Disk space for bisect's copies: what a data directory takes, what a filesystem has free, and the refusal when
 * a round's copies would not fit. Sizes are allocated blocks (`st_blocks`, 512-byte units in POSIX `stat`), as
 * `du` counts them; a reflinked copy shares blocks, so these figures are an upper bound there.
 */
import { lstat, readdir, statfs } from 'node:fs/promises'
import path from 'node:path'
import { formatBytes } from '../format.js'

/** What the files under `dir` take on disk. */
export async function treeBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true })
  const sizes = await Promise.all(
    entries.map((entry) =>
      lstat(path.join(dir, entry)).then(
        (stats) => stats.blocks * 512,
        () => 0 // removed meanwhile (a temporary file of a running server)
      )
    )
  )
  return sizes.reduce((sum, size) => sum + size, 0)
}

/** Free bytes an unprivileged user may use on the filesystem of `dir` (statfs: f_bavail × f_bsize). */
export async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir)
  return stats.bavail * stats.bsize
}

/** A round's copies would not fit: the figures, and the parallelism that would. */
export class DiskSpaceError extends Error {
  constructor(
    readonly needBytes: number,
    readonly freeBytes: number,
    message: string
  ) {
    super(message)
    this.name = 'DiskSpaceError'
  }
}

export interface Room {
  /** Copies a round makes (parallelism). */
  parallelism: number
  /** The size of one copy: the restored cluster, or the backup when estimated before the restore. */
  eachBytes: number
  /** Copies on disk besides a round's: the paused cluster at good and the copy kept at bad. */
  held: number
  freeBytes: number
  /** Where, for the message. */
  dir: string
  /** What the size is of, for the message: "the restored cluster" or "the base backup". */
  what: string
}

/** The bytes the round's copies and the held ones need beyond what is on disk already. */
export function neededBytes(room: Room): number {
  return (room.parallelism + room.held) * room.eachBytes
}

/** Refuses, before any copy, when a round would not fit; names the parallelism that would. */
export function checkRoom(room: Room): void {
  const need = neededBytes(room)
  if (need <= room.freeBytes) return
  const fits = Math.floor(room.freeBytes / room.eachBytes) - room.held
  const fix =
    fits >= 1
      ? `set parallelism: ${fits} (${fits + room.held} copies fit), or free space in ${room.dir}`
      : `free space in ${room.dir} (or point RUNNER_TEMP at a larger disk): not even one copy a round fits`
  throw new DiskSpaceError(
    need,
    room.freeBytes,
    `parallelism: ${room.parallelism} copies a round, with the ${room.held} held between rounds, need ` +
      `${formatBytes(need)} (${room.parallelism + room.held} × ${formatBytes(room.eachBytes)}, ${room.what}) but ` +
      `${room.dir} has ${formatBytes(room.freeBytes)} free: ${fix}`
  )
}
