/**
 * The checks backend: postgres makes before anything starts, run as the runner runs the built action
 * (dist/index.js) against a real primary's archive (./fixture.ts): a point past what the archive holds, or a
 * hole in a copy of the archive directory, is refused naming the missing segment, with nothing restored and
 * nothing in RUNNER_TEMP. The segments expected are read from the archive directory the primary filled. Then
 * recovery-timeout on a replay that hangs, and the command line (dist/cli.js) with --backend postgres. One
 * fixture for all: it is the file's main cost.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatLsn, parseLsn } from '../../src/lsn.js'
import type { RunOptions } from '../../tools/runner.js'
import { STANZA } from './fixture.js'
import { runStep, useFixture, type Step } from './steps.js'

const fixture = useFixture()
let runs = 0

/** A verify step (and its post step) with backend: postgres. */
const step = (inputs: Record<string, string>, options: Pick<RunOptions, 'cancelWhen'> = {}) =>
  runStep(fixture(), { operation: 'verify', checks: 'SELECT true', ...inputs }, { post: true, ...options })

function archivedSegments(dir = fixture().archiveDir): string[] {
  return readdirSync(dir)
    .filter((name) => /^[0-9A-F]{24}$/.test(name))
    .sort()
}

/** The segment after `name`, within one log id (the fixture's few segments never roll over). */
function following(name: string): string {
  return name.slice(0, 16) + (Number.parseInt(name.slice(16), 16) + 1).toString(16).toUpperCase().padStart(8, '0')
}

/** Refused before the restore: the error, nothing restored, no server, RUNNER_TEMP empty after the main step. */
function expectRefusedUpFront(result: Step): string {
  expect(result.main.exitCode).toBe(1)
  expect(result.main.log).not.toMatch(/Restored /)
  expect(readdirSync(result.runnerTemp)).toEqual([])
  const servers = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
  expect(servers).not.toContain(result.runnerTemp)
  return result.main.errors.join('\n')
}

/** An LSN 4 MB past the primary's last one: four segments beyond anything archived. */
const pastTheEnd = () => formatLsn(parseLsn(fixture().end.lsn) + 4n * 1024n * 1024n)

describe('a point past what the archive holds', () => {
  test('pgbackrest: refused naming the first segment the stanza lacks (after its info max)', async () => {
    const newest = archivedSegments().at(-1)!
    const result = await step({
      backup: `pgbackrest:${STANZA}`,
      'restore-command': `pgbackrest --stanza=${STANZA} archive-get %f "%p"`,
      at: pastTheEnd()
    })
    const error = expectRefusedUpFront(result)
    expect(error).toContain(`ends with ${newest}`)
    expect(error).toContain(`it lacks ${following(newest)} onwards`)
  })

  test('dir: with a cp archive: refused naming the first segment past the directory', async () => {
    const newest = archivedSegments().at(-1)!
    const result = await step({
      backup: `dir:${fixture().baseDir}`,
      'restore-command': `cp ${fixture().archiveDir}/%f "%p"`,
      at: pastTheEnd()
    })
    expect(expectRefusedUpFront(result)).toContain(`which lacks WAL segment ${following(newest)}`)
  })
})

test('a segment removed from a copy of the archive directory is named, for a restore to head', async () => {
  const copy = path.join(fixture().root, 'archive-with-hole')
  cpSync(fixture().archiveDir, copy, { recursive: true })
  const segments = archivedSegments(copy)
  // A segment written after both backups: between the backup's start and the archive's end.
  const hole = segments[segments.length - 3]
  rmSync(path.join(copy, hole))
  const result = await step({ backup: `dir:${fixture().baseTar}`, 'restore-command': `cp ${copy}/%f "%p"` })
  const error = expectRefusedUpFront(result)
  expect(error).toContain(`lacks WAL segment ${hole}`)
  expect(error).toContain(`Copy ${hole} back into ${copy}`)
})

