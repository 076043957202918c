/**
 * Reads PostgreSQL's WAL itself, as far as the emulator needs it: page headers, where records start and end
 * (across pages and segments), where valid WAL ends, and commit records with their times. It replaces
 * `pg_waldump`, which the npm builds of PostgreSQL do not ship. Formats (PostgreSQL 15 to 18, identical for
 * what is read here): src/include/access/xlog_internal.h (page headers), xlogrecord.h (record header and
 * block headers), xact.h (commit records); how they chain: src/backend/access/transam/xlogreader.c.
 *
 * The parsing functions are pure (Buffers in, values out); `WalReader` walks records over a `SegmentSource`,
 * and `segmentFiles` is the thin layer that reads segment files from directories.
 */
import { open } from 'node:fs/promises'
import path from 'node:path'
import { alignUp, type Lsn } from '../../src/lsn.js'
import { crc32cFinish, crc32cUpdate, CRC32C_START } from './crc32c.js'
import { segmentFileName } from './wal.js'

export const PAGE_SIZE = 8192
const SHORT_PAGE_HEADER = 24
const LONG_PAGE_HEADER = 40
export const RECORD_HEADER_SIZE = 24
/** XLogRecordMaxSize (PostgreSQL 16+): anything longer is not a record but garbage. */
const MAX_RECORD_SIZE = 1020 * 1024 * 1024

const XLP_FIRST_IS_CONTRECORD = 0x0001
const XLP_LONG_HEADER = 0x0002

/** xlp_magic changes with every WAL format version: one per major release here. */
export const PAGE_MAGIC_VERSIONS: ReadonlyMap<number, number> = new Map([
  [0xd110, 15],
  [0xd113, 16],
  [0xd116, 17],
  [0xd118, 18]
])

export const RM_XLOG_ID = 0
export const RM_XACT_ID = 1
const XLOG_SWITCH = 0x40
const XLOG_XACT_OPMASK = 0x70
const XLOG_XACT_COMMIT = 0x00
const XLOG_XACT_COMMIT_PREPARED = 0x30
/** TimestampTz counts microseconds from 2000-01-01 UTC. */
const POSTGRES_EPOCH_UNIX_MICROS = 946_684_800_000_000n

export interface PageHeader {
  magic: number
  info: number
  timeline: number
  /** The LSN of the page's first byte: a page of a recycled segment still carries its old address. */
  address: Lsn
  /** Bytes of a record continued from the previous page (with XLP_FIRST_IS_CONTRECORD). */
  remainingLength: number
  /** 40 on a segment's first page (long header), else 24. */
  size: number
  /** Long headers only. */
  segmentSize?: number
}

/** The page header at `offset`, or undefined where no page of a known WAL version was written (zeroes). */
export function parsePageHeader(data: Buffer, offset = 0): PageHeader | undefined {
  if (offset + SHORT_PAGE_HEADER > data.length) return undefined
  const magic = data.readUInt16LE(offset)
  if (!PAGE_MAGIC_VERSIONS.has(magic)) return undefined
  const info = data.readUInt16LE(offset + 2)
  const long = (info & XLP_LONG_HEADER) !== 0
  if (long && offset + LONG_PAGE_HEADER > data.length) return undefined
  return {
    magic,
    info,
    timeline: data.readUInt32LE(offset + 4),
    address: data.readBigUInt64LE(offset + 8),
    remainingLength: data.readUInt32LE(offset + 16),
    size: long ? LONG_PAGE_HEADER : SHORT_PAGE_HEADER,
    segmentSize: long ? data.readUInt32LE(offset + 32) : undefined
  }
}

/**
 * Where the first record that starts on a page begins, or undefined when the page holds only the rest of a
 * record from earlier pages (xlogreader.c's XLogFindNextRecord reasons the same way).
 */
export function firstRecordOnPage(header: PageHeader): Lsn | undefined {
  const body = header.address + BigInt(header.size)
  if ((header.info & XLP_FIRST_IS_CONTRECORD) === 0) return body
  const after = body + alignUp(BigInt(header.remainingLength))
  return after < header.address + BigInt(PAGE_SIZE) ? after : undefined
}

export interface RecordHeader {
  /** xl_tot_len: header, block headers, block data and main data, without the page headers it spans. */
  totalLength: number
  xid: number
  prev: Lsn
  info: number
  rmid: number
  crc: number
}

export function parseRecordHeader(data: Buffer, offset = 0): RecordHeader {
  return {
    totalLength: data.readUInt32LE(offset),
    xid: data.readUInt32LE(offset + 4),
    prev: data.readBigUInt64LE(offset + 8),
    info: data.readUInt8(offset + 16),
    rmid: data.readUInt8(offset + 17),
    crc: data.readUInt32LE(offset + 20)
  }
}

