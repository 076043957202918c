/**
 * What changed in one table between two points, as a merge-join of two row streams that Postgres ordered the same
 * way: rows deleted, inserted and updated, with counts, the first keys of each kind and the columns that updated
 * rows changed. Memory stays flat: one row of each side and the bounded samples at a time. Pure: the rows come
 * from src/postgres/row-stream.ts, the SELECTs from src/changes/compare-sql.ts.
 */

/** A column's value in its type's text form (what `::text` prints), null for NULL. */
export type Value = string | null
export type Row = Value[]

/**
 * How a key column is ordered by Postgres, and so compared here: integers by value (the primary key index gives
 * that order), anything else by its text in the "C" collation, which orders UTF-8 by code point.
 */
export type KeyKind = 'integer' | 'text'

export interface RowLayout {
  /** The compared columns, in the order the SELECT returns them. */
  columns: string[]
  /** Positions in `columns` of the key: the primary key, or every column for a table without one. */
  key: number[]
  keyKinds: KeyKind[]
  /** false: no primary key, so rows are compared whole and a changed row counts as one deleted and one inserted. */
  keyed: boolean
}

export type ChangeKind = 'deleted' | 'inserted' | 'updated'

export interface TableDiff {
  deleted: number
  inserted: number
  updated: number
  /** The first keys of each kind, as keyText writes them (at most SAMPLE_KEYS each). */
  samples: Record<ChangeKind, string[]>
  /** The columns that differ in at least one updated row, in table order. */
  changedColumns: string[]
}

/** How many keys of each kind a diff keeps. */
export const SAMPLE_KEYS = 10
/** A sample longer than this (a whole row of a table without a primary key) is cut. */
const SAMPLE_CHARS = 120

/** Told of every changed row, in key order: `before` for deleted and updated rows, `after` for inserted and updated. */
export type ChangeSink = (kind: ChangeKind, before: Row | undefined, after: Row | undefined) => Promise<void> | void

/** Merges `before` and `after`, both ordered by the layout's key as Postgres orders it (compareKeys). */
export async function diffRows(
  before: AsyncIterable<Row>,
  after: AsyncIterable<Row>,
  layout: RowLayout,
  sink?: ChangeSink
): Promise<TableDiff> {
  const diff = new DiffCounter(layout)
  const left = before[Symbol.asyncIterator]()
  const right = after[Symbol.asyncIterator]()
  let l = await left.next()
  let r = await right.next()
  while (!l.done || !r.done) {
    const order = l.done ? 1 : r.done ? -1 : compareKeys(l.value, r.value, layout)
    if (order < 0) {
      await diff.add('deleted', l.value as Row, undefined, sink)
      l = await left.next()
    } else if (order > 0) {
      await diff.add('inserted', undefined, r.value as Row, sink)
      r = await right.next()
    } else {
      if (!sameRow(l.value as Row, r.value as Row)) await diff.add('updated', l.value as Row, r.value as Row, sink)
      ;[l, r] = await Promise.all([left.next(), right.next()])
    }
  }
  return diff.result()
}

class DiffCounter {
  private readonly counts: Record<ChangeKind, number> = { deleted: 0, inserted: 0, updated: 0 }
  private readonly samples: Record<ChangeKind, string[]> = { deleted: [], inserted: [], updated: [] }
  private readonly changed: boolean[]

  constructor(private readonly layout: RowLayout) {
    this.changed = layout.columns.map(() => false)
  }

  async add(kind: ChangeKind, before: Row | undefined, after: Row | undefined, sink?: ChangeSink): Promise<void> {
    this.counts[kind]++
    if (this.samples[kind].length < SAMPLE_KEYS) this.samples[kind].push(keyText((before ?? after)!, this.layout))
    if (before && after) before.forEach((value, index) => (this.changed[index] ||= value !== after[index]))
    if (sink) await sink(kind, before, after)
  }

  result(): TableDiff {
    return {
      ...this.counts,
      samples: this.samples,
      changedColumns: this.layout.columns.filter((_, index) => this.changed[index])
    }
  }
}

function sameRow(a: Row, b: Row): boolean {
  return a.every((value, index) => value === b[index])
}

/** The order of two rows' keys, as Postgres orders them (NULL last, as ORDER BY … ASC puts it). */
export function compareKeys(a: Row, b: Row, layout: RowLayout): number {
  for (const [position, index] of layout.key.entries()) {
    const x = a[index]
    const y = b[index]
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    const order = layout.keyKinds[position] === 'integer' ? compareIntegers(x, y) : compareText(x, y)
    if (order !== 0) return order
  }
  return 0
}

function compareIntegers(a: string, b: string): number {
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** Code point order, as the "C" collation orders UTF-8 bytes (JavaScript's `<` compares UTF-16 units instead). */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) {
    if (a.charCodeAt(index) !== b.charCodeAt(index)) return a.codePointAt(index)! - b.codePointAt(index)!
  }
  return a.length - b.length
}

/** A row's key as the summary shows it: `42`, or `(7, north)` for a key of several columns. */
export function keyText(row: Row, layout: RowLayout): string {
  const values = layout.key.map((index) => row[index] ?? 'NULL')
  const text = values.length === 1 ? values[0] : `(${values.join(', ')})`
  return text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS - 1)}…` : text
}

/** The change counts of a diff, as output `changes` gives them per table. */
export function counts(diff: TableDiff): { deleted: number; inserted: number; updated: number } {
  return { deleted: diff.deleted, inserted: diff.inserted, updated: diff.updated }
}
