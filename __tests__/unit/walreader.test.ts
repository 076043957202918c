/**
 * The WAL reader on WAL written here, byte by byte, as PostgreSQL lays it out (page headers, records split
 * across pages and segments, CRCs): each rule of the format and each way valid WAL ends. Real WAL of every
 * version is __tests__/emulator/walreader.test.ts's.
 */
import { alignUp } from '../../src/lsn.js'
import { crc32c, crc32cFinish, crc32cUpdate, CRC32C_START } from '../../emulator/dataplane/crc32c.js'
import {
  commitMicros,
  mainData,
  PAGE_SIZE,
  parsePageHeader,
  WalReader,
  type SegmentSource
} from '../../emulator/dataplane/walreader.js'

const PAGE = BigInt(PAGE_SIZE)
const MAGIC_17 = 0xd116

interface Spec {
  rmid?: number
  info?: number
  xid?: number
  /** Everything after the 24-byte header. */
  body: Buffer
  /** Write a wrong xl_prev or CRC. */
  badPrev?: boolean
  badCrc?: boolean
}

/** Writes records one after another from `start`, with page headers, as PostgreSQL does (xloginsert.c). */
class WalWriter {
  readonly segments = new Map<bigint, Buffer>()
  position: bigint
  private prev = 0n

  constructor(
    readonly segmentSize: number,
    start: bigint
  ) {
    this.position = start
    this.pageHeader(start - (start % PAGE), 0)
  }

  source(): SegmentSource {
    return { read: async (segment, offset, length) => this.segments.get(segment)?.subarray(offset, offset + length) }
  }

  private byteAt(lsn: bigint): { data: Buffer; offset: number } {
    const size = BigInt(this.segmentSize)
    const segment = lsn / size
    if (!this.segments.has(segment)) this.segments.set(segment, Buffer.alloc(this.segmentSize))
    return { data: this.segments.get(segment)!, offset: Number(lsn % size) }
  }

  /** A page header: long on a segment's first page; `remaining` bytes of a record continue on it. */
  pageHeader(address: bigint, remaining: number, magic = MAGIC_17): number {
    const { data, offset } = this.byteAt(address)
    const long = address % BigInt(this.segmentSize) === 0n
    data.writeUInt16LE(magic, offset)
    data.writeUInt16LE((remaining > 0 ? 1 : 0) | (long ? 2 : 0), offset + 2)
    data.writeUInt32LE(1, offset + 4)
    data.writeBigUInt64LE(address, offset + 8)
    data.writeUInt32LE(remaining, offset + 16)
    if (long) data.writeUInt32LE(this.segmentSize, offset + 32)
    return long ? 40 : 24
  }

  write(spec: Spec): bigint {
    let at = alignUp(this.position)
    if (at % PAGE === 0n) at += BigInt(this.pageHeader(at, 0))
    const record = Buffer.concat([Buffer.alloc(24), spec.body])
    record.writeUInt32LE(record.length, 0)
    record.writeUInt32LE(spec.xid ?? 0, 4)
    record.writeBigUInt64LE(spec.badPrev ? this.prev + 8n : this.prev, 8)
    record.writeUInt8(spec.info ?? 0, 16)
    record.writeUInt8(spec.rmid ?? 21, 17)
    const crc = crc32cFinish(crc32cUpdate(crc32cUpdate(CRC32C_START, record, 24), record, 0, 20))
    record.writeUInt32LE(spec.badCrc ? crc ^ 1 : crc, 20)
    const start = at
    for (let done = 0; done < record.length;) {
      if (at % PAGE === 0n) at += BigInt(this.pageHeader(at, record.length - done))
      const { data, offset } = this.byteAt(at)
      const take = Math.min(Number(PAGE - (at % PAGE)), record.length - done)
      record.copy(data, offset, done, done + take)
      done += take
      at += BigInt(take)
    }
    this.prev = start
    this.position = at
    return start
  }
}

/** A message-like record whose total length is `total`. */
const filler = (total: number): Spec => ({ body: Buffer.alloc(total - 24, 0x61) })

