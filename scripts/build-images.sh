#!/usr/bin/env bash
# Builds the two production images (liftlog-core, liftlog-stats) with rootful podman, no Docker engine
# needed. Where the public base image cannot be pulled (CI here, air-gapped sites) it first makes a
# stand-in for node:24-bookworm-slim from Debian packages and the Node.js binary the npm registry ships.
#
#   scripts/build-images.sh [tag]          tag defaults to "dev"; images: localhost/liftlog-{core,stats}:<tag>
#
# Environment: IMAGES_WORK (podman storage and scratch, kept between runs as a cache;
# default /var/tmp/liftlog-images), NODE_IMAGE (base,
# default node:24-bookworm-slim), NODE_VERSION (stand-in's Node, default 24), DEBIAN_MIRROR (for the
# stand-in, default: the mirror apt is configured with). The npm registry `npm config get registry`
# prints and this machine's CA bundle are passed into the builds, so a private registry or a
# TLS-inspecting proxy works without editing the Dockerfiles.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:-dev}"
work="${IMAGES_WORK:-/var/tmp/liftlog-images}" && mkdir -p "$work" && work="$(cd "$work" && pwd)"
node_image="${NODE_IMAGE:-node:24-bookworm-slim}"

if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  echo "== installing podman (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman runc debootstrap uidmap slirp4netns fuse-overlayfs \
    containernetworking-plugins golang-github-containers-common catatonit >/dev/null
fi

# Private podman settings: nothing global changes. runc (crun refuses hybrid cgroups), cgroupfs, and
# rlimits a session without CAP_SYS_RESOURCE may set.
. scripts/podman-env.sh "$work"

if ! podman image exists "$node_image" && ! timeout 60 podman pull -q "$node_image" >/dev/null 2>&1; then
  echo "== $node_image cannot be pulled: making a stand-in (debootstrap + Node.js from the npm registry)"
  rootfs="$work/base-rootfs"
  rm -rf "$rootfs" && mkdir -p "$rootfs"
  mirror="${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}"
  mirror="${mirror:-$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)}"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log"; exit 1; }
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) echo "unsupported $(uname -m)"; exit 1 ;; esac
  packs="$work/packs" && rm -rf "$packs" && mkdir -p "$packs"
  (cd "$packs" && npm pack -q "node-linux-$arch@${NODE_VERSION:-24}" "npm@11" >/dev/null)
  tar -xzf "$packs"/node-linux-*.tgz -C "$packs" && install -m 755 "$packs/package/bin/node" "$rootfs/usr/local/bin/node"
  rm -rf "$packs/package" && tar -xzf "$packs"/npm-*.tgz -C "$packs"
  mkdir -p "$rootfs/usr/local/lib/node_modules" && mv "$packs/package" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  chroot "$rootfs" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import -q \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' - "docker.io/library/$node_image" >/dev/null
  rm -rf "$rootfs" "$packs"
fi

registry="$(npm config get registry)"
ca="${NPM_CA_FILE:-/etc/ssl/certs/ca-certificates.crt}"
secret=()
[ -f "$ca" ] && secret=(--secret "id=npm_ca,src=$ca")
for service in core stats; do
  echo "== building liftlog-$service:$tag"
  start=$(date +%s)
  podman build -q --isolation chroot --network host --pull=never --format docker \
    --build-arg "NODE_IMAGE=$node_image" --build-arg "NPM_REGISTRY=$registry" "${secret[@]}" \
    -f "$service-service/Dockerfile" -t "localhost/liftlog-$service:$tag" . >/dev/null
  size=$(podman image inspect --format '{{.Size}}' "localhost/liftlog-$service:$tag")
  echo "   built in $(($(date +%s) - start)) s, $((size / 1024 / 1024)) MB"
done
