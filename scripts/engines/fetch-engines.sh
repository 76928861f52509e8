#!/usr/bin/env bash
# Downloads newer Docker engines from Debian's own archive and extracts them beside each other, without
# installing anything over the system's engine:
#   <cache>/<suite>/root/usr/{bin,sbin}/…   (dockerd, docker, containerd, containerd-shim-runc-v2, runc, buildx)
#   <cache>/<suite>/bin/                    (links to those, and a runc that runs here: see below)
# The newer runc needs glibc 2.38; Debian bookworm has 2.36. The suite's own glibc and libseccomp are extracted
# beside it and patchelf points runc at them; without patchelf, the system's runc is linked instead.
# Usage: fetch-engines.sh [cache dir (default /var/cache/labgrade-engines)] [suites (default "trixie sid")]
set -euo pipefail
cache="${1:-${LABGRADE_ENGINES_CACHE:-/var/cache/labgrade-engines}}"
suites="${2:-trixie sid}"
mirror="${LABGRADE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
log() { printf 'engines: %s\n' "$*" >&2; }

fetch_suite() {
  local suite=$1 dir="$cache/$1"
  if [ -x "$dir/bin/dockerd" ] && [ -x "$dir/bin/runc" ] && [ -e "$dir/debs/.complete" ]; then log "$suite: already in $dir"; return; fi
  mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs" "$dir/root" "$dir/bin"
  printf 'deb %s %s main\n' "$mirror" "$suite" >"$dir/apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$dir/apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$dir/apt/lists"
    -o "Dir::Cache=$dir/apt/cache" -o Dir::State::status=/var/lib/dpkg/status -o APT::Get::List-Cleanup=0)
  log "$suite: reading the package lists from $mirror"
  apt-get "${opts[@]}" update -qq
  local packages=(docker.io containerd runc libc6 libseccomp2 docker-buildx)
  log "$suite: downloading ${packages[*]}"
  for package in "${packages[@]}"; do
    (cd "$dir/debs" && apt-get "${opts[@]}" download "$package" 2>&1 | grep -v '^Get:\|unsandboxed' >&2) || log "$suite: no $package"
  done
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
  local r="$dir/root"
  for tool in dockerd docker containerd containerd-shim-runc-v2 docker-proxy docker-buildx; do
    for where in usr/sbin usr/bin usr/libexec/docker/cli-plugins; do
      if [ -x "$r/$where/$tool" ]; then ln -sf "$r/$where/$tool" "$dir/bin/$tool"; break; fi
    done
  done
  local ld lib
  ld=$(find "$r" -name 'ld-linux-x86-64.so.2' | head -1)
  lib=$(dirname "$(find "$r" -name 'libc.so.6' | head -1)")
  if command -v patchelf >/dev/null 2>&1 && [ -n "$ld" ]; then
    cp "$r/usr/sbin/runc" "$dir/bin/runc"
    patchelf --set-interpreter "$ld" --set-rpath "$lib" "$dir/bin/runc"
    log "$suite: runc $("$dir/bin/runc" --version | head -1 | awk '{print $3}') runs with the suite's own glibc"
  else
    ln -sf "$(command -v runc)" "$dir/bin/runc"
    log "$suite: no patchelf: the system's runc stands in ($(runc --version | head -1))"
  fi
  "$dir/bin/dockerd" --version >&2
  touch "$dir/debs/.complete"
}

for suite in $suites; do fetch_suite "$suite"; done
