// Conformance "pty": terminals through the official Daytona TypeScript SDK.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { daytona } from './support.mjs'

let sandbox

async function until(predicate, what) {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('pty', { timeout: 120_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({}, { timeout: 90 })
  })

  after(async () => {
    await sandbox?.delete()
  })

  test('createPty, sendInput, resize and wait for the exit code', async () => {
    let output = ''
    const pty = await sandbox.process.createPty({
      id: 'conformance-pty',
      cols: 100,
      rows: 30,
      onData: (data) => (output += new TextDecoder().decode(data)),
    })
    await pty.waitForConnection()
    await pty.sendInput('stty size\n')
    await until(() => output.includes('30 100'), 'the initial size')

    await sandbox.process.resizePtySession('conformance-pty', 80, 25)
    await pty.sendInput('stty size\n')
    await until(() => output.includes('25 80'), 'the new size')

    const sessions = await sandbox.process.listPtySessions()
    assert.ok(sessions.some((s) => s.id === 'conformance-pty'))

    await pty.sendInput('exit 0\n')
    const result = await pty.wait()
    assert.equal(result.exitCode, 0)
  })

  test('killPtySession ends the shell', async () => {
    const pty = await sandbox.process.createPty({ id: 'conformance-kill', onData: () => {} })
    await pty.waitForConnection()
    await sandbox.process.killPtySession('conformance-kill')
    const result = await pty.wait()
    assert.notEqual(result.exitCode, 0)
  })
})
