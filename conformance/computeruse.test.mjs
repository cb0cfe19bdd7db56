// Conformance "computeruse": sandbox.computerUse through the official Daytona TypeScript SDK, on the
// desktop of the default image (Xvfb, Xfce, x11vnc, noVNC) started on demand.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test computeruse.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DaytonaError } from '@daytonaio/sdk'
import { daytona } from './support.mjs'

let sandbox
let cu

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function eventually(what, check) {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) assert.fail(`${what} did not happen within 30 s`)
    await sleep(200)
  }
}

// Width and height from a PNG's IHDR chunk, which follows the 8-byte signature.
const pngSize = (png) => [png.readUInt32BE(16), png.readUInt32BE(20)]

describe('computeruse', { timeout: 300_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({}, { timeout: 90 })
    cu = sandbox.computerUse
  })

  after(async () => {
    await sandbox?.delete()
  })

  test('nothing runs before start; a screenshot then is a 503 that says what to do', async () => {
    assert.equal((await cu.getStatus()).status, 'inactive')
    await assert.rejects(cu.screenshot.takeFullScreen(), (error) =>
      error instanceof DaytonaError && error.statusCode === 503 && /computeruse\/start/.test(error.message))
  })

  test('start reports every process running; status, process status, logs and errors', async () => {
    const started = await cu.start()
    assert.equal(started.message, 'Computer use processes started successfully')
    for (const name of ['xvfb', 'xfce4', 'x11vnc', 'novnc']) {
      assert.equal(started.status[name].running, true, name)
      assert.ok(started.status[name].pid > 0, name)
    }
    assert.equal((await cu.getStatus()).status, 'active')
    assert.deepEqual(await cu.getProcessStatus('xvfb'), { processName: 'xvfb', running: true })
    assert.equal((await cu.getProcessLogs('novnc')).processName, 'novnc')
    assert.match((await cu.getProcessErrors('x11vnc')).errors, /5901/)
    await assert.rejects(cu.getProcessStatus('nosuch'), (error) => error instanceof DaytonaError && error.statusCode === 404)
  })

  test('display info and windows; typed text reaches the focused window', async () => {
    const info = await cu.display.getInfo()
    assert.equal(info.displays[0].width, 1024)
    assert.equal(info.displays[0].height, 768)
    await sandbox.process.executeCommand(
      `bash -c 'setsid xterm -T ts-term -e bash -c "read line; printf %s \\"\\$line\\" > ~/ts.txt" >/dev/null 2>&1 &'`)
    await eventually('the xterm window takes the focus', async () =>
      (await cu.display.getWindows()).windows.some((w) => w.title === 'ts-term' && w.isActive))
    await cu.keyboard.type('typed by the TypeScript SDK', 10)
    await cu.keyboard.press('Return')
    await eventually('the line arrives', async () =>
      (await sandbox.process.executeCommand('cat ~/ts.txt')).result === 'typed by the TypeScript SDK')
    await cu.keyboard.hotkey('ctrl+shift+t')
    await cu.keyboard.press('t', ['ctrl', 'shift'])
    await assert.rejects(cu.keyboard.press('NoSuchKeyName'), (error) => error instanceof DaytonaError && error.statusCode === 400)
  })

  test('mouse: move, position, click, drag, scroll', async () => {
    assert.deepEqual(await cu.mouse.move(123, 234), { x: 123, y: 234 })
    assert.deepEqual(await cu.mouse.getPosition(), { x: 123, y: 234 })
    assert.deepEqual(await cu.mouse.click(300, 200, 'left', true), { x: 300, y: 200 })
    // Below the panel: a press on its menu button would open a menu, whose grab holds the focus.
    assert.deepEqual(await cu.mouse.drag(100, 200, 250, 260), { x: 250, y: 260 })
    assert.equal(await cu.mouse.scroll(400, 300, 'down', 2), true)
    assert.deepEqual(await cu.mouse.getPosition(), { x: 400, y: 300 })
    await assert.rejects(cu.mouse.click(1, 1, 'fourth'), (error) => error instanceof DaytonaError && error.statusCode === 400)
  })

  test('screenshots: full screen, region, compressed', async () => {
    const full = await cu.screenshot.takeFullScreen(true)
    const png = Buffer.from(full.screenshot, 'base64')
    assert.equal(png.subarray(1, 4).toString(), 'PNG')
    assert.deepEqual(pngSize(png), [1024, 768])
    assert.equal(full.sizeBytes, png.length)
    assert.deepEqual(full.cursorPosition, { x: 400, y: 300 })
    // @daytonaio/sdk 0.190.1's takeRegion hands the region to its API client as (height, width,
    // y, x), so the daemon receives x = height, y = width, width = y, height = x. A region with
    // x = height and y = width arrives unchanged; takeCompressedRegion passes them in order.
    const region = Buffer.from((await cu.screenshot.takeRegion({ x: 100, y: 200, width: 200, height: 100 })).screenshot, 'base64')
    assert.deepEqual(pngSize(region), [200, 100])
    const wide = Buffer.from((await cu.screenshot.takeCompressedRegion({ x: 10, y: 20, width: 200, height: 100 })).screenshot, 'base64')
    assert.deepEqual(pngSize(wide), [200, 100])
    const jpeg = Buffer.from((await cu.screenshot.takeCompressed({ format: 'jpeg', quality: 60, scale: 0.5 })).screenshot, 'base64')
    assert.equal(jpeg[0], 0xff)
    assert.equal(jpeg[1], 0xd8)
    assert.ok(jpeg.length < png.length)
    const webp = Buffer.from((await cu.screenshot.takeCompressedRegion({ x: 0, y: 0, width: 64, height: 64 },
      { format: 'webp', showCursor: true })).screenshot, 'base64')
    assert.equal(webp.subarray(8, 12).toString(), 'WEBP')
  })

  test('recordings: start, list, get, stop, download an MP4, delete', async () => {
    const recording = await cu.recording.start('conformance')
    assert.equal(recording.status, 'recording')
    assert.ok(recording.fileName.startsWith(`${recording.id}_conformance_`))
    for (let i = 0; i < 8; i++) {
      await cu.mouse.move(50 + i * 60, 50 + i * 40)
      await sleep(200)
    }
    assert.ok((await cu.recording.list()).recordings.some((r) => r.id === recording.id))
    const stopped = await cu.recording.stop(recording.id)
    assert.equal(stopped.status, 'completed')
    assert.ok(stopped.durationSeconds > 1, JSON.stringify(stopped))
    assert.equal((await cu.recording.get(recording.id)).sizeBytes, stopped.sizeBytes)
    const dir = await mkdtemp(join(tmpdir(), 'conformance-recording-'))
    try {
      const file = join(dir, 'nested', 'video.mp4')
      await cu.recording.download(recording.id, file)
      const bytes = await readFile(file)
      assert.equal(bytes.length, stopped.sizeBytes)
      assert.equal(bytes.subarray(4, 8).toString(), 'ftyp')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    await cu.recording.delete(recording.id)
    await assert.rejects(cu.recording.get(recording.id), (error) => error instanceof DaytonaError && error.statusCode === 404)
  })

  test('accessibility: tree, find, invoke, set a value and focus on a GTK window', async () => {
    const app = [
      'import gi',
      'gi.require_version("Gtk", "3.0")',
      'from gi.repository import Gtk',
      'def write(name, text):',
      '    with open("/home/daytona/" + name, "w") as f:',
      '        f.write(text)',
      'w = Gtk.Window(title="ts-a11y")',
      'box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)',
      'button = Gtk.Button(label="Apply")',
      'button.connect("clicked", lambda *_: write("applied.txt", "applied"))',
      'entry = Gtk.Entry()',
      'entry.connect("changed", lambda *_: write("typed.txt", entry.get_text()))',
      'box.add(button)',
      'box.add(entry)',
      'w.add(box)',
      'w.show_all()',
      'Gtk.main()',
    ].join('\n')
    await sandbox.fs.uploadFile(Buffer.from(app), '/home/daytona/ts_app.py')
    await sandbox.process.executeCommand(`bash -c 'setsid python3 /home/daytona/ts_app.py >/dev/null 2>&1 &'`)
    await eventually('the GTK window appears', async () =>
      (await cu.display.getWindows()).windows.some((w) => w.title === 'ts-a11y'))
    const pid = Number((await sandbox.process.executeCommand(`xdotool search --name '^ts-a11y$' getwindowpid`)).result.trim())

    const tree = await cu.accessibility.getTree({ scope: 'pid', pid })
    assert.equal(tree.root.role, 'application')
    assert.equal(tree.root.children[0].name, 'ts-a11y')
    const found = await cu.accessibility.findNodes({ scope: 'pid', pid, role: 'push button', name: 'Apply', nameMatch: 'exact' })
    assert.equal(found.matches.length, 1)
    await cu.accessibility.invokeNode(found.matches[0].id)
    await eventually('the button is pressed', async () =>
      (await sandbox.process.executeCommand('cat ~/applied.txt')).result === 'applied')
    const [entry] = (await cu.accessibility.findNodes({ scope: 'pid', pid, role: 'text' })).matches
    await cu.accessibility.setNodeValue(entry.id, 'from the TypeScript SDK')
    await eventually('the entry holds the text', async () =>
      (await sandbox.process.executeCommand('cat ~/typed.txt')).result === 'from the TypeScript SDK')
    await cu.accessibility.focusNode(entry.id)
    await eventually('the entry has the focus', async () =>
      (await cu.accessibility.findNodes({ scope: 'pid', pid, states: ['focused'] })).matches.some((m) => m.id === entry.id))
    await assert.rejects(cu.accessibility.getTree({ scope: 'nowhere' }), (error) => error instanceof DaytonaError && error.statusCode === 400)
    await assert.rejects(cu.accessibility.invokeNode(found.matches[0].id, 'explode'),
      (error) => error instanceof DaytonaError && error.statusCode === 400 && /Click/i.test(error.message))
  })

  test('restart a process, then stop everything', async () => {
    const restarted = await cu.restartProcess('novnc')
    assert.deepEqual(restarted, { message: 'Process novnc restarted successfully', processName: 'novnc' })
    assert.equal((await cu.getProcessStatus('novnc')).running, true)
    const stopped = await cu.stop()
    assert.equal(stopped.message, 'Computer use processes stopped successfully')
    assert.ok(Object.values(stopped.status).every((p) => p.running === false))
    assert.equal((await cu.getStatus()).status, 'inactive')
    assert.equal((await sandbox.process.executeCommand('pgrep -x Xvfb')).exitCode, 1)
  })
})
