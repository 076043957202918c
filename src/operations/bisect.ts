/**
 * bisect: the exact LSN where a check (SQL returning true while the data is healthy) turns false, between a
 * point where it passes (`good`) and one where it fails (`bad`). Plan: resolve both points to aligned LSNs.
 * Execute: one wave checks both bounds together with the first round of the k-ary search (src/search.ts), then
 * one wave a round, each probe a read-only check at an LSN: over a time-travel connection (no branch), or on an
 * ephemeral branch deleted in the background. Then, optionally, a recovery branch or a restore at the answer.
 */
import { formatDuration } from '../duration.js'
import { formatTime } from '../format.js'
import type { BisectSettings, RestoreSettings } from '../inputs.js'
import { alignUp, formatLsn, parseLsn, type Lsn } from '../lsn.js'
import { BranchLimitError, type Branch, type NeonGateway } from '../neon/index.js'
import { describePoint, type Point } from '../point.js'
import { ConnectionError, LockTimeoutError, readRows, runCheck, type CheckOutcome } from '../postgres.js'
import { ephemeralName, RUN_ANNOTATION, type OperationResult, type RunContext } from '../run.js'
import { BoundarySearch, maxRounds, type SearchResult } from '../search.js'
import { Summary } from '../summary.js'
import { nameFor, recoverStep, resolveBranch, restoreStep, tablesReadBy } from './common.js'
import * as restore from './restore.js'
import { connectionTarget, pastUri, type Target } from './target.js'

export interface Bound {
  point: Point
  lsn: Lsn
}

export interface BisectPlan {
  settings: BisectSettings
  target: Target
  good: Bound
  bad: Bound
  maxRounds: number
  /** then: branch, the recovery branch's name. */
  recoveryName?: string
  /** then: restore, the restore's settings (its source is filled in once the answer is known). */
  restoreSettings?: RestoreSettings
  /** Set when then: restore may not run: the target needs `confirm`. */
  refusal?: string
}

export async function plan(settings: BisectSettings, gateway: NeonGateway, context: RunContext): Promise<BisectPlan> {
  const branch = await resolveBranch(gateway, settings.branch)
  const target = await connectionTarget(branch, settings, gateway, context, 'bisect')
  const [good, bad] = await Promise.all(
    (['good', 'bad'] as const).map(async (name) => {
      const point = settings[name]
      try {
        return { point, lsn: await resolvePoint(point, target, gateway, context) }
      } catch (error) {
        throw new Error(
          `${name}: ${describePoint(point)} could not be resolved on ${branch.name}: ${(error as Error).message}`
        )
      }
    })
  )
  if (good.lsn >= bad.lsn) {
    throw new Error(
      `good: LSN ${formatLsn(good.lsn)} (${describePoint(good.point)}) is not before bad: LSN ${formatLsn(bad.lsn)} ` +
        `(${describePoint(bad.point)}); good must be a point before the data went bad (e.g. good: 2h ago)`
    )
  }

  const result: BisectPlan = {
    settings,
    target,
    good,
    bad,
    maxRounds: maxRounds(good.lsn, bad.lsn, settings.parallelism)
  }
  if (settings.then === 'branch') {
    result.recoveryName = nameFor(settings.name, branch, 'bisect', context)
    if (await gateway.branches.findByName(result.recoveryName)) {
      throw new Error(
        `name: a branch named "${result.recoveryName}" already exists; choose a name template that makes a new name`
      )
    }
  }
  if (settings.then === 'restore') {
    result.restoreSettings = {
      operation: 'restore',
      apiKey: settings.apiKey,
      projectId: settings.projectId,
      apiHost: settings.apiHost,
      branch: branch.id,
      dryRun: false,
      source: { kind: 'self', point: { kind: 'lsn', lsn: formatLsn(good.lsn) } },
      name: settings.name,
      confirm: settings.confirm
    }
    result.refusal = restore.confirmProblem(result.restoreSettings, branch)
  }
  return result
}

/** One probe: the check at one LSN. */
export interface Probe {
  lsn: Lsn
  outcome: CheckOutcome
}

export interface Round {
  probes: Probe[]
  ms: number
  /** The search interval after this round. */
  good: Lsn
  bad: Lsn
}

