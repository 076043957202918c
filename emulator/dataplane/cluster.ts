import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { makeDir, writeOwned } from './files.js'
import path from 'node:path'
import pg from 'pg'
import type { RunAs } from './user.js'

/** Every cluster listens on its own unix socket directory only (`socketDir`), always under this port number. */
export const SOCKET_PORT = 5432
export const SUPERUSER = 'cloud_admin'

export interface Recovery {
  /** A record start: recovery replays the records that start before it (`inclusive = off`). */
  targetLsn: string
  timeline: number
  /** `promote` makes a read-write branch; `pause` a read-only instance frozen at the point (time travel). */
  action: 'promote' | 'pause'
  /** Directories searched, in order, for WAL segments and timeline history files. */
  walDirs: string[]
}

export interface ClusterConfig {
  /** Where finished WAL segments are archived (read-write clusters only). */
  archiveDir?: string
  recovery?: Recovery
  /** Every transaction read-only by default (`default_transaction_read_only`): writes answer SQLSTATE 25006. */
  readOnly?: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Small settings: dozens of clusters share two cores and a tmpfs. */
function settings(config: ClusterConfig): string {
  const lines: Record<string, string | number> = {
    listen_addresses: "''",
    port: SOCKET_PORT,
    shared_buffers: "'16MB'",
    max_connections: 40,
    max_worker_processes: 4,
    max_parallel_workers_per_gather: 0,
    fsync: 'off',
    full_page_writes: 'on',
    wal_level: 'replica',
    max_wal_senders: 0,
    max_replication_slots: 0,
    min_wal_size: "'4MB'",
    max_wal_size: "'64MB'",
    jit: 'off',
    timezone: "'UTC'",
    log_timezone: "'UTC'",
    password_encryption: "'scram-sha-256'",
    autovacuum_max_workers: 1
  }
  if (config.archiveDir) {
    lines.archive_mode = 'on'
    lines.archive_command = `'test ! -f ${config.archiveDir}/%f && cp %p ${config.archiveDir}/%f'`
  } else {
    lines.archive_mode = 'off'
  }
  if (config.readOnly) lines.default_transaction_read_only = 'on'
  const recovery = config.recovery
  if (recovery) {
    const search = recovery.walDirs.map((dir) => `"${dir}"`).join(' ')
    lines.restore_command = `'for d in ${search}; do if [ -f "$d/%f" ]; then exec cp "$d/%f" "%p"; fi; done; exit 1'`
    lines.recovery_target_lsn = `'${recovery.targetLsn}'`
    lines.recovery_target_inclusive = 'off'
    lines.recovery_target_timeline = `'${recovery.timeline}'`
    lines.recovery_target_action = `'${recovery.action}'`
    lines.hot_standby = recovery.action === 'pause' ? 'on' : 'off'
  }
  return (
    '# Written by the Neon emulator on every start.\n' +
    Object.entries(lines)
      .map(([key, value]) => `${key} = ${value}`)
      .join('\n') +
    '\n'
  )
}

/** One PostgreSQL server on a data directory, run as the unprivileged cluster user. */
export class Cluster {
  private child?: ChildProcess
  private exited?: Promise<void>

  constructor(
    readonly pgBin: string,
    readonly dataDir: string,
    private readonly runAs: RunAs,
    private readonly logFile: string,
    /**
     * Kept apart from the data directory: a socket path has at most 107 bytes on Linux (103 on macOS), which a
     * data directory deep in a state dir, a project's or a time-travel instance's, can pass (seen in CI).
     */
    readonly socketDir: string
  ) {}

  get running(): boolean {
    return this.child !== undefined
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  async configure(config: ClusterConfig): Promise<void> {
    await writeOwned(path.join(this.dataDir, 'postgresql.auto.conf'), settings(config), this.runAs)
    if (config.recovery) await writeOwned(path.join(this.dataDir, 'recovery.signal'), '', this.runAs)
  }

  /** Starts the server and resolves once it accepts connections (for `pause`, once paused at its target). */
  async start(): Promise<void> {
    await makeDir(this.socketDir, this.runAs)
    const log = openSync(this.logFile, 'a')
    // On the command line, not in postgresql.auto.conf: a resumed cluster starts without being configured again.
    const child = spawn(path.join(this.pgBin, 'postgres'), ['-D', this.dataDir, '-k', this.socketDir], {
      uid: this.runAs.uid,
      gid: this.runAs.gid,
      detached: true,
      stdio: ['ignore', log, log]
    })
    closeSync(log)
    this.child = child
    let failed = false
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        failed = true
        if (this.child === child) this.child = undefined
        resolve()
      })
    )
    // pg_ctl -w polls every 100 ms and returns too early during archive recovery: watch postmaster.pid instead.
    const pidFile = path.join(this.dataDir, 'postmaster.pid')
    for (;;) {
      if (failed) throw new Error(`PostgreSQL in ${this.dataDir} failed to start:\n${this.logTail()}`)
      try {
        const lines = readFileSync(pidFile, 'utf8').split('\n')
        if (lines[7]?.trim() === 'ready' && Number(lines[0]) === child.pid) break
      } catch {
        // not written yet
      }
      await sleep(5)
    }
    if (await this.inRecovery()) await this.waitUntilPaused(() => failed)
  }

  private async inRecovery(): Promise<boolean> {
    const [row] = await this.query('SELECT pg_is_in_recovery() AS recovering')
    return row.recovering === true
  }

  /**
   * A standby reports ready once consistent, possibly before it reached its target. One connection polls, not a
   * new one every 5 ms: fewer backends starting and exiting on two busy cores (one run under load hit "too many
   * clients" on a new cluster; this loop was a suspect, not a proven cause).
   */
  private async waitUntilPaused(failed: () => boolean): Promise<void> {
    const client = this.client()
    await client.connect()
    try {
      for (;;) {
        if (failed()) throw new Error(`PostgreSQL in ${this.dataDir} stopped during recovery:\n${this.logTail()}`)
        const { rows } = await client.query('SELECT pg_get_wal_replay_pause_state() AS state')
        if (rows[0].state === 'paused') return
        await sleep(5)
      }
    } finally {
      await client.end().catch(() => undefined)
    }
  }

  /** `fast` shuts down cleanly; `immediate` is for throw-away instances. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const child = this.child
    if (!child || !child.pid) return
    try {
      process.kill(child.pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT')
    } catch {
      // already gone
    }
    await this.exited
    await rm(this.socketDir, { recursive: true, force: true })
  }

  async query(sql: string, params: unknown[] = [], database = 'postgres'): Promise<Record<string, unknown>[]> {
    const client = this.client(database)
    await client.connect()
    try {
      const result = await client.query(sql, params)
      return result.rows
    } finally {
      await client.end()
    }
  }

  /** A superuser client over the socket; a server stopping under it must not crash the emulator. */
  client(database = 'postgres'): pg.Client {
    const client = new pg.Client({ host: this.socketDir, port: SOCKET_PORT, user: SUPERUSER, database })
    client.on('error', () => undefined)
    return client
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
    } catch {
      return '(no log)'
    }
  }
}
