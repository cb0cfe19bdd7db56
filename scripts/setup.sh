#!/usr/bin/env bash
# One-command set-up for a fresh Debian 12 machine, run as root.
# Installs the system packages, checks the JDK, configures Podman for hosts without systemd,
# and builds the default sandbox image locally. Idempotent: a second run changes nothing.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}

log() { printf '[setup] %s\n' "$*"; }

require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh must run as root (it installs packages and configures the container engine)" >&2
    exit 1
  fi
}

install_packages() {
  local wanted=(podman crun catatonit conmon debootstrap nftables iproute2 buildah skopeo uidmap
                containernetworking-plugins curl ca-certificates git jq zstd tar
                openssh-client wrk   # ssh/scp/sftp drive the SSH gateway's tests; wrk the proxy benchmark
                docker-registry apache2-utils openssl  # a private registry (TLS, htpasswd) for the registry tests
                e2fsprogs util-linux  # every sandbox's disk is a capped ext4 file (mkfs.ext4, resize2fs, mount)
                runsc)  # gVisor, for `daytona server --runtime runsc`
  # headless Chromium opens previews and the web terminal in BrowserPreviewTest
  wanted+=(chromium)
  # Node runs the official TypeScript SDK's conformance tests; keep a Node already installed
  # (its npm may come from another package than Debian's).
  command -v node >/dev/null && command -v npm >/dev/null || wanted+=(nodejs npm)
  # The tests' "internet" servers (a plain HTTP server, git http-backend behind a CGI bridge) are Python.
  command -v python3 >/dev/null || wanted+=(python3)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "system packages already installed"
    return
  fi
  log "installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

check_jdk() {
  if [ ! -x "$JAVA_HOME/bin/java" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    echo "A Java 25 JDK is required at $JAVA_HOME (Temurin 25). Set JAVA_HOME_25 to another Java 25 JDK." >&2
    exit 1
  fi
  log "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
}

configure_podman() {
  "$here/scripts/host-fixes.sh"
}

build_image() {
  "$here/images/sandbox/build.sh"
}

require_root
install_packages
check_jdk
configure_podman
build_image
log "done. Start the platform with: ./daytona server"
