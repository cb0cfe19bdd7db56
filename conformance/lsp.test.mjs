// Conformance "lsp": sandbox.createLspServer through the official Daytona TypeScript SDK, with
// pylsp and typescript-language-server running in the sandbox.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test lsp.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DaytonaError } from '@daytonaio/sdk'
import { daytona } from './support.mjs'

const PY_PROJECT = '/home/daytona/pyproject'
const PY_FILE = `${PY_PROJECT}/greeting.py`
const PY_SOURCE = `class Greeter:
    def greet(self, name):
        return "hello " + name


def make_greeter():
    return Greeter()


greeter = make_greeter()
greeter.gr
`
const TS_PROJECT = '/home/daytona/tsproject'
const TS_FILE = `${TS_PROJECT}/src/greeting.ts`
const TS_SOURCE = `export class Greeter {
  greet(name: string): string {
    return \`hello \${name}\`;
  }
}

export function makeGreeter(): Greeter {
  return new Greeter();
}

const greeter = makeGreeter();
greeter.gr
`

let sandbox

const names = (symbols) => symbols.map((symbol) => symbol.name)

describe('lsp', { timeout: 240_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({}, { timeout: 90 })
    await sandbox.fs.createFolder(PY_PROJECT, '755')
    await sandbox.fs.createFolder(`${TS_PROJECT}/src`, '755')
    await sandbox.fs.uploadFile(Buffer.from(PY_SOURCE), PY_FILE)
    await sandbox.fs.uploadFile(Buffer.from(TS_SOURCE), TS_FILE)
  })

  after(async () => {
    await sandbox?.delete()
  })

  test('python: document symbols, sandbox symbols and completions after didOpen', async () => {
    const lsp = await sandbox.createLspServer('python', PY_PROJECT)
    await lsp.start()
    try {
      await lsp.didOpen(PY_FILE)
      const symbols = await lsp.documentSymbols(PY_FILE)
      assert.ok(names(symbols).includes('Greeter'), JSON.stringify(symbols))
      const greeter = symbols.find((symbol) => symbol.name === 'Greeter')
      assert.equal(greeter.kind, 5)
      assert.equal(greeter.location.uri, `file://${PY_FILE}`)
      assert.deepEqual(greeter.location.range.start, { line: 0, character: 0 })
      assert.ok(names(await lsp.sandboxSymbols('make')).includes('make_greeter'))
      const completions = await lsp.completions(PY_FILE, { line: 10, character: 10 })
      assert.equal(typeof completions.isIncomplete, 'boolean')
      assert.ok(completions.items.some((item) => item.label.startsWith('greet')), JSON.stringify(completions))
      await lsp.didClose(PY_FILE)
    } finally {
      await lsp.stop()
    }
  })

  test('typescript: document symbols, workspace symbols and completions', async () => {
    const lsp = await sandbox.createLspServer('typescript', TS_PROJECT)
    await lsp.start()
    try {
      await lsp.didOpen(TS_FILE)
      const symbols = await lsp.documentSymbols(TS_FILE)
      assert.ok(names(symbols).includes('Greeter') && names(symbols).includes('makeGreeter'), JSON.stringify(symbols))
      assert.ok(names(await lsp.workspaceSymbols('Greet')).includes('makeGreeter'))
      const completions = await lsp.completions(TS_FILE, { line: 11, character: 10 })
      assert.ok(completions.items.some((item) => item.label === 'greet'), JSON.stringify(completions.items.slice(0, 5)))
    } finally {
      await lsp.stop()
    }
  })

  test('a server that was not started is a 400', async () => {
    const lsp = await sandbox.createLspServer('javascript', TS_PROJECT)
    await assert.rejects(lsp.documentSymbols(TS_FILE), (error) => error instanceof DaytonaError && error.statusCode === 400)
  })
})
