// Conformance "errors": the official SDK's error classes for what the server refuses: a bad key
// (401), an unknown sandbox (404), a key without the permission (403) and throttling (429 with
// Retry-After). The throttling test needs a server started with a rate limit for ordinary users
// (the Java side's PlatformExtension starts one with authenticated=40/600); it is skipped otherwise.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test errors.test.mjs
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  Daytona,
  DaytonaAuthenticationError,
  DaytonaAuthorizationError,
  DaytonaNotFoundError,
  DaytonaRateLimitError,
} from '@daytonaio/sdk'

const apiUrl = process.env.DAYTONA_API_URL
const apiKey = process.env.DAYTONA_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error('DAYTONA_API_URL and DAYTONA_API_KEY must be set')
}

const daytona = new Daytona({ apiKey, apiUrl })

/** Calls the API directly, for what the SDK has no call for (creating users and narrow keys). */
async function api(method, path, body, key = apiKey) {
  const response = await fetch(apiUrl + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
  return text ? JSON.parse(text) : undefined
}

/** Lists every sandbox: daytona.list() is an async iterator that asks the server as it is walked. */
async function listAll(client) {
  const items = []
  for await (const item of client.list()) items.push(item)
  return items
}

/** A new user with its own organization, made with the admin key the suite runs with. */
async function newUser() {
  const email = `conformance-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`
  return api('POST', '/admin/users', { name: 'Conformance', email })
}

describe('errors', { timeout: 120_000 }, () => {
  test('a wrong API key is an authentication error', async () => {
    const wrong = new Daytona({ apiKey: 'dtn_' + '0'.repeat(64), apiUrl })
    await assert.rejects(() => listAll(wrong), (e) => {
      assert.ok(e instanceof DaytonaAuthenticationError, `got ${e?.constructor?.name}: ${e?.message}`)
      assert.equal(e.statusCode, 401)
      return true
    })
  })

  test('an unknown sandbox is a not-found error', async () => {
    await assert.rejects(() => daytona.get('no-such-sandbox-' + Date.now()), (e) => {
      assert.ok(e instanceof DaytonaNotFoundError, `got ${e?.constructor?.name}: ${e?.message}`)
      assert.equal(e.statusCode, 404)
      return true
    })
  })

  test('a key without write:sandboxes cannot create a sandbox', async () => {
    const user = await newUser()
    const bare = await api('POST', '/api-keys', { name: 'bare', permissions: [] }, user.apiKey)
    const narrow = new Daytona({ apiKey: bare.value, apiUrl })
    await assert.rejects(() => narrow.create(), (e) => {
      assert.ok(e instanceof DaytonaAuthorizationError, `got ${e?.constructor?.name}: ${e?.message}`)
      assert.equal(e.statusCode, 403)
      assert.match(e.message, /write:sandboxes/)
      return true
    })
  })

  test('throttling is a rate-limit error with Retry-After', async (t) => {
    const config = await (await fetch(apiUrl + '/config')).json()
    if (!config.rateLimit?.authenticated) {
      t.skip('this server was started without an authenticated rate limit (--rate-limit authenticated=40/600)')
      return
    }
    const user = await newUser()
    const client = new Daytona({ apiKey: user.apiKey, apiUrl })
    let limited
    for (let i = 0; i <= config.rateLimit.authenticated.limit && !limited; i++) {
      try {
        await listAll(client)
      } catch (e) {
        limited = e
      }
    }
    assert.ok(limited instanceof DaytonaRateLimitError, `got ${limited?.constructor?.name}: ${limited?.message}`)
    assert.equal(limited.statusCode, 429)
    assert.match(limited.message, /Rate limit exceeded/)
    const retryAfter = Number(limited.headers?.get('retry-after'))
    assert.ok(retryAfter >= 1 && retryAfter <= config.rateLimit.authenticated.ttl, `Retry-After ${retryAfter}`)
    assert.ok(limited.headers?.get('retry-after-authenticated'))
    assert.equal(limited.headers?.get('x-ratelimit-remaining-authenticated'), '0')
  })
})
