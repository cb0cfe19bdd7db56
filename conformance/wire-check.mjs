// Preload that checks every response the official SDK's generated clients decode against the schema
// those clients declare, the way the Python SDK's pydantic models would (they reject what the
// TypeScript SDK silently accepts):
//   node --import ./wire-check.mjs --test
// Each violation is appended to $CONFORMANCE_WIRE_REPORT (default wire-report.jsonl here) as one
// JSON line; a test file whose responses had a violation exits non-zero (so it fails), and the
// runner process prints the list at the end. Deliberate differences are listed, each with its
// reason, in wire-exceptions.json. See README.md, "Wire check".
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { loadClient, validate, describeType, formatViolations } from './wire-schema.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const reportFile = path.resolve(process.env.CONFORMANCE_WIRE_REPORT || path.join(here, 'wire-report.jsonl'))
const exceptionsFile = path.join(here, 'wire-exceptions.json')

const testFile = path.basename(process.argv[1] ?? '?')

const append = (record) => fs.appendFileSync(reportFile, JSON.stringify(record) + '\n')

/**
 * wire-exceptions.json: `{operations: [...], paths: [...], problem, reason}` entries. A violation is
 * excepted when its operation, schema path (array indices and map keys as `*`) and problem match.
 */
export function loadExceptions(file = exceptionsFile) {
  const { exceptions } = JSON.parse(fs.readFileSync(file, 'utf8'))
  for (const [i, e] of exceptions.entries()) {
    const list = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')
    if (!list(e.operations) || !list(e.paths) || !e.problem || !(e.reason?.trim().length > 20)) {
      throw new Error(`wire-check: ${file} entry ${i} needs operations, paths, problem and a reason`)
    }
  }
  return exceptions
}

