/**
 * backend: postgres over a few hundred MB of WAL: a Debian PostgreSQL 15 primary (as `nobody` when root) with a
 * WAL archive and a pg_basebackup directory, pgbench traffic after the backup with one bad transaction (DELETE of
 * one pgbench_branches row) at about 60% of it, its LSNs recorded just before and after it. Then the built action
 * (dist/index.js, run as the runner runs it): verify at head (the drill), bisect from the backup's end to head at
 * each parallelism, and the naive way side by side: a sequential binary search where every probe is a full
 * restore from the base backup (one `operation: query` step a probe). Prints a table; asserts nothing.
 *
 *   npm run bench:selfhosted [-- --scale 10 --wal-mb 300 --parallelism 1,3 --baseline-probes 0
 *                                --checkpoint-timeout 30s --max-wal-size 1GB]
 *
 * `--baseline-probes N` stops the baseline after N probes and extrapolates the rest (labelled so); 0 runs it to
 * the end. The primary checkpoints every 30 s (checkpoint_timeout), as a real primary does every few minutes:
 * a copy of a paused cluster restarts replay at its last restartpoint, which only a checkpoint record of the
 * primary allows, so the checkpoints' spacing in the WAL bounds what a copy replays. The bench prints where they are.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chmod, chown, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { alignUp, formatLsn, parseLsn, type Lsn } from '../src/lsn.js'
import { asUser, clusterUser, makeOwnedDir, runAs } from '../src/selfhosted/user.js'
import { Job, type StepResult } from '../tools/runner.js'
import { PG15_BIN, Primary, waitArchived } from '../__tests__/selfhosted/fixture.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    'wal-mb': { type: 'string', default: '300' },
    parallelism: { type: 'string', default: '1,3' },
    'baseline-probes': { type: 'string', default: '0' },
    'checkpoint-timeout': { type: 'string', default: '30s' },
    'max-wal-size': { type: 'string', default: '1GB' }
  }
})
const SCALE = Number(values.scale)
const WAL_BYTES = BigInt(Math.round(Number(values['wal-mb']) * 1024 * 1024))
const BASELINE_CAP = Number(values['baseline-probes'])
const CHECK = `SELECT count(*) = ${SCALE} FROM pgbench_branches`
const STEP_TIMEOUT_MS = 60 * 60 * 1000
const MiB = 1024 * 1024

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')
const note = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`)

const user = clusterUser()
// Short paths: bisect's copies listen on a unix socket deep inside RUNNER_TEMP, and a socket path has at most
// 107 bytes (see the report of 2026-12-01 in RESULTS-selfhosted.md).
const root = await mkdtemp(path.join(os.tmpdir(), 'bsh-'))
await chmod(root, 0o755)
if (user.ids) await chown(root, user.ids.uid, user.ids.gid)
const archive = path.join(root, 'archive')
const base = path.join(root, 'base')
const primary = new Primary(path.join(root, 'primary'), user)

async function cleanUp(): Promise<void> {
  await primary.stop()
  await rm(root, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)))

async function lsnNow(): Promise<Lsn> {
  return parseLsn(await primary.psql('SELECT pg_current_wal_lsn()'))
}

async function initPrimary(): Promise<void> {
  await makeOwnedDir(archive, user)
  await makeOwnedDir(primary.dataDir, user)
  await runAs(user, path.join(PG15_BIN, 'initdb'), ['-D', primary.dataDir, '-U', 'postgres', '-A', 'trust', '-N'], {
    what: 'initdb'
  })
  const settings = [
    "listen_addresses = ''",
    `unix_socket_directories = '${primary.dataDir}'`,
    // The primary's own durability is not measured: only the restores are.
    'fsync = off',
    "shared_buffers = '64MB'",
    'wal_level = replica',
    'archive_mode = on',
    `archive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'`,
    // A real primary checkpoints (every 5 min by default); 30 s gives a few over this bench's history at its WAL
    // rate. A checkpoint's record comes checkpoint_completion_target (0.9) of the interval after its redo point.
    `checkpoint_timeout = ${values['checkpoint-timeout']}`,
    // PostgreSQL's default (1GB); a smaller one checkpoints by WAL volume, as a busy primary does.
    `max_wal_size = '${values['max-wal-size']}'`,
    "timezone = 'UTC'",
    "log_timezone = 'UTC'"
  ]
  const conf = path.join(primary.dataDir, 'postgresql.auto.conf')
  await writeFile(conf, settings.join('\n') + '\n')
  if (user.ids) await chown(conf, user.ids.uid, user.ids.gid)
  await primary.start(path.join(root, 'primary.log'))
}

/**
 * pgbench's TPC-B-like updates (4 clients) until the WAL position passes `target`: pgbench runs in the
 * background, the position is polled, and pgbench is stopped by its PID once there (SIGINT ends its run).
 */
