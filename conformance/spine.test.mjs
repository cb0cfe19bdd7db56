// Conformance "spine": the official Daytona TypeScript SDK against our server.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Daytona, DaytonaNotFoundError } from '@daytonaio/sdk'

const apiUrl = process.env.DAYTONA_API_URL
const apiKey = process.env.DAYTONA_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error(
    'DAYTONA_API_URL and DAYTONA_API_KEY must be set, e.g. ' +
      'DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test',
  )
}

const TEST_TIMEOUT_MS = 120_000
const CREATE_TIMEOUT_S = 90

const daytona = new Daytona({ apiKey, apiUrl })

// Every sandbox we create, so that cleanup happens even when an assertion fails.
const created = new Set()

async function createTracked(params) {
  const sandbox = await daytona.create(params, { timeout: CREATE_TIMEOUT_S })
  created.add(sandbox.id)
  return sandbox
}

async function deleteQuietly(id) {
  try {
    const sandbox = await daytona.get(id)
    await sandbox.delete()
  } catch (e) {
    if (!(e instanceof DaytonaNotFoundError)) {
      console.error(`cleanup of sandbox ${id} failed: ${e?.message ?? e}`)
    }
  }
}

after(async () => {
  await Promise.all([...created].map(deleteQuietly))
})

async function assertGone(id) {
  // The SDK's own delete() does not wait; give the server a little while to finish.
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const s = await daytona.get(id)
      if (Date.now() > deadline) {
        assert.fail(`daytona.get(${id}) still resolves after delete (state=${s.state})`)
      }
    } catch (e) {
      assert.ok(
        e instanceof DaytonaNotFoundError,
        `expected DaytonaNotFoundError after delete, got ${e?.constructor?.name}: ${e?.message} (status ${e?.statusCode})`,
      )
      assert.equal(e.statusCode, 404)
      return
    }
    await new Promise((r) => setTimeout(r, 500))
  }
}

describe('sandbox spine', { timeout: TEST_TIMEOUT_MS * 3 }, () => {
  test('create with defaults, execute, get, delete', { timeout: TEST_TIMEOUT_MS }, async () => {
    const sandbox = await createTracked()
    assert.equal(typeof sandbox.id, 'string')
    assert.ok(sandbox.id.length > 0, 'sandbox.id is empty')
    assert.equal(sandbox.state, 'started')
    assert.equal(typeof sandbox.toolboxProxyUrl, 'string')
    // create() defaults language to python and records it as a label.
    assert.equal(sandbox.labels?.['code-toolbox-language'], 'python')

    const echo = await sandbox.process.executeCommand('echo hello')
    assert.equal(echo.exitCode, 0)
    assert.equal(echo.result.trim(), 'hello')
    assert.equal(echo.artifacts?.stdout, echo.result)

    const failing = await sandbox.process.executeCommand('exit 3')
    assert.equal(failing.exitCode, 3)

    const home = await sandbox.getUserHomeDir()
    assert.equal(typeof home, 'string')
    assert.ok(home.startsWith('/'), `home dir ${home}`)
    const workDir = await sandbox.getWorkDir()
    assert.equal(typeof workDir, 'string')
    assert.ok(workDir.startsWith('/'), `work dir ${workDir}`)

    const fetched = await daytona.get(sandbox.id)
    assert.equal(fetched.id, sandbox.id)
    assert.equal(fetched.state, 'started')

    await sandbox.delete()
    await assertGone(sandbox.id)
    created.delete(sandbox.id)
  })

  test('create with labels and env vars', { timeout: TEST_TIMEOUT_MS }, async () => {
    const sandbox = await createTracked({
      labels: { suite: 'conformance' },
      envVars: { GREETING: 'hi' },
    })
    assert.ok(sandbox.id)
    assert.equal(sandbox.state, 'started')
    assert.equal(sandbox.labels?.suite, 'conformance')
    assert.equal(sandbox.env?.GREETING, 'hi')

    const greeting = await sandbox.process.executeCommand('echo $GREETING')
    assert.equal(greeting.exitCode, 0)
    assert.equal(greeting.result.trim(), 'hi')

    // Per-call env, cwd (SDK sends `envs` and `cwd` in the execute body).
    const perCall = await sandbox.process.executeCommand('echo $FOO; pwd', '/tmp', { FOO: 'bar' })
    assert.equal(perCall.exitCode, 0)
    assert.deepEqual(perCall.result.trim().split('\n'), ['bar', '/tmp'])

    const fetched = await daytona.get(sandbox.id)
    assert.equal(fetched.id, sandbox.id)
    assert.equal(fetched.labels?.suite, 'conformance')

    // daytona.list() walks GET /api/sandbox?labels=<json> following nextCursor.
    const listed = []
    for await (const item of daytona.list({ labels: { suite: 'conformance' } })) listed.push(item)
    const mine = listed.find((item) => item.id === sandbox.id)
    assert.ok(mine, `daytona.list({labels}) did not return ${sandbox.id}`)
    assert.equal(mine.state, 'started')
    assert.ok(listed.every((item) => item.labels?.suite === 'conformance'), 'list returned non-matching labels')

    await daytona.delete(sandbox)
    await assertGone(sandbox.id)
    created.delete(sandbox.id)
  })

  test('get of an unknown sandbox rejects with DaytonaNotFoundError', { timeout: TEST_TIMEOUT_MS }, async () => {
    await assert.rejects(daytona.get('does-not-exist-' + Date.now()), (e) => {
      assert.ok(e instanceof DaytonaNotFoundError, `got ${e?.constructor?.name}: ${e?.message}`)
      return true
    })
  })
})
