// Summary of a wire-check run (see wire-check.mjs):
//   node wire-report.mjs [report]      (default $CONFORMANCE_WIRE_REPORT or wire-report.jsonl)
// Prints how many responses were checked, every distinct violation, the exceptions that matched and
// those that matched nothing; exits 1 if there is a violation or if no response was checked at all.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatViolations } from './wire-schema.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const reportFile = path.resolve(process.argv[2] || process.env.CONFORMANCE_WIRE_REPORT || path.join(here, 'wire-report.jsonl'))
const { exceptions } = JSON.parse(fs.readFileSync(path.join(here, 'wire-exceptions.json'), 'utf8'))

const records = fs.existsSync(reportFile)
  ? fs.readFileSync(reportFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  : []
const of = (type) => records.filter((r) => r.type === type)
const summaries = of('summary')
const violations = of('violation')
const excepted = of('excepted')
const checked = summaries.reduce((n, s) => n + s.checked, 0)
const parts = summaries.reduce((n, s) => n + (s.bulkDownloadParts ?? 0), 0)
const operations = new Set(summaries.flatMap((s) => Object.keys(s.operations)))
const used = new Set(summaries.flatMap((s) => s.exceptionsUsed))

const out = [
  `wire check: ${checked} responses of ${operations.size} operations checked in ${summaries.length} test files ` +
    `(${parts} bulk-download parts); ` +
    `${violations.length} violations, ${excepted.length} excepted (${reportFile})`,
]
if (violations.length) out.push('violations:', ...formatViolations(violations))
if (excepted.length) {
  out.push('excepted (wire-exceptions.json):')
  const seen = new Map()
  for (const r of excepted) seen.set(`${r.operation} ${r.schemaPath} ${r.problem}`, (seen.get(`${r.operation} ${r.schemaPath} ${r.problem}`) ?? 0) + 1)
  for (const [key, n] of seen) out.push(`  ${key} (${n}x)`)
  for (const [i, e] of exceptions.entries()) if (used.has(i)) out.push(`  because: ${e.reason}`)
}
const unused = exceptions.filter((_, i) => !used.has(i))
if (unused.length) {
  out.push('exceptions that matched nothing in this run (stale, or their test did not run):')
  for (const e of unused) out.push(`  ${e.operations.join(', ')} ${e.paths.join(', ')} ${e.problem}`)
}
console.log(out.join('\n'))
if (violations.length > 0 || checked === 0) process.exitCode = 1
