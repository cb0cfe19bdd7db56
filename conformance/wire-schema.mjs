// The response schemas of the official SDK's generated clients (@daytona/api-client and
// @daytona/toolbox-api-client), read from their .d.ts files, and a validator that checks a decoded
// JSON body against them the way the Python SDK's pydantic models do: required properties present,
// null only where the schema allows it, strict JSON types, enum values among the declared ones,
// date-time strings that parse. Used by wire-check.mjs; tested by wire-schema.test.mjs.
//
// The generated .d.ts files are regular (openapi-generator typescript-axios), so a small parser is
// enough; anything it does not recognise stops the start-up with an error instead of being skipped.
import fs from 'node:fs'
import path from 'node:path'

/** The value the generator adds to every enum for values it does not know; never a real value. */
const UNKNOWN_ENUM_VALUE = '11184809'

const stripComments = (src) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

/**
 * Parses one type expression of a generated .d.ts: `string`, `number`, `boolean`, `Date`, `File`,
 * `object`, `any`, `void`, `Array<T>`, `T[]`, `{ [key: string]: T; }`, `T | null` and names of
 * models or enums.
 */
export function parseType(text) {
  const s = text.replace(/\s+/g, ' ').trim()
  const nullable = s.match(/^(.*) \| null$/)
  if (nullable) return { ...parseType(nullable[1]), nullable: true }
  const array = s.match(/^(?:Array|Set)<(.*)>$/)
  if (array) return { kind: 'array', of: parseType(array[1]) }
  if (s.endsWith('[]')) return { kind: 'array', of: parseType(s.slice(0, -2)) }
  const map = s.match(/^\{ \[key: string\]: (.*); \}$/)
  // The Python client types the values of `additionalProperties: {type: object}` as `object`
  // (Dict[str, object]), which takes any JSON value; a property of type object is a Dict[str, Any].
  if (map) return { kind: 'map', of: map[1] === 'object' ? { kind: 'any' } : parseType(map[1]) }
  switch (s) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'object':
    case 'any':
    case 'void':
      return { kind: s }
    case 'Date':
      return { kind: 'date-time' }
    case 'File':
    case 'Blob':
      return { kind: 'binary' }
  }
  if (/^[A-Z]\w*$/.test(s)) return { kind: 'ref', name: s }
  throw new Error(`wire-check: unrecognised type expression in the generated client: ${text}`)
}

/** Index of the `close` that balances the `open` at `start` (which must hold `open`). */
function balanced(src, start, open, close) {
  let depth = 0
  for (let i = start; i < src.length; i++) {
    if (src[i] === open) depth++
    else if (src[i] === close && --depth === 0) return i
  }
  throw new Error(`wire-check: unbalanced ${open}${close} in generated client`)
}

/** The properties of `export interface X { 'name'?: T; ... }` bodies. */
export function parseInterfaces(source) {
  const src = stripComments(source)
  const models = new Map()
  const re = /export interface (\w+) \{/g
  let m
  while ((m = re.exec(src))) {
    const open = m.index + m[0].length - 1
    const body = src.slice(open + 1, balanced(src, open, '{', '}'))
    models.set(m[1], parseProperties(body, m[1]))
  }
  return models
}

function parseProperties(body, model) {
  const properties = []
  let i = 0
  while (i < body.length) {
    const rest = body.slice(i)
    if (/^\s*$/.test(rest)) break
    // An index signature (additionalProperties): extra properties are allowed, as they are anyway.
    const index = rest.match(/^\s*\[key: string\]: [^;]*;/)
    if (index) {
      i += index[0].length
      continue
    }
    const head = rest.match(/^\s*'([^']+)'(\?)?: /) ?? rest.match(/^\s*([A-Za-z_$][\w$]*)(\?)?: /)
    if (!head) throw new Error(`wire-check: cannot parse a property of ${model} at: ${rest.slice(0, 80)}`)
    // The type runs to the first `;` outside braces and angle brackets.
    let j = head[0].length
    let depth = 0
    for (; j < rest.length; j++) {
      const c = rest[j]
      if (c === '{' || c === '<') depth++
      else if (c === '}' || c === '>') depth--
      else if (c === ';' && depth === 0) break
    }
    properties.push({ name: head[1], required: head[2] !== '?', type: parseType(rest.slice(head[0].length, j)) })
    i += j + 1
  }
  return properties
}

