#!/usr/bin/env bash
# Makes Podman work on hosts like this one: no systemd as PID 1, cgroups v1 with a cgroup2
# hierarchy holding only hugetlb (which crun rejects as "hybrid"), and an open-files hard limit
# that Podman's default ulimits exceed. Safe to run many times; it is also run by the server's
# launcher before the engine starts.
set -euo pipefail

log() { printf '[host-fixes] %s\n' "$*"; }

write_containers_conf() {
  local conf=/etc/containers/containers.conf
  local nofile
  nofile=$(ulimit -Hn)
  [ "$nofile" = unlimited ] && nofile=1048576
  local wanted
  wanted=$(cat <<EOF
# Written by daytona scripts/host-fixes.sh
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=32768:32768"]
init_path = "/usr/libexec/podman/catatonit"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "crun"
EOF
)
  if [ -f "$conf" ] && [ "$(cat "$conf")" = "$wanted" ]; then
    return
  fi
  mkdir -p /etc/containers
  printf '%s\n' "$wanted" > "$conf"
  log "wrote $conf"
}

fix_hybrid_cgroups() {
  # A cgroup2 hierarchy that still owns controllers next to v1 makes crun refuse to start
  # containers; moving hugetlb to a v1 mount empties it.
  local unified=/sys/fs/cgroup/unified/cgroup.controllers
  [ -f "$unified" ] || return 0
  [ -n "$(tr -d '[:space:]' < "$unified")" ] || return 0
  [ -d /sys/fs/cgroup/cpu ] || return 0
  mkdir -p /sys/fs/cgroup/hugetlb
  if ! mountpoint -q /sys/fs/cgroup/hugetlb; then
    mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
    log "mounted the hugetlb controller as cgroup v1"
  fi
}

write_containers_conf
fix_hybrid_cgroups