/**
 * A record's CRC as PostgreSQL computes it (xlogreader.c, ValidXLogRecord): over everything after the header,
 * then over the header up to the CRC field. `chunks` are the record's bytes in order, split where pages split it.
 */
export function recordCrc(chunks: Buffer[]): number {
  let crc = CRC32C_START
  let seen = 0
  for (const chunk of chunks) {
    const from = Math.max(0, RECORD_HEADER_SIZE - seen)
    if (from < chunk.length) crc = crc32cUpdate(crc, chunk, from)
    seen += chunk.length
  }
  const header = headerBytes(chunks)
  return crc32cFinish(crc32cUpdate(crc, header, 0, 20))
}

/** The first 24 bytes of a record, copied only when a page boundary splits them. */
function headerBytes(chunks: Buffer[]): Buffer {
  if (chunks[0].length >= RECORD_HEADER_SIZE) return chunks[0]
  return Buffer.concat(chunks).subarray(0, RECORD_HEADER_SIZE)
}

/**
 * The record's main data (the rmgr's own struct): after the block headers, the last `length` bytes of the
 * record. Undefined when the record has none or its headers make no sense.
 */
export function mainData(record: Buffer): Buffer | undefined {
  let offset = RECORD_HEADER_SIZE
  while (offset < record.length) {
    const id = record[offset++]
    if (id === 255 || id === 254) {
      // XLR_BLOCK_ID_DATA_SHORT (one length byte) or XLR_BLOCK_ID_DATA_LONG (four, unaligned).
      const length = id === 255 ? record[offset] : record.readUInt32LE(offset)
      return length <= record.length ? record.subarray(record.length - length) : undefined
    }
    if (id === 253)
      offset += 2 // XLR_BLOCK_ID_ORIGIN: a RepOriginId
    else if (id === 252)
      offset += 4 // XLR_BLOCK_ID_TOPLEVEL_XID: a TransactionId
    else if (id <= 32) offset += blockHeaderLength(record, offset)
    else return undefined
  }
  return undefined
}

/** Bytes after a block reference's id: fork_flags, data_length, an image header if any, RelFileLocator, block. */
function blockHeaderLength(record: Buffer, offset: number): number {
  const forkFlags = record[offset]
  let length = 3
  if (forkFlags & 0x10) {
    // BKPBLOCK_HAS_IMAGE: length, hole_offset, bimg_info, and hole_length when a hole is also compressed.
    const imageInfo = record[offset + 3 + 4]
    length += 5 + (imageInfo & 0x01 && imageInfo & 0x1c ? 2 : 0)
  }
  if (!(forkFlags & 0x80)) length += 12 // not BKPBLOCK_SAME_REL: a RelFileLocator follows
  return length + 4
}

/** Commits (plain and prepared) carry their time first in their main data (xl_xact_commit.xact_time). */
export function isCommit(header: Pick<RecordHeader, 'rmid' | 'info'>): boolean {
  const op = header.info & XLOG_XACT_OPMASK
  return header.rmid === RM_XACT_ID && (op === XLOG_XACT_COMMIT || op === XLOG_XACT_COMMIT_PREPARED)
}

/** A commit record's time in microseconds since the Unix epoch. */
export function commitMicros(record: Buffer): bigint | undefined {
  const data = mainData(record)
  if (!data || data.length < 8) return undefined
  return data.readBigInt64LE(0) + POSTGRES_EPOCH_UNIX_MICROS
}

export function isSwitch(header: Pick<RecordHeader, 'rmid' | 'info'>): boolean {
  return header.rmid === RM_XLOG_ID && (header.info & 0xf0) === XLOG_SWITCH
}

export interface WalRecord {
  start: Lsn
  /** Unaligned end: where its last byte ends, past the headers of the pages it runs across. */
  end: Lsn
  /**
   * The LSN right after it, as PostgreSQL's xlogreader reports it (EndRecPtr; pg_walinspect's end_lsn) and
   * pg_current_wal_lsn() answers once it is flushed: 8-byte aligned, the page boundary itself for a record that
   * ends there (XLogBytePosToEndRecPtr), the segment's end for a switch. Neon's branch at an LSN holds exactly
   * the records whose endLsn is at or before it.
   */
  endLsn: Lsn
  /** Where the next record starts: 8-byte aligned, past a page header, past the rest of a switched segment. */
  next: Lsn
  totalLength: number
  rmid: number
  info: number
  xid: number
  /** For commits: the commit time in microseconds since the Unix epoch. */
  commitMicros?: bigint
}

