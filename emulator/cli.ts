/**
 * `npm run --silent emulator -- [--state-dir DIR] [--port N] [--latency none|neon] [--faults SPEC]
 * [--branch-limit N] [--history DURATION]`: runs the emulator in the foreground, logs to stderr, prints one
 * JSON line (EmulatorInfo) to stdout when ready, and stops everything on SIGTERM or SIGINT (exit 0).
 */
import { parseArgs } from 'node:util'
import { parseDuration } from './api/clock.js'
import { parseFaults } from './api/faults.js'
import { startEmulator, type EmulatorOptions } from './index.js'

const USAGE =
  'usage: npm run --silent emulator -- [--state-dir DIR] [--port N] [--latency none|neon] [--faults SPEC] ' +
  '[--branch-limit N] [--history DURATION]'

class UsageError extends Error {}

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
        'branch-limit': { type: 'string', default: '10' },
        history: { type: 'string', default: '7d' }
      }
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const latency = values.latency
  if (latency !== 'none' && latency !== 'neon') throw new UsageError(`--latency must be none or neon, got "${latency}"`)
  try {
    parseFaults(values.faults)
    parseDuration(values.history)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  return {
    stateDir: values['state-dir'],
    port: values.port === undefined ? undefined : integer('port', values.port, 0, 65535),
    latency,
    faults: values.faults,
    branchLimit: integer('branch-limit', values['branch-limit'], 1, 10000),
    history: values.history,
    validate: process.env.NEON_EMULATOR_VALIDATE === '1'
  }
}

async function main(): Promise<void> {
  let options: EmulatorOptions
  try {
    options = parseCli(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`neon-emulator: ${(error as Error).message}\n${USAGE}\n`)
    process.exit(2)
  }
  const emulator = await startEmulator({
    ...options,
    log: (message) => process.stderr.write(`[neon-emulator] ${message}\n`)
  })
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`[neon-emulator] ${signal}: stopping\n`)
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`[neon-emulator] stop failed: ${(error as Error).message}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  process.stdout.write(JSON.stringify(emulator.info) + '\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`neon-emulator: ${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
