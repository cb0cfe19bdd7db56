// Conformance "wire": operations a Python SDK user reaches that the other files do not call, so that
// the wire check (wire-check.mjs) validates their responses too. Where the TypeScript SDK has no
// method, the generated client is called directly, with the SDK's own configuration and auth.
// Run: DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --import ./wire-check.mjs --test wire.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { daytona } from './support.mjs'

// The generated clients the SDK itself loads (the ones wire-check.mjs wraps).
const require = createRequire(import.meta.url)
const sdkRequire = createRequire(require.resolve('@daytonaio/sdk'))
const apiClient = sdkRequire('@daytona/api-client')
const toolboxClient = sdkRequire('@daytona/toolbox-api-client')

// An API client of the generated package with the configuration and axios instance of the SDK's.
const api = (Api) => new Api(daytona.sandboxApi.configuration, '', daytona.sandboxApi.axios)
const toolbox = (Api, sandbox) => new Api(sandbox.clientConfig, '', sandbox.axiosInstance)
const suffix = Date.now().toString(36)

let sandbox

describe('wire', { timeout: 240_000 }, () => {
  before(async () => {
    sandbox = await daytona.create({ labels: { suite: 'wire' } }, { timeout: 90 })
  })

  after(async () => {
    await sandbox?.delete()
  })

  test('account reads: config, health, user, organizations, regions, invitations', async () => {
    const config = (await api(apiClient.ConfigApi).configControllerGetConfig()).data
    assert.equal(typeof config.proxyToolboxUrl, 'string')
    assert.equal((await api(apiClient.HealthApi).healthControllerCheck()).data.status, 'ok')
    const user = (await api(apiClient.UsersApi).getAuthenticatedUser()).data
    assert.ok(user.id)
    const organizations = api(apiClient.OrganizationsApi)
    const list = (await organizations.listOrganizations()).data
    assert.ok(list.some((o) => o.id === sandbox.organizationId), 'the sandbox organization is listed')
    const organization = (await organizations.getOrganization(sandbox.organizationId)).data
    assert.equal(organization.id, sandbox.organizationId)
    const regions = (await organizations.listAvailableRegions()).data
    assert.ok(regions.length > 0)
    assert.equal((await organizations.getRegionById(regions[0].id)).data.id, regions[0].id)
    await api(apiClient.RegionsApi).listSharedRegions()
    assert.ok(Array.isArray((await organizations.listOrganizationInvitationsForAuthenticatedUser()).data))
    assert.equal(typeof (await organizations.getOrganizationInvitationsCountForAuthenticatedUser()).data, 'number')
  })

  test('an organization: create, usage, roles, members, invitations, delete', async () => {
    const organizations = api(apiClient.OrganizationsApi)
    const region = (await organizations.listAvailableRegions()).data[0].id
    const created = (await organizations.createOrganization({ name: `wire-${suffix}`, defaultRegionId: region })).data
    try {
      assert.equal(created.personal, false)
      const usage = (await organizations.getOrganizationUsageOverview(created.id)).data
      assert.ok(Array.isArray(usage.regionUsage))
      assert.ok((await organizations.listOrganizationRoles(created.id)).data.length > 0)
      assert.equal((await organizations.listOrganizationMembers(created.id)).data.length, 1)
      const invitation = (
        await organizations.createOrganizationInvitation(created.id, { email: `wire-${suffix}@example.com`, role: 'member', assignedRoleIds: [] })
      ).data
      assert.equal(invitation.status, 'pending')
      assert.ok((await organizations.listOrganizationInvitations(created.id)).data.some((i) => i.id === invitation.id))
      await organizations.cancelOrganizationInvitation(created.id, invitation.id)
    } finally {
      await organizations.deleteOrganization(created.id)
    }
  })

  test('runners and audit logs, as the administrator reads them', async () => {
    // An organization lists the runners of its own regions; the shared region's are the administrator's to see.
    const runners = (await api(apiClient.RunnersApi).listRunners()).data
    assert.ok(Array.isArray(runners))
    const admin = api(apiClient.AdminApi)
    const full = (await admin.adminListRunners()).data
    assert.ok(full.length > 0)
    assert.equal((await admin.adminGetRunnerById(full[0].id)).data.id, full[0].id)
    const user = (await api(apiClient.UsersApi).getAuthenticatedUser()).data
    assert.equal((await admin.adminGetUser(user.id)).data.id, user.id)
    assert.ok(Array.isArray((await admin.adminGetAllAuditLogs(1, 5)).data.items))
    assert.ok(Array.isArray((await api(apiClient.AuditApi).getOrganizationAuditLogs(sandbox.organizationId, 1, 5)).data.items))
  })

  test('API keys: create, list, get, current, delete', async () => {
    const keys = api(apiClient.ApiKeysApi)
    const name = `wire-${suffix}`
    const created = (await keys.createApiKey({ name, permissions: ['write:sandboxes'] })).data
    try {
      assert.equal(created.name, name)
      assert.ok(created.value.startsWith('dtn_'))
      assert.ok((await keys.listApiKeys()).data.some((k) => k.name === name))
      assert.deepEqual((await keys.getApiKey(name)).data.permissions, ['write:sandboxes'])
      assert.ok((await keys.getCurrentApiKey()).data.name)
    } finally {
      await keys.deleteApiKey(name)
    }
  })

  test('docker registries: create, list, get, update, delete', async () => {
    const registries = api(apiClient.DockerRegistryApi)
    const name = `wire-${suffix}`
    const created = (
      await registries.createRegistry({ name, url: 'registry.example.com', username: 'u', password: 'p', project: 'proj' })
    ).data
    try {
      assert.equal(created.name, name)
      assert.ok((await registries.listRegistries()).data.some((r) => r.id === created.id))
      assert.equal((await registries.getRegistry(created.id)).data.url, created.url)
      const updated = (await registries.updateRegistry(created.id, { name: `${name}-2`, url: created.url, username: 'u2' })).data
      assert.equal(updated.username, 'u2')
    } finally {
      await registries.deleteRegistry(created.id)
    }
  })

  test('snapshots: list, get by name and by id', async () => {
    const page = await daytona.snapshot.list(1, 50)
    assert.ok(page.items.length > 0)
    const snapshot = await daytona.snapshot.get(page.items[0].name)
    assert.equal((await api(apiClient.SnapshotsApi).getSnapshot(snapshot.id)).data.id, snapshot.id)
  })

  test('snapshots: one of a local image, deactivated and activated again', async () => {
    const name = `wire-${suffix}`
    let snapshot = await daytona.snapshot.create({ name, image: 'localhost/daytona/sandbox:0.1.0' }, { timeout: 120 })
    try {
      assert.equal(snapshot.state, 'active')
      await api(apiClient.SnapshotsApi).deactivateSnapshot(snapshot.id)
      assert.equal((await daytona.snapshot.get(name)).state, 'inactive')
      snapshot = await daytona.snapshot.activate(snapshot)
      assert.equal(snapshot.state, 'active')
    } finally {
      await daytona.snapshot.delete(snapshot)
    }
  })

  test('volumes: get-or-create, list, get by id, delete', async () => {
    const volume = await daytona.volume.get(`wire-${suffix}`, true)
    try {
      assert.ok((await daytona.volume.list()).some((v) => v.id === volume.id))
      assert.equal((await api(apiClient.VolumesApi).getVolume(volume.id)).data.name, volume.name)
    } finally {
      await waitUntil(async () => (await daytona.volume.get(volume.name)).state === 'ready')
      await daytona.volume.delete(volume)
    }
  })

  test('sandbox reads: paginated list, toolbox proxy URL, public status, network settings', async () => {
    const sandboxes = api(apiClient.SandboxApi)
    const page = (await sandboxes.listSandboxesPaginatedDeprecated(undefined, 1, 10, undefined, undefined, JSON.stringify({ suite: 'wire' }))).data
    assert.ok(page.items.some((s) => s.id === sandbox.id))
    assert.ok((await sandboxes.getToolboxProxyUrl(sandbox.id)).data.url)
    assert.equal((await sandboxes.updatePublicStatus(sandbox.id, true)).data.public, true)
    assert.equal((await sandboxes.updatePublicStatus(sandbox.id, false)).data.public, false)
    await sandbox.updateNetworkSettings({ networkBlockAll: false })
  })

  test('toolbox info: version, ports, port in use', async () => {
    const version = (await toolbox(toolboxClient.InfoApi, sandbox).getVersion()).data
    assert.equal(typeof version.version, 'string')
    await sandbox.process.executeCommand('nohup python3 -m http.server 8123 >/dev/null 2>&1 &')
    const ports = toolbox(toolboxClient.PortApi, sandbox)
    await waitUntil(async () => (await ports.isPortInUse(8123)).data.isInUse)
    assert.ok((await ports.getPorts()).data.ports.includes(8123))
  })

  test('files: details of a folder and a file, download', async () => {
    const home = await sandbox.getUserHomeDir()
    await sandbox.fs.uploadFile(Buffer.from('wire'), `${home}/wire.txt`)
    assert.equal((await sandbox.fs.getFileDetails(home)).isDir, true)
    assert.equal((await sandbox.fs.getFileDetails(`${home}/wire.txt`)).size, 4)
    assert.equal((await sandbox.fs.downloadFile(`${home}/wire.txt`)).toString(), 'wire')
  })

  test('sessions: get, list with commands, command details and logs', async () => {
    await sandbox.process.createSession('wire')
    const run = await sandbox.process.executeSessionCommand('wire', { command: 'echo out; echo err >&2' })
    assert.equal(run.exitCode, 0)
    const session = await sandbox.process.getSession('wire')
    assert.equal(session.commands.length, 1)
    assert.ok((await sandbox.process.listSessions()).some((s) => s.sessionId === 'wire'))
    assert.equal((await sandbox.process.getSessionCommand('wire', run.cmdId)).exitCode, 0)
    assert.equal((await sandbox.process.getSessionCommandLogs('wire', run.cmdId)).stdout, 'out\n')
    await sandbox.process.createSession('wire-empty')
    assert.deepEqual((await sandbox.process.getSession('wire-empty')).commands, [], 'a session without commands')
    await sandbox.process.deleteSession('wire-empty')
    await sandbox.process.deleteSession('wire')
  })

  test('PTY sessions: info and list', async () => {
    const pty = await sandbox.process.createPty({ id: 'wire-pty', cols: 80, rows: 24, onData: () => {} })
    try {
      await pty.waitForConnection()
      const info = await sandbox.process.getPtySessionInfo('wire-pty')
      assert.equal(info.id, 'wire-pty')
      assert.ok((await sandbox.process.listPtySessions()).some((s) => s.id === 'wire-pty'))
    } finally {
      await pty.kill()
      await pty.disconnect()
    }
  })

  test('git: status, branches and history of a local repository', async () => {
    const repo = '/tmp/wire-repo'
    const init = await sandbox.process.executeCommand(
      `git init -q -b main ${repo} && cd ${repo} && echo a > a.txt && git add a.txt && ` +
        `git -c user.name=wire -c user.email=wire@example.com commit -q -m first && echo b > b.txt`,
    )
    assert.equal(init.exitCode, 0, init.result)
    const status = await sandbox.git.status(repo)
    assert.equal(status.currentBranch, 'main')
    assert.ok(status.fileStatus.some((f) => f.name === 'b.txt'))
    await sandbox.git.createBranch(repo, 'wire')
    assert.ok((await sandbox.git.branches(repo)).branches.includes('wire'))
    const history = (await toolbox(toolboxClient.GitApi, sandbox).getCommitHistory(repo)).data
    assert.equal(history[0].message.trim(), 'first')
  })

  test('code interpreter: contexts are listed with their fields', async () => {
    const context = await sandbox.codeInterpreter.createContext()
    try {
      assert.ok((await sandbox.codeInterpreter.listContexts()).some((c) => c.id === context.id))
    } finally {
      await sandbox.codeInterpreter.deleteContext(context)
    }
  })
})

async function waitUntil(condition, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