/** Parts of segments by number: fewer bytes at a segment's end, undefined when the segment is not there. */
export interface SegmentSource {
  read(segment: bigint, offset: number, length: number): Promise<Buffer | undefined>
}

/** Segment files of one timeline, looked for in each directory in turn (an archive, then a live pg_wal). */
export function segmentFiles(dirs: string[], timeline: number): SegmentSource {
  return {
    async read(segment, offset, length) {
      const name = segmentFileName(timeline, segment)
      for (const dir of dirs) {
        const file = await open(path.join(dir, name), 'r').catch(() => undefined)
        if (!file) continue
        try {
          const data = Buffer.allocUnsafe(length)
          const { bytesRead } = await file.read(data, 0, length, offset)
          return data.subarray(0, bytesRead)
        } finally {
          await file.close()
        }
      }
      return undefined
    }
  }
}

/**
 * Segments are read in chunks of eight pages: finding one record reads a page or two, a scan reads a
 * segment in 16 reads, and a reader keeps the last 8 MB it read.
 */
const CHUNK_SIZE = 8 * PAGE_SIZE
const CACHED_CHUNKS = 128

interface Page {
  data: Buffer
  offset: number
  header: PageHeader
}

/** A page whose chunk is not read yet: the caller reads it and tries again. */
interface Missing {
  missing: Lsn
}

const isMissing = (value: object | undefined): value is Missing => value !== undefined && 'missing' in value

/**
 * Walks the records of one timeline's WAL. A record is returned only if it is whole and valid: every page it
 * spans has the right address and continuation length, its xl_prev points at the record before (when known)
 * and its CRC matches. Anything else is where valid WAL ends, as for PostgreSQL's own reader.
 * Decoding is synchronous over chunks already read, so a scan costs no promise a record.
 */
export class WalReader {
  private readonly chunks = new Map<string, Buffer | undefined>()
  private lastPage?: Page

  constructor(
    private readonly source: SegmentSource,
    readonly segmentSize: number
  ) {}

  private where(address: Lsn): { segment: bigint; index: number; offset: number; key: string } {
    const size = BigInt(this.segmentSize)
    const inSegment = Number(address % size)
    const index = Math.floor(inSegment / CHUNK_SIZE)
    const segment = address / size
    return { segment, index, offset: inSegment - index * CHUNK_SIZE, key: `${segment}:${index}` }
  }

  /**
   * Reads the chunk holding `address`. `pinned` keeps the chunks one record needs while it is read, however
   * long the record is: the shared cache may drop them meanwhile.
   */
  private async load(address: Lsn, pinned: Map<string, Buffer | undefined>): Promise<void> {
    const { segment, index, key } = this.where(address)
    const start = index * CHUNK_SIZE
    const data = await this.source.read(segment, start, Math.min(CHUNK_SIZE, this.segmentSize - start))
    this.chunks.set(key, data)
    if (this.chunks.size > CACHED_CHUNKS) this.chunks.delete(this.chunks.keys().next().value!)
    pinned.set(key, data)
  }

  /** The page at `address` (a multiple of PAGE_SIZE) if a page of that address was written there. */
  private pageNow(address: Lsn, pinned?: Map<string, Buffer | undefined>): Page | undefined | Missing {
    // Consecutive records mostly share a page: keep the last one found (from a chunk this reader holds).
    if (this.lastPage?.header.address === address) return this.lastPage
    const { offset, key } = this.where(address)
    if (!this.chunks.has(key) && !pinned?.has(key)) return { missing: address }
    const data = this.chunks.get(key) ?? pinned?.get(key)
    if (!data || offset + PAGE_SIZE > data.length) return undefined
    const header = parsePageHeader(data, offset)
    if (!header || header.address !== address) return undefined
    this.lastPage = { data, offset, header }
    return this.lastPage
  }

  async page(address: Lsn): Promise<Page | undefined> {
    const pinned = new Map<string, Buffer | undefined>()
    const page = this.pageNow(address)
    if (!isMissing(page)) return page
    await this.load(address, pinned)
    return this.pageNow(address, pinned) as Page | undefined
  }

  /** Where the record after one that ends at `end` starts: aligned, and past the header of a new page. */
  nextStart(end: Lsn): Lsn {
    const aligned = alignUp(end)
    if (aligned % BigInt(PAGE_SIZE) !== 0n) return aligned
    return aligned + BigInt(aligned % BigInt(this.segmentSize) === 0n ? LONG_PAGE_HEADER : SHORT_PAGE_HEADER)
  }

  /** After a switch record the rest of its segment is unused: the next record opens the next segment. */
  private afterSwitch(end: Lsn): Lsn {
    const size = BigInt(this.segmentSize)
    return ((end + size - 1n) / size) * size + BigInt(LONG_PAGE_HEADER)
  }