/** A commit's body: main data after an origin and a block reference with a compressed image with a hole. */
function commitBody(xactTime: bigint, withBlock: boolean): Buffer {
  const main = Buffer.alloc(12)
  main.writeBigInt64LE(xactTime, 0)
  const headers: number[] = [253, 7, 0] // XLR_BLOCK_ID_ORIGIN and a RepOriginId
  if (withBlock) {
    // id 0, fork_flags HAS_IMAGE|HAS_DATA (not SAME_REL), data_length 2, image length 3, hole_offset, bimg_info
    // HAS_HOLE|COMPRESS_LZ4, hole_length, RelFileLocator (12 bytes), BlockNumber (4 bytes).
    headers.push(0, 0x30, 2, 0, 3, 0, 0, 0, 0x09, 0, 0, ...Array(12).fill(1), 0, 0, 0, 0)
  }
  headers.push(255, main.length)
  const blockData = withBlock ? Buffer.from([9, 9, 9, 8, 8]) : Buffer.alloc(0)
  return Buffer.concat([Buffer.from(headers), blockData, main])
}

async function readAll(reader: WalReader, from: bigint) {
  const records = []
  for (
    let record = await reader.firstRecordFrom(from);
    record;
    record = await reader.readRecord(record.next, record.start)
  ) {
    records.push(record)
  }
  return records
}

describe('CRC-32C', () => {
  test('matches the standard check value and adds up across pieces', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283)
    const data = Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 31) & 0xff))
    const pieces = crc32cUpdate(crc32cUpdate(CRC32C_START, data, 0, 333), data, 333)
    expect(crc32cFinish(pieces)).toBe(crc32c(data))
  })
})