async function trafficUntil(target: Lsn): Promise<void> {
  const args = ['-h', primary.dataDir, '-U', 'postgres', '-n', '-T', '3600', '-c', '4', '-j', '2', 'postgres']
  const child = spawn(path.join(PG15_BIN, 'pgbench'), args, { ...asUser(user), stdio: 'ignore' })
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve))
  try {
    while ((await lsnNow()) < target) await sleep(100)
  } finally {
    child.kill('SIGINT')
    await exited
  }
}

interface History {
  backupStart: Lsn
  /** Just after pg_basebackup returned: the earliest point bisect may start from. */
  backupEnd: Lsn
  /** The primary's WAL position just before and just after the bad DELETE committed. */
  before: Lsn
  after: Lsn
  end: Lsn
  /** The primary's checkpoint records after the backup: where a copy may restart replay (at their redo). */
  checkpoints: { at: Lsn; redo: Lsn }[]
  databaseBytes: number
  buildSeconds: number
}

async function buildHistory(): Promise<History> {
  const started = performance.now()
  await initPrimary()
  note(`pgbench -i -s ${SCALE}`)
  await primary.pgbench(['-i', '-s', String(SCALE), '-q'])
  await runAs(
    user,
    path.join(PG15_BIN, 'pg_basebackup'),
    ['-h', primary.dataDir, '-U', 'postgres', '-D', base, '-X', 'none', '-c', 'fast'],
    { what: 'pg_basebackup' }
  )
  const label = await readFile(path.join(base, 'backup_label'), 'utf8')
  const backupStart = parseLsn(/^START WAL LOCATION: (\S+)/m.exec(label)![1])
  const backupEnd = await lsnNow()
  note(`backup ${formatLsn(backupStart)}..${formatLsn(backupEnd)}; traffic to ${values['wal-mb']} MB of WAL`)
  await trafficUntil(backupEnd + (WAL_BYTES * 60n) / 100n)
  const before = await lsnNow()
  await primary.psql('DELETE FROM pgbench_branches WHERE bid = 1')
  const after = await lsnNow()
  note(`bad DELETE between ${formatLsn(before)} and ${formatLsn(after)}`)
  await trafficUntil(backupEnd + WAL_BYTES)
  const end = await lsnNow()
  const databaseBytes = Number(await primary.psql("SELECT pg_database_size('postgres')"))
  await waitArchived(primary, { pollMs: 100, timeoutMs: 600_000 }) // a few hundred MB to archive
  await primary.stop()
  const checkpoints = await checkpointsBetween(backupEnd, end)
  return {
    backupStart,
    backupEnd,
    before,
    after,
    end,
    checkpoints,
    databaseBytes,
    buildSeconds: (performance.now() - started) / 1000
  }
}

/**
 * The online checkpoint records between two LSNs, read from the archive with pg_waldump: each record's LSN and
 * its redo point (xlogdesc.c describes one as "CHECKPOINT_ONLINE redo X/Y; ...").
 */
async function checkpointsBetween(from: Lsn, to: Lsn): Promise<{ at: Lsn; redo: Lsn }[]> {
  const args = ['-p', archive, '-s', formatLsn(from), '-e', formatLsn(to), '-r', 'XLOG']
  const { stdout } = await runAs(user, path.join(PG15_BIN, 'pg_waldump'), args, { what: 'pg_waldump' })
  return [...stdout.matchAll(/lsn: ([0-9A-F]+\/[0-9A-F]+), .*CHECKPOINT_ONLINE redo ([0-9A-F]+\/[0-9A-F]+)/g)].map(
    (match) => ({ at: parseLsn(match[1]), redo: parseLsn(match[2]) })
  )
}

