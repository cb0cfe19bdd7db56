// Conformance of the file system API: the official SDK's sandbox.fs.* against our daemon.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { Daytona, DaytonaError, DaytonaNotFoundError } from '@daytonaio/sdk'

const apiUrl = process.env.DAYTONA_API_URL
const apiKey = process.env.DAYTONA_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error('DAYTONA_API_URL and DAYTONA_API_KEY must be set, e.g. DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test')
}

const TEST_TIMEOUT_MS = 180_000
const daytona = new Daytona({ apiKey, apiUrl })
let sandbox
let localDir

before(async () => {
  sandbox = await daytona.create({ labels: { suite: 'conformance-files' } }, { timeout: 90 })
  localDir = await mkdtemp(join(tmpdir(), 'daytona-files-'))
})

after(async () => {
  if (sandbox) {
    try {
      await sandbox.delete()
    } catch (e) {
      console.error(`cleanup of sandbox ${sandbox.id} failed: ${e?.message ?? e}`)
    }
  }
  if (localDir) await rm(localDir, { recursive: true, force: true })
})

// Deterministic bytes, made as they are read.
function patternStream(size) {
  let position = 0
  return new Readable({
    read() {
      if (position >= size) {
        this.push(null)
        return
      }
      const count = Math.min(64 * 1024, size - position)
      const chunk = Buffer.alloc(count)
      for (let i = 0; i < count; i++, position++) chunk[i] = (position * 31 + Math.floor(position / 512)) & 0xff
      this.push(chunk)
    },
  })
}

async function sha256OfStream(stream) {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of stream) {
    hash.update(chunk)
    bytes += chunk.length
  }
  return { digest: hash.digest('hex'), bytes }
}

