/**
 * Validates the emulator's requests and responses against Neon's OpenAPI 3.0 spec, as shipped with
 * `@neondatabase/api-client`. Ajv understands OpenAPI's `nullable`; the spec's vendor keywords are ignored.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import formats from 'ajv-formats'
import { parse } from 'yaml'

type Schema = Record<string, unknown>

interface OpenApiOperation {
  operationId: string
  parameters?: Schema[]
  requestBody?: Schema
  responses: Record<string, Schema>
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | Schema[]>>
  components: Record<string, Record<string, Schema>>
}

interface Route {
  method: string
  template: string
  pattern: RegExp
  /** Literal segments: a route with more of them wins (`branches/count` over `branches/{branch_id}`). */
  literals: number
  operation: OpenApiOperation
}

const SPEC_ID = 'neon'

export function specPath(): string {
  return createRequire(import.meta.url).resolve('@neondatabase/api-client/public-v2-for-users.gen.yaml')
}

/** Points the spec's local `$ref`s at the schema registered under SPEC_ID, so an operation's schema compiles alone. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? SPEC_ID + inner : rewriteRefs(inner)
    ])
  )
}

export class SpecValidator {
  private readonly ajv: Ajv
  private readonly routes: Route[] = []
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true })
    formats.default(this.ajv)
    // Formats the spec uses that ajv-formats does not define: integers are checked by `type` already.
    this.ajv.addFormat('int', true)
    this.ajv.addFormat('uint64', true)
    this.ajv.addSchema({ $id: SPEC_ID, components: document.components })
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'parameters' || Array.isArray(operation)) continue
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          literals: template.split('/').filter((part) => part && !part.startsWith('{')).length,
          operation: operation as OpenApiOperation
        })
      }
    }
    this.routes.sort((a, b) => b.literals - a.literals)
  }

  static load(file = specPath()): SpecValidator {
    return new SpecValidator(parse(readFileSync(file, 'utf8')) as OpenApiDocument)
  }

  /** The spec operation for a request path relative to `/api/v2`. */
  operationFor(method: string, path: string): { operationId: string; template: string } | undefined {
    const route = this.route(method, path)
    return route && { operationId: route.operation.operationId, template: route.template }
  }

  validateRequest(method: string, path: string, body: unknown): string[] {
    const route = this.route(method, path)
    if (!route) return [`${method} ${path}: no such operation in the spec`]
    const requestBody = this.deref(route.operation.requestBody)
    if (!requestBody) return []
    if (body === undefined) {
      return requestBody.required ? [`${route.operation.operationId} request: body is required`] : []
    }
    const schema = this.jsonSchema(requestBody)
    return schema ? this.check(`${route.operation.operationId} request`, schema, body) : []
  }

  validateResponse(method: string, path: string, status: number, body: unknown): string[] {
    const route = this.route(method, path)
    if (!route) return [`${method} ${path}: no such operation in the spec`]
    const id = route.operation.operationId
    const declared = route.operation.responses[String(status)] ?? route.operation.responses.default
    if (!declared) return [`${id} response: status ${status} is not declared`]
    if (route.operation.responses[String(status)] === undefined && status < 400) {
      return [`${id} response: success status ${status} is not declared`]
    }
    const schema = this.jsonSchema(this.deref(declared))
    if (!schema) return body === undefined ? [] : [`${id} response ${status}: the spec declares no body`]
    if (body === undefined) return [`${id} response ${status}: body missing`]
    return this.check(`${id} response ${status}`, schema, body)
  }

  private route(method: string, path: string): Route | undefined {
    return this.routes.find((route) => route.method === method && route.pattern.test(path))
  }

  private deref(value: Schema | undefined): Schema | undefined {
    let current = value
    while (current && typeof current.$ref === 'string') {
      const parts = current.$ref.replace(/^#\//, '').split('/')
      let target: unknown = this.document
      for (const part of parts) target = (target as Record<string, unknown>)[part]
      current = target as Schema
    }
    return current
  }

  private jsonSchema(container: Schema | undefined): Schema | undefined {
    const content = container?.content as Record<string, { schema?: Schema }> | undefined
    return content?.['application/json']?.schema
  }

  private check(label: string, schema: Schema, body: unknown): string[] {
    const key = JSON.stringify(schema)
    let validate = this.compiled.get(key)
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema) as Schema)
      this.compiled.set(key, validate)
    }
    if (validate(body)) return []
    return (validate.errors ?? []).map(
      (error) =>
        `${label}: ${error.instancePath || '(root)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`
    )
  }
}
