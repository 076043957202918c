/**
 * What can be known about a backup before anything is started: its PostgreSQL major version and the earliest
 * point it can be restored to. A `dir:` backup is read from its files (PG_VERSION, backup_label, and
 * backup_manifest's WAL-Ranges, which pg_basebackup writes); a pgBackRest stanza from `pgbackrest info
 * --output=json` (pgbackrest.org/command.html#command-info); a `command:` backup is known only once it ran.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseLsn } from '../lsn.js'
import { describeBackup, isTar, type BackupSpec, type RecoveryTarget } from './backup.js'
import { parseBackupLabel } from './recovery.js'
import { runAs, type ClusterUser } from './user.js'
import type { KnownPlace } from './wal-segments.js'

export interface BackupFacts {
  major?: number
  /** A time target before this is before the (earliest) backup's end; RFC 3339. */
  earliestTime?: string
  /** An LSN target before this is before the (earliest) backup's end. */
  earliestLsn?: string
  /** What the bound is, for the message. */
  bound?: string
  /** What a restored data directory takes, from pgBackRest's info (bisect's disk check); else undefined. */
  sizeBytes?: number
  /** What the archive check needs (src/selfhosted/archive-check.ts). */
  wal?: WalFacts
}

export interface WalFacts {
  /** LSNs with the names of the segments holding them, which tell the segment size. */
  places: KnownPlace[]
  /** The segment replay starts in (backup_label's START WAL LOCATION). */
  startSegment?: string
  /** A pgBackRest stanza's archive: its newest segment (`max` of `pgbackrest info`). */
  archived?: { stanza: string; max: string }
}

/** The backup cannot be used as given: the message names the input and the fix. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

export async function inspectBackup(spec: BackupSpec, user: ClusterUser): Promise<BackupFacts> {
  if (spec.kind === 'dir')
    return inspectDir(spec.path, isTar(spec.path) ? readFromTar(spec.path, user) : readFromDir(spec.path))
  if (spec.kind === 'pgbackrest') return inspectStanza(spec.stanza, user)
  return {}
}

type ReadFile = (name: string) => Promise<string | undefined>

function readFromDir(dir: string): ReadFile {
  return (name) => readFile(path.join(dir, name), 'utf8').catch(() => undefined)
}

/** A file of pg_basebackup's base.tar (backup_manifest lies beside it), read with tar as the cluster user. */
function readFromTar(file: string, user: ClusterUser): ReadFile {
  return async (name) => {
    if (name === 'backup_manifest') return readFromDir(path.dirname(file))(name)
    const { stdout } = await runAs(user, 'tar', ['-xOf', file, name]).catch(() => ({ stdout: '' }))
    return stdout || undefined
  }
}

/** PG_VERSION holds the major version (`15`); backup_label its start; backup_manifest the WAL it needs. */
async function inspectDir(dir: string, read: ReadFile): Promise<BackupFacts> {
  const version = await read('PG_VERSION')
  const label = parseBackupLabel((await read('backup_label')) ?? '')
  if (!version || !label) {
    throw new BackupError(
      `backup: dir:${dir} holds no ${version ? 'backup_label' : 'PG_VERSION'}, so it is not a base backup ` +
        '(pg_basebackup -D <dir> writes both): point it at the directory pg_basebackup wrote, or its base.tar'
    )
  }
  const manifest = await read('backup_manifest')
  const ranges = manifest ? (JSON.parse(manifest)['WAL-Ranges'] as { 'End-LSN': string }[] | undefined) : undefined
  const end = ranges?.at(-1)?.['End-LSN']
  // backup_label gives the start time only (in whole seconds): a time before it is certainly before the end.
  const start = label.startTime ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(label.startTime) : null
  return {
    major: Number(version.trim()),
    earliestTime: start ? `${start[1]}T${start[2]}Z` : undefined,
    earliestLsn: end,
    bound: `the base backup in ${dir} (started ${label.startTime ?? 'at an unknown time'}${end ? `, ends at LSN ${end}` : ''})`,
    wal: { places: [{ lsn: label.startLsn, segment: label.startSegment }], startSegment: label.startSegment }
  }
}