/**
 * The operations of the `XApiFactory` blocks of one api/*.d.ts: `method(...): AxiosPromise<T>;`,
 * as `{ api: 'XApi', method, type }`.
 */
export function parseOperations(source) {
  const src = stripComments(source)
  const operations = []
  const re = /export declare const (\w+Api)Factory: [^=]*=> \{/g
  let m
  while ((m = re.exec(src))) {
    const open = m.index + m[0].length - 1
    const block = src.slice(open + 1, balanced(src, open, '{', '}'))
    const method = /^\s*(\w+)\([^)]*\): AxiosPromise<([\s\S]*?)>;\s*$/gm
    let op
    while ((op = method.exec(block))) {
      // A response of type object is a Python `object`: whatever JSON came back.
      const type = op[2].trim() === 'object' ? { kind: 'any' } : parseType(op[2])
      operations.push({ api: m[1], method: op[1], type })
    }
  }
  return operations
}

/** Enum values from a loaded client module: its exported objects whose values are all strings. */
export function enumsOf(module) {
  const enums = new Map()
  for (const [name, value] of Object.entries(module)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue
    const values = Object.values(value)
    if (values.length === 0 || !values.every((v) => typeof v === 'string')) continue
    enums.set(name, new Set(values.filter((v) => v !== UNKNOWN_ENUM_VALUE)))
  }
  return enums
}

/**
 * Everything one generated client declares: models, enums and operations. `dir` is the package's
 * `src` directory, `module` the loaded package. Every referenced type must resolve.
 */
export function loadClient(dir, module) {
  const models = new Map()
  for (const file of fs.readdirSync(path.join(dir, 'models')).filter((f) => f.endsWith('.d.ts'))) {
    for (const [name, properties] of parseInterfaces(fs.readFileSync(path.join(dir, 'models', file), 'utf8'))) {
      models.set(name, properties)
    }
  }
  const operations = []
  for (const file of fs.readdirSync(path.join(dir, 'api')).filter((f) => f.endsWith('-api.d.ts'))) {
    operations.push(...parseOperations(fs.readFileSync(path.join(dir, 'api', file), 'utf8')))
  }
  const client = { models, enums: enumsOf(module), operations }
  const check = (type, where) => {
    if (type.kind === 'array' || type.kind === 'map') return check(type.of, where)
    if (type.kind === 'ref' && !models.has(type.name) && !client.enums.has(type.name)) {
      throw new Error(`wire-check: ${where} refers to ${type.name}, which is neither a model nor an enum`)
    }
  }
  for (const [name, properties] of models) for (const p of properties) check(p.type, `${name}.${p.name}`)
  for (const op of operations) check(op.type, `${op.api}.${op.method}`)
  return client
}

// RFC 3339 / ISO 8601 as pydantic parses a datetime (speedate): date, `T` or space, time, optional
// fraction of at most 6 digits (pydantic 2.0, for one, rejects more: pydantic issue 6512), optional zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/

const pointerToken = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1')
const describeType = (type) => {
  switch (type.kind) {
    case 'array':
      return `Array<${describeType(type.of)}>`
    case 'map':
      return `map of ${describeType(type.of)}`
    case 'ref':
      return type.name
    default:
      return type.kind
  }
}
const jsonTypeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
const preview = (v) => {
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 120 ? s.slice(0, 117) + '...' : s
}

/**
 * Checks `value` against `type`. Returns the violations as `{ pointer, schemaPath, problem,
 * expected, actual }`: `pointer` is the JSON pointer of the field in this body, `schemaPath` the
 * same with array indices and map keys replaced by `*` (what the exceptions file matches).
 */
