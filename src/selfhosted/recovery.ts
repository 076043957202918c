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
  /**
   * What the server does at the target: promote (the default), or pause there read-only (bisect), which needs
   * hot standby and so the primary's values of the settings a hot standby checks (see `hotStandbySettings`).
   */
  hold?: { kind: 'promote' } | { kind: 'pause'; limits: Record<string, string> }
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
 * into the primary's archive. Messages are in English (`lc_messages=C`), since the failures are read from the log.
 * A time target is inclusive (the default): it keeps the commits at or before it. An LSN target is not:
 * recovery_target_inclusive "specifies whether to stop just after the specified recovery target (on), or just
 * before the recovery target (off)" (runtime-config-wal), and PostgreSQL compares the start of each record with
 * the target (xlogrecovery.c, recoveryStopsBefore: `record->ReadRecPtr >= recoveryTargetLSN`), so the state at
 * an LSN is every record that starts before it: for an LSN the primary's pg_current_wal_lsn() returned, exactly
 * what was written then, as on Neon. Inclusive would also replay the record starting there (a commit, say). The
 * timeline stays at its default, `latest`: a self-hosted archive holds one primary's history.
 */
export function serverSettings(options: RecoveryOptions): Record<string, string> {
  const pause = options.hold?.kind === 'pause' ? options.hold.limits : undefined
  const settings: Record<string, string> = {
    listen_addresses: '',
    unix_socket_directories: options.socketDir,
    port: '5432',
    hba_file: options.hbaFile,
    archive_mode: 'off',
    hot_standby: pause ? 'on' : 'off',
    primary_conninfo: '',
    restore_command: wrapRestoreCommand(options.restoreCommand),
    recovery_target_action: pause ? 'pause' : 'promote',
    recovery_target_inclusive: options.target.kind === 'lsn' ? 'off' : 'on',
    lc_messages: 'C',
    max_connections: '20',
    shared_buffers: '32MB',
    ...pause
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

/**
 * A hot standby refuses to run with a lower max_connections, max_worker_processes, max_wal_senders,
 * max_prepared_transactions or max_locks_per_transaction than the primary's ("Hot Standby", Administrator's
 * Overview, PostgreSQL 15 docs), which pg_controldata reports as `<name> setting:` lines: the same values are set.
 */
const HOT_STANDBY_CONTROL: Record<string, string> = {
  max_connections: 'max_connections setting',
  max_worker_processes: 'max_worker_processes setting',
  max_wal_senders: 'max_wal_senders setting',
  max_prepared_transactions: 'max_prepared_xacts setting',
  max_locks_per_transaction: 'max_locks_per_xact setting'
}

/** pg_controldata's output (run with LC_ALL=C) as name → value. */
export function parseControlData(text: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return fields
}

/** The settings a paused (hot standby) copy needs from its control file; the message says which one is missing. */
export function hotStandbySettings(control: Record<string, string>): Record<string, string> {
  const settings: Record<string, string> = {}
  for (const [name, field] of Object.entries(HOT_STANDBY_CONTROL)) {
    if (!/^\d+$/.test(control[field] ?? '')) throw new Error(`pg_controldata did not report "${field}"`)
    settings[name] = control[field]
  }
  return settings
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
