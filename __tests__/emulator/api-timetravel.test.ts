/**
 * Time-travel connections through an endpoint's proxy (startup `options=neon_timestamp:<ts>`), and the
 * `timeTravelReplayLsn` option: what `pg_last_wal_replay_lsn()` answers there, with the data and the read-only
 * refusal the same either way.
 */
import { query, startHarness, type Harness } from './api-helpers.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A table with row 1 committed before the returned time and row 2 after it. */
async function rowsAroundTime(harness: Harness): Promise<string> {
  const uri = harness.emulator.info.connectionUri
  await query(uri, 'CREATE TABLE moments (n int)')
  await query(uri, 'INSERT INTO moments VALUES (1)')
  await sleep(50)
  const cut = new Date().toISOString()
  await sleep(50)
  await query(uri, 'INSERT INTO moments VALUES (2)')
  return cut
}

const atTime = (harness: Harness, timestamp: string): string =>
  `${harness.emulator.info.connectionUri}?options=${encodeURIComponent(`neon_timestamp:${timestamp}`)}`

describe.each([
  { option: undefined, replay: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) },
  { option: 'null' as const, replay: null }
])('a time-travel connection with timeTravelReplayLsn $option', ({ option, replay }) => {
  let harness: Harness

  beforeAll(async () => {
    harness = await startHarness({ timeTravelReplayLsn: option })
  })

  afterAll(async () => {
    await harness?.emulator.stop()
  })

  it('reads the rows at the timestamp, refuses writes, and answers pg_last_wal_replay_lsn()', async () => {
    const uri = atTime(harness, await rowsAroundTime(harness))
    expect(await query(uri, 'SELECT n FROM moments ORDER BY n')).toEqual([{ n: 1 }])
    await expect(query(uri, 'INSERT INTO moments VALUES (3)')).rejects.toMatchObject({ code: '25006' })
    expect(await query(uri, 'SELECT pg_last_wal_replay_lsn()::text AS lsn')).toEqual([{ lsn: replay }])
    expect(harness.emulator.violations()).toEqual([])
  })
})