describe('WAL pages and records', () => {
  const MB = 1 << 20

  test('page headers: long on a segment start, short elsewhere, unknown magic is no page', () => {
    const wal = new WalWriter(MB, 40n)
    wal.pageHeader(PAGE, 100)
    const segment = wal.segments.get(0n)!
    expect(parsePageHeader(segment, 0)).toMatchObject({ size: 40, segmentSize: MB, address: 0n, timeline: 1 })
    expect(parsePageHeader(segment, PAGE_SIZE)).toMatchObject({ size: 24, remainingLength: 100, info: 1 })
    expect(parsePageHeader(segment, 2 * PAGE_SIZE)).toBeUndefined()
    wal.pageHeader(2n * PAGE, 0, 0xd106) // PostgreSQL 13's magic
    expect(parsePageHeader(segment, 2 * PAGE_SIZE)).toBeUndefined()
  })

  test('records across pages skip each page header; the next one starts aligned, past a new page header', async () => {
    const wal = new WalWriter(MB, 40n)
    const first = wal.write(filler(8192 - 40 - 12)) // ends 12 bytes before the page ends
    const second = wal.write(filler(100)) // starts aligned at 8 bytes before, its header split over two pages
    const third = wal.write(filler(20000)) // runs over three pages
    const records = await readAll(new WalReader(wal.source(), MB), 0n)
    expect(records.map((record) => record.start)).toEqual([first, second, third])
    expect(second).toBe(PAGE - 8n)
    expect(records[1].end).toBe(PAGE + 24n + 92n)
    expect(records[2].end).toBe(third + 20000n + 2n * 24n)
    expect(records[2].next).toBe(alignUp(records[2].end))
  })

  test('a record ending on a page end is followed past the next page header, a segment end past a long one', async () => {
    const wal = new WalWriter(32768, 40n)
    wal.write(filler(8192 - 40))
    const onNextPage = wal.write(filler(32768 - 8192 - 24 * 3 + 16))
    const records = await readAll(new WalReader(wal.source(), 32768), 0n)
    expect(onNextPage).toBe(PAGE + 24n)
    expect(records[0].next).toBe(PAGE + 24n)
    expect(records[1].end).toBe(32768n + 40n + 16n)
  })

  test('a 4,000,057-byte record at 0/C00028 is followed by one at 0/FD3770 (measured with pg_waldump)', async () => {
    const wal = new WalWriter(MB, 0xc00028n)
    const start = wal.write(filler(4_000_057))
    const after = wal.write(filler(30))
    expect(start).toBe(0xc00028n)
    expect(after).toBe(0xfd3770n)
    const reader = new WalReader(wal.source(), MB)
    expect((await reader.readRecord(start))!.next).toBe(0xfd3770n)
    expect((await reader.firstRecordFrom(start + 1n))!.start).toBe(0xfd3770n)
  })

  test('valid WAL ends at zeroes, at a wrong xl_prev, at a bad CRC, and at a page of another address', async () => {
    const make = (last: Partial<Spec>) => {
      const wal = new WalWriter(MB, 40n)
      wal.write(filler(50))
      wal.write({ ...filler(9000), ...last })
      return new WalReader(wal.source(), MB)
    }
    expect(await readAll(make({}), 0n)).toHaveLength(2)
    expect(await readAll(make({ badPrev: true }), 0n)).toHaveLength(1)
    expect(await readAll(make({ badCrc: true }), 0n)).toHaveLength(1)
    // A recycled segment's page keeps its old address: the record that should continue there is cut.
    const wal = new WalWriter(MB, 40n)
    wal.write(filler(50))
    wal.write(filler(9000))
    wal.segments.get(0n)!.writeBigUInt64LE(0x5000000n + PAGE, PAGE_SIZE + 8)
    expect(await readAll(new WalReader(wal.source(), MB), 0n)).toHaveLength(1)
    // Past the last record the page is zeroes.
    const tail = new WalWriter(MB, 40n)
    tail.write(filler(50))
    expect(await new WalReader(tail.source(), MB).readRecord(alignUp(40n + 50n))).toBeUndefined()
  })

  test('a continued record must say so on the next page, with exactly the bytes still missing', async () => {
    for (const patch of [
      (data: Buffer) => data.writeUInt16LE(0, PAGE_SIZE + 2),
      (data: Buffer) => data.writeUInt32LE(1, PAGE_SIZE + 16)
    ]) {
      const wal = new WalWriter(MB, 40n)
      wal.write(filler(9000))
      patch(wal.segments.get(0n)!)
      expect(await readAll(new WalReader(wal.source(), MB), 0n)).toEqual([])
    }
  })

  test('finding records: from a page that a long record fills, and back from a point inside one', async () => {
    const wal = new WalWriter(MB, 40n)
    wal.write(filler(100))
    const long = wal.write(filler(30000))
    const after = wal.write(filler(100))
    const reader = new WalReader(wal.source(), MB)
    expect((await reader.firstRecordFrom(2n * PAGE + 100n))!.start).toBe(after)
    // Inside the long record: the pages back to where one starts on it, whose first record is the first one.
    expect(await reader.boundaryAtOrBefore(3n * PAGE + 8n, 0n)).toBe(40n)
    expect(long).toBe(144n)
    expect(await reader.boundaryAtOrBefore(after + 8n, 0n)).toBe(after)
    expect(await reader.boundaryAtOrBefore(after + 5n * PAGE, 0n)).toBe(after) // pages not written yet
    expect(await reader.boundaryAtOrBefore(3n * PAGE, 2n * PAGE)).toBeUndefined()
  })

  test('a switch record ends its segment: the next record opens the next one', async () => {
    const wal = new WalWriter(32768, 40n)
    const switched = wal.write({ rmid: 0, info: 0x40, body: Buffer.from([255, 0]) })
    const reader = new WalReader(wal.source(), 32768)
    expect((await reader.readRecord(switched))!.next).toBe(32768n + 40n)
  })

  test('commits (plain and prepared) give their time from the main data, past origin and block headers', async () => {
    const postgresEpoch = 946_684_800_000_000n
    const wal = new WalWriter(MB, 40n)
    wal.write({ rmid: 1, info: 0x00, body: commitBody(123_456_789n, false) })
    wal.write({ rmid: 1, info: 0x30, body: commitBody(5n, true) })
    wal.write({ rmid: 1, info: 0x20, body: commitBody(7n, false) }) // an abort: no commit time
    const records = await readAll(new WalReader(wal.source(), MB), 0n)
    expect(records.map((record) => record.commitMicros)).toEqual([
      postgresEpoch + 123_456_789n,
      postgresEpoch + 5n,
      undefined
    ])
    const record = Buffer.concat([Buffer.alloc(24), commitBody(1n, true)])
    expect(mainData(record)).toHaveLength(12)
    expect(commitMicros(Buffer.concat([Buffer.alloc(24), Buffer.from([250])]))).toBeUndefined()
  })
})
