// The wire check's own test (no server needed): the schemas read from the installed generated
// clients hold what the Python SDK validates, and the validator reports what pydantic rejects.
// If this fails, the conformance suite's "no violations" would mean nothing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { bulkDownloadChecker, loadClient, parseType, validate } from './wire-schema.mjs'

const require = createRequire(import.meta.url)
const sdkRequire = createRequire(require.resolve('@daytonaio/sdk'))
const load = (pkg) => loadClient(path.dirname(sdkRequire.resolve(pkg)), sdkRequire(pkg))
const api = load('@daytona/api-client')
const toolbox = load('@daytona/toolbox-api-client')
const operation = (client, name) => client.operations.find((o) => `${o.api}.${o.method}` === name)

const sandbox = () => ({
  id: 'abc',
  organizationId: 'org',
  name: 'abc',
  user: 'daytona',
  env: {},
  labels: { a: 'b' },
  public: false,
  networkBlockAll: false,
  target: 'us',
  cpu: 1,
  gpu: 0,
  memory: 1,
  disk: 3,
  toolboxProxyUrl: 'http://localhost:4000/toolbox',
  state: 'started',
  createdAt: '2025-01-01T00:00:00.000Z',
})
const problems = (client, type, body) => validate(client, type, body).map((v) => `${v.pointer} ${v.problem}`)

test('every operation of both generated clients is read, with its response model', () => {
  assert.ok(api.operations.length >= 200, `only ${api.operations.length} api operations`)
  assert.ok(toolbox.operations.length >= 80, `only ${toolbox.operations.length} toolbox operations`)
  assert.deepEqual(operation(api, 'SandboxApi.getSandbox').type, { kind: 'ref', name: 'Sandbox' })
  assert.deepEqual(operation(toolbox, 'ProcessApi.listSessions').type, { kind: 'array', of: { kind: 'ref', name: 'Session' } })
  assert.deepEqual(operation(toolbox, 'InfoApi.getVersion').type, { kind: 'map', of: { kind: 'string' } })
  const required = api.models.get('Sandbox').filter((p) => p.required).map((p) => p.name)
  // The list the Java SDK's reference names for Sandbox.
  for (const name of ['id', 'organizationId', 'name', 'user', 'env', 'labels', 'public', 'networkBlockAll', 'target', 'cpu', 'gpu', 'memory', 'disk', 'toolboxProxyUrl']) {
    assert.ok(required.includes(name), `${name} should be required`)
  }
  assert.ok(!required.includes('snapshot'))
  assert.deepEqual([...api.enums.get('SandboxState')].sort().slice(0, 2), ['archived', 'archiving'])
  assert.ok(!api.enums.get('SandboxState').has('11184809'), 'the generator\'s unknown value is not a real one')
})

test('a valid sandbox passes; optional fields may be null', () => {
  const type = operation(api, 'SandboxApi.getSandbox').type
  assert.deepEqual(problems(api, type, sandbox()), [])
  assert.deepEqual(problems(api, type, { ...sandbox(), snapshot: null, errorReason: null }), [])
})

test('missing, null and mistyped required fields, unknown enum values and bad dates are reported', () => {
  const type = operation(api, 'SandboxApi.getSandbox').type
  const { id, ...withoutId } = sandbox()
  assert.ok(id)
  assert.deepEqual(problems(api, type, withoutId), ['/id missing'])
  assert.deepEqual(problems(api, type, { ...sandbox(), toolboxProxyUrl: null }), ['/toolboxProxyUrl null'])
  assert.deepEqual(problems(api, type, { ...sandbox(), cpu: '1' }), ['/cpu type'])
  assert.deepEqual(problems(api, type, { ...sandbox(), public: 'false' }), ['/public type'])
  assert.deepEqual(problems(api, type, { ...sandbox(), labels: { a: 1 } }), ['/labels/a type'])
  assert.deepEqual(problems(api, type, { ...sandbox(), state: 'STARTED' }), ['/state enum'])
  assert.deepEqual(problems(api, type, { ...sandbox(), volumes: [{ volumeId: 'v', mountPath: 3 }] }), ['/volumes/0/mountPath type'])
  assert.deepEqual(problems(api, type, []), [' type'])
  const key = operation(api, 'ApiKeysApi.getCurrentApiKey').type
  const valid = { name: 'k', value: 'dtn_…', createdAt: '2025-01-01T00:00:00Z', permissions: ['write:sandboxes'], lastUsedAt: null, expiresAt: null, userId: 'u' }
  assert.deepEqual(problems(api, key, valid), [], 'required but nullable fields may be null')
  const { lastUsedAt, ...withoutLastUsed } = valid
  assert.equal(lastUsedAt, null)
  assert.deepEqual(problems(api, key, withoutLastUsed), ['/lastUsedAt missing'], 'required but nullable fields must be present')
  assert.deepEqual(problems(api, key, { ...valid, createdAt: 'yesterday' }), ['/createdAt date-time'])
  assert.deepEqual(problems(api, key, { ...valid, createdAt: '2025-01-01T00:00:00.123456789Z' }), ['/createdAt date-time'])
  assert.deepEqual(problems(api, key, { ...valid, permissions: ['write:everything'] }), ['/permissions/0 enum'])
})

