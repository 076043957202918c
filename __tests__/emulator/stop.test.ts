/**
 * stop() with work still in flight: a time-travel connection whose instance is still being prepared when the
 * emulator stops must not start a PostgreSQL server afterwards. Such a server outlived the emulator, and its child
 * process handle kept jest alive ("Jest did not exit one second after the test run has completed").
 */
import { execFileSync } from 'node:child_process'
import pg from 'pg'
import { startEmulator } from '../../emulator/index.js'
import { timeTravelUri } from '../../src/postgres/index.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The PostgreSQL servers (and copies) running on data directories under `dir`. */
function processesUnder(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`${dir}/`))
}

const childProcesses = (): unknown[] =>
  (process as unknown as { _getActiveHandles(): { constructor?: { name?: string } }[] })
    ._getActiveHandles()
    .filter((handle) => handle.constructor?.name === 'ChildProcess')

it('starts no server for a time-travel connection still being prepared when stop() is called', async () => {
  // The window is a few milliseconds wide: stop at several moments after the connection starts.
  for (const delayMs of [0, 3, 6, 9, 12, 15, 20]) {
    const emulator = await startEmulator({ log: () => undefined })
    const main = new pg.Client(emulator.info.connectionUri)
    await main.connect()
    await main.query('CREATE TABLE t (x int); INSERT INTO t VALUES (1)')
    const { rows } = await main.query('SELECT pg_current_wal_lsn()::text AS lsn')
    await main.end()

    const past = new pg.Client(timeTravelUri(emulator.info.connectionUri, { endpointId: '', branchId: '' }, rows[0]))
    past.on('error', () => undefined)
    const connecting = past.connect().then(
      () => 'connected',
      () => 'refused'
    )
    await sleep(delayMs)
    await emulator.stop()
    await connecting
    await past.end().catch(() => undefined)
    // Nothing the emulator started (a copy of a base backup, a server) is still running once stop() is done.
    expect({ delayMs, children: childProcesses().length }).toEqual({ delayMs, children: 0 })

    // Whatever was in flight has had time to start a server, if it were going to.
    await sleep(300)
    expect({ delayMs, left: processesUnder(emulator.stateDir) }).toEqual({ delayMs, left: [] })
  }
}, 90_000) // seven emulator starts: about 15 s on a quiet 2-core machine, far more under load