export async function execute(plan: BisectPlan, gateway: NeonGateway, context: RunContext): Promise<OperationResult> {
  const started = Date.now()
  const { settings, target } = plan
  const dry = settings.dryRun ? 'Dry run: ' : ''
  const summary = new Summary().heading(`${dry}Bisect of ${target.branch.name}`)

  if (settings.dryRun) {
    summary
      .paragraph(
        `Nothing was probed. This step would search ${formatBytes(plan.bad.lsn - plan.good.lsn)} of history ` +
          `in at most ${plan.maxRounds} rounds of ${settings.parallelism} probes (plus the two bound checks in the first round).`
      )
      .keyValues(boundFacts(plan))
    if (plan.refusal) summary.paragraph(`The restore afterwards would be refused: ${plan.refusal}`)
    return { outputs: {}, summary }
  }
  if (plan.refusal) throw new Error(plan.refusal)

  const prober =
    settings.probe === 'branch'
      ? new BranchProber(plan, gateway, context)
      : new TimeTravelProber(plan, gateway, context)
  let search: Searched
  let cleanupProblems: string[] = []
  try {
    search = await runSearch(plan, prober, context)
  } catch (error) {
    throw await explainChangedBranch(error as Error, target.branch, gateway)
  } finally {
    // The answer (or the search's own error) matters more than a branch the post step can still delete.
    cleanupProblems = await prober.drain()
    if (cleanupProblems.length > 0) {
      context.warning(
        `Could not delete ${cleanupProblems.length} probe branches (the post step tries again): ${cleanupProblems.join('; ')}`
      )
    }
  }
  const { result, rounds } = search

  const insights = await readInsights(plan, result)
  const outputs: Record<string, string> = {
    'last-good-lsn': formatLsn(result.lastGood),
    'first-bad-lsn': formatLsn(result.firstBad),
    probes: String(rounds.reduce((sum, round) => sum + round.probes.length, 0)),
    rounds: String(rounds.length)
  }
  context.info(
    `First bad LSN ${outputs['first-bad-lsn']}, last good LSN ${outputs['last-good-lsn']} ` +
      `(${outputs.probes} probes in ${outputs.rounds} rounds)`
  )

  let then: Summary | undefined
  let recovery: Branch | undefined
  if (settings.then === 'branch') {
    recovery = await createRecoveryBranch(plan, result.lastGood, gateway, context)
    Object.assign(outputs, { 'branch-id': recovery.id, 'branch-name': recovery.name })
  } else if (settings.then === 'restore') {
    const restoreSettings: RestoreSettings = {
      ...plan.restoreSettings!,
      source: { kind: 'self', point: { kind: 'lsn', lsn: formatLsn(result.lastGood) } }
    }
    const restored = await restore.execute(await restore.plan(restoreSettings, gateway, context), gateway, context)
    Object.assign(outputs, restored.outputs)
    then = restored.summary
  }

  const answer =
    `The check first fails at LSN ${outputs['first-bad-lsn']}` +
    (insights.badCommitTime ? `, made by a transaction committed at ${insights.badCommitTime}` : '') +
    `. The last good LSN is ${outputs['last-good-lsn']}.`
  summary.paragraph(answer).keyValues([
    ['First bad LSN', outputs['first-bad-lsn']],
    ['Last good LSN', outputs['last-good-lsn']],
    ['Bad commit time', insights.badCommitTime],
    ['Probes', outputs.probes],
    ['Rounds', `${outputs.rounds} (at most ${Math.max(1, plan.maxRounds)} for this range and parallelism)`],
    ['Recovery branch', recovery && `${recovery.name} (${recovery.id}) at ${outputs['last-good-lsn']}`],
    ['Took', formatDuration(Date.now() - started)]
  ])
  if (result.nonMonotonic) {
    summary.paragraph(
      'Warning: the check passed again at a later probe after failing at an earlier one, so the data broke more than ' +
        'once between the bounds. This is the earliest boundary the probes saw; bisect again from this LSN to find later ones.'
    )
  }
  const sqlErrors = rounds.flatMap((round) => round.probes).filter((probe) => probe.outcome.kind === 'sql-error')
  if (sqlErrors.length > 0) {
    const first = sqlErrors[0].outcome as Extract<CheckOutcome, { kind: 'sql-error' }>
    summary.paragraph(
      `The check failed with an SQL error at ${sqlErrors.length} probe${sqlErrors.length === 1 ? '' : 's'}, counted as ` +
        `broken because it ran fine at good. First error (at LSN ${formatLsn(sqlErrors[0].lsn)}): ${first.code} ${first.message}`
    )
  }
  if (insights.schemaDiff && insights.schemaDiff.length > 0) {
    summary.heading('Schema change across the boundary', 3).code(insights.schemaDiff.join('\n'), 'diff')
  }
  for (const note of insights.notes) summary.paragraph(note)
  if (cleanupProblems.length > 0) {
    summary.paragraph(
      `Warning: ${cleanupProblems.length} probe branches could not be deleted; the post step tries again.`
    )
  }

  summary
    .heading('Rounds', 3)
    .table(
      ['Round', 'Probes (LSN: verdict)', 'Interval after', 'Time'],
      rounds.map((round, index) => [
        String(index + 1),
        round.probes.map((probe) => `${probeLabel(plan, probe.lsn)}: ${verdictText(probe.outcome)}`).join(', '),
        `${formatLsn(round.good)} .. ${formatLsn(round.bad)}`,
        formatDuration(round.ms)
      ])
    )
    .heading('Bounds', 3)
    .keyValues(boundFacts(plan))

  if (then) {
    summary.append(then)
  } else {
    const tables = tablesReadBy(plan.settings.check)
    summary
      .heading(`Next step: put ${target.branch.name} back to the last good LSN`, 3)
      .paragraph('This puts the whole branch back and keeps its current state as a backup branch:')
      .code(
        restoreStep({
          actionRef: context.actionRef,
          projectId: gateway.projectId,
          branch: target.branch,
          source: `^self@${outputs['last-good-lsn']}`
        }),
        'yaml'
      )
    if (tables.length > 0) {
      summary.paragraph('Or bring back only the lost rows, keeping everything written since (check the tables):').code(
        recoverStep({
          actionRef: context.actionRef,
          projectId: gateway.projectId,
          branch: target.branch,
          at: outputs['last-good-lsn'],
          tables: tables.join(', ')
        }),
        'yaml'
      )
    }
  }
  return { outputs, summary }
}

