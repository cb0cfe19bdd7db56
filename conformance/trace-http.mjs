// Optional preload that logs every HTTP request the SDK makes:
//   node --import ./trace-http.mjs --test
// Writes one line per request to stderr (or to $CONFORMANCE_TRACE_FILE).
import http from 'node:http'
import https from 'node:https'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const out = process.env.CONFORMANCE_TRACE_FILE
const log = (line) => (out ? fs.appendFileSync(out, line + '\n') : process.stderr.write(line + '\n'))

function describe(args) {
  let url = ''
  let opts = {}
  for (const a of args) {
    if (typeof a === 'string') url = a
    else if (a instanceof URL) url = a.href
    else if (a && typeof a === 'object') opts = a
  }
  if (!url) url = `${opts.protocol ?? 'http:'}//${opts.hostname ?? opts.host}:${opts.port ?? ''}${opts.path ?? ''}`
  return { url, method: opts.method ?? 'GET' }
}

for (const mod of [http, https]) {
  const orig = mod.request
  mod.request = function (...args) {
    const { url, method } = describe(args)
    const req = orig.apply(this, args)
    const started = Date.now()
    const chunks = []
    const origWrite = req.write
    req.write = function (chunk, ...rest) {
      if (chunk) chunks.push(Buffer.from(chunk))
      return origWrite.call(this, chunk, ...rest)
    }
    const origEnd = req.end
    req.end = function (chunk, ...rest) {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk))
      return origEnd.call(this, chunk, ...rest)
    }
    req.on('response', (res) => {
      const body = []
      res.on('data', (d) => body.push(d))
      res.on('end', () => {
        const headers = req.getHeaders()
        log(
          JSON.stringify({
            method,
            url,
            reqHeaders: headers,
            reqBody: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
            status: res.statusCode,
            resHeaders: res.headers,
            resBody: Buffer.concat(body).toString('utf8').slice(0, 4000),
            ms: Date.now() - started,
          }),
        )
      })
    })
    req.on('error', (e) => log(JSON.stringify({ method, url, error: String(e) })))
    return req
  }
}
syncBuiltinESMExports()
