/**
 * verify-standby's libpq connection string (a secret): read in either form libpq takes, without ever quoting the
 * value in an error. Pure: no I/O.
 *
 * The forms (PostgreSQL 15 docs, libpq "Connection Strings", 34.1.1): a URI `postgresql://` or `postgres://`, or
 * keyword/value settings: "each parameter setting is in the form keyword = value, with space(s) between settings.
 * Spaces around a setting's equal sign are optional. To write an empty value, or a value containing spaces,
 * surround it with single quotes ... Single quotes and backslashes within a value must be escaped with a backslash".
 * primary_conninfo takes that very string ("This string is in the format described in Section 34.1.1",
 * runtime-config-replication, Standby Servers).
 */

/** The key words of 34.1.2 "Parameter Key Words" (15), plus those 16-18 added; libpq refuses any other. */
const KEYWORDS = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'passfile',
  'channel_binding',
  'connect_timeout',
  'client_encoding',
  'options',
  'application_name',
  'fallback_application_name',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'replication',
  'gssencmode',
  'sslmode',
  'requiressl',
  'sslcompression',
  'sslcert',
  'sslkey',
  'sslpassword',
  'sslrootcert',
  'sslcrl',
  'sslcrldir',
  'sslsni',
  'requirepeer',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'krbsrvname',
  'gsslib',
  'service',
  'target_session_attrs',
  // 16: require_auth, sslcertmode, load_balance_hosts, gssdelegation; 17: sslnegotiation.
  'require_auth',
  'sslcertmode',
  'load_balance_hosts',
  'gssdelegation',
  'sslnegotiation'
])

/** A connection string that does not parse; the message names the problem but never the value. */
export class ConninfoSyntaxError extends Error {
  constructor(problem: string) {
    super(problem)
    this.name = 'ConninfoSyntaxError'
  }
}

export type Conninfo =
  { form: 'uri'; text: string; url: URL } | { form: 'keywords'; text: string; settings: Map<string, string> }

function isUri(text: string): boolean {
  return /^postgres(ql)?:\/\//.test(text)
}

/** Parses `text`; throws ConninfoSyntaxError. */
export function parseConninfo(text: string): Conninfo {
  if (isUri(text)) {
    if (!URL.canParse(text)) throw new ConninfoSyntaxError('is a postgres:// URI that does not parse')
    return { form: 'uri', text, url: new URL(text) }
  }
  const settings = parseKeywords(text)
  for (const keyword of settings.keys())
    if (!KEYWORDS.has(keyword)) throw new ConninfoSyntaxError(`names "${keyword}", which is not a libpq key word`)
  if (settings.size === 0) throw new ConninfoSyntaxError('holds no setting')
  return { form: 'keywords', text, settings }
}

/** keyword = value pairs, 34.1.1.1; the error names the key word at fault (key words are no secret). */
function parseKeywords(text: string): Map<string, string> {
  const settings = new Map<string, string>()
  let at = 0
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++
  }
  for (skipSpace(); at < text.length; skipSpace()) {
    const keyword = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at))?.[0]
    if (!keyword) throw new ConninfoSyntaxError('is neither a postgres:// URI nor keyword=value settings')
    at += keyword.length
    skipSpace()
    if (text[at] !== '=') throw new ConninfoSyntaxError(`has no "=" after the key word "${keyword}"`)
    at++
    skipSpace()
    const [value, next] = text[at] === "'" ? quotedValue(text, at + 1, keyword) : plainValue(text, at)
    settings.set(keyword, value)
    at = next
  }
  return settings
}

function quotedValue(text: string, start: number, keyword: string): [string, number] {
  let value = ''
  for (let at = start; at < text.length; at++) {
    if (text[at] === '\\' && at + 1 < text.length) value += text[++at]
    else if (text[at] === "'") return [value, at + 1]
    else value += text[at]
  }
  throw new ConninfoSyntaxError(`has an unterminated quoted value for the key word "${keyword}"`)
}

function plainValue(text: string, start: number): [string, number] {
  let value = ''
  let at = start
  for (; at < text.length && !/\s/.test(text[at]); at++) {
    if (text[at] === '\\' && at + 1 < text.length) at++
    value += text[at]
  }
  return [value, at]
}

/** The password in the string, to be masked on its own (undefined when there is none). */
export function conninfoPassword(conninfo: Conninfo): string | undefined {
  if (conninfo.form === 'uri') return conninfo.url.password ? decodeURIComponent(conninfo.url.password) : undefined
  return conninfo.settings.get('password') || undefined
}

/** The password of a connection string as the step received it; undefined when it does not parse or has none. */
export function passwordOf(text: string): string | undefined {
  try {
    return conninfoPassword(parseConninfo(text))
  } catch {
    return undefined
  }
}

/**
 * The same primary as a postgres:// URI for a normal (not replication) connection with node-postgres, which
 * reads only URIs. Without a database it connects to `postgres`: a streaming conninfo needs none ("the database
 * name is ignored by the server in replication mode", walreceiver's libpqwalreceiver.c), and libpq's own default
 * (the user name) rarely exists. Only what node-postgres's connection-string parser reads is carried over.
 */
export function normalConnectionUri(conninfo: Conninfo): string {
  if (conninfo.form === 'uri') {
    const url = new URL(conninfo.url)
    if (url.pathname === '' || url.pathname === '/') url.pathname = '/postgres'
    return url.toString()
  }
  const get = (name: string) => conninfo.settings.get(name)
  const host = get('host') || get('hostaddr') || 'localhost'
  const onSocket = host.startsWith('/')
  const url = new URL(`postgresql://${onSocket ? 'localhost' : host}`)
  url.username = get('user') ?? ''
  url.password = get('password') ?? ''
  url.pathname = `/${encodeURIComponent(get('dbname') || 'postgres')}`
  if (get('port') && !onSocket) url.port = get('port')!
  if (onSocket) url.searchParams.set('host', host)
  if (onSocket && get('port')) url.searchParams.set('port', get('port')!)
  for (const name of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'application_name']) {
    const value = get(name)
    if (value) url.searchParams.set(name, value)
  }
  return url.toString()
}

/**
 * A value quoted for postgresql.conf: "enclose the value in single-quotes, doubling any single quotes within
 * the value" (docs: Setting Parameters, 20.1.2); the configuration scanner also reads backslash escapes in a
 * quoted value (guc-file.l, GUC_scanstr), so backslashes are doubled too.
 */
export function configQuote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}
