/**
 * GRANT statements that give a re-created table or sequence the privileges it had (aclexplode of relacl and
 * attacl). The statements run as a member of the owner, so PostgreSQL records the owner as grantor; privileges
 * another grantor had given (through WITH GRANT OPTION) come back as the owner's. Pure.
 */
import { quoteIdent } from '../recovery-sql.js'
import type { Grant } from './definition.js'

/** A role in GRANT, TO or a policy: 'public' is the keyword PUBLIC. */
export function roleSql(role: string): string {
  return role === 'public' ? 'PUBLIC' : quoteIdent(role)
}

/**
 * `grants` undefined means the default privileges, which a new object already has. Otherwise everything is
 * revoked from the owner first (a new object's ACL is the owner's defaults), then each grantee gets its list.
 */
export function grantSql(
  kind: 'TABLE' | 'SEQUENCE',
  on: string,
  owner: string,
  grants: Grant[] | undefined,
  columnGrants: Grant[]
): string[] {
  const statements = grants === undefined ? [] : [`REVOKE ALL ON ${kind} ${on} FROM ${quoteIdent(owner)}`]
  const groups = new Map<string, Grant[]>()
  for (const grant of [...(grants ?? []), ...columnGrants]) {
    const key = JSON.stringify([grant.grantee, grant.grantable, grant.column !== undefined])
    groups.set(key, [...(groups.get(key) ?? []), grant])
  }
  for (const group of groups.values()) {
    const { grantee, grantable } = group[0]
    const privileges = group
      .map((grant) =>
        grant.column === undefined ? grant.privilege : `${grant.privilege} (${quoteIdent(grant.column)})`
      )
      .join(', ')
    const option = grantable ? ' WITH GRANT OPTION' : ''
    statements.push(`GRANT ${privileges} ON ${kind} ${on} TO ${roleSql(grantee || 'public')}${option}`)
  }
  return statements
}
