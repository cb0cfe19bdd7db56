// Conformance "volumes": create, get (and get-or-create), list and delete volumes, and one volume
// shared by two sandboxes, through the official Daytona TypeScript SDK.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test volumes.test.mjs
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { DaytonaError, DaytonaNotFoundError } from '@daytonaio/sdk'
import { daytona } from './support.mjs'

const suffix = () => randomUUID().slice(0, 8)

async function deleteWhenUnmounted(volume) {
  // A volume stays in use until the containers of deleted sandboxes are gone, a moment later.
  for (let i = 0; ; i++) {
    try {
      await daytona.volume.delete(volume)
      return
    } catch (e) {
      if (i > 50 || !String(e.message).includes('in use')) throw e
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

describe('volumes', { timeout: 300_000 }, () => {
  test('create, get by name, get-or-create, list and delete', async () => {
    const name = `conf-vol-${suffix()}`
    const volume = await daytona.volume.create(name)
    assert.equal(volume.name, name)
    assert.equal(volume.state, 'ready')
    assert.equal((await daytona.volume.get(name)).id, volume.id)
    assert.ok((await daytona.volume.list()).some((v) => v.id === volume.id))

    const other = `conf-vol-${suffix()}`
    await assert.rejects(daytona.volume.get(other), DaytonaNotFoundError)
    const created = await daytona.volume.get(other, true)
    assert.equal(created.name, other)

    await daytona.volume.delete(volume)
    await daytona.volume.delete(created)
    // The data is removed in the background (pending_delete, deleting); then the volume is gone.
    for (let i = 0; i < 100 && (await daytona.volume.list()).some((v) => v.id === volume.id); i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    await assert.rejects(daytona.volume.get(name), DaytonaNotFoundError)
  })

  test('two sandboxes share a volume; a subpath shows only its part; data outlives both', async () => {
    const volume = await daytona.volume.create(`conf-shared-${suffix()}`)
    const first = await daytona.create({ volumes: [{ volumeId: volume.id, mountPath: '/home/daytona/volume' }] }, { timeout: 90 })
    const second = await daytona.create(
      { volumes: [{ volumeId: volume.id, mountPath: '/home/daytona/part', subpath: 'team/a' }] },
      { timeout: 90 },
    )
    try {
      assert.equal(first.volumes.length, 1)
      assert.equal(first.volumes[0].mountPath, '/home/daytona/volume')
      await first.fs.createFolder('/home/daytona/volume/team/a', '755')
      await first.fs.uploadFile(Buffer.from('shared data'), '/home/daytona/volume/team/a/note.txt')
      await first.fs.uploadFile(Buffer.from('top'), '/home/daytona/volume/top.txt')
      assert.equal((await second.fs.downloadFile('/home/daytona/part/note.txt')).toString(), 'shared data')
      const listing = await second.fs.listFiles('/home/daytona/part')
      assert.deepEqual(listing.map((f) => f.name).sort(), ['note.txt'])
      await second.fs.uploadFile(Buffer.from('from second'), '/home/daytona/part/reply.txt')
      assert.equal((await first.fs.downloadFile('/home/daytona/volume/team/a/reply.txt')).toString(), 'from second')

      await assert.rejects(daytona.volume.delete(volume), (e) => e instanceof DaytonaError && /in use/.test(e.message))
    } finally {
      await first.delete()
      await second.delete()
    }
    const third = await daytona.create({ volumes: [{ volumeId: volume.id, mountPath: '/mnt/again' }] }, { timeout: 90 })
    try {
      assert.equal((await third.fs.downloadFile('/mnt/again/team/a/reply.txt')).toString(), 'from second')
    } finally {
      await third.delete()
    }
    await deleteWhenUnmounted(volume)
  })

  test('bad mount paths and unknown volumes are refused and create nothing', async () => {
    const volume = await daytona.volume.create(`conf-bad-${suffix()}`)
    const before = (await daytona.list()).items?.length ?? (await daytona.list()).length
    for (const mountPath of ['relative', '/', '/etc/x', '/proc', '/home/../root', '/a//b']) {
      await assert.rejects(
        daytona.create({ volumes: [{ volumeId: volume.id, mountPath }] }),
        (e) => e instanceof DaytonaError && e.statusCode === 400 && /mountPath/.test(e.message),
        mountPath,
      )
    }
    await assert.rejects(
      daytona.create({ volumes: [{ volumeId: randomUUID(), mountPath: '/home/daytona/v' }] }),
      (e) => e instanceof DaytonaNotFoundError && /not found/.test(e.message),
    )
    const after = (await daytona.list()).items?.length ?? (await daytona.list()).length
    assert.equal(after, before)
    await daytona.volume.delete(volume)
  })
})
