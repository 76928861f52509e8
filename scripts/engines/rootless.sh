#!/usr/bin/env bash
# Starts a rootless Docker engine for a user of its own, with Debian's packages (docker.io's contrib scripts,
# rootlesskit, slirp4netns, uidmap), to see what labgrade's bounds do there (docs/engines.md). Run as root.
# The system's engine is not touched: the rootless one has its own user, data, sockets and network namespace.
#   rootless.sh start [--load-images]   prints the engine's socket (unix://…) on stdout; --load-images copies the lab
#                                       images from the system's engine (docker save | docker load)
#   rootless.sh stop [--remove-user]    stops it and removes its data (and the user)
# Environment: LABGRADE_ROOTLESS_USER (default lgrootless).
# There is no systemd user session: the engine is started by hand, and on cgroup v1 it runs without cgroups.
set -euo pipefail
user="${LABGRADE_ROOTLESS_USER:-lgrootless}"
contrib=/usr/share/docker.io/contrib
log() { printf 'rootless: %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "run as root"; exit 1; }

paths() {
  uid=$(id -u "$user")
  home=$(getent passwd "$user" | cut -d: -f6)
  runtime="/run/user/$uid"
  data="$home/lgdocker-data"
  socket="unix://$runtime/docker.sock"
}

start() {
  local need=()
  for tool in rootlesskit slirp4netns newuidmap setfacl; do command -v "$tool" >/dev/null || need+=("$tool"); done
  if [ ${#need[@]} -gt 0 ]; then
    log "installing rootlesskit slirp4netns uidmap acl (missing: ${need[*]})"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rootlesskit slirp4netns uidmap acl >&2
  fi
  [ -x "$contrib/dockerd-rootless.sh" ] || { log "$contrib/dockerd-rootless.sh is missing (Debian's docker.io has it)"; exit 1; }
  # useradd gives a new user its /etc/subuid and /etc/subgid ranges (SUB_UID_* in login.defs).
  id "$user" >/dev/null 2>&1 || { log "creating user $user"; useradd -m -s /bin/bash "$user"; }
  grep -q "^$user:" /etc/subuid || usermod --add-subuids 200000-265535 "$user"
  grep -q "^$user:" /etc/subgid || usermod --add-subgids 200000-265535 "$user"
  paths
  install -d -o "$user" -g "$user" -m 700 "$runtime"
  # slirp4netns makes a tap device in the engine's network namespace: the user must be able to open /dev/net/tun.
  su "$user" -s /bin/sh -c 'test -r /dev/net/tun -a -w /dev/net/tun' || { log "letting $user open /dev/net/tun (setfacl)"; setfacl -m "u:$user:rw" /dev/net/tun; }
  if DOCKER_HOST="$socket" docker version >/dev/null 2>&1; then log "already running"; echo "$socket"; return; fi
  log "starting dockerd-rootless.sh as $user (data in $data, log in $home/dockerd.log)"
  su - "$user" -c "export XDG_RUNTIME_DIR=$runtime PATH=$contrib:/usr/sbin:/sbin:\$PATH; nohup dockerd-rootless.sh --data-root $data >$home/dockerd.log 2>&1 & echo \$! >$home/dockerd.pid"
  for _ in $(seq 60); do
    if DOCKER_HOST="$socket" docker version >/dev/null 2>&1; then break; fi
    sleep 1
  done
  DOCKER_HOST="$socket" docker version >/dev/null 2>&1 || { log "the engine did not answer; see $home/dockerd.log"; tail -5 "$home/dockerd.log" >&2; exit 1; }
  if [ "${1:-}" = --load-images ]; then
    log "copying the lab images from the system's engine"
    DOCKER_HOST=unix:///var/run/docker.sock docker save hello-world:latest python:latest labgrade/lab-hello-world:latest labgrade/lab-python:latest | DOCKER_HOST="$socket" docker load >&2
  fi
  echo "$socket"
}

stop() {
  id "$user" >/dev/null 2>&1 || { log "no user $user"; return; }
  paths
  if [ -s "$home/dockerd.pid" ]; then
    local pid
    pid=$(cat "$home/dockerd.pid")
    # rootlesskit's own pid: stopping it stops dockerd and containerd inside its namespaces.
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      log "stopped the engine (rootlesskit $pid)"
    fi
    rm -f "$home/dockerd.pid"
  fi
  if [ -d "$data" ]; then rm -rf "$data" && log "removed $data"; fi
  # Only this user's entry goes; an ACL left with no named entry is removed whole, as the device was before.
  setfacl -x "u:$user" /dev/net/tun 2>/dev/null || true
  getfacl -cp /dev/net/tun 2>/dev/null | grep -q '^user:[^:]' || setfacl -b /dev/net/tun 2>/dev/null || true
  rm -rf "$runtime"
  if [ "${1:-}" = --remove-user ]; then userdel -r "$user" 2>/dev/null && log "removed user $user"; fi
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) log "usage: rootless.sh start [--load-images] | stop [--remove-user]"; exit 2 ;;
esac
