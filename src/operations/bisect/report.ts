/** bisect's dry-run description and its report: the answer first, then the rounds, the bounds and the next step. */
import { narrowingDiagram, type NarrowingFacts } from '../../diagrams/bisect.js'
import { formatDuration } from '../../duration.js'
import { formatBytes } from '../../format.js'
import { formatLsn, type Lsn } from '../../lsn.js'
import { describePoint } from '../../point.js'
import type { CheckOutcome } from '../../postgres/index.js'
import type { OperationResult, RunContext } from '../../run.js'
import { Summary } from '../../summary.js'
import { restoreStep, undoStep } from '../common.js'
import { changesOutput, changesSection, conflictsOutput, undoneSection } from '../undo-report.js'
import * as restore from '../restore.js'
import type { BisectResult } from './execute.js'
import { roundBound, type BisectPlan, type Bound } from './plan.js'
import { verdictText, type Searched } from './rounds.js'
import { tableText } from '../changes.js'

export function describe(plan: BisectPlan): OperationResult {
  const { settings, good, bad } = plan
  const rounds = roundBound(plan)
  const probes = `${settings.parallelism} probes (plus the two bound checks in the first round)`
  const search =
    good.lsn !== undefined && bad.lsn !== undefined
      ? `${formatBytes(bad.lsn - good.lsn, { exact: true })} of history in at most ${rounds} rounds of ${probes}.`
      : `the history between good and bad in rounds of ${probes}; the range and the round count are resolved when run.`
  const summary = new Summary()
    .heading(`Dry run: Bisect of ${plan.connection.branch.name}`)
    .paragraph(plan.note)
    .paragraph(`Nothing was probed. This step would search ${search}`)
    .keyValues(boundFacts(plan, good, bad))
  if (plan.refusal) summary.paragraph(`The restore afterwards would be refused: ${plan.refusal}`)
  return { outputs: {}, summary }
}

/** The search's own outputs, with either backend: the two LSNs, the probes and the rounds. */
export function answerOutputs({ result: answer, rounds }: Searched): Record<string, string> {
  return {
    'last-good-lsn': formatLsn(answer.lastGood),
    'first-bad-lsn': formatLsn(answer.firstBad),
    probes: String(rounds.reduce((sum, round) => sum + round.probes.length, 0)),
    rounds: String(rounds.length)
  }
}

export function report(plan: BisectPlan, result: BisectResult, context: RunContext): OperationResult {
  const outputs = answerOutputs(result.searched)
  if (result.recovery) Object.assign(outputs, { 'branch-id': result.recovery.id, 'branch-name': result.recovery.name })
  const restored = result.restored && restore.report(result.restored.plan, result.restored.result, context)
  if (restored) Object.assign(outputs, restored.outputs)
  if (result.changes) outputs.changes = changesOutput(result.changes)
  if (result.undone) outputs.conflicts = conflictsOutput(result.undone.result)

  const summary = new Summary().heading(`Bisect of ${plan.connection.branch.name}`).paragraph(plan.note)
  answerSection(summary, plan, result, outputs)
  if (result.changes) changesSection(summary, 'What the bad transaction changed', result.changes)
  if (result.undone) undoneSection(summary, result.undone.plan, result.undone.result)
  warnings(summary, result)
  roundsSection(summary, plan, result)
  if (restored) summary.append(restored.summary)
  else if (!result.undone) nextStep(summary, plan, result, context)
  return { outputs, summary }
}

function answerSection(summary: Summary, plan: BisectPlan, result: BisectResult, outputs: Record<string, string>) {
  const { badCommitTime } = result.insights
  const recovery = result.recovery
  summary
    .paragraph(
      `The check first fails at LSN ${outputs['first-bad-lsn']}` +
        (badCommitTime ? `, made by a transaction committed at ${badCommitTime}` : '') +
        `. The last good LSN is ${outputs['last-good-lsn']}.`
    )
    .keyValues([
      ['First bad LSN', outputs['first-bad-lsn']],
      ['Last good LSN', outputs['last-good-lsn']],
      ['Bad commit time', badCommitTime],
      ['Probes', outputs.probes],
      ['Rounds', `${outputs.rounds} (at most ${result.maxRounds} for this range and parallelism)`],
      ['Recovery branch', recovery && `${recovery.name} (${recovery.id}) at ${outputs['last-good-lsn']}`],
      ['Took', formatDuration(result.ms)]
    ])
}