export function validate(client, type, value) {
  const violations = []
  const report = (pointer, schemaPath, problem, expected, actual) =>
    violations.push({ pointer, schemaPath, problem, expected, actual: preview(actual) })
  const visit = (t, v, pointer, schemaPath) => {
    if (v === null) {
      if (!t.nullable && t.kind !== 'any') report(pointer, schemaPath, 'null', describeType(t), v)
      return
    }
    switch (t.kind) {
      case 'any':
      case 'void':
      case 'binary':
        return
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof v !== t.kind || (t.kind === 'number' && !Number.isFinite(v))) report(pointer, schemaPath, 'type', t.kind, v)
        return
      case 'object':
        if (jsonTypeOf(v) !== 'object') report(pointer, schemaPath, 'type', 'object', v)
        return
      case 'date-time':
        if (typeof v !== 'string') report(pointer, schemaPath, 'type', 'date-time string', v)
        else if (!DATE_TIME.test(v) || Number.isNaN(Date.parse(v))) report(pointer, schemaPath, 'date-time', 'RFC 3339 date-time', v)
        return
      case 'array':
        if (!Array.isArray(v)) return report(pointer, schemaPath, 'type', describeType(t), v)
        v.forEach((item, i) => visit(t.of, item, `${pointer}/${i}`, `${schemaPath}/*`))
        return
      case 'map':
        if (jsonTypeOf(v) !== 'object') return report(pointer, schemaPath, 'type', describeType(t), v)
        for (const [k, item] of Object.entries(v)) visit(t.of, item, `${pointer}/${pointerToken(k)}`, `${schemaPath}/*`)
        return
      case 'ref':
        return visitRef(t, v, pointer, schemaPath)
      default:
        throw new Error(`wire-check: unhandled type kind ${t.kind}`)
    }
  }
  const visitRef = (t, v, pointer, schemaPath) => {
    const values = client.enums.get(t.name)
    if (values) {
      if (typeof v !== 'string' || !values.has(v)) report(pointer, schemaPath, 'enum', `${t.name} (${[...values].join(', ')})`, v)
      return
    }
    if (jsonTypeOf(v) !== 'object') return report(pointer, schemaPath, 'type', t.name, v)
    for (const p of client.models.get(t.name)) {
      const at = `${pointer}/${pointerToken(p.name)}`
      const schemaAt = `${schemaPath}/${pointerToken(p.name)}`
      if (!Object.hasOwn(v, p.name)) {
        if (p.required) report(at, schemaAt, 'missing', `${describeType(p.type)} (required in ${t.name})`, undefined)
        continue
      }
      // An optional property may be null: the Python models declare it Optional, the Java ones skip it.
      if (v[p.name] === null && !p.required) continue
      visit(p.type, v[p.name], at, schemaAt)
    }
  }
  visit(type, value, '', '')
  return violations
}

/**
 * One line per distinct violation (operation, schema path, problem), with how often it occurred
 * and the first occurrence's request, pointer, value and test file.
 */
export function formatViolations(violations) {
  const groups = new Map()
  for (const v of violations) {
    const key = `${v.operation} ${v.schemaPath} ${v.problem}`
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, { first: v, count: 1 })
  }
  return [...groups.values()].map(({ first: v, count }) =>
    `  ${v.operation} ${v.schemaPath || '(body)'}: ${v.problem}, expected ${v.expected}` +
      (v.actual === undefined ? '' : `, got ${v.actual}`) +
      ` (${count}x; first: ${v.request} -> ${v.status} at ${v.pointer || '(body)'} in ${v.test})`,
  )
}

const DOWNLOAD_ERROR_CODES = ['FILE_NOT_FOUND', 'FILE_ACCESS_DENIED', 'INVALID_FILE_PATH', 'FILE_READ_FAILED']
const MAX_ERROR_PART = 64 * 1024

/**
 * The multipart body of POST /files/bulk-download as the SDKs read it (the reference's format; it is
 * not in the OpenAPI documents): one part per requested path, named `file` or `error`, `filename`
 * the requested path (`filename*` when present), an error part `application/json` with integer
 * `statusCode`, string `message` and `code` one of DOWNLOAD_ERROR_CODES, and a closing boundary.
 * Returns `{ feed(chunk), end() }` (end returns how many parts it checked), or null (after reporting) when `contentType` has no boundary.
 * Violations go to `report` with pointers `/parts/{i}/...`.
 */
