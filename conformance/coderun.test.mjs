// Conformance "code-run": sandbox.process.codeRun through the official Daytona TypeScript SDK,
// with a matplotlib chart captured in the sandbox.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Daytona, DaytonaError } from '@daytonaio/sdk'

const apiUrl = process.env.DAYTONA_API_URL
const apiKey = process.env.DAYTONA_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error('DAYTONA_API_URL and DAYTONA_API_KEY must be set')
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const daytona = new Daytona({ apiKey, apiUrl })
let sandbox

describe('code-run', { timeout: 180_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({}, { timeout: 90 })
  })

  after(async () => {
    await sandbox?.delete()
  })

  test('runs python with argv and env', async () => {
    const response = await sandbox.process.codeRun(
      'import os, sys\nprint(sys.argv[1:], os.environ["NAME"])',
      { argv: ['a', 'b c'], env: { NAME: 'daytona' } },
    )
    assert.equal(response.exitCode, 0)
    assert.equal(response.result, "['a', 'b c'] daytona\n")
    assert.equal(response.artifacts.stdout, response.result)
    assert.deepEqual(response.artifacts.charts, [])
  })

  test('returns a matplotlib line chart as a typed chart', async () => {
    const response = await sandbox.process.codeRun(`
import matplotlib.pyplot as plt
plt.plot([0, 1, 2], [0, 1, 4], label='square')
plt.plot([0, 1, 2], [0, 2, 4], label='double')
plt.title('Growth')
plt.xlabel('x')
plt.ylabel('y')
plt.legend()
plt.show()
print('done')
`)
    assert.equal(response.exitCode, 0, response.result)
    assert.equal(response.result, 'done\n')
    assert.equal(response.artifacts.charts.length, 1)
    const chart = response.artifacts.charts[0]
    assert.equal(chart.type, 'line')
    assert.equal(chart.title, 'Growth')
    assert.equal(chart.x_label, 'x')
    assert.equal(chart.y_label, 'y')
    assert.equal(chart.x_scale, 'linear')
    assert.equal(chart.x_ticks.length, chart.x_tick_labels.length)
    assert.deepEqual(
      chart.elements.map((element) => element.label),
      ['square', 'double'],
    )
    assert.deepEqual(chart.elements[0].points, [
      [0, 0],
      [1, 1],
      [2, 4],
    ])
    assert.deepEqual(Buffer.from(chart.png, 'base64').subarray(0, 8), PNG_MAGIC)
  })

  test('runs typescript and javascript in sandboxes created for them', async () => {
    const typescript = await daytona.create({ language: 'typescript' }, { timeout: 90 })
    try {
      const response = await typescript.process.codeRun(
        'const who: string = process.env.WHO ?? "";\nconsole.log(process.argv.slice(2).join("+"), who)\nprocess.exit(3)',
        { argv: ['a', 'b'], env: { WHO: 'ts' } },
      )
      assert.equal(response.exitCode, 3, response.result)
      assert.equal(response.result, 'a+b ts\n')
    } finally {
      await typescript.delete()
    }
    const javascript = await daytona.create({ language: 'javascript' }, { timeout: 90 })
    try {
      const response = await javascript.process.codeRun('console.log(process.argv.slice(1).join("+"), process.env.WHO)', {
        argv: ['a', 'b'],
        env: { WHO: 'js' },
      })
      assert.equal(response.exitCode, 0, response.result)
      assert.equal(response.result, 'a+b js\n')
    } finally {
      await javascript.delete()
    }
  })

  test('a run past its timeout fails with a 408', async () => {
    await assert.rejects(
      sandbox.process.codeRun('import time\ntime.sleep(30)', undefined, 1),
      (error) => error instanceof DaytonaError && error.statusCode === 408,
    )
  })
})
