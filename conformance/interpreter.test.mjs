// Conformance "interpreter": the stateful code interpreter through the official Daytona TypeScript SDK.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DaytonaTimeoutError } from '@daytonaio/sdk'
import { daytona } from './support.mjs'

let sandbox

describe('code interpreter', { timeout: 120_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({}, { timeout: 90 })
  })

  after(async () => {
    await sandbox?.delete()
  })

  test('runCode streams output and keeps state in the default context', async () => {
    const chunks = []
    await sandbox.codeInterpreter.runCode('counter = 41')
    const result = await sandbox.codeInterpreter.runCode('counter += 1\nprint("counter", counter)', {
      onStdout: (message) => chunks.push(message.output),
    })
    assert.equal(result.stdout, 'counter 42\n')
    assert.equal(chunks.join(''), 'counter 42\n')
    assert.equal(result.error, undefined)
  })

  test('errors arrive with name, value and traceback', async () => {
    const errors = []
    const result = await sandbox.codeInterpreter.runCode('import sys\nprint("oops", file=sys.stderr)\nraise ValueError("bad value")', {
      onError: (error) => errors.push(error),
    })
    assert.equal(result.stderr, 'oops\n')
    assert.equal(result.error.name, 'ValueError')
    assert.equal(result.error.value, 'bad value')
    assert.match(result.error.traceback, /ValueError: bad value/)
    assert.equal(errors.length, 1)
  })

  test('contexts are isolated from each other and from the default context', async () => {
    const first = await sandbox.codeInterpreter.createContext()
    const second = await sandbox.codeInterpreter.createContext('/tmp')
    await sandbox.codeInterpreter.runCode('secret = "first"', { context: first })
    const fromSecond = await sandbox.codeInterpreter.runCode('import os\nprint(globals().get("secret"), os.getcwd())', { context: second })
    assert.equal(fromSecond.stdout, 'None /tmp\n')
    const fromFirst = await sandbox.codeInterpreter.runCode('print(secret)', { context: first })
    assert.equal(fromFirst.stdout, 'first\n')

    const listed = await sandbox.codeInterpreter.listContexts()
    assert.deepEqual(new Set(listed.map((c) => c.id)), new Set([first.id, second.id]))
    await sandbox.codeInterpreter.deleteContext(first)
    await sandbox.codeInterpreter.deleteContext(second)
    assert.equal((await sandbox.codeInterpreter.listContexts()).length, 0)
  })

  test('a timeout interrupts the execution and leaves the context usable', async () => {
    await sandbox.codeInterpreter.runCode('survivor = "alive"')
    await assert.rejects(
      sandbox.codeInterpreter.runCode('import time\ntime.sleep(30)', { timeout: 1 }),
      (error) => error instanceof DaytonaTimeoutError,
    )
    const after = await sandbox.codeInterpreter.runCode('print(survivor)')
    assert.equal(after.stdout, 'alive\n')
  })
})
