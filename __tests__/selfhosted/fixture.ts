/**
 * A self-hosted primary with real backup tools, built once per test file: Debian's PostgreSQL 15 archiving its
 * WAL both to a plain directory (`archive_command` with cp) and to a pgBackRest stanza (posix repository), a
 * `pg_basebackup` of it and a full pgBackRest backup, pgbench traffic, an accident (DROP TABLE pgbench_history),
 * then more traffic. What the primary had before the accident and at its end is recorded from the primary
 * itself, so the tests judge restores against it. As root everything runs as the unprivileged cluster user.
 */
import { spawn } from 'node:child_process'
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { closeSync, existsSync, openSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clusterUser, makeOwnedDir, runAs, type ClusterUser } from '../../src/selfhosted/user.js'

export const PG15_BIN = '/usr/lib/postgresql/15/bin'
export const STANZA = 'main'

export interface Fixture {
  root: string
  /** pg_basebackup's directory (`dir:` backups). */
  baseDir: string
  /** pg_basebackup's base.tar of the same primary (format tar). */
  baseTar: string
  /** The plain archive directory (cp restore_command). */
  archiveDir: string
  /** pgBackRest's config file; the tests pass it as PGBACKREST_CONFIG. */
  pgbackrestConfig: string
  /** The moment before the accident, and what the primary held then. */
  beforeAccident: { time: string; lsn: string; historyRows: number }
  /** Right after the DROP TABLE committed, before the traffic after it: the balance of pgbench_accounts then. */
  afterAccident: { lsn: string; balance: number }
  /** The primary's end: the sum of pgbench_accounts.abalance after the last traffic, all of it archived. */
  end: { lsn: string; balance: number }
  /** Backups' end (pg_basebackup's and pgBackRest's): a time before it cannot be restored. */
  backupTime: string
  user: ClusterUser
  /** The primary itself (stopped once built): started again where a test writes into it, as a live database. */
  primary: {
    start(): Promise<void>
    psql(sql: string): Promise<string>
    /** A postgres:// URL over its unix socket. */
    url: string
  }
  stop(): Promise<void>
}

