/**
 * PostgreSQL's archive recovery of a restored data directory: the settings it starts with, what its backup_label
 * says, and the server log's failures turned into typed errors that quote the log. Pure: no I/O.
 *
 * Facts used (PostgreSQL 15 documentation, "Recovery Target" and "Archive Recovery" sections of runtime-config-wal,
 * and measured with Debian's 15, see ../shared/pitr-notes.md):
 * - `recovery.signal` starts a targeted recovery; without a target recovery replays every segment
 *   restore_command can fetch, then promotes.
 * - "At most one of recovery_target, recovery_target_lsn, recovery_target_name, recovery_target_time, or
 *   recovery_target_xid can be used" (runtime-config-wal): the others are set to '' here, since the backup's own
 *   files may carry one (pgBackRest's restore writes one). Measured on 15: assigning any of them, even '', while
 *   another is already set raises "multiple recovery targets specified", so the chosen one is assigned last.
 * - Command-line `-c` settings override every configuration file, so nothing in the backup's files is edited.
 */
import { type RecoveryTarget, postgresTime } from './backup.js'

/** Written to the server log by the restore_command wrapper when the user's command fails, naming the file. */
export const FETCH_FAILED = 'neon-recovery-action: restore-command exited'

/**
 * restore_command wrapped so that a failure names the file it could not fetch (PostgreSQL logs a failed
 * restore_command only at DEBUG2). `%f` and `%p` are substituted by PostgreSQL in the whole string. The command's
 * exit status is passed on unchanged: PostgreSQL aborts recovery when "the command was terminated by a signal
 * (other than SIGTERM ...) or an error by the shell (such as command not found)" (docs: Continuous Archiving,
 * Recovering Using a Continuous Archive Backup), which it reads from that status.
 */
export function wrapRestoreCommand(command: string): string {
  return `(${command}); s=$?; [ $s -eq 0 ] || echo "${FETCH_FAILED} $s for %f" >&2; exit $s`
}

export interface RecoveryOptions {
  restoreCommand: string
  target: RecoveryTarget
  /** Unix socket directory; the server listens on no TCP address. */
  socketDir: string
  /** Our own pg_hba.conf (trust over the socket only): the backup's may ask for passwords we do not have. */
  hbaFile: string
}

/** Only one of these may be non-empty. */
const TARGETS = [
  'recovery_target',
  'recovery_target_lsn',
  'recovery_target_name',
  'recovery_target_time',
  'recovery_target_xid'
]

/**
 * The server's settings, as `-c name=value` arguments. Archiving is off: the restored copy must never push WAL
 * into the primary's archive. `recovery_target_inclusive` stays on (the default): a time target keeps the commits
 * at or before it; an LSN target also replays the record that starts at it. The timeline stays at its default,
 * `latest`: a self-hosted archive holds one primary's history.
 */
export function serverSettings(options: RecoveryOptions): Record<string, string> {
  const settings: Record<string, string> = {
    listen_addresses: '',
    unix_socket_directories: options.socketDir,
    port: '5432',
    hba_file: options.hbaFile,
    archive_mode: 'off',
    hot_standby: 'off',
    primary_conninfo: '',
    restore_command: wrapRestoreCommand(options.restoreCommand),
    recovery_target_action: 'promote',
    max_connections: '20',
    shared_buffers: '32MB'
  }
  // Setting any target (even to '') while another is set is the error, so the empties come first, the target last.
  for (const name of TARGETS) settings[name] = ''
  const target = options.target
  if (target.kind === 'end') return settings
  const [name, value] =
    target.kind === 'time' ? ['recovery_target_time', postgresTime(target.time)] : ['recovery_target_lsn', target.lsn]
  delete settings[name]
  return { ...settings, [name]: value }
}

export function settingsArgs(settings: Record<string, string>): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])
}

export interface BackupLabel {
  /** Where replay starts (`START WAL LOCATION`). */
  startLsn: string
  startSegment: string
  /** `START TIME`, as PostgreSQL wrote it (e.g. `2026-12-01 16:01:38 UTC`). */
  startTime?: string
  timeline?: number
}