describe('sandbox.fs', { timeout: TEST_TIMEOUT_MS * 3 }, () => {
  test('folders, uploads, listing, details, downloads', { timeout: TEST_TIMEOUT_MS }, async () => {
    await sandbox.fs.createFolder('work/src', '750')
    const mainPy = Buffer.from('print("hello")\n# TODO: ship\n')
    await sandbox.fs.uploadFile(mainPy, 'work/src/main.py')
    await sandbox.fs.uploadFiles([
      { source: Buffer.from('TODO later\n'), destination: 'work/notes/readme.md' },
      { source: Buffer.from('{"version": "1.0.0"}'), destination: 'work/config.json' },
      { source: Buffer.from('grüße'), destination: 'work/ünïcödé 名前.txt' },
    ])

    const listing = await sandbox.fs.listFiles('work')
    assert.deepEqual(listing.map((f) => f.name), ['config.json', 'notes', 'src', 'ünïcödé 名前.txt'])
    const src = listing.find((f) => f.name === 'src')
    assert.equal(src.isDir, true)
    assert.equal(src.mode, 'drwxr-x---')
    assert.equal(src.permissions, '0750')
    assert.equal(src.owner, '1000')
    assert.equal(src.group, '1000')
    for (const field of ['name', 'size', 'mode', 'modTime', 'modifiedAt', 'isDir', 'owner', 'group', 'permissions']) {
      assert.ok(field in listing[0], `FileInfo lacks ${field}`)
    }

    const details = await sandbox.fs.getFileDetails('work/src/main.py')
    assert.equal(details.name, 'main.py')
    assert.equal(details.size, mainPy.length)
    assert.equal(details.isDir, false)
    assert.equal(details.mode, '-rw-r--r--')
    assert.ok(!Number.isNaN(Date.parse(details.modifiedAt)), `modifiedAt ${details.modifiedAt}`)

    const main = await sandbox.fs.downloadFile('work/src/main.py')
    assert.equal(main.toString('utf8'), 'print("hello")\n# TODO: ship\n')
    const unicode = await sandbox.fs.downloadFile('work/ünïcödé 名前.txt')
    assert.equal(unicode.toString('utf8'), 'grüße')

    const local = join(localDir, 'config.json')
    await sandbox.fs.downloadFile('work/config.json', local)
    assert.equal(await readFile(local, 'utf8'), '{"version": "1.0.0"}')

    const results = await sandbox.fs.downloadFiles([
      { source: 'work/config.json' },
      { source: 'work/missing.txt' },
    ])
    assert.equal(results[0].error, undefined)
    assert.equal(results[0].result.toString('utf8'), '{"version": "1.0.0"}')
    assert.ok(results[1].error, 'a missing file reports an error')
    assert.equal(results[1].errorDetails?.statusCode, 404)
    assert.equal(results[1].errorDetails?.errorCode, 'FILE_NOT_FOUND')

    await assert.rejects(sandbox.fs.downloadFile('work/missing.txt'), (e) => {
      assert.ok(e instanceof DaytonaNotFoundError, `got ${e?.constructor?.name}: ${e?.message}`)
      return true
    })
    await assert.rejects(sandbox.fs.getFileDetails('work/missing.txt'), (e) => {
      assert.ok(e instanceof DaytonaNotFoundError, `got ${e?.constructor?.name}: ${e?.message}`)
      assert.equal(e.statusCode, 404)
      return true
    })
  })

  test('find, search, replace, move, permissions, delete', { timeout: TEST_TIMEOUT_MS }, async () => {
    await sandbox.fs.uploadFiles([
      { source: Buffer.from('a = 1  # TODO\nb = 2\n'), destination: 'edit/one.py' },
      { source: Buffer.from('TODO: docs\n'), destination: 'edit/docs/two.md' },
      { source: Buffer.from([0x54, 0x4f, 0x44, 0x4f, 0x00, 0x01]), destination: 'edit/blob.bin' },
    ])

    const matches = await sandbox.fs.findFiles('edit', 'TODO')
    assert.deepEqual(matches, [
      { file: 'edit/docs/two.md', line: 1, content: 'TODO: docs' },
      { file: 'edit/one.py', line: 1, content: 'a = 1  # TODO' },
    ])

    const found = await sandbox.fs.searchFiles('edit', '*.py')
    assert.deepEqual(found, { files: ['edit/one.py'] })

    const replaced = await sandbox.fs.replaceInFiles(['edit/one.py', 'edit/none.py'], 'TODO', 'DONE')
    assert.equal(replaced.length, 2)
    assert.deepEqual(replaced[0], { file: 'edit/one.py', success: true })
    assert.equal(replaced[1].success, false)
    assert.ok(replaced[1].error)
    assert.equal((await sandbox.fs.downloadFile('edit/one.py')).toString('utf8'), 'a = 1  # DONE\nb = 2\n')

    await sandbox.fs.moveFiles('edit/docs/two.md', 'edit/two.md')
    assert.deepEqual((await sandbox.fs.listFiles('edit/docs')).map((f) => f.name), [])
    await assert.rejects(sandbox.fs.moveFiles('edit/one.py', 'edit/two.md'), (e) => {
      assert.ok(e instanceof DaytonaError)
      assert.equal(e.statusCode, 409)
      return true
    })

    await sandbox.fs.setFilePermissions('edit/one.py', { mode: '700', owner: 'daytona', group: 'daytona' })
    const details = await sandbox.fs.getFileDetails('edit/one.py')
    assert.equal(details.permissions, '0700')
    assert.equal(details.mode, '-rwx------')

    await assert.rejects(sandbox.fs.deleteFile('edit'), (e) => {
      assert.equal(e.statusCode, 400)
      return true
    })
    await sandbox.fs.deleteFile('edit/two.md')
    await sandbox.fs.deleteFile('edit', true)
    await assert.rejects(sandbox.fs.getFileDetails('edit'), DaytonaNotFoundError)
  })

  test('streamed upload and download of a large file', { timeout: TEST_TIMEOUT_MS }, async () => {
    const size = 300 * 1024 * 1024 + 5
    const expected = await sha256OfStream(patternStream(size))
    await sandbox.fs.uploadFileStream(patternStream(size), 'large/blob.bin')
    const stream = await sandbox.fs.downloadFileStream('large/blob.bin')
    const received = await sha256OfStream(stream)
    assert.equal(received.bytes, size)
    assert.equal(received.digest, expected.digest)
    const checked = await sandbox.process.executeCommand('sha256sum large/blob.bin')
    assert.equal(checked.result.split(' ')[0], expected.digest)
    await sandbox.fs.deleteFile('large', true)
  })

  test('the sandbox user cannot read what it could not read in a shell', { timeout: TEST_TIMEOUT_MS }, async () => {
    await assert.rejects(sandbox.fs.downloadFile('/etc/shadow'), (e) => {
      assert.ok(e instanceof DaytonaError)
      assert.equal(e.statusCode, 403)
      assert.equal(e.errorCode, 'FILE_ACCESS_DENIED')
      return true
    })
    await assert.rejects(sandbox.fs.listFiles('/root'), (e) => {
      assert.equal(e.statusCode, 403)
      return true
    })
  })
})
