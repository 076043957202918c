/**
 * The WAL reader on real WAL of every PostgreSQL version found here (installed or from npm): the same records
 * as pg_walinspect (start, end, length, resource manager, commit times) on each, the same as pg_waldump where
 * an installed one of the version exists, and the history answers (recovery targets, last commits) that follow
 * from pg_walinspect's list. The workload (tools/wal-workload.ts) writes records across pages and segments, a
 * record header split by a page end, a 40 kB and a 1.5 MB record, a segment switch and a prepared commit.
 */
import { alignUp, type Lsn } from '../../src/lsn.js'
import { findPostgres, PG_VERSIONS } from '../../emulator/dataplane/binaries.js'
import { lastCommit, recoveryTarget, type TimelineWal } from '../../emulator/dataplane/history.js'
import { PAGE_SIZE, segmentFiles, WalReader, type WalRecord } from '../../emulator/dataplane/walreader.js'
import {
  installedWaldump,
  RMGR_NAMES,
  startWalCluster,
  waldumpRecords,
  walinspectRecords,
  writeWorkload,
  type OracleRecord,
  type WalCluster
} from '../../tools/wal-workload.js'

const SEGMENT = 1 << 20
const found = PG_VERSIONS.map((major) => {
  try {
    return { major, from: findPostgres(major).from }
  } catch {
    return { major, from: undefined }
  }
})
const available = found.filter((version) => version.from !== undefined)
// A machine with none of them has nothing to run: say so instead of passing an empty suite.
if (available.length === 0) throw new Error('no PostgreSQL 15 to 18 found: run npm ci')

/** What the oracles print for a record: pg_walinspect's end_lsn is the reader's endLsn. */
function asOracle(record: WalRecord): OracleRecord {
  const result: OracleRecord = {
    start: record.start,
    end: record.endLsn,
    rmgr: RMGR_NAMES[record.rmid],
    totalLength: record.totalLength
  }
  if (record.commitMicros !== undefined) result.commitMicros = record.commitMicros
  return result
}

describe.each(available)('WAL of PostgreSQL $major ($from)', ({ major }) => {
  let wal: WalCluster
  let range: { start: Lsn; end: Lsn; pageEndCommit: Lsn }
  let oracle: OracleRecord[]
  let timeline: TimelineWal

  beforeAll(async () => {
    wal = await startWalCluster(major)
    range = await writeWorkload(wal.cluster)
    oracle = await walinspectRecords(wal.cluster, range.start, range.end)
    timeline = { timeline: 1, dirs: [wal.walDir] }
  }, 120_000)

  afterAll(() => wal?.close())

  test('the workload wrote what the reader must get right', () => {
    const crossesPage = (record: OracleRecord) =>
      record.end! - record.start > BigInt(PAGE_SIZE) - (record.start % 8192n)
    const segmentOf = (lsn: Lsn) => lsn / BigInt(SEGMENT)
    expect(oracle.length).toBeGreaterThan(1000)
    expect(oracle.some((record) => record.totalLength > 16 * 1024)).toBe(true)
    expect(oracle.some((record) => record.start % 8192n > 8192n - 24n)).toBe(true) // header split by a page end
    expect(oracle.filter(crossesPage).length).toBeGreaterThan(50)
    expect(oracle.some((record) => segmentOf(record.start) !== segmentOf(record.end! - 1n))).toBe(true)
    expect(oracle.some((record) => record.rmgr === 'XLOG' && record.end! % BigInt(SEGMENT) === 0n)).toBe(true)
    expect(oracle.filter((record) => record.commitMicros !== undefined).length).toBeGreaterThan(40)
    // A commit that ends at a page boundary, as pg_current_wal_lsn() said right after it.
    const atPageEnd = oracle.find((record) => record.end === range.pageEndCommit)
    expect(atPageEnd?.commitMicros).toBeDefined()
    expect(range.pageEndCommit % BigInt(PAGE_SIZE)).toBe(0n)
  })

  test('decodes the same records as pg_walinspect', async () => {
    const reader = new WalReader(segmentFiles([wal.walDir], 1), SEGMENT)
    const records: OracleRecord[] = []
    const first = await reader.firstRecordFrom(range.start)
    await reader.walk(first!.start, (record) => alignUp(record.end) <= range.end && records.push(asOracle(record)) > 0)
    expect(records).toEqual(oracle)
  })

  const waldump = installedWaldump(major)
  ;(waldump ? test : test.skip)(`decodes the same records as pg_waldump ${major}`, async () => {
    const dumped = await waldumpRecords(waldump!, wal.walDir, range.start, range.end)
    const strip = ({ start, rmgr, totalLength, commitMicros }: OracleRecord) => ({
      start,
      rmgr,
      totalLength,
      commitMicros
    })
    expect(dumped.map(strip)).toEqual(oracle.map(strip))
  })

  test('recovery targets: the start of the record each LSN falls in, the LSN itself past its end', async () => {
    const points: { lsn: Lsn; target: Lsn }[] = []
    // A sample, and every record that ends at a page boundary (the next one starts past the page header).
    const atPageEnd = (index: number) => oracle[index].end! % BigInt(PAGE_SIZE) === 0n && oracle[index].rmgr !== 'XLOG'
    const indexes = oracle.map((_, index) => index).filter((index) => index % 37 === 0 || atPageEnd(index))
    // The workload's commit that ends at a page boundary is among them.
    expect(indexes.filter(atPageEnd).map((index) => oracle[index].end)).toContain(range.pageEndCommit)
    for (const index of indexes.filter((index) => index + 1 < oracle.length)) {
      const { start, end } = oracle[index]
      const next = oracle[index + 1].start
      for (const lsn of [start, start + 8n, alignUp((start + end!) / 2n), end! - 8n]) {
        if (lsn >= start && lsn < end!) points.push({ lsn, target: start })
      }
      // Past its end and before the next record: a page header (or a switched segment's tail) holds no record.
      for (const lsn of [end!, next - 8n]) if (lsn >= end! && lsn < next) points.push({ lsn, target: lsn })
    }
    const seen = []
    for (const { lsn } of points) seen.push({ lsn, target: (await recoveryTarget(timeline, lsn, range.start)).target })
    expect(seen).toEqual(points)
    const future = alignUp(range.end) + 64n * BigInt(PAGE_SIZE)
    expect(await recoveryTarget(timeline, future, range.start)).toEqual({ target: future, atEnd: true })
  })

  test('last commits: the newest one at or before a time whose record ends by the point', async () => {
    const commits = oracle.filter((record) => record.commitMicros !== undefined && record.end! <= range.end)
    // A sample, and any commit that ends at a page boundary: its LSN is that boundary, not past the next header.
    const sample = commits.filter((record, index) => index % 5 === 0 || record.end! % BigInt(PAGE_SIZE) === 0n)
    expect(sample.map((record) => record.end)).toContain(range.pageEndCommit)
    for (const { end, commitMicros: micros } of sample) {
      const expected = commits.findLast((commit) => commit.commitMicros! <= micros!)
      const byTime = await lastCommit(timeline, range.start, range.end, (commit) => commit.micros <= micros!)
      expect(byTime).toEqual({ lsn: expected!.end, micros: expected!.commitMicros })
      // A point inside the commit's own record does not hold it yet.
      const before = await lastCommit(timeline, range.start, end! - 8n, () => true)
      expect(before?.lsn ?? 0n).toBeLessThan(end!)
      expect(await lastCommit(timeline, range.start, end!, () => true)).toEqual({ lsn: end, micros })
    }
  })
})
