// Conformance "pause and fork": the official SDK's pause() (waits while pausing), start() of a
// paused sandbox (resuming), _experimental_fork() (POST /fork, then waits for the fork to be
// started) and the lineage routes the generated client offers (forks, parent, ancestors), and a
// backup (SandboxApi.createBackup).
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test lifecycle-pause-fork.test.mjs
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { DaytonaError } from '@daytonaio/sdk'
import { daytona } from './support.mjs'

async function run(sandbox, command) {
  const response = await sandbox.process.executeCommand(command)
  assert.equal(response.exitCode, 0, response.result)
  return response.result
}

describe('pause and fork', { timeout: 600_000 }, () => {
  test('pause() freezes the sandbox, its toolbox answers 409, start() resumes it', async () => {
    const sandbox = await daytona.create({}, { timeout: 90 })
    try {
      await run(sandbox, `sh -c 'echo kept > /home/daytona/kept.txt'`)
      await sandbox.pause()
      assert.equal(sandbox.state, 'paused')
      assert.equal((await daytona.get(sandbox.id)).state, 'paused')
      await assert.rejects(sandbox.process.executeCommand('true'),
        (e) => e instanceof DaytonaError && e.statusCode === 409 && /paused/.test(e.message))
      await sandbox.pause()
      assert.equal(sandbox.state, 'paused', 'pausing a paused sandbox changes nothing')
      await sandbox.start(90)
      assert.equal(sandbox.state, 'started')
      assert.equal(await run(sandbox, 'cat /home/daytona/kept.txt'), 'kept\n')
      await sandbox.stop()
      await assert.rejects(sandbox.pause(), (e) => e instanceof DaytonaError && e.statusCode === 409)
    } finally {
      await sandbox.delete()
    }
  })

  test('_experimental_fork() returns a started fork with the source\'s files; the lineage routes know it', async () => {
    const source = await daytona.create({ labels: { suite: 'fork' } }, { timeout: 90 })
    let fork
    try {
      const sum = await run(source, `sh -c 'head -c 1000000 /dev/urandom > /home/daytona/f.bin && sha256sum /home/daytona/f.bin'`)
      const name = `conf-fork-${randomUUID().slice(0, 8)}`
      fork = await source._experimental_fork({ name }, 120)
      assert.equal(fork.state, 'started')
      assert.equal(fork.name, name)
      assert.equal(fork.labels.suite, 'fork')
      assert.equal(await run(fork, 'sha256sum /home/daytona/f.bin'), sum)
      await run(fork, `sh -c 'echo fork > /home/daytona/own.txt'`)
      assert.match(await run(source, `sh -c 'ls /home/daytona/own.txt 2>&1 || true'`), /No such file/)
      await source.refreshData()
      assert.equal(source.state, 'started')

      const api = source.sandboxApi
      assert.deepEqual((await api.getSandboxForks(source.id)).data.map((s) => s.id), [fork.id])
      assert.equal((await api.getSandboxParent(fork.id)).data.id, source.id)
      assert.deepEqual((await api.getSandboxAncestors(fork.id)).data.map((s) => s.id), [source.id])
      await assert.rejects(source._experimental_fork({ name }), (e) => e instanceof DaytonaError && e.statusCode === 409)

      const backedUp = (await api.createBackup(source.id)).data
      assert.ok(['Pending', 'InProgress', 'Completed'].includes(backedUp.backupState), backedUp.backupState)
      for (let i = 0; i < 600 && (await daytona.get(source.id)).backupState !== 'Completed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      const done = await daytona.get(source.id)
      assert.equal(done.backupState, 'Completed')
      assert.ok(done.backupCreatedAt)
      assert.equal(done.state, 'started')
    } finally {
      await source.delete()
      if (fork) {
        await fork.delete()
      }
    }
  })
})
