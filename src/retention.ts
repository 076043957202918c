/**
 * The retention policy of `prune`, pure: which items to keep and which to delete, and the rule that decided
 * each. The rules follow restic's and borg's `forget`/`prune`:
 *
 * - keep-last N: the N newest items.
 * - keep-hourly / keep-daily / keep-weekly N: walking from the newest item back, the newest item of each UTC
 *   hour / day / ISO week that has one, for the N most recent such buckets (buckets without items do not count).
 * - older-than D: only items created more than D before now are candidates; newer ones are kept.
 *
 * Every rule sees every item, and an item kept by any rule is kept. Items that may not be deleted (pinned: the
 * default branch, protected branches, branches with children) still take part in the rules and are always kept.
 */

export interface RetentionPolicy {
  keepLast?: number
  keepHourly?: number
  keepDaily?: number
  keepWeekly?: number
  olderThanMs?: number
}

export interface RetentionItem {
  /** Unique; breaks ties between items created at the same millisecond. */
  id: string
  createdAt: number
  /** Why this item must never be deleted, if it must not. */
  pinned?: string
}

export type KeepRule = 'keep-last' | 'keep-hourly' | 'keep-daily' | 'keep-weekly' | 'older-than'

/** One reason to keep an item: a rule with the bucket (or rank) it kept the item for, or a pin. */
export type KeepReason = { rule: KeepRule; bucket: string } | { rule: 'pinned'; bucket: string }

export interface RetentionDecision<T extends RetentionItem> {
  item: T
  keep: boolean
  /** Empty for items to delete. */
  reasons: KeepReason[]
}

const BUCKETS: { rule: KeepRule; field: keyof RetentionPolicy; bucket: (time: number) => string }[] = [
  { rule: 'keep-hourly', field: 'keepHourly', bucket: (time) => new Date(time).toISOString().slice(0, 13) },
  { rule: 'keep-daily', field: 'keepDaily', bucket: (time) => new Date(time).toISOString().slice(0, 10) },
  { rule: 'keep-weekly', field: 'keepWeekly', bucket: isoWeek }
]

export function hasRules(policy: RetentionPolicy): boolean {
  return (
    (policy.keepLast ?? 0) > 0 ||
    (policy.keepHourly ?? 0) > 0 ||
    (policy.keepDaily ?? 0) > 0 ||
    (policy.keepWeekly ?? 0) > 0 ||
    policy.olderThanMs !== undefined
  )
}

/** Decisions for every item, newest first. Throws for a policy without rules, which would delete everything. */
export function applyRetention<T extends RetentionItem>(
  items: readonly T[],
  policy: RetentionPolicy,
  now: number
): RetentionDecision<T>[] {
  if (!hasRules(policy)) throw new Error('a retention policy needs at least one rule, or it would delete everything')
  const sorted = [...items].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const reasons = new Map<T, KeepReason[]>(sorted.map((item) => [item, []]))

  sorted.slice(0, policy.keepLast ?? 0).forEach((item, index) => {
    reasons.get(item)!.push({ rule: 'keep-last', bucket: `${index + 1} of ${policy.keepLast}` })
  })
  for (const { rule, field, bucket } of BUCKETS) {
    const limit = policy[field] ?? 0
    let kept = 0
    let previous: string | undefined
    for (const item of sorted) {
      if (kept >= limit) break
      const current = bucket(item.createdAt)
      if (current === previous) continue
      previous = current
      reasons.get(item)!.push({ rule, bucket: current })
      kept++
    }
  }
  if (policy.olderThanMs !== undefined) {
    const cutoff = now - policy.olderThanMs
    for (const item of sorted) {
      if (item.createdAt >= cutoff) {
        reasons.get(item)!.push({ rule: 'older-than', bucket: durationText(policy.olderThanMs) })
      }
    }
  }
  for (const item of sorted) if (item.pinned) reasons.get(item)!.push({ rule: 'pinned', bucket: item.pinned })

  return sorted.map((item) => ({ item, keep: reasons.get(item)!.length > 0, reasons: reasons.get(item)! }))
}

/** ISO 8601 week of a UTC time, e.g. `2026-W01`: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(time: number): string {
  const date = new Date(time)
  const day = (date.getUTCDay() + 6) % 7
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3)
  const year = new Date(thursday).getUTCFullYear()
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 24 * 60 * 60 * 1000)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** How a policy reads in logs and summaries: `keep-last 3, keep-daily 7, older-than 7d`. */
export function describePolicy(policy: RetentionPolicy): string {
  const parts: string[] = []
  if (policy.keepLast !== undefined) parts.push(`keep-last ${policy.keepLast}`)
  if (policy.keepHourly !== undefined) parts.push(`keep-hourly ${policy.keepHourly}`)
  if (policy.keepDaily !== undefined) parts.push(`keep-daily ${policy.keepDaily}`)
  if (policy.keepWeekly !== undefined) parts.push(`keep-weekly ${policy.keepWeekly}`)
  if (policy.olderThanMs !== undefined) parts.push(`older-than ${durationText(policy.olderThanMs)}`)
  return parts.join(', ')
}

/** One reason in words: `keep-daily (2026-01-03)`, `younger than 7d (older-than)`, `protected branch`. */
export function describeReason(reason: KeepReason): string {
  if (reason.rule === 'pinned') return reason.bucket
  if (reason.rule === 'older-than') return `younger than ${reason.bucket} (older-than)`
  return `${reason.rule} (${reason.bucket})`
}

/** A duration in the largest unit that divides it, as users write it in `older-than`. */
function durationText(ms: number): string {
  const units: [string, number][] = [
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000]
  ]
  const [unit, size] = units.find(([, size]) => ms % size === 0) ?? ['ms', 1]
  return `${ms / size}${unit}`
}
