// Conformance "preview": preview links, signed preview URLs and SSH access through the official
// Daytona TypeScript SDK, reaching `python3 -m http.server` in the sandbox.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test preview.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { DaytonaNotFoundError } from '@daytonaio/sdk'
import { daytona } from './support.mjs'

let sandbox

// Preview hosts are `{port}-{id}.localhost:{proxy port}`; not every resolver knows *.localhost,
// so the request goes to this machine with the preview host in the Host header, as a browser sends it.
function get(url, headers = {}) {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: target.port || 80, path: target.pathname + target.search, headers: { ...headers, host: target.host } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode, body }))
      },
    )
    request.on('error', reject)
    request.end()
  })
}

async function eventually(check, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const result = await check()
    if (result) return result
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('preview', { timeout: 300_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({ labels: { suite: 'preview' } }, { timeout: 90 })
    await sandbox.process.createSession('web')
    await sandbox.process.executeSessionCommand('web', {
      command: "mkdir -p ~/site && cd ~/site && echo 'hello preview' > index.html && python3 -m http.server 3000",
      runAsync: true,
    })
  })

  after(async () => {
    try {
      await sandbox?.delete()
    } catch (e) {
      if (!(e instanceof DaytonaNotFoundError)) throw e
    }
  })

  test('getPreviewLink opens the port with its token, and not without', async () => {
    const link = await sandbox.getPreviewLink(3000)
    const page = await eventually(async () => {
      const reply = await get(`${link.url}/index.html`, { 'x-daytona-preview-token': link.token })
      return reply.status === 200 ? reply : null
    })
    assert.equal(page.body, 'hello preview\n')
    assert.equal((await get(`${link.url}/index.html`)).status, 401)
  })

  test('a signed preview URL opens the port without headers until expired', async () => {
    const signed = await sandbox.getSignedPreviewUrl(3000, 120)
    assert.equal(signed.sandboxId, sandbox.id)
    assert.equal(signed.port, 3000)
    assert.match(signed.url, new RegExp(`^https?://3000-${signed.token}\\.`))
    const page = await eventually(async () => {
      const reply = await get(`${signed.url}/index.html`)
      return reply.status === 200 ? reply : null
    })
    assert.equal(page.body, 'hello preview\n')
    await sandbox.expireSignedPreviewUrl(3000, signed.token)
    assert.equal((await get(`${signed.url}/index.html`)).status, 401)
  })

  test('SSH access is created, validated and revoked', async () => {
    const access = await sandbox.createSshAccess(5)
    assert.equal(access.sandboxId, sandbox.id)
    assert.equal(typeof access.id, 'string')
    assert.equal(Date.parse(access.expiresAt) - Date.parse(access.createdAt), 5 * 60_000)
    assert.match(access.sshCommand, new RegExp(`^ssh -p \\d+ ${access.token}@`))
    const valid = await sandbox.validateSshAccess(access.token)
    assert.deepEqual(valid, { valid: true, sandboxId: sandbox.id })
    await sandbox.revokeSshAccess(access.token)
    assert.equal((await sandbox.validateSshAccess(access.token)).valid, false)
  })
})
