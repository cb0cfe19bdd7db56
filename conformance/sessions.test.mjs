// Conformance "sessions": long-lived shells through the official Daytona TypeScript SDK.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { daytona } from './support.mjs'

let sandbox

async function waitForExit(sessionId, cmdId) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const command = await sandbox.process.getSessionCommand(sessionId, cmdId)
    if (command.exitCode !== undefined && command.exitCode !== null) {
      return command
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`command ${cmdId} did not finish`)
}

describe('sessions', { timeout: 120_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({}, { timeout: 90 })
  })

  after(async () => {
    await sandbox?.delete()
  })

  test('state carries over between commands and streams are separated', async () => {
    await sandbox.process.createSession('conformance-state')
    await sandbox.process.executeSessionCommand('conformance-state', { command: 'cd /tmp && export NAME=daytona' })
    const result = await sandbox.process.executeSessionCommand('conformance-state', {
      command: 'pwd; echo $NAME; echo oops >&2',
    })
    assert.equal(result.exitCode, 0)
    assert.equal(result.stdout, '/tmp\ndaytona\n')
    assert.equal(result.stderr, 'oops\n')

    const failing = await sandbox.process.executeSessionCommand('conformance-state', { command: 'false' })
    assert.equal(failing.exitCode, 1)

    const session = await sandbox.process.getSession('conformance-state')
    assert.equal(session.sessionId, 'conformance-state')
    assert.equal(session.commands.length, 3)
    const sessions = await sandbox.process.listSessions()
    assert.ok(sessions.some((s) => s.sessionId === 'conformance-state'))

    await sandbox.process.deleteSession('conformance-state')
    await assert.rejects(sandbox.process.getSession('conformance-state'))
  })

  test('an async command takes input and its logs are served', async () => {
    await sandbox.process.createSession('conformance-async')
    const started = await sandbox.process.executeSessionCommand('conformance-async', {
      command: 'read answer; echo answer=$answer; echo done >&2',
      runAsync: true,
    })
    assert.ok(started.cmdId)
    await sandbox.process.sendSessionCommandInput('conformance-async', started.cmdId, '42\n')
    const finished = await waitForExit('conformance-async', started.cmdId)
    assert.equal(finished.exitCode, 0)
    const logs = await sandbox.process.getSessionCommandLogs('conformance-async', started.cmdId)
    assert.equal(logs.stdout, 'answer=42\n')
    assert.equal(logs.stderr, 'done\n')
  })

  test('log callbacks stream stdout and stderr as a command runs', async () => {
    await sandbox.process.createSession('conformance-follow')
    const started = await sandbox.process.executeSessionCommand('conformance-follow', {
      command: 'for i in 1 2 3; do echo line$i; echo warn$i >&2; sleep 0.2; done',
      runAsync: true,
    })
    let stdout = ''
    let stderr = ''
    await sandbox.process.getSessionCommandLogs(
      'conformance-follow',
      started.cmdId,
      (chunk) => (stdout += chunk),
      (chunk) => (stderr += chunk),
    )
    assert.equal(stdout, 'line1\nline2\nline3\n')
    assert.equal(stderr, 'warn1\nwarn2\nwarn3\n')
  })
})
