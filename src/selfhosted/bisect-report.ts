/** The report of bisect over a WAL archive: the answer, what the copies cost, the rounds, the next step. */
import { narrowingDiagram } from '../diagrams/bisect.js'
import { formatDuration } from '../duration.js'
import { formatBytes } from '../format.js'
import { formatLsn } from '../lsn.js'
import { answerOutputs, probeLabel } from '../operations/bisect/report.js'
import { verdictText } from '../operations/bisect/rounds.js'
import { tableText } from '../operations/changes.js'
import { changesOutput, changesSection } from '../operations/undo-report.js'
import { describePoint } from '../point.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { describeBackup, type BackupSpec } from './backup.js'
import type { SelfHostedBisectPlan, SelfHostedBisectResult } from './bisect.js'

export function report(
  plan: SelfHostedBisectPlan,
  result: SelfHostedBisectResult,
  context: RunContext
): OperationResult {
  const answer = result.searched.result
  const outputs = answerOutputs(result.searched)
  if (result.changes) outputs.changes = changesOutput(result.changes)
  const summary = new Summary()
    .heading(`Bisect of ${describeBackup(plan.settings.backup)}`)
    .paragraph(
      `The check first fails at LSN ${outputs['first-bad-lsn']}: the WAL record that starts at the last good LSN, ` +
        `${outputs['last-good-lsn']}, made it fail` +
        (result.badCommit ? ` (the last transaction replayed there committed at ${result.badCommit})` : '') +
        '. Restoring to the last good LSN gives the data just before it.'
    )
    .keyValues(answerFacts(result, outputs))
  if (answer.nonMonotonic)
    summary.paragraph(
      'Warning: the check passed again at a later probe after failing at an earlier one, so the data broke more ' +
        'than once between the bounds. This is the earliest boundary the probes saw.'
    )
  if (result.changes) changesSection(summary, 'What the bad record changed', result.changes)
  for (const note of result.notes) summary.paragraph(note)
  roundsSection(summary, plan, result)
  nextStep(summary, plan, result, context)
  return { outputs, summary }
}

function answerFacts(result: SelfHostedBisectResult, outputs: Record<string, string>): [string, string | undefined][] {
  const { stats } = result
  return [
    ['First bad LSN', outputs['first-bad-lsn']],
    ['Last good LSN', outputs['last-good-lsn']],
    ['Last commit at the first bad LSN', result.badCommit],
    ['Rounds', `${outputs.rounds} (at most ${result.maxRounds} for this range and parallelism)`],
    ['Probes', outputs.probes],
    [
      'Copies',
      `${stats.copies} of the restored cluster at good, ${formatBytes(result.clusterBytes)} ` +
        `(${stats.method === 'reflink' ? 'reflinks' : 'full copies'}, without the WAL the archive serves again)` +
        (stats.promoted ? `, ${stats.promoted} promoted to get past a lock` : '')
    ],
    ['WAL replayed by the copies', formatBytes(stats.bytesReplayed)],
    ['Disk used at most', `${formatBytes(stats.peakDiskBytes)} (the clusters of one round, each as du counts it)`],
    ['PostgreSQL', `${result.binaries.major} (${result.binaries.from}: ${result.binaries.bin})`],
    ['Took', formatDuration(result.ms)],
    ['Restored copies', 'stopped and removed']
  ]
}

function roundsSection(summary: Summary, plan: SelfHostedBisectPlan, result: SelfHostedBisectResult): void {
  const label = probeLabel(result.good.lsn, result.bad.lsn)
  const { rounds, result: answer } = result.searched
  summary
    .heading('Rounds', 3)
    .table(
      ['Round', 'Probes (LSN: verdict)', 'Interval after', 'Time'],
      rounds.map((round, index) => [
        String(index + 1),
        round.probes.map((probe) => `${label(probe.lsn)}: ${verdictText(probe.outcome)}`).join(', '),
        `${formatLsn(round.good)} .. ${formatLsn(round.bad)}`,
        formatDuration(round.ms)
      ])
    )
    .diagram(
      narrowingDiagram({
        good: result.good.lsn,
        bad: result.bad.lsn,
        rounds: rounds.map((round) => ({ good: round.good, bad: round.bad, probes: round.probes.length })),
        lastGood: answer.lastGood,
        firstBad: answer.firstBad
      })
    )
    .heading('Bounds', 3)
    .keyValues([
      ['Backup', describeBackup(plan.settings.backup)],
      ['Check', plan.settings.check],
      ['Good', `LSN ${formatLsn(result.good.lsn)} (${describePoint(result.good.point)})`],
      ['Bad', `LSN ${formatLsn(result.bad.lsn)} (${describePoint(result.bad.point)})`],
      ['Range', formatBytes(result.bad.lsn - result.good.lsn, { exact: true })],
      ['Copies a round', String(plan.settings.parallelism)]
    ])
}

/** The backup input as the user wrote it. */
function backupInput(spec: BackupSpec): string {
  if (spec.kind === 'pgbackrest') return `pgbackrest:${spec.stanza}`
  return spec.kind === 'dir' ? `dir:${spec.path}` : `command:${spec.shell}`
}

/** A YAML scalar: plain when it is safe, else double-quoted (JSON strings are YAML double-quoted scalars). */
function scalar(text: string): string {
  return /^[\w./:@-][\w ./:@,-]*$/.test(text) && !text.endsWith(' ') ? text : JSON.stringify(text)
}

/** A recover step bringing the changed tables back from the last good LSN into the live database. */
function nextStep(summary: Summary, plan: SelfHostedBisectPlan, result: SelfHostedBisectResult, context: RunContext) {
  const changed = (result.changes ?? []).filter(({ diff }) => diff.deleted + diff.inserted + diff.updated > 0)
  const lastGood = formatLsn(result.searched.result.lastGood)
  if (changed.length === 0) {
    summary.paragraph(
      `To read or bring back data from before it, run query or recover with backend: postgres and at: ${lastGood}.`
    )
    return
  }
  const { settings } = plan
  const lines = [
    `- uses: ${context.actionRef}`,
    '  with:',
    '    backend: postgres',
    '    operation: recover',
    `    backup: ${scalar(backupInput(settings.backup))}`,
    `    restore-command: ${scalar(settings.restoreCommand)}`,
    ...(settings.pgBin ? [`    pg-bin: ${scalar(settings.pgBin)}`] : []),
    `    at: ${lastGood}`,
    `    tables: ${changed.map((table) => tableText(table.shape)).join(', ')}`,
    '    mode: merge',
    '    database-url: ${{ secrets.DATABASE_URL }}'
  ]
  summary
    .heading('Next step: bring the rows back from the last good LSN', 3)
    .paragraph(
      'This copies back the rows missing now, keeping every write made since (mode: merge leaves the rows that ' +
        'exist as they are, so a row updated by the bad record is not changed back):'
    )
    .code(lines.join('\n'), 'yaml')
}