export function bulkDownloadChecker(contentType, requested, report) {
  const boundary = contentType.match(/^multipart\/form-data;.*\bboundary="?([^";]+)"?/i)?.[1]
  if (!boundary) {
    report({ pointer: '', schemaPath: '', problem: 'content-type', expected: 'multipart/form-data; boundary=...', actual: JSON.stringify(contentType) })
    return null
  }
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let buffer = Buffer.from('\r\n') // so that the first boundary looks like every other one
  let part = null // { headers, error: Buffer[] } while in a part
  let closed = false
  const parts = []
  const isError = (p) => /\bname="error"/i.test(p.headers)
  const feed = (chunk) => {
    if (closed) return
    buffer = Buffer.concat([buffer, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)])
    for (;;) {
      if (part && part.headers === null) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        part.headers = buffer.subarray(0, end).toString('latin1')
        buffer = buffer.subarray(end + 4)
      }
      const at = buffer.indexOf(delimiter)
      // Keep what could be the start of a delimiter; of a part's body only an error's is kept.
      const body = at < 0 ? Math.max(0, buffer.length - delimiter.length) : at
      if (part && isError(part) && part.size < MAX_ERROR_PART) {
        part.error.push(buffer.subarray(0, body))
        part.size += body
      }
      if (at < 0) {
        buffer = buffer.subarray(body)
        return
      }
      const after = buffer.subarray(at + delimiter.length, at + delimiter.length + 2).toString('latin1')
      if (after.length < 2) {
        buffer = buffer.subarray(at)
        return
      }
      if (part) parts.push(part)
      buffer = buffer.subarray(at + delimiter.length + 2)
      if (after === '--') {
        closed = true
        part = null
        return
      }
      part = { headers: null, error: [], size: 0 }
    }
  }
  const end = () => {
    if (!closed) report({ pointer: '', schemaPath: '', problem: 'missing', expected: `the closing boundary --${boundary}--`, actual: `${parts.length} complete parts` })
    const seen = new Map()
    parts.forEach((p, i) => checkPart(p, `/parts/${i}`, seen))
    for (const path of requested) {
      const n = seen.get(path) ?? 0
      if (n !== 1) report({ pointer: '/parts', schemaPath: '/parts', problem: 'missing', expected: `exactly one part for ${JSON.stringify(path)}`, actual: `${n} parts` })
    }
    return parts.length
  }
  const checkPart = (p, pointer, seen) => {
    const at = (field, problem, expected, actual) =>
      report({ pointer: `${pointer}/${field}`, schemaPath: `/parts/*/${field}`, problem, expected, actual })
    const disposition = p.headers.match(/^content-disposition:(.*)$/im)?.[1] ?? ''
    const name = disposition.match(/\bname="([^"]*)"/i)?.[1]
    const encoded = disposition.match(/\bfilename\*=utf-8''([^;\s]+)/i)?.[1]
    const filename = encoded ? decodeURIComponent(encoded) : disposition.match(/\bfilename="([^"]*)"/i)?.[1]
    if (name !== 'file' && name !== 'error') at('name', 'enum', 'file or error', JSON.stringify(name))
    if (filename === undefined) at('filename', 'missing', 'the requested path')
    else if (requested.length > 0 && !requested.includes(filename)) at('filename', 'enum', 'one of the requested paths', JSON.stringify(filename))
    else seen.set(filename, (seen.get(filename) ?? 0) + 1)
    if (name !== 'error') return
    const contentType = p.headers.match(/^content-type:(.*)$/im)?.[1]?.trim() ?? ''
    if (!/^application\/json\s*(;|$)/i.test(contentType)) at('content-type', 'content-type', 'application/json', JSON.stringify(contentType))
    const text = Buffer.concat(p.error).toString('utf8')
    let error
    try {
      error = JSON.parse(text)
    } catch {
      return report({ pointer, schemaPath: '/parts/*', problem: 'type', expected: 'a JSON error object', actual: preview(text) })
    }
    const field = (key, ok, expected) => {
      const v = error?.[key]
      if (!ok(v)) at(key, v === undefined ? 'missing' : 'type', expected, preview(v))
    }
    field('statusCode', Number.isInteger, 'integer')
    field('message', (m) => typeof m === 'string', 'string')
    field('code', (c) => DOWNLOAD_ERROR_CODES.includes(c), DOWNLOAD_ERROR_CODES.join(' | '))
  }
  return { feed, end }
}

export { describeType }