test('recovery-timeout stops a replay stuck in restore-command, says how far it got and leaves nothing', async () => {
  const { command, marker, start } = stallingCommand()
  const begun = Date.now()
  const result = await step({
    backup: `dir:${fixture().baseDir}`,
    'restore-command': command,
    'recovery-timeout': '2s'
  })
  expect(Date.now() - begun).toBeLessThan(20_000)
  expect(result.main.exitCode).toBe(1)
  const error = result.main.errors.join('\n')
  expect(error).toMatch(
    /recovery-timeout: the restore and WAL replay did not finish within 2\.0 s \(stopped after 2\.\d s;/
  )
  expect(error).toContain(`replay had fetched WAL up to segment ${following(start)}`)
  expect(readdirSync(result.runnerTemp)).toEqual([])
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
  expect(processes).not.toContain(result.runnerTemp)
  expect(processes).not.toContain(marker)
})

/** A restore-command that serves the archive but hangs (sleep 60) on the third segment after the backup's start. */
function stallingCommand(): { command: string; marker: string; start: string } {
  const label = readFileSync(path.join(fixture().baseDir, 'backup_label'), 'utf8')
  const start = /\(file ([0-9A-F]{24})\)/.exec(label)![1]
  const stall = following(following(start))
  expect(archivedSegments()).toContain(stall)
  const marker = `stall-${process.pid}-${++runs}`
  const command = `case %f in ${stall}) sleep 60 # ${marker}\n;; esac; cp ${fixture().archiveDir}/%f "%p"`
  return { command, marker, start }
}

describe('the command line with --backend postgres', () => {
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

  /** dist/cli.js in a fresh TMPDIR (where its work directory goes), with a Neon key in the environment it ignores. */
  function neonRecovery(args: string[], interruptWhen?: RegExp) {
    const tmp = path.join(fixture().root, `tmpdir-${++runs}`)
    mkdirSync(tmp)
    chmodSync(tmp, 0o755)
    const env = { PATH: process.env.PATH ?? '', TMPDIR: tmp, NEON_API_KEY: 'napi_not_used' }
    const child = spawn(process.execPath, [cli, ...args], { env })
    let stdout = ''
    let stderr = ''
    let serverAtInterrupt = false
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (interruptWhen?.test(stderr)) {
        interruptWhen = undefined
        // A second later the server is replaying (held at the stalling segment): note that it runs, then Ctrl-C.
        setTimeout(() => {
          serverAtInterrupt = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(`${tmp}/`)
          child.kill('SIGINT')
        }, 1000)
      }
    })
    return new Promise<{
      code: number | null
      stdout: string
      stderr: string
      tmp: string
      serverAtInterrupt: boolean
    }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, tmp, serverAtInterrupt })))
  }

  /** verify from the pg_basebackup directory, with `restoreCommand` as the archive's. */
  const verifyArgs = (restoreCommand: string) => [
    'verify',
    '--backend',
    'postgres',
    '--backup',
    `dir:${fixture().baseDir}`,
    '--restore-command',
    restoreCommand
  ]

  test('verify at the LSN before the accident passes on the rows the primary had, and leaves TMPDIR empty', async () => {
    const run = await neonRecovery([
      ...verifyArgs(`cp ${fixture().archiveDir}/%f "%p"`),
      '--at',
      fixture().beforeAccident.lsn,
      '--checks',
      `SELECT count(*) = ${fixture().beforeAccident.historyRows} FROM pgbench_history`
    ])
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/passed\s+true/)
    expect(readdirSync(run.tmp)).toEqual([])
  })

  test('Ctrl-C (SIGINT) during the replay stops the server and removes the work directory before exiting', async () => {
    const { command, marker } = stallingCommand()
    const run = await neonRecovery([...verifyArgs(command), '--checks', 'SELECT true'], /replaying WAL/)
    expect(run.serverAtInterrupt).toBe(true)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/SIGINT received/)
    expect(run.stderr).toContain('Interrupted: the restored copy was stopped and removed.')
    expect(readdirSync(run.tmp)).toEqual([])
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    expect(processes).not.toContain(run.tmp)
    expect(processes).not.toContain(marker)
  })
})

test('dry-run: true plans only: the summary shows the plan with the archive checked, nothing started or written', async () => {
  const result = await step({
    backup: `dir:${fixture().baseDir}`,
    'restore-command': `cp ${fixture().archiveDir}/%f "%p"`,
    at: fixture().beforeAccident.lsn,
    'dry-run': 'true'
  })
  expect(result.main.errors).toEqual([])
  expect(result.main.exitCode).toBe(0)
  expect(result.main.summary).toContain('dry run: the plan')
  expect(result.main.summary).toContain(`${fixture().archiveDir} holds every segment from`)
  expect(result.main.log).not.toMatch(/Restored /)
  expect(readdirSync(result.runnerTemp)).toEqual([])
  expect(result.main.state['selfhosted-work-dir']).toBeUndefined()
})