/** Reads a backup_label (PostgreSQL's do_pg_backup_stop writes it); undefined when it is not one. */
export function parseBackupLabel(text: string): BackupLabel | undefined {
  const start = /^START WAL LOCATION: ([0-9A-F]+\/[0-9A-F]+) \(file ([0-9A-F]{24})\)/m.exec(text)
  if (!start) return undefined
  const time = /^START TIME: (.+)$/m.exec(text)?.[1]
  const timeline = /^START TIMELINE: (\d+)$/m.exec(text)?.[1]
  return {
    startLsn: start[1],
    startSegment: start[2],
    startTime: time,
    timeline: timeline ? Number(timeline) : undefined
  }
}

/** PostgreSQL stopped the recovery: the FATAL line, quoted. */
export class RecoveryFailedError extends Error {
  constructor(
    message: string,
    readonly fatal: string
  ) {
    super(message)
    this.name = 'RecoveryFailedError'
  }
}

/** The WAL recovery needs could not be fetched: the segment and what restore_command printed. */
export class SegmentUnavailableError extends RecoveryFailedError {
  constructor(
    readonly segment: string,
    readonly toolOutput: string | undefined,
    fatal: string
  ) {
    super(
      `restore-command could not fetch WAL segment ${segment}, which the recovery needs` +
        `${toolOutput ? ` (it printed: "${toolOutput}")` : ''}; PostgreSQL stopped with "${fatal}". ` +
        'Check that restore-command fetches from the archive this backup belongs to and that the archive holds ' +
        `${segment}, or choose an earlier at`,
      fatal
    )
    this.name = 'SegmentUnavailableError'
  }
}

/** The target lies before the point where the backup becomes consistent (its end). */
export class TargetBeforeBackupEndError extends RecoveryFailedError {
  constructor(fatal: string) {
    super(
      `at lies before the end of the base backup: PostgreSQL stopped with "${fatal}". ` +
        'Choose a later at, or a backup taken before that point',
      fatal
    )
    this.name = 'TargetBeforeBackupEndError'
  }
}

/** FATAL lines that mean WAL was missing (xlogrecovery.c in PostgreSQL 15). */
const MISSING_WAL = [
  'could not locate required checkpoint record',
  'recovery ended before configured recovery target was reached',
  'WAL ends before consistent recovery point',
  'WAL ends before end of online backup'
]

const SEGMENT = /^[0-9A-F]{24}$/

/** The failure a stopped recovery's log shows, typed; undefined when it shows no FATAL line. */
export function recoveryFailure(log: string): RecoveryFailedError | undefined {
  const lines = log.split('\n')
  const fatalAt = lines.findIndex((line) => /\b(FATAL|PANIC):/.test(line))
  if (fatalAt < 0) return undefined
  const fatal = lines[fatalAt].replace(/^.*?\b(FATAL|PANIC):\s*/, '$1: ')
  if (fatal.includes('requested recovery stop point is before consistent recovery point'))
    return new TargetBeforeBackupEndError(fatal)
  if (MISSING_WAL.some((text) => fatal.includes(text))) {
    const failed = lastFailedFetch(lines.slice(0, fatalAt))
    if (failed) return new SegmentUnavailableError(failed.segment, failed.output, fatal)
  }
  return new RecoveryFailedError(`PostgreSQL stopped the recovery with "${fatal}"`, fatal)
}

/** The last WAL segment (not a timeline history file) restore_command failed to fetch, and what it printed. */
function lastFailedFetch(lines: string[]): { segment: string; output?: string } | undefined {
  for (let index = lines.length - 1; index >= 0; index--) {
    if (!lines[index].startsWith(FETCH_FAILED)) continue
    const segment = lines[index].split(' ').at(-1) ?? ''
    if (SEGMENT.test(segment)) return { segment, output: printedBefore(lines, index) }
  }
  return undefined
}

/** The command's own lines just before the wrapper's (the server's lines start with a timestamp), its error first. */
function printedBefore(lines: string[], index: number): string | undefined {
  const printed: string[] = []
  for (let at = index - 1; at >= 0 && printed.length < 6; at--) {
    if (/^\d{4}-\d{2}-\d{2} /.test(lines[at]) || lines[at].startsWith(FETCH_FAILED)) break
    printed.unshift(lines[at].trim())
  }
  const error = printed.find((line) => /error/i.test(line))
  return (error ?? printed[0])?.slice(0, 300) || undefined
}
