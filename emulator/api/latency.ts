/**
 * Delays for `--latency neon`, modelled on Neon's published figures:
 * - branch creation: "creating a branch takes ~1 second, regardless of the size of your database"
 *   (neon.com/docs/get-started-with-neon/workflow-primer);
 * - compute start: "activating a Neon compute from an idle state typically takes a few hundred milliseconds"
 *   (neon.com/docs/connect/connection-latency, neon.com/docs/introduction/compute-lifecycle): 500 ms here;
 * - API round trip: Neon publishes no figure; 100 ms is an assumption for an HTTPS call from a CI runner in the
 *   same cloud region as console.neon.tech.
 * `--latency none` keeps only a short operation time so that operations are still observably asynchronous.
 */
import type { OperationAction } from './model.js'

export type LatencyProfileName = 'none' | 'neon'

export interface LatencyProfile {
  /** Added before every API response. */
  requestMs: number
  /** Added before a connection that had to start its compute reaches it (a cold start). */
  computeStartMs: number
  /** How long an operation stays `running`. */
  operationMs(action: OperationAction): number
}

const NONE: LatencyProfile = { requestMs: 0, computeStartMs: 0, operationMs: () => 40 }

const NEON: LatencyProfile = {
  requestMs: 100,
  computeStartMs: 500,
  operationMs: (action) => {
    switch (action) {
      case 'create_branch':
      case 'create_timeline':
        return 1000
      case 'start_compute':
        return 500
      default:
        return 300
    }
  }
}

export function latencyProfile(name: string): LatencyProfile {
  if (name === 'none') return NONE
  if (name === 'neon') return NEON
  throw new Error(`invalid latency "${name}" (expected none or neon)`)
}
