/**
 * `npm run --silent emulator -- [--state-dir DIR] [--port N] [--latency none|neon] [--faults SPEC]
 * [--branch-limit N] [--history DURATION] [--branch-recovery on|off] [--time-travel-replay-lsn reported|null]
 * [--pg-version 15|16|17|18]`:
 * runs the emulator in the foreground, logs to stderr, prints one JSON line (EmulatorInfo) to stdout when ready,
 * and stops everything on SIGTERM or SIGINT (exit 0).
 */
import { parseCli, USAGE } from './api/cliargs.js'
import { AccessError } from './dataplane/access.js'
import { PgVersionError } from './dataplane/binaries.js'
import { startEmulator, type EmulatorOptions } from './index.js'

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
  // Errors that say what to change need no stack trace.
  const known = error instanceof AccessError || error instanceof PgVersionError
  process.stderr.write(`neon-emulator: ${known ? error.message : ((error as Error).stack ?? String(error))}\n`)
  process.exit(1)
})
