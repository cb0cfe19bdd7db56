#!/usr/bin/env bash
# Builds the default sandbox image from Debian packages, without any registry:
# debootstrap a minimal bookworm, add the sandbox user, import it into Podman.
# Skips the build when an image built from this same recipe already exists.
set -euo pipefail

IMAGE=${DAYTONA_SANDBOX_IMAGE:-localhost/daytona/sandbox:0.1.0}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# debootstrap resolves Recommends too, so it only lays down the base; the rest is installed with
# apt-get --no-install-recommends inside the new root (gcc and boost would otherwise come along).
BASE_PACKAGES=bash,coreutils,ca-certificates,sudo,procps
PACKAGES="python3 python3-pip python3-venv python3-matplotlib python3-numpy git curl less nano
  iproute2 iputils-ping openssh-client openssh-sftp-server tar gzip unzip xz-utils
  nodejs npm python3-pylsp"
# The desktop behind /computeruse (started only on /computeruse/start, see docs/computer-use.md):
# Xvfb as the display; the Xfce pieces upstream runs (xfwm4 window manager, panel, desktop,
# session, terminal: about 40 MB on top of GTK 3, which the accessibility tree needs anyway);
# x11vnc and noVNC (websockify) for the browser view; xdotool and wmctrl drive input and list
# windows; ffmpeg records (x11grab); at-spi2 with pyatspi and GTK's bridge serve the
# accessibility tree; xterm is a tiny window to test with.
DESKTOP_PACKAGES="xvfb xauth x11-utils x11-xserver-utils dbus-x11 at-spi2-core libatk-adaptor
  xfwm4 xfce4-panel xfdesktop4 xfce4-session xfce4-settings xfconf xfce4-terminal xterm
  fonts-dejavu-core x11vnc novnc websockify xdotool wmctrl ffmpeg
  python3-pyatspi python3-gi gir1.2-gtk-3.0"

# Installed globally with npm (Debian has none of them): ts-node runs TypeScript for code-run, the
# language server drives LSP for TypeScript and JavaScript. Pinned: bookworm's node is 18, and
# typescript-language-server 5 needs 20.
NPM_PACKAGES="typescript@5.9.3 typescript-language-server@4.4.1 ts-node@10.9.2 @types/node@18.19.130"

log() { printf '[image] %s\n' "$*"; }

recipe=$(cat "$0" | sha256sum | cut -c1-16)
existing=$(podman image inspect --format '{{ index .Labels "io.daytona.recipe" }}' "$IMAGE" 2>/dev/null || true)
if [ "$existing" = "$recipe" ]; then
  log "$IMAGE is up to date (recipe $recipe)"
  exit 0
fi

work=$(mktemp -d /var/tmp/daytona-image.XXXXXX)
trap 'umount -R "$work/rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
log "debootstrap bookworm into $work/rootfs"
debootstrap --variant=minbase --include="$BASE_PACKAGES" bookworm "$work/rootfs" "$MIRROR" > "$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  exit 1
}

log "installing packages and adding user daytona (uid 1000, passwordless sudo)"
cp /etc/resolv.conf "$work/rootfs/etc/resolv.conf"
chroot "$work/rootfs" /bin/bash -euo pipefail -c "
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends $(echo $PACKAGES $DESKTOP_PACKAGES)
" > "$work/apt.log" 2>&1 || { tail -30 "$work/apt.log" >&2; exit 1; }
# npm checks TLS against the build host's CAs (an egress proxy may re-sign registry traffic); the
# copy lives in the new root's /tmp only while npm runs.
cp "${DAYTONA_BUILD_CA_FILE:-/etc/ssl/certs/ca-certificates.crt}" "$work/rootfs/tmp/build-ca.crt"
chroot "$work/rootfs" /bin/bash -euo pipefail -c "
  npm install --global --no-audit --no-fund --omit=dev --cafile /tmp/build-ca.crt $NPM_PACKAGES
  npm cache clean --force
  rm -f /tmp/build-ca.crt
" > "$work/npm.log" 2>&1 || { tail -30 "$work/npm.log" >&2; exit 1; }
chroot "$work/rootfs" /bin/bash -euo pipefail -c '
  groupadd --gid 1000 daytona
  useradd --uid 1000 --gid 1000 --create-home --home-dir /home/daytona --shell /bin/bash daytona
  echo "daytona ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/daytona
  chmod 0440 /etc/sudoers.d/daytona
  apt-get clean
  rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /usr/share/doc/* /usr/share/man/* /tmp/*
'
# Resolved by the engine at run time.
: > "$work/rootfs/etc/resolv.conf"
echo daytona > "$work/rootfs/etc/hostname"

log "importing as $IMAGE"
tar -C "$work/rootfs" --numeric-owner -c . | podman import \
  --change 'USER daytona' \
  --change 'WORKDIR /home/daytona' \
  --change 'ENV HOME=/home/daytona' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENTRYPOINT ["sleep", "infinity"]' \
  --change "LABEL io.daytona.recipe=$recipe" \
  - "$IMAGE" > /dev/null
log "built $IMAGE ($(podman image inspect --format '{{.Size}}' "$IMAGE") bytes)"
