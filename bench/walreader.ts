/**
 * WAL reader speed against pg_waldump, which it replaced, on the same few MB of PostgreSQL 15 WAL (pg_waldump
 * 15 reads only 15's): finding the record an LSN falls in (a branch's recovery target), finding the last
 * commit before a time (a branch at a timestamp), and decoding every record. The pg_waldump side does what the
 * emulator used to: one spawn over a window around the LSN, one spawn a segment for commits. Prints figures;
 * asserts nothing. Results: bench/RESULTS-walreader.md.
 *
 *   npm run bench:walreader [-- --rounds 7 --mb 4]
 */
import { execFile } from 'node:child_process'
import { parseArgs, promisify } from 'node:util'
import { alignUp, formatLsn, type Lsn } from '../src/lsn.js'
import { lastCommit, recoveryTarget, type TimelineWal } from '../emulator/dataplane/history.js'
import { segmentFiles, WalReader } from '../emulator/dataplane/walreader.js'
import { SEGMENT_SIZE } from '../emulator/dataplane/wal.js'
import {
  installedWaldump,
  parseWaldump,
  startWalCluster,
  waldumpRecords,
  writeWorkload,
  type OracleRecord
} from '../tools/wal-workload.js'

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '7' }, mb: { type: 'string', default: '4' } }
})
const rounds = Number(values.rounds)
const run = promisify(execFile)
const waldump = installedWaldump(15)
if (!waldump) throw new Error('bench:walreader compares with pg_waldump 15: install PostgreSQL 15 (or set PG_BIN)')

const wal = await startWalCluster(15)
const { start, end } = await writeWorkload(wal.cluster, Number(values.mb) * 1024 * 1024)
const timeline: TimelineWal = { timeline: 1, dirs: [wal.walDir] }
const oracle = await waldumpRecords(waldump, wal.walDir, start, end)
const firstCommit = oracle.find((record) => record.commitMicros !== undefined)!

/** Twenty LSNs a round among `records`, a different set each round. */
function pointsAmong(records: OracleRecord[], round: number): Lsn[] {
  return Array.from({ length: 20 }, (_, index) => {
    const record = records[Math.floor(((index * rounds + round) * records.length) / (20 * rounds))]
    return record.start + 8n
  })
}

const ordinary = oracle.filter((record) => record.totalLength < 8192)
const huge = oracle.reduce((longest, record) => (record.totalLength > longest.totalLength ? record : longest))

/** How the emulator used to find a record's end from pg_waldump's total length (page headers skipped). */
function recordEnd(start: Lsn, length: number): Lsn {
  const page = 8192n
  let position = start
  let remaining = BigInt(length)
  for (;;) {
    const pageEnd = (position / page + 1n) * page
    if (remaining <= pageEnd - position) return position + remaining
    remaining -= pageEnd - position
    position = pageEnd + (pageEnd % SEGMENT_SIZE === 0n ? 40n : 24n)
  }
}

function nextStart(end: Lsn): Lsn {
  const aligned = alignUp(end)
  return aligned % 8192n === 0n ? aligned + (aligned % SEGMENT_SIZE === 0n ? 40n : 24n) : aligned
}

/**
 * The emulator's old recovery target with pg_waldump: decode 64 kB before to 16 kB after the LSN (widening
 * 4x until a record is found), then, when nothing decoded runs past the LSN, the next record alone.
 */
async function waldumpTarget(lsn: Lsn): Promise<Lsn> {
  for (let window = 65536n; ; window *= 4n) {
    const from = lsn - window > start ? lsn - window : start
    const records = (await waldumpRecords(waldump!, wal.walDir, from, lsn + 16384n)).filter((r) => r.start >= from)
    const index = records.findLastIndex((record) => record.start <= lsn)
    const after = (i: number) =>
      i + 1 < records.length ? records[i + 1].start : nextStart(recordEnd(records[i].start, records[i].totalLength))
    if (index >= 0 && after(index) > lsn) return records[index].start
    if (index >= 0 || from === start) {
      const next = await waldumpFirst(index >= 0 ? after(index) : from)
      return next && next.start < lsn ? next.start : lsn
    }
  }
}

