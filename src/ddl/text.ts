/** SQL text helpers the DDL builder needs beyond quoteIdent (src/recovery-sql.ts). Pure. */

/** A string literal, as libpq's PQescapeLiteral writes it: quotes doubled, and E'' with doubled backslashes. */
export function quoteLiteral(text: string): string {
  const quoted = `'${text.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`
  return text.includes('\\') ? ` E${quoted}` : quoted
}

/** `text` with the first `from` replaced by `to`; throws when `from` is not there (the text is not what we read). */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from)
  if (at < 0) throw new Error(`expected ${from} in ${text}`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}
