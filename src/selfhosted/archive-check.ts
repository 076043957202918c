/**
 * Before anything starts: does the WAL archive hold every segment the recovery to `at` needs? Refused with the
 * first missing segment named, instead of PostgreSQL stopping half-way through the replay. Two archives can be
 * read without starting anything:
 * - a pgBackRest stanza: `pgbackrest info --output=json` gives each archive's `min` and `max` segment ("The 'wal
 *   archive min/max' shows the minimum and maximum WAL currently stored in the archive",
 *   pgbackrest.org/command.html#command-info). It does not say whether segments between them are missing, so
 *   only a target past `max` is refused.
 * - a plain directory that restore-command copies from (`cp /archive/%f "%p"`): it is listed, and every segment
 *   from the backup's start up to the target's (or the newest there) must be in it or in the backup's own pg_wal.
 * Anything else (an object store, a command we do not read) is left to PostgreSQL, whose failure
 * src/selfhosted/recovery.ts turns into a SegmentUnavailableError naming the segment.
 *
 * The segment size is never assumed: it is the one size under which the backup's known LSNs fall in the segments
 * named beside them (backup_label's START WAL LOCATION, pgBackRest's lsn and archive start/stop); when that does
 * not settle it, the check is skipped and the log says so.
 */
import { existsSync, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { isTar, pgWalTar, type BackupSpec, type RecoveryTarget } from './backup.js'
import { BackupError, type BackupFacts } from './inspect.js'
import { runAs, type ClusterUser } from './user.js'
import {
  firstMissing,
  isSegmentName,
  newestSegment,
  nextSegment,
  segmentOf,
  segmentSizeFrom,
  segmentStartLsn
} from './wal-segments.js'

/** The archive lacks a WAL segment the recovery to `at` needs. */
export class MissingSegmentError extends BackupError {
  constructor(
    readonly segment: string,
    message: string
  ) {
    super(message)
    this.name = 'MissingSegmentError'
  }
}

/**
 * The directory a restore-command copies from: its `<absolute dir>/%f` word (quoted or not), when that directory
 * exists. Undefined for any other command: what it fetches from cannot be listed here.
 */
export function localArchiveDir(restoreCommand: string): string | undefined {
  for (const word of restoreCommand.split(/\s+/)) {
    const match = /^["']?(\/[^"'\s]*)\/%f["']?;?$/.exec(word)
    if (match && isDirectory(match[1])) return match[1]
  }
  return undefined
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory()
}

export interface ArchiveCheckInput {
  backup: BackupSpec
  target: RecoveryTarget
  facts: BackupFacts
  restoreCommand: string
  user: ClusterUser
  info: (message: string) => void
}

/**
 * Throws MissingSegmentError when the archive cannot serve the recovery; answers what was checked, in words (a
 * dry run's plan shows it), and logs what could not be.
 */
export async function checkArchive(input: ArchiveCheckInput): Promise<string> {
  const wal = input.facts.wal
  if (!wal) return 'not checked before the restore (the backup command is known only once it ran)'
  const size = segmentSizeFrom(wal.places)
  if (!size) {
    const skipped =
      'not checked before the restore: the WAL segment size cannot be told from the backup ' +
      `(${wal.places.map((place) => `${place.lsn} in ${place.segment}`).join(', ') || 'no LSN with its segment'})`
    input.info(`WAL archive ${skipped}`)
    return skipped
  }
  if (wal.archived) return checkStanzaArchive(input, wal.archived, size)
  const dir = localArchiveDir(input.restoreCommand)
  if (dir && wal.startSegment) return checkDirectory(input, dir, wal.startSegment, size)
  return 'checked by PostgreSQL as it replays (restore-command copies from no local directory)'
}

function checkStanzaArchive(input: ArchiveCheckInput, archived: { max: string; stanza: string }, size: number): string {
  const holds = `pgBackRest's archive ends with ${archived.max}`
  if (input.target.kind !== 'lsn') return `${holds}; a time or head is checked by PostgreSQL as it replays`
  const needed = segmentOf(input.target.lsn, Number.parseInt(archived.max.slice(0, 8), 16), size)
  if (needed <= archived.max) return `${holds}, not before ${needed} (the segment of at)`
  const missing = nextSegment(archived.max, size)
  throw new MissingSegmentError(
    missing,
    `at: ${input.target.lsn} needs WAL segment ${needed}, but the archive of pgBackRest stanza ${archived.stanza} ` +
      `ends with ${archived.max} (pgbackrest info): it lacks ${missing} onwards. Choose an at before ` +
      `${segmentStartLsn(missing, size)}, or archive the missing WAL first (on the primary: SELECT pg_switch_wal())`
  )
}

async function checkDirectory(input: ArchiveCheckInput, dir: string, start: string, size: number): Promise<string> {
  const names = await readdir(dir)
  // A timeline switch (a promoted standby, an earlier restore) continues on other segment names: not followed here.
  if (names.some((name) => name.endsWith('.history'))) {
    const skipped = `${dir} not checked before the restore: it holds timeline history files, which this check does not follow`
    input.info(`WAL archive ${skipped}`)
    return skipped
  }
  const present = new Set([...names, ...(await backupWal(input.backup, input.user))].filter(isSegmentName))
  const timeline = Number.parseInt(start.slice(0, 8), 16)
  const target = input.target
  const last = target.kind === 'lsn' ? segmentOf(target.lsn, timeline, size) : newestSegment(present, timeline)
  const missing = firstMissing(present, start, last && last > start ? last : start, size)
  if (!missing) return `${dir} holds every segment from ${start} to ${last ?? start}`
  throw new MissingSegmentError(missing, directoryMessage({ dir, start, last, missing, size, target }, present))
}

interface Gap {
  dir: string
  start: string
  last?: string
  missing: string
  size: number
  target: RecoveryTarget
}

/** Past the newest segment: the archive is behind; before it: a hole, whose fix is to copy the file back. */
function directoryMessage(gap: Gap, present: ReadonlySet<string>): string {
  const { dir, start, missing, target } = gap
  const at = target.kind === 'lsn' ? target.lsn : target.kind === 'time' ? target.time : 'head'
  const behind = ![...present].some((name) => name > missing)
  const earlier = missing === start ? '' : `, or choose an at before ${segmentStartLsn(missing, gap.size)}`
  const fix = behind
    ? `It ends before that: archive the rest first (on the primary: SELECT pg_switch_wal(), then wait for archive_command)${earlier}`
    : `Copy ${missing} back into ${dir} (from the primary's pg_wal or another copy of the archive)${earlier}` +
      (target.kind === 'time' ? ' (the time may lie before the hole: an LSN at before it is checked exactly)' : '')
  return (
    `restore-command copies from ${dir}, which lacks WAL segment ${missing}: the recovery from the backup's start ` +
    `(${start}) to at: ${at} reads every segment up to ${gap.last ?? start}. ${fix}`
  )
}

/** The segment names a `dir:` backup carries itself (pg_basebackup -X stream/fetch): PostgreSQL reads them too. */
async function backupWal(backup: BackupSpec, user: ClusterUser): Promise<string[]> {
  if (backup.kind !== 'dir') return []
  if (!isTar(backup.path)) return readdir(path.join(backup.path, 'pg_wal')).catch(() => [])
  const walTar = pgWalTar(backup.path)
  if (walTar === backup.path || !existsSync(walTar)) return []
  const { stdout } = await runAs(user, 'tar', ['-tf', walTar], { what: `tar -tf ${walTar}` })
  return stdout.split('\n').map((line) => path.basename(line.trim()))
}
