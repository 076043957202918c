/**
 * The order tables are created in: a referenced table before the tables that reference it, so the DDL reads
 * as a schema would be written (the foreign keys themselves are added after every COPY, so any order would
 * load). Pure.
 */

/**
 * `items` ordered so each comes after those it depends on (names outside `items` are ignored). Ties keep the
 * given order; the members of a cycle (tables referencing each other) follow in the given order.
 */
export function dependencyOrder<T>(items: T[], name: (item: T) => string, dependsOn: (item: T) => string[]): T[] {
  const names = new Set(items.map(name))
  const waiting = new Map(
    items.map((item) => [name(item), new Set(dependsOn(item).filter((d) => names.has(d) && d !== name(item)))])
  )
  const ordered: T[] = []
  let remaining = [...items]
  while (remaining.length > 0) {
    const ready = remaining.find((item) => waiting.get(name(item))!.size === 0) ?? remaining[0]
    ordered.push(ready)
    remaining = remaining.filter((item) => item !== ready)
    for (const pending of waiting.values()) pending.delete(name(ready))
  }
  return ordered
}
