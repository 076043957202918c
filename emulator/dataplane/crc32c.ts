/**
 * CRC-32C (Castagnoli), the checksum PostgreSQL puts in every WAL record (`pg_crc32c`). Node has no CRC-32C of
 * its own (zlib's crc32 is the IEEE polynomial), so this is the table method, eight bytes a step: the WAL
 * reader checks every record it decodes, and this keeps a 1 MB segment to about a millisecond.
 */

/** The reflected Castagnoli polynomial. */
const POLYNOMIAL = 0x82f63b78

function makeTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256))
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1
    tables[0][byte] = crc >>> 0
  }
  // Table k holds the CRC of a byte followed by k zero bytes: eight lookups then advance eight bytes at once.
  for (let byte = 0; byte < 256; byte++) {
    for (let k = 1; k < 8; k++) {
      const previous = tables[k - 1][byte]
      tables[k][byte] = (tables[0][previous & 0xff] ^ (previous >>> 8)) >>> 0
    }
  }
  return tables
}

const [T0, T1, T2, T3, T4, T5, T6, T7] = makeTables()

/** The running value a CRC starts from; `crc32cFinish` turns a running value into the checksum. */
export const CRC32C_START = 0xffffffff

/** Adds `data[start, end)` to a running CRC (PostgreSQL's COMP_CRC32C). */
export function crc32cUpdate(crc: number, data: Uint8Array, start = 0, end = data.length): number {
  let value = crc >>> 0
  let index = start
  for (; index + 8 <= end; index += 8) {
    const low =
      (value ^ (data[index] | (data[index + 1] << 8) | (data[index + 2] << 16) | (data[index + 3] << 24))) >>> 0
    value =
      T7[low & 0xff] ^
      T6[(low >>> 8) & 0xff] ^
      T5[(low >>> 16) & 0xff] ^
      T4[low >>> 24] ^
      T3[data[index + 4]] ^
      T2[data[index + 5]] ^
      T1[data[index + 6]] ^
      T0[data[index + 7]]
  }
  for (; index < end; index++) value = T0[(value ^ data[index]) & 0xff] ^ (value >>> 8)
  return value >>> 0
}

export function crc32cFinish(crc: number): number {
  return (crc ^ 0xffffffff) >>> 0
}

/** The CRC-32C of one buffer. */
export function crc32c(data: Uint8Array): number {
  return crc32cFinish(crc32cUpdate(CRC32C_START, data))
}