interface Searched {
  result: SearchResult
  rounds: Round[]
}

/** The waves of probes: bounds and the first round together, then one round a wave. */
async function runSearch(plan: BisectPlan, prober: Prober, context: RunContext): Promise<Searched> {
  const { settings, good, bad } = plan
  const search = new BoundarySearch(good.lsn, bad.lsn)
  const rounds: Round[] = []
  const k = settings.parallelism

  const first = search.nextRound(k)
  const wave = await runWave(1, [good.lsn, bad.lsn, ...first], prober, plan, context)
  const [atGood, atBad, ...firstOutcomes] = wave.outcomes
  const problems: string[] = []
  if (atGood.kind === 'sql-error') {
    problems.push(
      `good: the check fails at good (LSN ${formatLsn(good.lsn)}, ${describePoint(good.point)}) with an SQL error, ` +
        `so it cannot tell healthy from broken: ${atGood.code} ${atGood.message}. Fix the check, or choose a good point where it runs`
    )
  } else if (!atGood.healthy) {
    problems.push(
      `good: the check is false at good (LSN ${formatLsn(good.lsn)}, ${describePoint(good.point)}): the data was already ` +
        'broken there. Choose an earlier good point'
    )
  }
  if (atBad.kind === 'value' && atBad.healthy) {
    problems.push(
      `bad: the check is true at bad (LSN ${formatLsn(bad.lsn)}, ${describePoint(bad.point)}): by this check nothing broke ` +
        'between good and bad. Choose a later bad point, or check that the check returns false on the broken data'
    )
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))

  const healthy = (outcomes: CheckOutcome[]) => outcomes.map((outcome) => outcome.kind === 'value' && outcome.healthy)
  const record = (lsns: Lsn[], outcomes: CheckOutcome[], ms: number) =>
    rounds.push({ probes: lsns.map((lsn, index) => ({ lsn, outcome: outcomes[index] })), ms, ...search.interval })
  if (first.length > 0) search.report(healthy(firstOutcomes))
  record([good.lsn, bad.lsn, ...first], wave.outcomes, wave.ms)

  while (!search.done) {
    const lsns = search.nextRound(k)
    const next = await runWave(rounds.length + 1, lsns, prober, plan, context)
    search.report(healthy(next.outcomes))
    record(lsns, next.outcomes, next.ms)
  }
  return { result: search.result(), rounds }
}