function warnings(summary: Summary, result: BisectResult): void {
  const { result: answer, rounds } = result.searched
  if (answer.nonMonotonic) {
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
  const { schemaDiff, notes } = result.insights
  if (schemaDiff && schemaDiff.length > 0) {
    summary.heading('Schema change across the boundary', 3).code(schemaDiff.join('\n'), 'diff')
  }
  for (const note of notes) summary.paragraph(note)
  if (result.cleanupProblems.length > 0) {
    summary.paragraph(
      `Warning: ${result.cleanupProblems.length} probe branches could not be deleted; the post step tries again.`
    )
  }
}

function roundsSection(summary: Summary, plan: BisectPlan, result: BisectResult): void {
  const label = probeLabel(result.good.lsn, result.bad.lsn)
  summary
    .heading('Rounds', 3)
    .table(
      ['Round', 'Probes (LSN: verdict)', 'Interval after', 'Time'],
      result.searched.rounds.map((round, index) => [
        String(index + 1),
        round.probes.map((probe) => `${label(probe.lsn)}: ${verdictText(probe.outcome)}`).join(', '),
        `${formatLsn(round.good)} .. ${formatLsn(round.bad)}`,
        formatDuration(round.ms)
      ])
    )
    .diagram(narrowingDiagram(narrowingFacts(result)))
    .heading('Bounds', 3)
    .keyValues(boundFacts(plan, result.good, result.bad))
}

function nextStep(summary: Summary, plan: BisectPlan, result: BisectResult, context: RunContext): void {
  const { branch } = plan.connection
  const { lastGood, firstBad } = result.searched.result
  const common = { actionRef: context.actionRef, projectId: plan.settings.projectId, carried: plan.settings, branch }
  summary
    .heading(`Next step: put ${branch.name} back to the last good LSN`, 3)
    .paragraph('This puts the whole branch back and keeps its current state as a backup branch:')
    .code(restoreStep({ ...common, source: lastGoodSource(plan, formatLsn(lastGood)) }), 'yaml')
  // The LSNs of a search on a backup are the backup's: recover reads LSNs on the branch itself.
  const changed = (result.changes ?? []).filter(({ diff }) => diff.deleted + diff.inserted + diff.updated > 0)
  const tables = changed.filter((table) => !table.comparison.undoRefusal)
  if (tables.length === 0 || plan.timeline.branch.id !== branch.id) return
  const good = formatLsn(lastGood)
  const bad = formatLsn(firstBad)
  summary
    .paragraph('Or undo only what the bad transaction changed in these tables, keeping every write made since:')
    .code(undoStep({ ...common, good, bad, tables: tables.map((table) => tableText(table.shape)).join(', ') }), 'yaml')
  for (const table of changed.filter((table) => table.comparison.undoRefusal)) {
    summary.paragraph(`${table.table} cannot be undone this way: ${table.comparison.undoRefusal}.`)
  }
}

function narrowingFacts(result: BisectResult): NarrowingFacts {
  const { rounds, result: answer } = result.searched
  return {
    good: result.good.lsn,
    bad: result.bad.lsn,
    rounds: rounds.map((round) => ({ good: round.good, bad: round.bad, probes: round.probes.length })),
    lastGood: answer.lastGood,
    firstBad: answer.firstBad
  }
}

/** The restore source of the last good LSN: the branch's own past, or the backup the search ran on. */
export function lastGoodSource(plan: BisectPlan, lastGood: string): string {
  const { timeline, connection } = plan
  return timeline.branch.id === connection.branch.id ? `^self@${lastGood}` : `${timeline.branch.name}@${lastGood}`
}

function boundFacts(plan: BisectPlan, good: Bound, bad: Bound): [string, string | undefined][] {
  const { settings } = plan
  const bound = (it: Bound) =>
    it.lsn === undefined
      ? `${describePoint(it.point)} (its LSN is resolved when run)`
      : `LSN ${formatLsn(it.lsn)} (${describePoint(it.point)})`
  return [
    ['Branch', `${plan.connection.branch.name} (${plan.connection.branch.id})`],
    ['Check', settings.check],
    ['Good', bound(good)],
    ['Bad', bound(bad)],
    [
      'Range',
      good.lsn !== undefined && bad.lsn !== undefined ? formatBytes(bad.lsn - good.lsn, { exact: true }) : undefined
    ],
    ['Probes a round', String(settings.parallelism)],
    ['Probe', settings.probe === 'branch' ? 'a branch per probe' : 'time-travel connections (no branches)'],
    ['Then', settings.then],
    ['Tables compared', plan.tables.join(', ') || undefined]
  ]
}

export function probeLabel(good: Lsn, bad: Lsn): (lsn: Lsn) => string {
  return (lsn) => {
    const text = formatLsn(lsn)
    if (lsn === good) return `${text} (good)`
    if (lsn === bad) return `${text} (bad)`
    return text
  }
}
