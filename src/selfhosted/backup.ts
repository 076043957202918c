/**
 * The `backup` input of backend: postgres, and what fills a new data directory from it. The backup tools do the
 * fetching with their own CLIs; this module only says which command runs. Pure: no I/O.
 */
export type BackupSpec =
  /** A pgBackRest stanza, restored with `pgbackrest restore` (which picks the backup for a time or LSN target). */
  | { kind: 'pgbackrest'; stanza: string }
  /**
   * Written by `pg_basebackup -D <dir>`: the directory (format plain), or its `base.tar` (format tar, `-Ft`,
   * optionally compressed), next to which a `pg_wal.tar` may hold the WAL the backup streamed.
   */
  | { kind: 'dir'; path: string }
  /** A shell command that fills `$PGDATA`, e.g. `wal-g backup-fetch "$PGDATA" LATEST`. */
  | { kind: 'command'; shell: string }

export const BACKUP_EXAMPLES =
  'pgbackrest:<stanza>, dir:<path of a pg_basebackup directory> or command:<shell filling $PGDATA>'

const STANZA = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/** Parses the `backup` input; the Error's message says what is expected (the input reader adds the name). */
export function parseBackup(text: string): BackupSpec {
  const colon = text.indexOf(':')
  const kind = colon < 0 ? '' : text.slice(0, colon).trim().toLowerCase()
  const value = colon < 0 ? '' : text.slice(colon + 1).trim()
  if (kind === 'pgbackrest') {
    if (!STANZA.test(value))
      throw new Error(`"${text}" names no pgBackRest stanza (expected pgbackrest:<stanza>, e.g. pgbackrest:main)`)
    return { kind, stanza: value }
  }
  if (kind === 'dir') {
    if (!value.startsWith('/')) throw new Error(`"${text}" is not an absolute path (expected dir:/path/to/base/backup)`)
    return { kind, path: value }
  }
  if (kind === 'command') {
    if (!value) throw new Error(`"${text}" has no command (expected command:<shell that fills $PGDATA>)`)
    return { kind, shell: value }
  }
  throw new Error(`"${text}" is not a backup (expected ${BACKUP_EXAMPLES})`)
}

export function describeBackup(spec: BackupSpec): string {
  if (spec.kind === 'pgbackrest') return `pgBackRest stanza ${spec.stanza}`
  if (spec.kind === 'dir') return `base backup ${spec.path}`
  return 'the backup command'
}

/** A point to restore to, as the backup tools and PostgreSQL take it. */
export type RecoveryTarget = { kind: 'end' } | { kind: 'time'; time: string } | { kind: 'lsn'; lsn: string }

/** One command run as the cluster user to fill the data directory. */
export interface FillCommand {
  file: string
  args: string[]
  /** Added to the environment. */
  env: Record<string, string>
  /** For messages: what ran. */
  what: string
}

/** PostgreSQL's timestamptz input: recovery_target_time and pgBackRest's --target refuse RFC 3339's `T` and `Z`. */
export function postgresTime(rfc3339: string): string {
  return rfc3339.replace('T', ' ').replace(/Z$/i, '+00')
}

/**
 * The command that fills `dataDir` (empty, owned by the cluster user). pgBackRest's restore is given the target
 * only to pick the backup: "If a backup is not specified via the --set option, then the configured repositories
 * will be checked, in order, for a backup that contains the requested time or lsn" (pgbackrest.org/command.html,
 * restore; since 2.24 for time). The recovery settings it writes are overridden at start (src/selfhosted/recovery.ts).
 */
export function fillCommand(spec: BackupSpec, dataDir: string, target: RecoveryTarget): FillCommand {
  if (spec.kind === 'pgbackrest') {
    const pick =
      target.kind === 'time'
        ? ['--type=time', `--target=${postgresTime(target.time)}`]
        : target.kind === 'lsn'
          ? ['--type=lsn', `--target=${target.lsn}`]
          : []
    return {
      file: 'pgbackrest',
      args: [`--stanza=${spec.stanza}`, `--pg1-path=${dataDir}`, ...pick, 'restore'],
      env: {},
      what: 'pgbackrest restore'
    }
  }
  if (spec.kind === 'dir' && isTar(spec.path)) {
    // pg_wal.tar (or .tar.gz, ...) beside base.tar goes into pg_wal, as pg_basebackup's docs for -Ft describe.
    const wal = pgWalTar(spec.path)
    const script = 'tar -xf "$1" -C "$3" && if [ "$2" != "$1" ] && [ -f "$2" ]; then tar -xf "$2" -C "$3/pg_wal"; fi'
    return {
      file: '/bin/sh',
      args: ['-c', script, 'extract', spec.path, wal, dataDir],
      env: {},
      what: `tar of ${spec.path}`
    }
  }
  if (spec.kind === 'dir') {
    // As root the copy runs as the cluster user, which then owns every file.
    return {
      file: 'cp',
      args: ['-R', '--preserve=mode,timestamps', '--', `${spec.path}/.`, dataDir],
      env: {},
      what: `cp of ${spec.path}`
    }
  }
  return { file: '/bin/sh', args: ['-c', spec.shell], env: { PGDATA: dataDir }, what: 'the backup command' }
}

/** The pg_wal.tar (or .tar.gz, ...) pg_basebackup -Ft writes beside base.tar; the same path when it is not base.tar. */
export function pgWalTar(baseTar: string): string {
  return baseTar.replace(/base(\.tar(?:\.\w+)?)$/, 'pg_wal$1')
}

/** A `dir:` path naming pg_basebackup's tar file rather than its directory. */
export function isTar(file: string): boolean {
  return /\.(tar|tar\.gz|tgz|tar\.lz4|tar\.zst)$/.test(file)
}
