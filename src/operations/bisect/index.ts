/**
 * bisect: the exact LSN where a check (SQL returning true while the data is healthy) turns false, between a
 * point where it passes (`good`) and one where it fails (`bad`).
 * - plan.ts: the branch, both bounds (read without changing anything), what `then` will do;
 * - bounds.ts: the bounds the plan left open, resolved when run;
 * - rounds.ts: the search loop, one wave of probes a round (src/search.ts decides where);
 * - probers.ts: a probe over a time-travel connection, or on a throwaway branch;
 * - insights.ts: the commit time and schema change at the boundary (the rows changed: ../changes.ts);
 * - execute.ts: all of that in order, then `then` (then: recover is recover's mode: undo, ../undo.ts);
 * - report.ts: the dry-run description and the summary.
 */
export { plan } from './plan.js'
export { execute } from './execute.js'
export { describe, report } from './report.js'
export { schemaDiff } from './insights.js'

/** Probe branches and the point look-up are throwaway branches. */
export const makesThrowaways = true