test('nested toolbox models are checked, arrays item by item', () => {
  const type = operation(toolbox, 'ProcessApi.listSessions').type
  const ok = [{ sessionId: 's', commands: [{ id: 'c', command: 'ls', exitCode: 0 }] }]
  assert.deepEqual(problems(toolbox, type, ok), [])
  assert.deepEqual(problems(toolbox, type, [{ sessionId: 's', commands: [{ id: 'c' }] }]), ['/0/commands/0/command missing'])
  assert.deepEqual(problems(toolbox, type, [{ sessionId: 's', commands: null }]), ['/0/commands null'], 'the toolbox Session.commands is not nullable')
})

test('type expressions the generator writes are all understood', () => {
  assert.deepEqual(parseType('{\n        [key: string]: Array<string>;\n    } | null'), {
    kind: 'map',
    of: { kind: 'array', of: { kind: 'string' } },
    nullable: true,
  })
  assert.throws(() => parseType("'a' | 'b'"), /unrecognised type/)
})

test('every expected exception names known operations and says why', () => {
  const here = path.dirname(new URL(import.meta.url).pathname)
  const { exceptions } = JSON.parse(fs.readFileSync(path.join(here, 'wire-exceptions.json'), 'utf8'))
  const known = new Set([...api.operations, ...toolbox.operations].map((o) => `${o.api}.${o.method}`))
  for (const e of exceptions) {
    for (const op of e.operations) assert.ok(known.has(op), `unknown operation ${op}`)
    for (const p of e.paths) assert.ok(p === '' || p.startsWith('/'), `${p} is a JSON pointer`)
    assert.ok(['missing', 'null', 'type', 'enum', 'date-time', 'empty', 'content-type'].includes(e.problem), `problem ${e.problem}`)
    assert.ok(e.reason && e.reason.length > 20, `exception for ${e.operations} needs a reason`)
  }
})

const BOUNDARY = 'DAYTONA-FILE-BOUNDARY'
const filePart = (path, content) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${path}"\r\n` +
  `Content-Type: application/octet-stream\r\nContent-Length: ${content.length}\r\n\r\n${content}\r\n`
const errorPart = (path, body, type = 'application/json; charset=utf-8') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="error"; filename="${path}"\r\nContent-Type: ${type}\r\n\r\n${body}\r\n`
const notFound = JSON.stringify({ statusCode: 404, message: 'not found', code: 'FILE_NOT_FOUND', path: '/x', method: 'POST' })

/** Feeds `body` to a checker in chunks of `size` bytes and returns the problems it reported. */
function checkDownload(body, requested, size = 7) {
  const found = []
  const checker = bulkDownloadChecker(`multipart/form-data; boundary=${BOUNDARY}`, requested, (v) => found.push(`${v.pointer} ${v.problem}`))
  const bytes = Buffer.from(body)
  for (let i = 0; i < bytes.length; i += size) checker.feed(bytes.subarray(i, i + size))
  checker.end()
  return found
}

test('a bulk download body is checked part by part, across chunk boundaries', () => {
  const good = filePart('/home/a.txt', 'hello\r\n--not-a-boundary') + errorPart('/home/missing', notFound) + `--${BOUNDARY}--\r\n`
  for (const size of [1, 7, 1000]) assert.deepEqual(checkDownload(good, ['/home/a.txt', '/home/missing'], size), [], `chunks of ${size}`)
  assert.deepEqual(checkDownload(good.replace(`--${BOUNDARY}--\r\n`, ''), ['/home/a.txt', '/home/missing']), [' missing', '/parts missing'], 'no closing boundary: the last part is incomplete')
  assert.deepEqual(checkDownload(good, ['/home/a.txt', '/home/missing', '/home/b']), ['/parts missing'], 'a path without a part')
  const badError = filePart('/a', 'x') + errorPart('/b', JSON.stringify({ statusCode: '404', message: 'gone', code: 'GONE' })) + `--${BOUNDARY}--`
  assert.deepEqual(checkDownload(badError, ['/a', '/b']), ['/parts/1/statusCode type', '/parts/1/code type'])
  const textError = errorPart('/b', 'not found', 'text/plain') + `--${BOUNDARY}--`
  assert.deepEqual(checkDownload(textError, ['/b']), ['/parts/0/content-type content-type', '/parts/0 type'])
  const wrongName = filePart('/other', 'x').replace('name="file"', 'name="data"') + `--${BOUNDARY}--`
  assert.deepEqual(checkDownload(wrongName, ['/a']), ['/parts/0/name enum', '/parts/0/filename enum', '/parts missing'])
  const found = []
  assert.equal(bulkDownloadChecker('application/json', [], (v) => found.push(v.problem)), null)
  assert.deepEqual(found, ['content-type'])
})
