/**
 * Time-travel URIs, and only here: how a read-only connection to a branch as it was at a past LSN or time is
 * written (no branch is made; Neon starts a read-only compute at the point), and how such a URI is read back.
 */
import { formatLsn, type Lsn } from '../lsn.js'

/** A branch's read-write endpoint: where the branch is reached now, and the ids its time-travel host swaps. */
export interface BranchEndpoint {
  branch: { id: string }
  endpointId: string
  /** Connection URI of the read-write endpoint. */
  uri: string
}

/** The point a time-travel URI asks for, as Neon's startup options write it. */
export type TimeTravelPoint = { lsn: string } | { timestamp: string }

const POINT_OPTION = /^neon_(lsn|timestamp):(.*)$/
const ROUTE_OPTION = /^(endpoint|project)=/

/**
 * The URI of a read-only connection to `branchId` as it was at `point`, as neonctl builds it: the endpoint's
 * host with the endpoint id swapped for the branch id, and `options=neon_lsn:<lsn>`. Other options are kept.
 */
export function timeTravelUri(
  endpointUri: string,
  ids: { endpointId: string; branchId: string },
  point: TimeTravelPoint
): string {
  const url = new URL(endpointUri)
  const neon = 'lsn' in point ? `neon_lsn:${point.lsn}` : `neon_timestamp:${point.timestamp}`
  const kept = options(url).filter((token) => !POINT_OPTION.test(token) && !ROUTE_OPTION.test(token))
  if (url.hostname.includes(ids.endpointId)) {
    url.hostname = url.hostname.replace(ids.endpointId, ids.branchId)
  } else {
    // A host that cannot carry the id (an IP address: a proxy, the emulator) routes by the endpoint option Neon
    // documents for clients without SNI, "the first part of the domain name": here the branch id.
    kept.push(`endpoint=${ids.branchId}`)
  }
  url.searchParams.set('options', [...kept, neon].join(' '))
  return url.toString()
}

/** A read-only connection to the endpoint's branch as it was at an LSN or a time. */
export function pastUri(endpoint: BranchEndpoint, at: Lsn | { timestamp: string }): string {
  const point = typeof at === 'bigint' ? { lsn: formatLsn(at) } : at
  return timeTravelUri(endpoint.uri, { endpointId: endpoint.endpointId, branchId: endpoint.branch.id }, point)
}

/** The point `uri` travels to, or undefined for a connection to the branch as it is now. */
export function timeTravelPoint(uri: string): TimeTravelPoint | undefined {
  for (const token of options(new URL(uri))) {
    const match = POINT_OPTION.exec(token)
    if (match) return match[1] === 'lsn' ? { lsn: match[2] } : { timestamp: match[2] }
  }
  return undefined
}

function options(url: URL): string[] {
  return (url.searchParams.get('options') ?? '').split(/\s+/).filter(Boolean)
}
