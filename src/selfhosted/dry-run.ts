/**
 * `dry-run: true` with backend: postgres: the operation's own plan (the backup's version and earliest point, the
 * binaries, the point, the archive check, and the operation's inputs), printed as the summary. Nothing is started
 * and nothing is written: no work directory in RUNNER_TEMP, no npm install of server binaries (the build that
 * would be installed is named instead).
 */
import { formatDuration } from '../duration.js'
import type { SelfHostedSettings } from '../inputs.js'
import { describePoint } from '../point.js'
import type { OperationResult } from '../run.js'
import { Summary } from '../summary.js'
import { describeBackup } from './backup.js'
import { WORK_DIR_PREFIX } from './cluster.js'
import type { RestorePlan } from './restore.js'

/** The plan as a summary; `own` are the operation's rows (its checks, its statement, its tables). */
export function dryRunReport(
  plan: RestorePlan & { settings: SelfHostedSettings },
  own: [string, string | undefined][]
): OperationResult {
  const { settings, binaries } = plan
  const summary = new Summary()
    .heading(`${settings.operation} with backend: postgres, dry run: the plan`)
    .keyValues([
      ['Backup', describeBackup(settings.backup)],
      ['Point', describePoint(settings.at)],
      ['Earliest point', plan.facts.bound],
      [
        'PostgreSQL',
        binaries
          ? `${binaries.major} (${binaries.from}: ${binaries.bin})`
          : 'known once the backup command ran (its PG_VERSION)'
      ],
      ['WAL archive', plan.archiveCheck],
      ['Restore into', `a new ${WORK_DIR_PREFIX}* directory in ${plan.parentDir}, removed afterwards`],
      ['Recovery timeout', formatDuration(settings.recoveryTimeoutMs)],
      ...own
    ])
    .paragraph('Dry run: nothing was started and nothing was written. Remove dry-run to run it.')
  return { summary, outputs: {} }
}
