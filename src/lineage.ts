/**
 * A branch's own past after restores: which branch holds what `main` held at a point. Pure: the branches come in.
 *
 * A restore moves the branch's name, id and computes onto a new timeline whose parent is the source (the
 * preserved backup for a restore to its own past; the other branch otherwise), and Neon reads a point on that
 * timeline only from its start: an LSN before it is refused, a time before it reads the start (the
 * pageserver's find_lsn_for_timestamp never answers below the ancestor LSN; emulator/dataplane/index.ts cites
 * both). So what the branch held before its last restore is on the branch that restore preserved: its parent
 * after a restore to its own past, a separate branch otherwise. Neither a restore's backup nor any branch's
 * annotation can be set or changed to say so, so a backup is recognised by the name Neon's console and this
 * action give it, `{branch}_old_{timestamp}`, made when the restore ran (or named by the `history` input).
 *
 * Neon keeps only the last restore's time (`last_reset_at`): an older restore is known from its backup alone,
 * so one whose backup was deleted or renamed leaves a gap this cannot see (the docs say nothing more).
 */
import { formatTime } from './format.js'
import { formatLsn, parseLsn, type Lsn } from './lsn.js'
import { describePoint, type Point } from './point.js'

/** The fields of a Neon branch the lineage reads. */
export interface LineageBranch {
  id: string
  name: string
  parent_id?: string
  parent_lsn?: string
  created_at: string
  last_reset_at?: string
}

/** One stretch of the branch's history: the timeline that was the branch from `since` until `until`. */
export interface Incarnation<B extends LineageBranch = LineageBranch> {
  branch: B
  /** When a restore made this timeline the branch's (ms); undefined for the oldest known. */
  since?: number
  /** When a restore replaced it (ms); undefined for the current one. */
  until?: number
  /** Its first LSN of its own: parent_lsn, or 0 for a branch with no parent. */
  start: Lsn
}

export interface Lineage<B extends LineageBranch = LineageBranch> {
  /** Newest first: [0] is the branch as it is. */
  incarnations: Incarnation<B>[]
  /** The last restore, when there was one. */
  restore?: { at: number; source: string; ownPast: boolean; precisionMs: number }
  /** Set when the last restore's backup cannot be found: its past cannot be read. */
  missing?: { candidates: B[] }
}

/** A backup is made by the restore itself: its creation time is within this of the restore's. */
export const BACKUP_MATCH_MS = 5 * 60_000

export function backupPrefix(branchName: string): string {
  return `${branchName}_old_`
}

/** The backups the action's restores of `branch` made, among `branches` (the branch itself never counts). */
export function backupsOf<B extends LineageBranch>(branch: { id: string; name: string }, branches: B[]): B[] {
  return branches.filter(
    (candidate) => candidate.id !== branch.id && candidate.name.startsWith(backupPrefix(branch.name))
  )
}

/** The lineage of `branch` among `branches` (the project's), with `history` as the last restore's backup. */
export function lineageOf<B extends LineageBranch>(branch: B, branches: B[], history?: B): Lineage<B> {
  const current: Incarnation<B> = { branch, start: startOf(branch) }
  if (!branch.last_reset_at) return { incarnations: [current] }
  const at = Date.parse(branch.last_reset_at)
  current.since = at
  const named = backupsOf(branch, branches).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  const latest = history ?? closestTo(at, named)
  const source = branches.find((candidate) => candidate.id === branch.parent_id)
  const restore = {
    at,
    // Neon prints times to the second: the restore ran somewhere in the second after `at`.
    precisionMs: /\.\d+/.test(branch.last_reset_at) ? 1 : 1000,
    source: latest && latest.id === branch.parent_id ? 'its own past' : (source?.name ?? branch.parent_id ?? '?'),
    ownPast: latest !== undefined && latest.id === branch.parent_id
  }
  if (!latest) return { incarnations: [current], restore, missing: { candidates: named } }
  const older = named.filter((candidate) => candidate.id !== latest.id && Date.parse(candidate.created_at) < at)
  const backups = [latest, ...older].map((backup, index, all) => ({
    branch: backup,
    until: index === 0 ? at : Date.parse(backup.created_at),
    since: all[index + 1] ? Date.parse(all[index + 1].created_at) : undefined,
    start: startOf(backup)
  }))
  return { incarnations: [current, ...backups], restore }
}

function startOf(branch: LineageBranch): Lsn {
  return branch.parent_id && branch.parent_lsn ? parseLsn(branch.parent_lsn) : 0n
}