  /** The record that starts at `start` (a record boundary), or undefined where valid WAL ends. */
  async readRecord(start: Lsn, prev?: Lsn): Promise<WalRecord | undefined> {
    const pinned = new Map<string, Buffer | undefined>()
    for (;;) {
      const record = this.readNow(start, prev, pinned)
      if (!isMissing(record)) return record
      await this.load(record.missing, pinned)
    }
  }

  private readNow(start: Lsn, prev?: Lsn, pinned?: Map<string, Buffer | undefined>): WalRecord | undefined | Missing {
    const gathered = this.gather(start, pinned)
    if (!gathered || isMissing(gathered)) return gathered
    const { chunks, end } = gathered
    const header = parseRecordHeader(headerBytes(chunks))
    if (prev !== undefined && header.prev !== prev) return undefined
    if (recordCrc(chunks) !== header.crc) return undefined
    const next = isSwitch(header) ? this.afterSwitch(end) : this.nextStart(end)
    const record: WalRecord = {
      start,
      end,
      endLsn: isSwitch(header) ? next - BigInt(LONG_PAGE_HEADER) : alignUp(end),
      next,
      totalLength: header.totalLength,
      rmid: header.rmid,
      info: header.info,
      xid: header.xid
    }
    if (isCommit(header)) record.commitMicros = commitMicros(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
    return record
  }

  /**
   * The bytes of the record at `start`, as views into the chunks, split where pages split it. xl_tot_len
   * always lies on the first page (records start 8-byte aligned, pages end so), so the length is known first.
   */
  private gather(
    start: Lsn,
    pinned?: Map<string, Buffer | undefined>
  ): { chunks: Buffer[]; end: Lsn } | undefined | Missing {
    const pageSize = BigInt(PAGE_SIZE)
    let page = this.pageNow(start - (start % pageSize), pinned)
    if (!page || isMissing(page)) return page
    let at = page.offset + Number(start % pageSize)
    const total = page.data.readUInt32LE(at)
    if (total < RECORD_HEADER_SIZE || total > MAX_RECORD_SIZE) return undefined
    const chunks: Buffer[] = []
    let got = 0
    let address = page.header.address
    for (;;) {
      const take = Math.min(page.offset + PAGE_SIZE - at, total - got)
      chunks.push(page.data.subarray(at, at + take))
      got += take
      if (got === total) return { chunks, end: address + BigInt(at - page.offset + take) }
      address += pageSize
      page = this.pageNow(address, pinned)
      if (isMissing(page)) return page
      // Each later page must say it continues a record, and by exactly the bytes still missing.
      if (!page || !(page.header.info & XLP_FIRST_IS_CONTRECORD)) return undefined
      if (page.header.remainingLength !== total - got) return undefined
      at = page.offset + page.header.size
    }
  }

  /**
   * Reads records one after another from the record at `start` (with `prev` before it, when known) for as
   * long as `more` says so. Returns the record `more` stopped at, or undefined where valid WAL ended first.
   */
  async walk(start: Lsn, more: (record: WalRecord) => boolean, prev?: Lsn): Promise<WalRecord | undefined> {
    for (let at = start, before = prev; ;) {
      const now = this.readNow(at, before)
      const record = isMissing(now) ? await this.readRecord(at, before) : now
      if (!record || !more(record)) return record
      before = record.start
      at = record.next
    }
  }

  /** The first valid record that starts at or after `lsn`, or undefined where valid WAL ends first. */
  async firstRecordFrom(lsn: Lsn): Promise<WalRecord | undefined> {
    const pageSize = BigInt(PAGE_SIZE)
    for (let address = lsn - (lsn % pageSize); ; address += pageSize) {
      const page = await this.page(address)
      if (!page) return undefined
      const first = firstRecordOnPage(page.header)
      if (first !== undefined) return this.walk(first, (record) => record.start < lsn)
    }
  }

  /**
   * A record boundary at or before `lsn`, from page headers: the first record on the nearest page at or
   * before `lsn`'s that has one starting by `lsn`, looking back no further than the page of `floor`.
   * Undefined when none is found (the WAL there is missing).
   */
  async boundaryAtOrBefore(lsn: Lsn, floor: Lsn): Promise<Lsn | undefined> {
    const pageSize = BigInt(PAGE_SIZE)
    for (let address = lsn - (lsn % pageSize); address >= floor - (floor % pageSize); address -= pageSize) {
      const page = await this.page(address)
      // A page not written yet (past the end of WAL) or inside one long record: look further back.
      const first = page && firstRecordOnPage(page.header)
      if (first !== undefined && first <= lsn) return first
      if (address === 0n) break
    }
    return undefined
  }
}