/** Debian's PostgreSQL 15 and pgBackRest on PATH (.ci/run installs both with apt). */
export function toolsAvailable(): boolean {
  const onPath = (name: string) =>
    (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(path.join(dir, name)))
  return existsSync(path.join(PG15_BIN, 'postgres')) && onPath('pgbackrest')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class Primary {
  pid?: number
  constructor(
    readonly dataDir: string,
    readonly user: ClusterUser
  ) {}

  async start(logFile: string): Promise<void> {
    const log = openSync(logFile, 'a')
    const child = spawn(path.join(PG15_BIN, 'postgres'), ['-D', this.dataDir], {
      uid: this.user.ids?.uid,
      gid: this.user.ids?.gid,
      stdio: ['ignore', log, log],
      detached: true
    })
    closeSync(log)
    child.unref()
    this.pid = child.pid
    for (let i = 0; i < 2000; i++) {
      const pidFile = await readFile(path.join(this.dataDir, 'postmaster.pid'), 'utf8').catch(() => '')
      if (pidFile.split('\n')[7]?.trim() === 'ready') return
      await sleep(10)
    }
    throw new Error(`the primary did not start: ${await readFile(logFile, 'utf8').catch(() => '')}`)
  }

  async psql(sql: string): Promise<string> {
    const args = ['-X', '-A', '-t', '-q', '-h', this.dataDir, '-U', 'postgres', '-d', 'postgres', '-c', sql]
    return (await runAs(this.user, path.join(PG15_BIN, 'psql'), args, { what: 'psql' })).stdout.trim()
  }

  async pgbench(args: string[]): Promise<void> {
    await runAs(
      this.user,
      path.join(PG15_BIN, 'pgbench'),
      ['-h', this.dataDir, '-U', 'postgres', ...args, 'postgres'],
      {
        what: 'pgbench'
      }
    )
  }

  async stop(): Promise<void> {
    const pid = this.pid
    if (!pid) return
    this.pid = undefined
    try {
      process.kill(pid, 'SIGINT')
    } catch {
      return
    }
    for (let i = 0; i < 1000; i++) {
      try {
        process.kill(pid, 0)
      } catch {
        return
      }
      await sleep(10)
    }
  }
}

function pgbackrestConf(root: string, dataDir: string): string {
  return [
    '[global]',
    `repo1-path=${root}/repo`,
    `log-path=${root}/log`,
    `lock-path=${root}/lock`,
    `spool-path=${root}/spool`,
    'log-level-console=warn',
    'log-level-file=info',
    'compress-type=none',
    'start-fast=y',
    'repo1-retention-full=9999999',
    'archive-timeout=10',
    '',
    `[${STANZA}]`,
    `pg1-path=${dataDir}`,
    `pg1-socket-path=${dataDir}`,
    'pg1-user=postgres',
    ''
  ].join('\n')
}

async function initPrimary(root: string, user: ClusterUser): Promise<Primary> {
  const dataDir = path.join(root, 'primary')
  await makeOwnedDir(dataDir, user)
  await runAs(
    user,
    path.join(PG15_BIN, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '--wal-segsize=1'],
    {
      what: 'initdb'
    }
  )
  const config = path.join(root, 'pgbackrest.conf')
  const archive = path.join(root, 'archive')
  const settings = [
    "listen_addresses = ''",
    `unix_socket_directories = '${dataDir}'`,
    'fsync = off',
    "shared_buffers = '16MB'",
    'wal_level = replica',
    'archive_mode = on',
    // Both archives from one primary: the plain directory, then pgBackRest's.
    `archive_command = '{ test -f ${archive}/%f || cp %p ${archive}/%f; } && pgbackrest --config=${config} --stanza=${STANZA} archive-push %p'`,
    "timezone = 'UTC'",
    "log_timezone = 'UTC'"
  ]
  await writeFile(path.join(dataDir, 'postgresql.auto.conf'), settings.join('\n') + '\n')
  if (user.ids) await chown(path.join(dataDir, 'postgresql.auto.conf'), user.ids.uid, user.ids.gid)
  return new Primary(dataDir, user)
}

/** Switches to a new WAL file and waits until the archiver has copied every file up to it. */
export async function waitArchived(primary: Primary, { pollMs = 20, timeoutMs = 20_000 } = {}): Promise<void> {
  const wal = await primary.psql('SELECT pg_walfile_name(pg_current_wal_lsn())')
  await primary.psql('SELECT pg_switch_wal()')
  for (let waited = 0; waited < timeoutMs; waited += pollMs) {
    const last = await primary.psql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
    if (last >= wal) return
    await sleep(pollMs)
  }
  throw new Error(`WAL ${wal} was not archived in ${timeoutMs / 1000} s`)
}

/** Builds the primary, both backups, the traffic and the accident; stops the primary (everything is archived). */
export async function buildFixture(): Promise<Fixture> {
  const user = clusterUser()
  const root = await mkdtemp(path.join(os.tmpdir(), 'selfhosted-'))
  await chmod(root, 0o755)
  if (user.ids) await chown(root, user.ids.uid, user.ids.gid)
  for (const dir of ['archive', 'repo', 'log', 'lock', 'spool']) await makeOwnedDir(path.join(root, dir), user)
  const pgbackrestConfig = path.join(root, 'pgbackrest.conf')
  const primary = await initPrimary(root, user)
  await writeFile(pgbackrestConfig, pgbackrestConf(root, primary.dataDir), { mode: 0o644 })
  const stop = async () => {
    await primary.stop()
    await rm(root, { recursive: true, force: true })
  }
  try {
    await primary.start(path.join(root, 'primary.log'))
    await primary.pgbench(['-i', '-s', '1', '-q'])
    const pgbackrest = (args: string[]) =>
      runAs(user, 'pgbackrest', [`--config=${pgbackrestConfig}`, `--stanza=${STANZA}`, ...args], { what: 'pgbackrest' })
    await pgbackrest(['stanza-create'])
    await pgbackrest(['backup', '--type=full'])
    const baseDir = path.join(root, 'base')
    await runAs(
      user,
      path.join(PG15_BIN, 'pg_basebackup'),
      ['-h', primary.dataDir, '-U', 'postgres', '-D', baseDir, '-X', 'none', '-c', 'fast'],
      {
        what: 'pg_basebackup'
      }
    )
    // The same in pg_basebackup's tar format (base.tar, no WAL: -X none).
    const tarDir = path.join(root, 'base-tar')
    await runAs(
      user,
      path.join(PG15_BIN, 'pg_basebackup'),
      ['-h', primary.dataDir, '-U', 'postgres', '-D', tarDir, '-Ft', '-X', 'none', '-c', 'fast'],
      { what: 'pg_basebackup -Ft' }
    )
    const backupTime = await primary.psql(
      'SELECT to_char(clock_timestamp() AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\')'
    )
    await primary.pgbench(['-n', '-T', '2', '-c', '2'])
    // A primary checkpoints every few minutes (checkpoint_timeout): one here, so a copy of a cluster restored past
    // it restarts replay there (bisect's copies), as it would on a real archive.
    await primary.psql('CHECKPOINT')
    const historyRows = Number(await primary.psql('SELECT count(*) FROM pgbench_history'))
    const lsn = await primary.psql('SELECT pg_current_wal_lsn()')
    const time = await primary.psql(
      'SELECT to_char(clock_timestamp() AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\')'
    )
    await sleep(20)
    await primary.psql('DROP TABLE pgbench_history')
    const afterAccident = {
      lsn: await primary.psql('SELECT pg_current_wal_lsn()'),
      balance: Number(await primary.psql('SELECT sum(abalance) FROM pgbench_accounts'))
    }
    const script = path.join(root, 'update.sql')
    await writeFile(
      script,
      '\\set aid random(1, 100000)\nUPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;\n',
      {
        mode: 0o644
      }
    )
    await primary.pgbench(['-n', '-T', '1', '-c', '2', '-f', script])
    const balance = Number(await primary.psql('SELECT sum(abalance) FROM pgbench_accounts'))
    const endLsn = await primary.psql('SELECT pg_current_wal_lsn()')
    await waitArchived(primary)
    await primary.stop()
    return {
      root,
      baseDir,
      baseTar: path.join(root, 'base-tar', 'base.tar'),
      archiveDir: path.join(root, 'archive'),
      pgbackrestConfig,
      beforeAccident: { time, lsn, historyRows },
      afterAccident,
      end: { lsn: endLsn, balance },
      backupTime,
      user,
      primary: {
        start: () => primary.start(path.join(root, 'primary.log')),
        psql: (sql) => primary.psql(sql),
        url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(primary.dataDir)}`
      },
      stop
    }
  } catch (error) {
    await stop()
    throw error
  }
}