async function waldumpFirst(from: Lsn): Promise<OracleRecord | undefined> {
  const output = await run(waldump!, ['--path', wal.walDir, '--start', formatLsn(from), '--limit', '1']).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? ''
  )
  return parseWaldump(output)[0]
}

/** The old way: one pg_waldump a segment, newest first, until a commit passes. */
async function waldumpLastCommit(accept: (record: OracleRecord) => boolean): Promise<OracleRecord | undefined> {
  for (let segment = (end - 1n) / SEGMENT_SIZE; segment * SEGMENT_SIZE + SEGMENT_SIZE > start; segment--) {
    const from = segment * SEGMENT_SIZE > start ? segment * SEGMENT_SIZE : start
    const to = (segment + 1n) * SEGMENT_SIZE < end ? (segment + 1n) * SEGMENT_SIZE : end
    const records = await waldumpRecords(waldump!, wal.walDir, from, to + 8192n)
    const found = records.findLast((record) => record.commitMicros !== undefined && accept(record))
    if (found) return found
  }
  return undefined
}

async function readerAll(): Promise<number> {
  const reader = new WalReader(segmentFiles(timeline.dirs, 1), Number(SEGMENT_SIZE))
  let count = 0
  const first = await reader.firstRecordFrom(start)
  await reader.walk(first!.start, (record) => record.start < end && ++count > 0)
  return count
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function measure(work: (round: number) => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    await work(round)
    times.push(performance.now() - started)
  }
  return median(times)
}

type Case = { name: string; perCall: number; reader: Work; waldump: Work }
type Work = (round: number) => Promise<unknown>

const targets = (points: (round: number) => Lsn[], find: (lsn: Lsn) => Promise<unknown>) => async (round: number) => {
  for (const lsn of points(round)) await find(lsn)
}
const middle = (round: number) => [
  huge.start + 8n * BigInt(Math.floor((huge.totalLength * (round + 1)) / (8 * (rounds + 1))))
]

const cases: Case[] = [
  {
    name: 'record an LSN falls in: 20 LSNs in ordinary records, per LSN',
    perCall: 20,
    reader: targets(
      (round) => pointsAmong(ordinary, round),
      (lsn) => recoveryTarget(timeline, lsn, start)
    ),
    waldump: targets((round) => pointsAmong(ordinary, round), waldumpTarget)
  },
  {
    name: `record an LSN falls in: inside the ${(huge.totalLength / 1e6).toFixed(1)} MB record`,
    perCall: 1,
    reader: targets(middle, (lsn) => recoveryTarget(timeline, lsn, start)),
    waldump: targets(middle, waldumpTarget)
  },
  {
    name: "last commit at or before the first commit's time (every segment scanned)",
    perCall: 1,
    reader: () => lastCommit(timeline, start, end, (commit) => commit.micros <= firstCommit.commitMicros!),
    waldump: () => waldumpLastCommit((record) => record.commitMicros! <= firstCommit.commitMicros!)
  },
  {
    name: 'decode every record',
    perCall: 1,
    reader: () => readerAll(),
    waldump: () => waldumpRecords(waldump!, wal.walDir, start, end)
  }
]

try {
  const mb = (Number(end - start) / 1024 / 1024).toFixed(1)
  console.log(
    `PostgreSQL ${wal.postgres.version}, ${mb} MB of WAL (${formatLsn(start)} to ${formatLsn(end)}), ${oracle.length} records, median of ${rounds}`
  )
  console.log('| case | WAL reader | pg_waldump 15 | pg_waldump / reader |')
  console.log('| --- | --- | --- | --- |')
  for (const { name, perCall, reader, waldump: dump } of cases) {
    await reader(0) // warm up: the first pass compiles the reader
    const ours = (await measure(reader)) / perCall
    const theirs = (await measure(dump)) / perCall
    console.log(`| ${name} | ${ours.toFixed(2)} ms | ${theirs.toFixed(2)} ms | ${(theirs / ours).toFixed(1)}x |`)
  }
} finally {
  await wal.close()
}