interface StanzaInfo {
  name: string
  status: { code: number; message: string }
  db: { version: string; id: number }[]
  backup: {
    label: string
    timestamp: { stop: number }
    lsn?: { start: string; stop: string }
    archive?: { start: string; stop: string }
    database: { id: number }
    /** "size: database size" (pgbackrest.org/command.html, info: the JSON's backup[].info.size). */
    info?: { size?: number }
  }[]
  /** One entry a database and repository: the oldest and newest segment it holds. */
  archive?: { database: { id: number }; min?: string; max?: string }[]
}

async function inspectStanza(stanza: string, user: ClusterUser): Promise<BackupFacts> {
  const { stdout } = await runAs(user, 'pgbackrest', [`--stanza=${stanza}`, '--output=json', 'info'], {
    what: `pgbackrest info of stanza ${stanza}`
  }).catch((error: Error) => {
    throw new BackupError(`backup: pgbackrest:${stanza} could not be read: ${error.message}`)
  })
  const [info] = JSON.parse(stdout) as StanzaInfo[]
  if (!info || info.status.code !== 0 || info.backup.length === 0) {
    throw new BackupError(
      `backup: pgbackrest:${stanza} has no backup to restore (pgBackRest says: ${info?.status.message ?? 'no such stanza'}); ` +
        'check the stanza name and the configuration (PGBACKREST_CONFIG or /etc/pgbackrest/pgbackrest.conf)'
    )
  }
  const first = info.backup[0]
  const db = info.db.find((candidate) => candidate.id === info.backup.at(-1)!.database.id) ?? info.db.at(-1)!
  return {
    major: Number.parseInt(db.version, 10),
    earliestTime: new Date(first.timestamp.stop * 1000).toISOString(),
    earliestLsn: first.lsn?.stop,
    bound: `the oldest backup of stanza ${stanza} (${first.label}, ended ${new Date(first.timestamp.stop * 1000).toISOString()})`,
    // The restore may pick any backup: the largest is the bound.
    sizeBytes: Math.max(0, ...info.backup.map((backup) => backup.info?.size ?? 0)) || undefined,
    wal: stanzaWal(info, db.id)
  }
}

/** The backups' start and stop places, and the newest segment any repository archived for the database. */
function stanzaWal(info: StanzaInfo, dbId: number): WalFacts | undefined {
  const places = info.backup.flatMap((backup) =>
    backup.lsn && backup.archive
      ? [
          { lsn: backup.lsn.start, segment: backup.archive.start },
          { lsn: backup.lsn.stop, segment: backup.archive.stop }
        ]
      : []
  )
  const maxes = (info.archive ?? [])
    .filter((entry) => entry.database.id === dbId && entry.max)
    .map((entry) => entry.max!)
  const max = maxes.sort().at(-1)
  return max ? { places, archived: { stanza: info.name, max } } : undefined
}

/** Refuses a target that is before every backup's end, which PostgreSQL would refuse only after the restore. */
export function checkTarget(target: RecoveryTarget, facts: BackupFacts, spec: BackupSpec): void {
  const before =
    (target.kind === 'time' && facts.earliestTime && Date.parse(target.time) < Date.parse(facts.earliestTime)) ||
    (target.kind === 'lsn' && facts.earliestLsn && parseLsn(target.lsn) < parseLsn(facts.earliestLsn))
  if (!before) return
  throw new BackupError(
    `at: ${target.kind === 'time' ? target.time : target.lsn} is before the end of ${facts.bound ?? describeBackup(spec)}, ` +
      'the earliest point it can be restored to: choose a later at, or a backup taken before that point'
  )
}
