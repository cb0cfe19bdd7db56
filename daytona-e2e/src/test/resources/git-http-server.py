#!/usr/bin/env python3
# A git smart-HTTP server with basic authentication, for tests: every request must carry the
# configured user and password, then it is handed to `git http-backend` as a CGI request.
# Usage: git-http-server.py <bind address> <port> <project root> <user> <password>
import base64
import hmac
import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

BIND, PORT, ROOT, USER, PASSWORD = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
EXPECTED = 'Basic ' + base64.b64encode(f'{USER}:{PASSWORD}'.encode()).decode()


class GitHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.serve()

    def do_POST(self):
        self.serve()

    def serve(self):
        if not hmac.compare_digest(self.headers.get('Authorization', ''), EXPECTED):
            self.send_response(401)
            self.send_header('WWW-Authenticate', 'Basic realm="git"')
            self.send_header('Content-Length', '0')
            self.end_headers()
            return
        body = self.read_body()
        url = urlsplit(self.path)
        env = {
            'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
            'GIT_PROJECT_ROOT': ROOT,
            'GIT_HTTP_EXPORT_ALL': '1',
            'REQUEST_METHOD': self.command,
            'PATH_INFO': url.path,
            'QUERY_STRING': url.query,
            'CONTENT_TYPE': self.headers.get('Content-Type', ''),
            'CONTENT_LENGTH': str(len(body)),
            'REMOTE_USER': USER,
            'REMOTE_ADDR': self.client_address[0],
            'GATEWAY_INTERFACE': 'CGI/1.1',
            'SERVER_PROTOCOL': 'HTTP/1.1',
        }
        for name, value in self.headers.items():
            env['HTTP_' + name.upper().replace('-', '_')] = value
        if 'HTTP_GIT_PROTOCOL' in env:
            env['GIT_PROTOCOL'] = env['HTTP_GIT_PROTOCOL']
        result = subprocess.run(['git', 'http-backend'], input=body, env=env, capture_output=True)
        head, _, payload = result.stdout.partition(b'\r\n\r\n')
        if not _:
            head, _, payload = result.stdout.partition(b'\n\n')
        status = 200
        headers = []
        for line in head.decode('latin-1').splitlines():
            name, _, value = line.partition(':')
            if name.lower() == 'status':
                status = int(value.strip().split(' ')[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def read_body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return b''.join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get('Content-Length', '0')))

    def log_message(self, format, *args):
        pass


ThreadingHTTPServer((BIND, PORT), GitHandler).serve_forever()
