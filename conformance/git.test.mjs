// Conformance of the git API: the official SDK's sandbox.git.* against our daemon, with a git
// server on "the internet" that demands basic authentication. OfficialTypeScriptSdkTest starts
// that server and passes it in DAYTONA_CONFORMANCE_GIT_URL, _USERNAME and _PASSWORD; its
// repository has a branch `main` (two commits) and a branch `feature` (one more).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  Daytona,
  DaytonaAuthenticationError,
  DaytonaConflictError,
  DaytonaNotFoundError,
} from '@daytonaio/sdk'

const apiUrl = process.env.DAYTONA_API_URL
const apiKey = process.env.DAYTONA_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error('DAYTONA_API_URL and DAYTONA_API_KEY must be set, e.g. DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test')
}
const gitUrl = process.env.DAYTONA_CONFORMANCE_GIT_URL
const username = process.env.DAYTONA_CONFORMANCE_GIT_USERNAME
const password = process.env.DAYTONA_CONFORMANCE_GIT_PASSWORD
const skip = gitUrl && username && password
  ? false
  : 'needs a git server: set DAYTONA_CONFORMANCE_GIT_URL, _USERNAME and _PASSWORD (OfficialTypeScriptSdkTest starts one)'

const TEST_TIMEOUT_MS = 120_000
const daytona = new Daytona({ apiKey, apiUrl })

describe('git', { skip }, () => {
  let sandbox

  before(async () => {
    sandbox = await daytona.create({ labels: { suite: 'conformance-git' } }, { timeout: 90 })
  })

  after(async () => {
    if (sandbox) {
      try {
        await sandbox.delete()
      } catch (e) {
        console.error(`cleanup of sandbox ${sandbox.id} failed: ${e?.message ?? e}`)
      }
    }
  })

  async function run(command) {
    const response = await sandbox.process.executeCommand(command)
    assert.equal(response.exitCode, 0, `${command}: ${response.result}`)
    return response.result
  }

  test('clone a branch with credentials that are not stored', { timeout: TEST_TIMEOUT_MS }, async () => {
    await sandbox.git.clone(gitUrl, 'feature-clone', 'feature', undefined, username, password)
    const status = await sandbox.git.status('feature-clone')
    assert.equal(status.currentBranch, 'feature')
    assert.deepEqual(status.fileStatus, [])
    assert.equal(status.branchPublished, true)
    assert.equal(status.ahead, 0)
    assert.equal(status.behind, 0)
    assert.equal(await run('cat feature-clone/feature.txt'), 'feature work\n')
    const config = await run('cat feature-clone/.git/config')
    assert.ok(config.includes(gitUrl), config)
    assert.ok(!config.includes(password), 'the password is in .git/config')
  })

  test('clone at a commit leaves HEAD detached', { timeout: TEST_TIMEOUT_MS }, async () => {
    await sandbox.git.clone(gitUrl, 'main-clone', undefined, undefined, username, password)
    const first = (await run('git -C main-clone rev-list --max-parents=0 HEAD')).trim()
    await sandbox.git.clone(gitUrl, 'commit-clone', undefined, first, username, password)
    const status = await sandbox.git.status('commit-clone')
    assert.equal(status.currentBranch, 'HEAD')
    assert.equal((await run('git -C commit-clone rev-parse HEAD')).trim(), first)
  })

  test('wrong credentials are an authentication error', { timeout: TEST_TIMEOUT_MS }, async () => {
    await assert.rejects(sandbox.git.clone(gitUrl, 'denied', undefined, undefined, username, 'not-the-password'), (e) => {
      assert.ok(e instanceof DaytonaAuthenticationError, `${e?.constructor?.name}: ${e?.message}`)
      assert.ok(!e.message.includes('not-the-password'), e.message)
      return true
    })
  })

  test('status, add, commit, branches, push and pull', { timeout: TEST_TIMEOUT_MS }, async () => {
    await sandbox.git.clone(gitUrl, 'work', 'main', undefined, username, password)
    await sandbox.git.clone(gitUrl, 'other', 'main', undefined, username, password)
    await run('echo changed >> work/README.md && echo new > work/new.txt')

    const dirty = await sandbox.git.status('work')
    const byName = Object.fromEntries(dirty.fileStatus.map((file) => [file.name, file]))
    assert.equal(byName['README.md'].worktree, 'Modified')
    assert.equal(byName['README.md'].staging, 'Unmodified')
    assert.equal(byName['new.txt'].worktree, 'Untracked')

    await sandbox.git.add('work', ['.'])
    const staged = await sandbox.git.status('work')
    assert.deepEqual(staged.fileStatus.map((file) => [file.name, file.staging]).sort(),
      [['README.md', 'Modified'], ['new.txt', 'Added']])

    const commit = await sandbox.git.commit('work', 'Change from the TypeScript SDK', 'Conformance', 'conformance@example.com')
    assert.match(commit.sha, /^[0-9a-f]{40}$/)
    assert.equal((await sandbox.git.status('work')).ahead, 1)
    const empty = await sandbox.git.commit('work', 'Empty', 'Conformance', 'conformance@example.com', true)
    assert.notEqual(empty.sha, commit.sha)

    await sandbox.git.createBranch('work', 'topic')
    assert.equal((await sandbox.git.status('work')).currentBranch, 'topic')
    assert.deepEqual((await sandbox.git.branches('work')).branches, ['main', 'topic'])
    await assert.rejects(sandbox.git.deleteBranch('work', 'topic'), DaytonaConflictError)
    await sandbox.git.checkoutBranch('work', 'main')
    await sandbox.git.deleteBranch('work', 'topic')
    assert.deepEqual((await sandbox.git.branches('work')).branches, ['main'])
    await assert.rejects(sandbox.git.checkoutBranch('work', 'no-such-branch'), DaytonaNotFoundError)

    await sandbox.git.push('work', username, password)
    assert.equal((await sandbox.git.status('work')).ahead, 0)
    await sandbox.git.pull('other', username, password)
    assert.equal((await run('git -C other rev-parse HEAD')).trim(), empty.sha)
    assert.equal(await run('cat other/new.txt'), 'new\n')
  })
})