function closestTo<B extends LineageBranch>(at: number, candidates: B[]): B | undefined {
  const distance = (candidate: B) => Math.abs(Date.parse(candidate.created_at) - at)
  const near = candidates.filter((candidate) => distance(candidate) <= BACKUP_MATCH_MS)
  return near.sort((a, b) => distance(a) - distance(b))[0]
}

/** Why a point cannot be placed on the branch's lineage. The message says what to do instead. */
export class LineageError extends Error {
  constructor(
    readonly kind: 'missing-backup' | 'ambiguous-lsn' | 'ambiguous-time' | 'before-history' | 'across-restore',
    message: string
  ) {
    super(message)
    this.name = 'LineageError'
  }
}

/** Where a point is read: the incarnation that held it, and a sentence for the summary when it is not the branch. */
export interface Located<B extends LineageBranch = LineageBranch> {
  incarnation: Incarnation<B>
  note?: string
}

/**
 * The incarnation that held `point`. A point at or after the current start (every LSN the action itself
 * outputs) is the branch as it is; an earlier one is on the backup that held it, or refused.
 */
export function locate<B extends LineageBranch>(lineage: Lineage<B>, point: Point): Located<B> {
  const [current, ...past] = lineage.incarnations
  const { restore } = lineage
  if (!restore || point.kind === 'head') return { incarnation: current }
  const name = current.branch.name
  if (point.kind === 'timestamp') {
    const time = Date.parse(point.timestamp)
    if (time >= restore.at + restore.precisionMs) return { incarnation: current }
    if (time >= restore.at) {
      throw new LineageError(
        'ambiguous-time',
        `${describePoint(point)} is within the second ${name} was restored in (Neon gives that time to the ` +
          `second: ${formatTime(restore.at)}), so it may be before or after the restore; give a time at least a ` +
          'second earlier or later, or an LSN'
      )
    }
    refuseMissing(lineage, name, point)
    const held = past.find((incarnation) => incarnation.since === undefined || incarnation.since <= time)!
    return { incarnation: held, note: noteFor(name, restore, point, held) }
  }
  const lsn = parseLsn(point.lsn)
  if (lsn >= current.start) return { incarnation: current }
  refuseMissing(lineage, name, point)
  const holders = past.filter((incarnation) => incarnation.start <= lsn)
  if (holders.length === 0) {
    throw new LineageError(
      'before-history',
      `${describePoint(point)} is before ${name}'s history (its oldest known start is LSN ` +
        `${formatLsn(past[past.length - 1].start)}); give a later point or a timestamp`
    )
  }
  if (holders.length > 1) {
    const names = holders.map((holder) => `${holder.branch.name} (from LSN ${formatLsn(holder.start)})`)
    throw new LineageError(
      'ambiguous-lsn',
      `${describePoint(point)} is before ${name}'s start (LSN ${formatLsn(current.start)}) and LSNs repeat ` +
        `across restores: it could be on ${names.join(' or ')}; give a timestamp, or history: <branch> to say which`
    )
  }
  return { incarnation: holders[0], note: noteFor(name, restore, point, holders[0]) }
}

function refuseMissing(lineage: Lineage, name: string, point: Point): void {
  if (!lineage.missing) return
  const restore = lineage.restore!
  const seen = lineage.missing.candidates.map((candidate) => candidate.name)
  throw new LineageError(
    'missing-backup',
    `${describePoint(point)} is before ${name} was restored at ${formatTime(restore.at)} (from ${restore.source}); ` +
      `what it held before is on the branch that restore preserved, and no ${backupPrefix(name)}* branch was made ` +
      `then${seen.length ? ` (seen: ${seen.join(', ')})` : ''}: set history: <that branch>, or give a point after the restore`
  )
}

function noteFor(name: string, restore: NonNullable<Lineage['restore']>, point: Point, held: Incarnation): string {
  return (
    `${name} was restored at ${formatTime(restore.at)} from ${restore.source}; its state at ${describePoint(point)} ` +
    `is on ${held.branch.name}: read there`
  )
}

/** Both bounds of a bisect on one timeline, or a refusal that says to bisect each side. */
export function sameIncarnation<B extends LineageBranch>(good: Located<B>, bad: Located<B>, name: string): void {
  if (good.incarnation.branch.id === bad.incarnation.branch.id) return
  throw new LineageError(
    'across-restore',
    `good is on ${good.incarnation.branch.name} and bad on ${bad.incarnation.branch.name}: ${name} was restored ` +
      'between them, so there is no single LSN range to search; bisect each side (good to the restore on ' +
      `${good.incarnation.branch.name}, the restore to bad on ${bad.incarnation.branch.name})`
  )
}