async function runWave(
  number: number,
  lsns: Lsn[],
  prober: Prober,
  plan: BisectPlan,
  context: RunContext
): Promise<{ outcomes: CheckOutcome[]; ms: number }> {
  context.info(`Round ${number}: probing ${lsns.map((lsn) => probeLabel(plan, lsn)).join(', ')}`)
  const started = Date.now()
  // Every probe settles before an error is raised, so no probe creates a branch after cleanup has run.
  const settled = await Promise.allSettled(
    lsns.map((lsn) =>
      prober.probe(lsn).catch((error: Error) => {
        throw new Error(`the check at LSN ${formatLsn(lsn)}: ${error.message}`)
      })
    )
  )
  const failed = settled.find((outcome) => outcome.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
  const outcomes = settled.map((outcome) => (outcome as PromiseFulfilledResult<CheckOutcome>).value)
  const ms = Date.now() - started
  context.info(
    `Round ${number} took ${formatDuration(ms)}: ` +
      lsns.map((lsn, index) => `${formatLsn(lsn)} ${verdictText(outcomes[index])}`).join(', ')
  )
  return { outcomes, ms }
}

interface Prober {
  probe(lsn: Lsn): Promise<CheckOutcome>
  /** Waits for every background cleanup; returns what could not be cleaned up. */
  drain(): Promise<string[]>
}

/** How long a time-travel probe waits for a lock before it asks a branch instead. */
const TIME_TRAVEL_LOCK_TIMEOUT_MS = 2000

/**
 * Probes over time-travel connections: no branch, nothing to clean up. A read-only instance at an LSN inside an
 * uncommitted transaction that took an exclusive lock (a DROP TABLE before its commit) keeps that lock forever;
 * a branch there is promoted, which ends that transaction, so such a probe is asked again on a branch.
 */
class TimeTravelProber implements Prober {
  private fallback?: BranchProber

  constructor(
    private readonly plan: BisectPlan,
    private readonly gateway: NeonGateway,
    private readonly context: RunContext
  ) {}

  async probe(lsn: Lsn): Promise<CheckOutcome> {
    const { settings } = this.plan
    try {
      return await runCheck(pastUri(this.plan.target, lsn), settings.check, {
        timeoutMs: settings.checkTimeoutMs,
        lockTimeoutMs: TIME_TRAVEL_LOCK_TIMEOUT_MS
      })
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error
      this.context.info(
        `Probe at ${formatLsn(lsn)}: ${error.message}, held by a transaction not committed at this LSN; asking a branch instead`
      )
      this.fallback ??= new BranchProber(this.plan, this.gateway, this.context)
      return this.fallback.probe(lsn)
    }
  }

  drain(): Promise<string[]> {
    return this.fallback?.drain() ?? Promise.resolve([])
  }
}

/**
 * Probes on ephemeral branches, one a probe, named with the run id so the post step sweeps what a killed run
 * left. Each is deleted in the background once its check has answered. When Neon answers 422
 * BRANCHES_LIMIT_EXCEEDED, fewer probes run at once: as many as this run has branches when it happened.
 */
class BranchProber implements Prober {
  private capacity: number
  /** Branches of this prober that exist or may exist (being created, probed or deleted). */
  private live = 0
  private waiting: (() => void)[] = []
  private readonly deletions = new Set<Promise<void>>()
  private readonly cleanupFailures: string[] = []
  private count = 0
  private warned = false

  constructor(
    private readonly plan: BisectPlan,
    private readonly gateway: NeonGateway,
    private readonly context: RunContext
  ) {
    // The first wave also checks both bounds.
    this.capacity = plan.settings.parallelism + 2
  }

  async probe(lsn: Lsn): Promise<CheckOutcome> {
    try {
      return await this.probeOnNewBranch(lsn)
    } catch (error) {
      // A compute that fails to start is the branch's problem, not the check's: one more try on a new branch.
      if (!(error instanceof ConnectionError) || /check-timeout/.test(error.message)) throw error
      this.context.info(`Probe at ${formatLsn(lsn)}: ${error.message}; trying once more on a new branch`)
      return this.probeOnNewBranch(lsn)
    }
  }

  private async probeOnNewBranch(lsn: Lsn): Promise<CheckOutcome> {
    await this.acquire()
    let branch: Branch | undefined
    try {
      branch = await this.create(lsn)
      const { database, role } = this.plan.target
      // A probe branch's role has the parent's password, masked already; the URI differs only in its host.
      const uri = await this.gateway.connections.getUri({ branchId: branch.id, database, role })
      return await runCheck(uri, this.plan.settings.check, { timeoutMs: this.plan.settings.checkTimeoutMs })
    } finally {
      if (branch) this.deleteInBackground(branch)
      else this.release()
    }
  }

  private async create(lsn: Lsn): Promise<Branch> {
    const { target, settings } = this.plan
    for (;;) {
      try {
        const created = await this.gateway.branches.create({
          name: ephemeralName(this.context.runId, `bisect-${this.context.runAttempt}-${++this.count}`),
          parentId: target.branch.id,
          parentLsn: formatLsn(lsn),
          endpoint: 'read_write',
          annotations: { [RUN_ANNOTATION]: this.context.runId }
        })
        return created.branch
      } catch (error) {
        if (!(error instanceof BranchLimitError)) throw error
        const others = this.live - 1
        if (others === 0) {
          throw new Error(
            `${error.message}. bisect with probe: branch needs at least one free branch slot; ` +
              'free one, or use probe: time-travel, which needs none'
          )
        }
        this.capacity = Math.max(1, others)
        if (!this.warned) {
          this.warned = true
          this.context.warning(
            `The project's branch limit is reached: running at most ${this.capacity} probe branches at once ` +
              `instead of ${settings.parallelism} (probe: time-travel needs no branch slots)`
          )
        }
        this.release()
        await this.acquire()
      }
    }
  }

  private acquire(): Promise<void> {
    if (this.live < this.capacity) {
      this.live++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(() => (this.live++, resolve())))
  }

  private release(): void {
    this.live--
    while (this.waiting.length > 0 && this.live < this.capacity) this.waiting.shift()!()
  }

  private deleteInBackground(branch: Branch): void {
    const deletion = this.gateway.branches
      .delete(branch.id)
      // Deleting twice is harmless (gone counts as deleted); a second try rides out a transient failure.
      .catch(() =>
        new Promise((resolve) => setTimeout(resolve, 1000)).then(() => this.gateway.branches.delete(branch.id))
      )
      .catch((error: Error) => {
        this.cleanupFailures.push(`${branch.name}: ${error.message}`)
      })
      .finally(() => {
        this.deletions.delete(deletion)
        this.release()
      })
    this.deletions.add(deletion)
  }

  async drain(): Promise<string[]> {
    while (this.deletions.size > 0) await Promise.all([...this.deletions])
    return this.cleanupFailures
  }
}

/**
 * A restore or reset of the branch while the probes ran (another job) changes its history under them: say so,
 * instead of only what the failed probe saw (an LSN "in the future of the branch", say).
 */
async function explainChangedBranch(error: Error, branch: Branch, gateway: NeonGateway): Promise<Error> {
  const now = await gateway.branches.get(branch.id).catch(() => undefined)
  if (!now || (now.last_reset_at === branch.last_reset_at && now.parent_id === branch.parent_id)) return error
  return new Error(
    `${error.message}. ${branch.name} was restored or reset while bisect ran (by another job?), so its history ` +
      'changed under the probes: put the jobs that change it in one concurrency group, then run bisect again'
  )
}

/** A point as an aligned LSN: the branch's state there is that of a branch Neon would create at it. */
async function resolvePoint(point: Point, target: Target, gateway: NeonGateway, context: RunContext): Promise<Lsn> {
  switch (point.kind) {
    case 'lsn':
      return alignUp(parseLsn(point.lsn))
    case 'head': {
      const [row] = await readRows<{ lsn: string }>(target.uri, 'SELECT pg_current_wal_flush_lsn()::text AS lsn')
      return alignUp(parseLsn(row.lsn))
    }
    case 'timestamp': {
      const uri = pastUri(target, { timestamp: point.timestamp })
      const [row] = await readRows<{ lsn: string | null }>(uri, 'SELECT pg_last_wal_replay_lsn()::text AS lsn')
      if (row.lsn) return alignUp(parseLsn(row.lsn))
      return lsnOfTimestampByBranch(point.timestamp, target, gateway, context)
    }
  }
}

/** Where a time-travel compute does not report its LSN: a branch without compute at the time has it as parent_lsn. */
async function lsnOfTimestampByBranch(
  timestamp: string,
  target: Target,
  gateway: NeonGateway,
  context: RunContext
): Promise<Lsn> {
  const { branch } = await gateway.branches.create({
    name: ephemeralName(context.runId, `bisect-point-${Date.now()}`),
    parentId: target.branch.id,
    parentTimestamp: timestamp,
    annotations: { [RUN_ANNOTATION]: context.runId }
  })
  try {
    if (!branch.parent_lsn) throw new Error(`Neon did not report the LSN of ${timestamp}`)
    return alignUp(parseLsn(branch.parent_lsn))
  } finally {
    await gateway.branches.delete(branch.id)
  }
}

interface Insights {
  badCommitTime?: string
  /** `-` lines at the last good LSN only, `+` lines at the first bad LSN only. */
  schemaDiff?: string[]
  notes: string[]
}

/**
 * One line per schema object, so two points compare as two sorted sets of lines. Catalog columns only: functions
 * like pg_get_expr open the table, and at a point inside an uncommitted DDL that would wait on its lock forever.
 */
const SCHEMA_SQL = `
WITH rels AS (
  SELECT c.oid, c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
)
SELECT line FROM (
  SELECT CASE relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence '
         WHEN 'f' THEN 'foreign table ' WHEN 'i' THEN 'index ' ELSE 'table ' END || name AS line
  FROM rels
  UNION ALL
  SELECT 'column ' || r.name || '.' || quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || CASE WHEN a.atthasdef THEN ' with default' ELSE '' END
  FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE r.relkind NOT IN ('S', 'i')
  UNION ALL
  SELECT 'constraint ' || r.name || '.' || quote_ident(c.conname) || ' ' ||
         CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'
         WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion' ELSE 'constraint' END
  FROM pg_constraint c JOIN rels r ON r.oid = c.conrelid
) lines ORDER BY line`

/** Read over time-travel connections at both sides of the boundary; a failure here only loses the extra detail. */
async function readInsights(plan: BisectPlan, result: SearchResult): Promise<Insights> {
  const at = (lsn: Lsn) => pastUri(plan.target, lsn)
  const notes: string[] = []
  const note = (what: string) => (error: Error) => {
    notes.push(`Could not read ${what}: ${error.message}`)
    return undefined
  }
  const [commit, before, after] = await Promise.all([
    readRows<{ time: Date | null }>(at(result.firstBad), 'SELECT pg_last_xact_replay_timestamp() AS time').catch(
      note('the commit time of the first bad LSN')
    ),
    readRows<{ line: string }>(at(result.lastGood), SCHEMA_SQL).catch(note('the schema at the last good LSN')),
    readRows<{ line: string }>(at(result.firstBad), SCHEMA_SQL).catch(note('the schema at the first bad LSN'))
  ])
  const time = commit?.[0]?.time
  const insights: Insights = { notes, badCommitTime: time ? formatTime(time) : undefined }
  if (before && after)
    insights.schemaDiff = schemaDiff(
      before.map((row) => row.line),
      after.map((row) => row.line)
    )
  return insights
}

export function schemaDiff(before: string[], after: string[]): string[] {
  const old = new Set(before)
  const now = new Set(after)
  return [
    ...before.filter((line) => !now.has(line)).map((line) => `- ${line}`),
    ...after.filter((line) => !old.has(line)).map((line) => `+ ${line}`)
  ]
}

async function createRecoveryBranch(
  plan: BisectPlan,
  lastGood: Lsn,
  gateway: NeonGateway,
  context: RunContext
): Promise<Branch> {
  const { branch } = await gateway.branches.create({
    name: plan.recoveryName!,
    parentId: plan.target.branch.id,
    parentLsn: formatLsn(lastGood),
    endpoint: 'read_write',
    annotations: { [RUN_ANNOTATION]: context.runId }
  })
  context.info(`Created recovery branch ${branch.name} (${branch.id}) at ${formatLsn(lastGood)}`)
  return branch
}

function boundFacts(plan: BisectPlan): [string, string | undefined][] {
  const { settings, good, bad } = plan
  return [
    ['Branch', `${plan.target.branch.name} (${plan.target.branch.id})`],
    ['Check', settings.check],
    ['Good', `LSN ${formatLsn(good.lsn)} (${describePoint(good.point)})`],
    ['Bad', `LSN ${formatLsn(bad.lsn)} (${describePoint(bad.point)})`],
    ['Range', formatBytes(bad.lsn - good.lsn)],
    ['Probes a round', String(settings.parallelism)],
    ['Probe', settings.probe === 'branch' ? 'a branch per probe' : 'time-travel connections (no branches)'],
    ['Then', settings.then]
  ]
}

function probeLabel(plan: BisectPlan, lsn: Lsn): string {
  const text = formatLsn(lsn)
  if (lsn === plan.good.lsn) return `${text} (good)`
  if (lsn === plan.bad.lsn) return `${text} (bad)`
  return text
}

function verdictText(outcome: CheckOutcome): string {
  if (outcome.kind === 'sql-error') return `broken (SQL error ${outcome.code})`
  return outcome.healthy ? 'healthy' : 'broken'
}

function formatBytes(bytes: bigint): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = Number(bytes)
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`
}
