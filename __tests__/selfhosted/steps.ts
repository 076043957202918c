/**
 * What the self-hosted test files share: the file's fixture (built once before its tests, removed after), a step of
 * the built action with backend: postgres in a fresh RUNNER_TEMP as the runner runs it, and what such a step left.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { Job, type RunOptions, type StepResult } from '../../tools/runner.js'
import { buildFixture, STANZA, toolsAvailable, type Fixture } from './fixture.js'

/** Builds the file's fixture in beforeAll (then `setup`) and removes it in afterAll; returns its getter. */
export function useFixture(setup?: (fixture: Fixture) => Promise<void>, teardown?: () => Promise<void>): () => Fixture {
  let fixture: Fixture | undefined
  beforeAll(async () => {
    if (!toolsAvailable())
      throw new Error('needs /usr/lib/postgresql/15/bin and pgbackrest: apt-get install postgresql-15 pgbackrest')
    fixture = await buildFixture()
    await setup?.(fixture)
  }, 60_000)
  afterAll(async () => {
    await teardown?.()
    await fixture?.stop()
  })
  return () => {
    if (!fixture) throw new Error('the fixture is not built (beforeAll failed)')
    return fixture
  }
}

export interface Leftovers {
  servers: string[]
  files: string[]
}

/** Our servers (their arguments name RUNNER_TEMP) and the files in RUNNER_TEMP. */
export function leftovers(runnerTemp: string): Leftovers {
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n')
  return { servers: processes.filter((line) => line.includes(runnerTemp)), files: readdirSync(runnerTemp) }
}

export interface Step {
  main: StepResult
  /** Set when the step ran its post step too. */
  post?: StepResult
  runnerTemp: string
  /** What was left when the main step ended, before any post step. */
  afterMain: Leftovers
}

let runs = 0

/**
 * The main step (and with `post`, the post step) with backend: postgres and `inputs`, in a new RUNNER_TEMP under
 * the fixture, with pgBackRest's configuration in the step's environment.
 */
export async function runStep(
  fixture: Fixture,
  inputs: Record<string, string>,
  { post = false, env, ...options }: RunOptions & { post?: boolean } = {}
): Promise<Step> {
  const runnerTemp = path.join(fixture.root, `runner-temp-${++runs}`)
  mkdirSync(runnerTemp)
  chmodSync(runnerTemp, 0o755)
  const job = new Job()
  const all = { backend: 'postgres', ...inputs }
  try {
    const main = await job.runMain(all, {
      env: { RUNNER_TEMP: runnerTemp, PGBACKREST_CONFIG: fixture.pgbackrestConfig, ...env },
      ...options
    })
    const afterMain = leftovers(runnerTemp)
    return { main, post: post ? await job.runPost(all, main.state) : undefined, runnerTemp, afterMain }
  } finally {
    job.dispose()
  }
}

/** Nothing of the step's runs or stays in RUNNER_TEMP, after the main step and now. */
export function expectNothingLeft(step: Step): void {
  expect(step.afterMain).toEqual({ servers: [], files: [] })
  expect(leftovers(step.runnerTemp)).toEqual({ servers: [], files: [] })
}

/** The pg_basebackup directory and its cp archive. */
export function dirInputs(fixture: Fixture): Record<string, string> {
  return { backup: `dir:${fixture.baseDir}`, 'restore-command': `cp ${fixture.archiveDir}/%f "%p"` }
}

/** The pgBackRest stanza and archive-get. */
export function stanzaInputs(): Record<string, string> {
  return { backup: `pgbackrest:${STANZA}`, 'restore-command': `pgbackrest --stanza=${STANZA} archive-get %f "%p"` }
}
