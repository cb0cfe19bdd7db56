// Conformance "snapshots": snapshots from declarative images (Image.base + runCommands +
// addLocalFile, uploaded through the object storage), streamed build logs, sandboxes from a
// snapshot, from an Image and from a raw Dockerfile, through the official Daytona TypeScript SDK.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test snapshots.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { DaytonaError, DaytonaNotFoundError, Image } from '@daytonaio/sdk'
import { daytona } from './support.mjs'

const BASE = 'localhost/daytona/sandbox:0.1.0'
const suffix = () => randomUUID().slice(0, 8)
let workdir

async function run(sandbox, command) {
  const response = await sandbox.process.executeCommand(command)
  assert.equal(response.exitCode, 0, response.result)
  return response.result
}

describe('snapshots', { timeout: 600_000 }, () => {
  before(() => {
    workdir = mkdtempSync(join(tmpdir(), 'daytona-conformance-'))
  })

  after(() => {
    rmSync(workdir, { recursive: true, force: true })
  })

  test('the default snapshot is listed as a general one', async () => {
    const page = await daytona.snapshot.list(1, 200)
    const general = page.items.find((s) => s.name === 'daytona/sandbox:0.1.0')
    assert.ok(general, JSON.stringify(page.items.map((s) => s.name)))
    assert.equal(general.general, true)
    assert.equal(general.state, 'active')
    assert.ok(page.total >= 1 && page.page === 1 && page.totalPages >= 1)
    assert.equal((await daytona.snapshot.get('daytona/sandbox:0.1.0')).id, general.id)
  })

  test('a snapshot from an Image with a local file streams its build logs and starts sandboxes', async () => {
    const marker = `marker-${suffix()}`
    const file = join(workdir, `context-${suffix()}.txt`)
    writeFileSync(file, `from the build context ${marker}\n`)
    const image = Image.base(BASE)
      .runCommands(`echo built ${marker} > /home/daytona/built.txt`, `echo build-step-${marker}`)
      .addLocalFile(file, '/home/daytona/context.txt')
      .env({ SNAPSHOT_MARKER: marker })
    const name = `conf-snap-${suffix()}`
    const logs = []
    const snapshot = await daytona.snapshot.create({ name, image }, { onLogs: (line) => logs.push(line) })
    assert.equal(snapshot.state, 'active', snapshot.errorReason)
    assert.ok(logs.some((l) => l.includes(`build-step-${marker}`)), logs.join('\n'))
    assert.ok(logs.some((l) => l.startsWith(`Created snapshot ${name}`)), logs.join('\n'))
    assert.equal((await daytona.snapshot.get(name)).id, snapshot.id)
    assert.equal(snapshot.buildInfo.contextHashes.length, 1)

    const sandbox = await daytona.create({ snapshot: name }, { timeout: 90 })
    try {
      assert.equal(sandbox.snapshot, name)
      assert.equal(await run(sandbox, 'cat /home/daytona/built.txt /home/daytona/context.txt'),
        `built ${marker}\nfrom the build context ${marker}\n`)
      assert.equal((await run(sandbox, 'echo $SNAPSHOT_MARKER')).trim(), marker)
    } finally {
      await sandbox.delete()
    }

    // The same context again: the upload is skipped (the prefix exists) and the build is identical.
    const again = await daytona.snapshot.create({ name: `${name}-again`, image }, { onLogs: () => {} })
    assert.equal(again.state, 'active')
    assert.deepEqual(again.buildInfo.contextHashes, snapshot.buildInfo.contextHashes)
    await daytona.snapshot.delete(again)
    await daytona.snapshot.delete(snapshot)
    await assert.rejects(daytona.snapshot.get(name), DaytonaNotFoundError)
  })

  test('a sandbox from an Image and from a raw Dockerfile, with streamed build logs', async () => {
    const marker = `direct-${suffix()}`
    const logs = []
    const sandbox = await daytona.create(
      { image: Image.base(BASE).runCommands(`echo ${marker} > /home/daytona/direct.txt && echo step-${marker}`) },
      { timeout: 300, onSnapshotCreateLogs: (line) => logs.push(line) },
    )
    try {
      assert.equal(sandbox.state, 'started')
      assert.ok(logs.some((l) => l.includes(`step-${marker}`)), logs.join('\n'))
      assert.ok(sandbox.buildInfo?.dockerfileContent.includes(marker), JSON.stringify(sandbox.buildInfo))
      assert.equal(await run(sandbox, 'cat /home/daytona/direct.txt'), `${marker}\n`)
    } finally {
      await sandbox.delete()
    }

    const dir = mkdtempSync(join(workdir, 'dockerfile-'))
    writeFileSync(join(dir, 'data.txt'), `raw ${marker}\n`)
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BASE}\nCOPY data.txt /home/daytona/data.txt\n`)
    const fromDockerfile = await daytona.create({ image: Image.fromDockerfile(join(dir, 'Dockerfile')) }, { timeout: 300 })
    try {
      assert.equal(await run(fromDockerfile, 'cat /home/daytona/data.txt'), `raw ${marker}\n`)
    } finally {
      await fromDockerfile.delete()
    }
  })

  test('a failing build ends in build_failed with its reason', async () => {
    const name = `conf-fail-${suffix()}`
    await assert.rejects(
      daytona.snapshot.create({ name, image: Image.base(BASE).runCommands('echo failing-on-purpose && exit 3') }),
      (e) => e instanceof DaytonaError && /Failed to create snapshot/.test(e.message),
    )
    const failed = await daytona.snapshot.get(name)
    assert.equal(failed.state, 'build_failed')
    assert.ok(failed.errorReason)
    await daytona.snapshot.delete(failed)
  })

  test('images without a tag or with latest are refused with a clear 400', async () => {
    await assert.rejects(
      daytona.snapshot.create({ name: `conf-latest-${suffix()}`, image: 'ubuntu:latest' }),
      (e) => e instanceof DaytonaError && e.statusCode === 400 && /latest/.test(e.message),
    )
    await assert.rejects(
      daytona.snapshot.create({ name: `conf-notag-${suffix()}`, image: 'ubuntu' }),
      (e) => e instanceof DaytonaError && e.statusCode === 400 && /tag or a digest/.test(e.message),
    )
    await assert.rejects(daytona.create({ snapshot: `no-such-snapshot-${suffix()}` }), (e) => e instanceof DaytonaError && e.statusCode === 400)
  })

  test('a snapshot of a sandbox (_experimental_createSnapshot) starts sandboxes with its files', async () => {
    const name = `of-sandbox-${suffix()}`
    const source = await daytona.create({}, { timeout: 90 })
    let copy
    try {
      const sum = await run(source, `sh -c 'echo ${name} > /home/daytona/s.txt && sha256sum /home/daytona/s.txt'`)
      await source._experimental_createSnapshot(name)
      assert.equal(source.state, 'started')
      const snapshot = await daytona.snapshot.get(name)
      assert.equal(snapshot.state, 'active', snapshot.errorReason)
      copy = await daytona.create({ snapshot: name }, { timeout: 90 })
      assert.equal(await run(copy, 'sha256sum /home/daytona/s.txt'), sum)
    } finally {
      await daytona.delete(source)
      if (copy) {
        await daytona.delete(copy)
        // The snapshot's image can be removed only once the copy's container is gone.
        for (let i = 0; i < 100; i++) {
          try { await daytona.get(copy.id) } catch { break }
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      }
      await daytona.snapshot.delete(await daytona.snapshot.get(name)).catch(() => {})
    }
  })
})