let steps = 0

/** One main step of the action with backend: postgres over the bench's backup, in its own RUNNER_TEMP. */
async function step(inputs: Record<string, string>): Promise<{ result: StepResult; seconds: number }> {
  const runnerTemp = path.join(root, `rt${++steps}`)
  await mkdir(runnerTemp)
  await chmod(runnerTemp, 0o755)
  const job = new Job()
  const all = {
    backend: 'postgres',
    backup: `dir:${base}`,
    'restore-command': `cp ${archive}/%f "%p"`,
    ...inputs
  }
  const started = performance.now()
  try {
    const result = await job.runMain(all, { env: { RUNNER_TEMP: runnerTemp }, timeoutMs: STEP_TIMEOUT_MS })
    const seconds = (performance.now() - started) / 1000
    if (result.exitCode !== 0) throw new Error(`${inputs.operation} failed: ${result.errors.join('; ')}\n${result.log}`)
    const left = await readdir(runnerTemp)
    if (left.length > 0) note(`${inputs.operation} left ${left.join(', ')} in RUNNER_TEMP`)
    return { result, seconds }
  } finally {
    job.dispose()
    await rm(runnerTemp, { recursive: true, force: true })
  }
}

/** A fact of the step's summary as its log prints it (`  Key  value`). */
function fact(log: string, key: string): string {
  const match = new RegExp(`^\\s+${key}\\s{2,}(.+)$`, 'm').exec(log)
  return match ? match[1].trim() : '?'
}

/** `123.4 MiB` (formatBytes) back to bytes. */
function bytesOf(text: string): number {
  const match = /^([\d.]+) (bytes|KiB|MiB|GiB|TiB)/.exec(text)
  if (!match) return NaN
  return Number(match[1]) * 1024 ** ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(match[2])
}

interface Row {
  method: string
  seconds: number
  rounds: string
  probes: number
  copies: string
  walReplayedMiB: number
  peakDiskMiB: string
  answer: string
  exact: string
  load: string
}

/** The answer between the LSNs the primary had just before and just after the DELETE, 8 bytes apart. */
function exactness(history: History, lastGood: Lsn, firstBad: Lsn): string {
  const ok = firstBad - lastGood === 8n && lastGood >= history.before && firstBad <= history.after
  return ok ? 'yes' : 'NO'
}

async function drill(history: History): Promise<Row> {
  const { result, seconds } = await step({ operation: 'verify', checks: 'SELECT true' })
  const replayed = fact(result.log, 'WAL replayed')
  const reached = /\(to LSN (\S+)\)$/.exec(replayed)?.[1]
  return {
    method: 'verify at head (drill)',
    seconds,
    rounds: '',
    probes: 0,
    copies: `restore ${fact(result.log, 'Restore time')}, replay ${fact(result.log, 'WAL replay time')}`,
    walReplayedMiB: bytesOf(replayed) / MiB,
    peakDiskMiB: '',
    answer: `reached ${reached}`,
    // The drill passed and replayed the whole archive, past the primary's last traffic.
    exact: result.outputs.passed === 'true' && reached && parseLsn(reached) >= history.end ? 'yes' : 'NO',
    load: await load()
  }
}

