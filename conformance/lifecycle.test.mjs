// Conformance "lifecycle": labels, lifecycle intervals, activity, stop/start, previews, resize,
// archive and restore, recover and ephemeral sandboxes through the official Daytona TypeScript SDK.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test lifecycle.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Daytona, DaytonaNotFoundError } from '@daytonaio/sdk'

const apiUrl = process.env.DAYTONA_API_URL
const apiKey = process.env.DAYTONA_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error('DAYTONA_API_URL and DAYTONA_API_KEY must be set')
}

const daytona = new Daytona({ apiKey, apiUrl })
let sandbox

describe('lifecycle', { timeout: 300_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({ labels: { suite: 'lifecycle' } }, { timeout: 90 })
  })

  after(async () => {
    try {
      await sandbox?.delete()
    } catch (e) {
      if (!(e instanceof DaytonaNotFoundError)) throw e
    }
  })

  test('setLabels replaces every label and returns them', async () => {
    const labels = await sandbox.setLabels({ team: 'core', env: 'conformance' })
    assert.deepEqual(labels, { team: 'core', env: 'conformance' })
    await sandbox.refreshData()
    assert.deepEqual(sandbox.labels, { team: 'core', env: 'conformance' })
  })

  test('lifecycle intervals are stored, with 0 meaning the maximum for auto-archive', async () => {
    await sandbox.setAutostopInterval(30)
    await sandbox.setAutoArchiveInterval(0)
    await sandbox.setAutoDeleteInterval(-1)
    await sandbox.refreshData()
    assert.equal(sandbox.autoStopInterval, 30)
    assert.equal(sandbox.autoArchiveInterval, 43200)
    assert.equal(sandbox.autoDeleteInterval, -1)

    await sandbox.setAutoArchiveInterval(60)
    await sandbox.setAutostopInterval(0)
    await sandbox.refreshData()
    assert.equal(sandbox.autoArchiveInterval, 60)
    assert.equal(sandbox.autoStopInterval, 0)
    // The SDK refuses negative auto-stop before calling the server.
    await assert.rejects(sandbox.setAutostopInterval(-1))
  })

  test('refreshActivity moves lastActivityAt', async () => {
    await sandbox.refreshData()
    const before = Date.parse(sandbox.lastActivityAt)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await sandbox.refreshActivity()
    await sandbox.refreshData()
    assert.ok(Date.parse(sandbox.lastActivityAt) > before, `${sandbox.lastActivityAt} is not after ${new Date(before).toISOString()}`)
  })

  test('getPreviewLink returns the preview URL of a port and the sandbox token', async () => {
    const link = await sandbox.getPreviewLink(3000)
    assert.equal(link.sandboxId, sandbox.id)
    assert.match(link.url, new RegExp(`^https?://3000-${sandbox.id}\\.`))
    assert.equal(typeof link.token, 'string')
    assert.equal(link.token.length, 32)
  })

  test('stop and start wait for the state; a forced stop works too', async () => {
    await sandbox.stop()
    assert.equal(sandbox.state, 'stopped')
    await sandbox.start()
    assert.equal(sandbox.state, 'started')
    const echo = await sandbox.process.executeCommand('echo back')
    assert.equal(echo.result.trim(), 'back')
    await sandbox.stop(60, true)
    assert.equal(sandbox.state, 'stopped')
    await sandbox.start()
    assert.equal(sandbox.state, 'started')
  })

  test('resize changes cpu and memory of a started sandbox, disk only when stopped', async () => {
    await sandbox.resize({ cpu: 2, memory: 2 })
    assert.equal(sandbox.state, 'started')
    assert.equal(sandbox.cpu, 2)
    assert.equal(sandbox.memory, 2)
    const limit = await sandbox.process.executeCommand('cat /sys/fs/cgroup/memory/memory.limit_in_bytes')
    assert.equal(limit.result.trim(), String(2 * 1024 ** 3))
    await assert.rejects(sandbox.resize({ disk: 5 }), /stopped/)
    await sandbox.stop()
    await sandbox.resize({ disk: 5 })
    assert.equal(sandbox.disk, 5)
    assert.equal(sandbox.state, 'stopped')
    await assert.rejects(sandbox.resize({ disk: 4 }), /only grow/)
    await sandbox.start()
  })

  test('archive moves a stopped sandbox out of the runner; start restores it with its files', async () => {
    await sandbox.process.executeCommand('echo kept > ~/archived-note && sudo sh -c "echo root > /srv/archived-note"')
    await assert.rejects(sandbox.archive(), /stopped/)
    await sandbox.stop()
    await sandbox.archive()
    assert.ok(['archiving', 'archived'].includes(sandbox.state), `state ${sandbox.state}`)
    for (let i = 0; i < 600 && sandbox.state !== 'archived'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      await sandbox.refreshData()
    }
    assert.equal(sandbox.state, 'archived')
    assert.equal(sandbox.backupState, 'Completed')
    await sandbox.start(120)
    assert.equal(sandbox.state, 'started')
    const notes = await sandbox.process.executeCommand('cat ~/archived-note /srv/archived-note')
    assert.equal(notes.result, 'kept\nroot\n')
  })

  test('recover refuses a sandbox that is not in a recoverable error state', async () => {
    await assert.rejects(sandbox.recover(), /not in a recoverable error state/)
  })

  test('an ephemeral sandbox is gone once stopped', async () => {
    const ephemeral = await daytona.create({ ephemeral: true }, { timeout: 90 })
    try {
      assert.equal(ephemeral.autoDeleteInterval, 0)
      await ephemeral.stop()
      assert.ok(['destroyed', 'stopped'].includes(ephemeral.state), `state ${ephemeral.state}`)
      await assert.rejects(daytona.get(ephemeral.id), (e) => e instanceof DaytonaNotFoundError)
    } finally {
      try {
        await ephemeral.delete()
      } catch (e) {
        if (!(e instanceof DaytonaNotFoundError)) throw e
      }
    }
  })
})
