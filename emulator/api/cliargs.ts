/** The emulator CLI's flags, parsed with node's `util.parseArgs` (emulator/cli.ts runs them). */
import { parseArgs } from 'node:util'
import { pgVersion } from '../dataplane/binaries.js'
import type { EmulatorOptions } from '../index.js'
import { parseDurationSeconds } from './clock.js'
import { parseFaults } from './faults.js'

export const USAGE =
  'usage: npm run --silent emulator -- [--state-dir DIR] [--port N] [--latency none|neon] [--faults SPEC] ' +
  '[--branch-limit N] [--history DURATION] [--branch-recovery on|off] [--time-travel-replay-lsn reported|null] ' +
  '[--rate-limits on|off] [--projects N] ' +
  '[--pg-version 15|16|17|18]'

/** A bad flag: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`)
  }
  return value
}

export function parseCli(argv: string[]): EmulatorOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'state-dir': { type: 'string' },
        port: { type: 'string' },
        latency: { type: 'string', default: 'none' },
        faults: { type: 'string' },
        // No defaults here: startEmulator applies 10 and 7d to a new project, and a resumed one keeps its own.
        'branch-limit': { type: 'string' },
        history: { type: 'string' },
        'branch-recovery': { type: 'string' },
        'time-travel-replay-lsn': { type: 'string' },
        'rate-limits': { type: 'string' },
        // How many projects the key sees; the ones beyond the first start on their first request.
        projects: { type: 'string' },
        // No default here either: startEmulator reads NEON_EMULATOR_PG_VERSION, else 17.
        'pg-version': { type: 'string' }
      }
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const latency = values.latency
  if (latency !== 'none' && latency !== 'neon') throw new UsageError(`--latency must be none or neon, got "${latency}"`)
  try {
    parseFaults(values.faults)
    if (values.history !== undefined) parseDurationSeconds(values.history)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const recovery = values['branch-recovery']
  if (recovery !== undefined && recovery !== 'on' && recovery !== 'off') {
    throw new UsageError(`--branch-recovery must be on or off, got "${recovery}"`)
  }
  const replayLsn = values['time-travel-replay-lsn']
  if (replayLsn !== undefined && replayLsn !== 'reported' && replayLsn !== 'null') {
    throw new UsageError(`--time-travel-replay-lsn must be reported or null, got "${replayLsn}"`)
  }
  const rateLimits = values['rate-limits']
  if (rateLimits !== undefined && rateLimits !== 'on' && rateLimits !== 'off') {
    throw new UsageError(`--rate-limits must be on or off, got "${rateLimits}"`)
  }
  let version: number | undefined
  try {
    if (values['pg-version'] !== undefined) version = pgVersion(values['pg-version'])
  } catch (error) {
    throw new UsageError(`--pg-version: ${(error as Error).message}`)
  }
  return {
    stateDir: values['state-dir'],
    port: values.port === undefined ? undefined : integer('port', values.port, 0, 65535),
    projects: values.projects === undefined ? undefined : integer('projects', values.projects, 1, 1000),
    latency,
    faults: values.faults,
    branchLimit:
      values['branch-limit'] === undefined ? undefined : integer('branch-limit', values['branch-limit'], 1, 10000),
    history: values.history,
    branchRecovery: recovery === undefined ? undefined : recovery === 'on',
    timeTravelReplayLsn: replayLsn,
    rateLimits: rateLimits === undefined ? undefined : rateLimits === 'on',
    pgVersion: version,
    validate: process.env.NEON_EMULATOR_VALIDATE === '1'
  }
}
