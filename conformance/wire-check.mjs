// Preload that checks every response the official SDK's generated clients decode against the schema
// those clients declare, the way the Python SDK's pydantic models would (they reject what the
// TypeScript SDK silently accepts):
//   node --import ./wire-check.mjs --test
// Each violation is appended to $CONFORMANCE_WIRE_REPORT (default wire-report.jsonl here) as one
// JSON line; a test file whose responses had a violation prints them and exits non-zero (so it
// fails), and `node wire-report.mjs` lists those of the whole run. Deliberate differences are
// listed, each with its reason, in wire-exceptions.json. See README.md, "Wire check".
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { bulkDownloadChecker, describeType, formatViolations, loadClient, validate } from './wire-schema.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const reportFile = path.resolve(process.env.CONFORMANCE_WIRE_REPORT || path.join(here, 'wire-report.jsonl'))
const exceptionsFile = path.join(here, 'wire-exceptions.json')

const testFile = path.basename(process.argv[1] ?? '?')

const append = (record) => fs.appendFileSync(reportFile, JSON.stringify(record) + '\n')

/**
 * wire-exceptions.json: `{operations: [...], paths: [...], problem, reason}` entries. A violation is
 * excepted when its operation, schema path (array indices and map keys as `*`) and problem match.
 */
function loadExceptions(file = exceptionsFile) {
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
  let multipartParts = 0
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
      return observeMultipart(response, (v) => record(operation, response, v), (parts) => (multipartParts += parts))
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
      bulkDownloadParts: multipartParts,
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

/**
 * Checks the multipart body of POST /files/bulk-download without touching the stream: it watches
 * the chunks the SDK's own consumer receives (the SDK pipes the stream, so they go through
 * emit('data')); the checks themselves are bulkDownloadChecker's.
 */
function observeMultipart(response, report, checkedParts) {
  let requested = []
  try {
    requested = JSON.parse(response.config?.data ?? '{}').paths ?? []
  } catch {
    // A request body the check cannot read: only the part format is checked then.
  }
  const checker = bulkDownloadChecker(String(response.headers?.['content-type'] ?? ''), requested, report)
  if (!checker) return
  const stream = response.data
  const emit = stream.emit
  stream.emit = function (event, ...args) {
    try {
      // 'end' comes only after the whole body was read: an aborted download is not judged.
      if (event === 'data') checker.feed(args[0])
      else if (event === 'end') checkedParts(checker.end())
    } catch (e) {
      report({ pointer: '', schemaPath: '', problem: 'check-failed', expected: 'a checkable multipart body', actual: String(e?.stack ?? e) })
    }
    return emit.call(this, event, ...args)
  }
}

// `node --test` runs each test file in a child process with the same --import (and does not run
// it in the parent), so this runs once per test file.
startWorker()