async function bisect(history: History, parallelism: number): Promise<Row> {
  const { result, seconds } = await step({
    operation: 'bisect',
    check: CHECK,
    good: formatLsn(history.backupEnd),
    bad: 'head',
    parallelism: String(parallelism)
  })
  const { outputs, log } = result
  const [lastGood, firstBad] = [parseLsn(outputs['last-good-lsn']), parseLsn(outputs['first-bad-lsn'])]
  return {
    method: `bisect p=${parallelism}`,
    seconds,
    rounds: fact(log, 'Rounds').replace(/ \(at most (\d+) .*$/, ' (max $1)'),
    probes: Number(outputs.probes),
    copies: fact(log, 'Copies'),
    walReplayedMiB: bytesOf(fact(log, 'WAL replayed by the copies')) / MiB,
    peakDiskMiB: (bytesOf(fact(log, 'Disk used at most')) / MiB).toFixed(0),
    answer: `${formatLsn(lastGood)}..${formatLsn(firstBad)}`,
    exact: exactness(history, lastGood, firstBad),
    load: await load()
  }
}

/**
 * The naive search: bsearch over the 8-byte lattice from the backup's end to the primary's end, every probe one
 * `operation: query` step (a full restore from the base backup, replaying from the backup's start to the probe).
 */
async function baseline(history: History): Promise<Row> {
  let low = alignUp(history.backupEnd)
  let high = alignUp(history.end)
  let probes = 0
  let replayed = 0n
  const started = performance.now()
  while (high - low > 8n && (BASELINE_CAP === 0 || probes < BASELINE_CAP)) {
    const middle = low + ((high - low) / 16n) * 8n
    const { result } = await step({ operation: 'query', at: formatLsn(middle), sql: CHECK })
    probes++
    replayed += middle - history.backupStart
    const [row] = JSON.parse(result.outputs.result) as Record<string, unknown>[]
    const ok = Object.values(row)[0]
    if (typeof ok !== 'boolean') throw new Error(`the check answered ${result.outputs.result}`)
    if (ok) low = middle
    else high = middle
    note(`baseline probe ${probes} at ${formatLsn(middle)}: ${ok ? 'good' : 'bad'}`)
  }
  let seconds = (performance.now() - started) / 1000
  let method = 'baseline: restore per probe'
  let answer = `${formatLsn(low)}..${formatLsn(high)}`
  let exact = exactness(history, low, high)
  if (high - low > 8n) {
    // Capped: the rest of the probes at the mean time of those run, each replaying about as far as the last.
    const rest = BigInt((high - low) / 8n).toString(2).length
    seconds += (seconds / probes) * rest
    replayed += BigInt(rest) * (low - history.backupStart)
    method = `baseline (${probes} run, ${rest} EXTRAPOLATED)`
    probes += rest
    answer = `(not reached)`
    exact = '-'
  }
  return {
    method,
    seconds,
    rounds: String(probes),
    probes,
    copies: `${probes} full restores`,
    walReplayedMiB: Number(replayed) / MiB,
    peakDiskMiB: '',
    answer,
    exact,
    load: await load()
  }
}

function print(row: Row): void {
  console.log(
    [
      row.method.padEnd(34),
      row.seconds.toFixed(1).padStart(7),
      row.rounds.padStart(12),
      String(row.probes).padStart(6),
      row.walReplayedMiB.toFixed(0).padStart(9),
      row.peakDiskMiB.padStart(9),
      row.exact.padStart(5),
      row.load.padEnd(14),
      row.copies,
      row.answer
    ].join(' | ')
  )
}

try {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  console.log(`${new Date().toISOString()} commit ${commit}; load at start ${await load()}; ${os.cpus().length} cores`)
  const history = await buildHistory()
  const baseBytes = Number(execFileSync('du', ['-sb', base], { encoding: 'utf8' }).split('\t')[0])
  console.log(
    `scale ${SCALE} (database ${(history.databaseBytes / MiB).toFixed(0)} MiB, base backup ` +
      `${(baseBytes / MiB).toFixed(0)} MiB); WAL after the backup ${(Number(history.end - history.backupEnd) / MiB) | 0} ` +
      `MiB (${formatLsn(history.backupEnd)}..${formatLsn(history.end)}); ` +
      `bad DELETE between ${formatLsn(history.before)} and ${formatLsn(history.after)}; built in ` +
      `${history.buildSeconds.toFixed(0)} s; load ${await load()}`
  )
  const offset = (lsn: Lsn) => `${(Number(lsn - history.backupEnd) / MiB).toFixed(0)} MiB`
  console.log(
    `checkpoint_timeout ${values['checkpoint-timeout']}, max_wal_size ${values['max-wal-size']}; checkpoint records after the backup (MiB after its end): ` +
      (history.checkpoints.map(({ at, redo }) => `at ${offset(at)} (redo ${offset(redo)})`).join(', ') || 'none') +
      `; bad DELETE at ${offset(history.before)}`
  )
  console.log(`check: ${CHECK}`)
  console.log(
    'method                             |  wall s |       rounds | probes | WAL MiB | peak MiB | exact | load' +
      '           | copies | answer'
  )
  print(await drill(history))
  for (const parallelism of values.parallelism.split(',').map(Number)) print(await bisect(history, parallelism))
  print(await baseline(history))
} finally {
  await cleanUp()
}