function startWorker() {
  const exceptions = loadExceptions()
  const require = createRequire(import.meta.url)
  // The clients the SDK itself loads (resolved from the SDK's own location).
  const sdkRequire = createRequire(require.resolve('@daytonaio/sdk'))
  const checked = new Map()
  const unchecked = new Map()
  const usedExceptions = new Set()
  const violations = []
  const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1)

  const record = (operation, response, v) => {
    const config = response.config ?? {}
    const url = new URL(config.url ?? '', 'http://unknown')
    const entry = {
      operation,
      request: `${(config.method ?? 'get').toUpperCase()} ${url.pathname}`,
      status: response.status,
      ...v,
      test: testFile,
    }
    const exception = exceptions.findIndex(
      (e) => e.operations.includes(operation) && e.paths.includes(v.schemaPath) && e.problem === v.problem,
    )
    if (exception >= 0) {
      usedExceptions.add(exception)
      append({ type: 'excepted', ...entry, reason: exceptions[exception].reason })
      return
    }
    violations.push(entry)
    append({ type: 'violation', ...entry })
  }

  const inspect = (client, operation, type, response) => {
    const config = response.config ?? {}
    const responseType = config.responseType ?? 'json'
    if (type.kind === 'void' || type.kind === 'binary') return count(unchecked, `${operation} (${type.kind})`)
    if (operation === 'FileSystemApi.downloadFiles' && responseType === 'stream') {
      count(checked, operation)
      return observeMultipart(response, (v) => record(operation, response, v))
    }
    if (responseType !== 'json') return count(unchecked, `${operation} (responseType ${responseType})`)
    count(checked, operation)
    const body = response.data
    if (type.kind !== 'string' && (body === '' || body === undefined)) {
      return record(operation, response, { pointer: '', schemaPath: '', problem: 'empty', expected: describeType(type), actual: '""' })
    }
    const contentType = String(response.headers?.['content-type'] ?? '')
    // The Python client decodes JSON only for application/json (or +json); text/* comes back as a str.
    if (type.kind !== 'string' && contentType && !/^application\/(json|[\w!#$&.+\-^]+\+json)\s*(;|$)/i.test(contentType)) {
      record(operation, response, { pointer: '', schemaPath: '', problem: 'content-type', expected: 'application/json', actual: JSON.stringify(contentType) })
    }
    for (const v of validate(client, type, body)) record(operation, response, v)
  }

  for (const pkg of ['@daytona/api-client', '@daytona/toolbox-api-client']) {
    const module = sdkRequire(pkg)
    const client = loadClient(path.dirname(sdkRequire.resolve(pkg)), module)
    for (const op of client.operations) {
      const api = module[op.api]
      const original = api?.prototype?.[op.method]
      if (typeof original !== 'function') throw new Error(`wire-check: ${pkg} declares ${op.api}.${op.method} but has no such method`)
      const operation = `${op.api}.${op.method}`
      api.prototype[op.method] = function (...args) {
        return original.apply(this, args).then((response) => {
          try {
            inspect(client, operation, op.type, response)
          } catch (e) {
            // A bug in the check must show, not pass as "no violations".
            record(operation, response, { pointer: '', schemaPath: '', problem: 'check-failed', expected: 'a checkable response', actual: String(e?.stack ?? e) })
          }
          return response
        })
      }
    }
  }

  process.on('exit', () => {
    const total = [...checked.values()].reduce((a, b) => a + b, 0)
    if (total === 0 && violations.length === 0 && unchecked.size === 0) return
    append({
      type: 'summary',
      test: testFile,
      checked: total,
      violations: violations.length,
      operations: Object.fromEntries(checked),
      unchecked: Object.fromEntries(unchecked),
      exceptionsUsed: [...usedExceptions],
    })
    if (violations.length > 0) {
      // Fails this test file; `node wire-report.mjs` lists the violations of the whole run.
      const lines = formatViolations(violations)
      process.stderr.write(`wire check: ${violations.length} violations of the SDK's response schemas (${reportFile}):\n${lines.join('\n')}\n`)
      if (!process.exitCode) process.exitCode = 1
    }
  })
}

const ERROR_CODES = new Set(['FILE_NOT_FOUND', 'FILE_ACCESS_DENIED', 'INVALID_FILE_PATH', 'FILE_READ_FAILED'])
const MAX_ERROR_PART = 64 * 1024

/**
 * Checks the multipart body of POST /files/bulk-download as the SDKs read it, without touching the
 * stream: it watches the chunks the SDK's own consumer receives (the SDK pipes the stream, so they
 * go through emit('data')). One part per requested path, named `file` or `error`, `filename` the
 * requested path; an error part is JSON `{statusCode, message, code}`.
 */
function observeMultipart(response, report) {
  const stream = response.data
  const boundary = String(response.headers?.['content-type'] ?? '').match(/boundary="?([^";]+)"?/i)?.[1]
  if (!boundary) {
    return report({ pointer: '', schemaPath: '', problem: 'content-type', expected: 'multipart/form-data; boundary=...', actual: JSON.stringify(response.headers?.['content-type']) })
  }
  let requested = []
  try {
    requested = JSON.parse(response.config?.data ?? '{}').paths ?? []
  } catch {
    // A body the check cannot read: only the part format is checked then.
  }
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let buffer = Buffer.from('\r\n') // so the first boundary looks like every other one
  let part = null
  const parts = []
  const closePart = () => {
    if (part) parts.push(part)
    part = null
  }
  const feed = (chunk) => {
    if (part?.done) return
    buffer = Buffer.concat([buffer, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)])
    for (;;) {
      if (part && !part.headers) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        part.headers = buffer.subarray(0, end).toString('latin1')
        buffer = buffer.subarray(end + 4)
      }
      const at = buffer.indexOf(delimiter)
      if (at < 0) {
        const keep = Math.max(0, buffer.length - delimiter.length)
        if (part?.headers && /name="error"/.test(part.headers) && part.body.length < MAX_ERROR_PART) part.body.push(buffer.subarray(0, keep))
        buffer = buffer.subarray(keep)
        return
      }
      if (part?.headers && /name="error"/.test(part.headers)) part.body.push(buffer.subarray(0, at))
      closePart()
      const after = buffer.subarray(at + delimiter.length, at + delimiter.length + 2).toString('latin1')
      if (after.length < 2) return
      buffer = buffer.subarray(at + delimiter.length + 2)
      if (after === '--') {
        buffer = Buffer.alloc(0)
        part = { done: true }
        return
      }
      part = { headers: null, body: [] }
    }
  }
  const finish = () => {
    const done = part?.done
    part = null
    if (!done) return // aborted by the caller or the connection: nothing to judge
    const seen = new Map()
    parts.forEach((p, i) => {
      const pointer = `/parts/${i}`
      const disposition = p.headers.match(/^content-disposition:(.*)$/im)?.[1] ?? ''
      const name = disposition.match(/\bname="([^"]*)"/)?.[1]
      const encoded = disposition.match(/filename\*=utf-8''([^;\s]+)/i)?.[1]
      const filename = encoded ? decodeURIComponent(encoded) : disposition.match(/filename="([^"]*)"/)?.[1]
      if (name !== 'file' && name !== 'error') report({ pointer: `${pointer}/name`, schemaPath: '/parts/*/name', problem: 'enum', expected: 'file or error', actual: JSON.stringify(name) })
      if (filename === undefined) report({ pointer: `${pointer}/filename`, schemaPath: '/parts/*/filename', problem: 'missing', expected: 'the requested path' })
      else if (requested.length && !requested.includes(filename)) report({ pointer: `${pointer}/filename`, schemaPath: '/parts/*/filename', problem: 'enum', expected: `one of the requested paths`, actual: JSON.stringify(filename) })
      else seen.set(filename, (seen.get(filename) ?? 0) + 1)
      if (name !== 'error') return
      const contentType = p.headers.match(/^content-type:(.*)$/im)?.[1]?.trim() ?? ''
      if (!/^application\/json\s*(;|$)/i.test(contentType)) report({ pointer: `${pointer}/content-type`, schemaPath: '/parts/*/content-type', problem: 'content-type', expected: 'application/json', actual: JSON.stringify(contentType) })
      let error
      try {
        error = JSON.parse(Buffer.concat(p.body).toString('utf8'))
      } catch {
        return report({ pointer, schemaPath: '/parts/*', problem: 'type', expected: 'JSON error object', actual: Buffer.concat(p.body).toString('utf8').slice(0, 120) })
      }
      const expect = (field, ok, expected) => {
        if (!ok(error?.[field])) report({ pointer: `${pointer}/${field}`, schemaPath: `/parts/*/${field}`, problem: error?.[field] === undefined ? 'missing' : 'type', expected, actual: JSON.stringify(error?.[field]) })
      }
      expect('statusCode', Number.isInteger, 'integer')
      expect('message', (m) => typeof m === 'string', 'string')
      expect('code', (c) => ERROR_CODES.has(c), [...ERROR_CODES].join(' | '))
    })
    for (const path of requested) {
      if ((seen.get(path) ?? 0) !== 1) report({ pointer: '/parts', schemaPath: '/parts', problem: 'missing', expected: `exactly one part for ${JSON.stringify(path)}`, actual: `${seen.get(path) ?? 0} parts` })
    }
  }
  const emit = stream.emit
  stream.emit = function (event, ...args) {
    try {
      if (event === 'data') feed(args[0])
      else if (event === 'end') finish()
    } catch (e) {
      report({ pointer: '', schemaPath: '', problem: 'check-failed', expected: 'a checkable multipart body', actual: String(e?.stack ?? e) })
    }
    return emit.call(this, event, ...args)
  }
}

// `node --test` runs each test file in a child process with the same --import (and does not run
// it in the parent), so this runs once per test file.
startWorker()
