/**
 * The tables a query reads, from its plan rather than its text: EXPLAIN (VERBOSE, FORMAT JSON) names every
 * relation a scan node reads ("Relation Name" with its "Schema", VERBOSE adding the schema), in subqueries, CTEs
 * and InitPlans too. The planner has expanded views into their base tables by then, so a check over a view names
 * the tables under it. Pure: the plan is read by src/operations/changes.ts.
 */

export interface RelationName {
  schema: string
  name: string
}

/** Every relation a plan scans, once each, in the order the plan names them. */
export function relationsInPlan(plan: unknown): RelationName[] {
  const found = new Map<string, RelationName>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    const name = record['Relation Name']
    const schema = record['Schema']
    if (typeof name === 'string' && typeof schema === 'string') found.set(`${schema}.${name}`, { schema, name })
    Object.values(record).forEach(visit)
  }
  visit(typeof plan === 'string' ? JSON.parse(plan) : plan)
  return [...found.values()]
}
