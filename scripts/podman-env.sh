# Sourced by scripts/build-images.sh and the image tests: points podman at private settings under the
# folder given ($1) so nothing global changes. runc, not crun (crun 1.8 refuses hybrid cgroups); rlimits
# a session without CAP_SYS_RESOURCE may set; the kernel's overlay driver (vfs copies every layer).
work="$1"
mkdir -p "$work/storage" "$work/run"
cat >"$work/containers.conf" <<EOF
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
EOF
cat >"$work/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$work/storage"
runroot = "$work/run"
EOF
export CONTAINERS_CONF="$work/containers.conf" CONTAINERS_STORAGE_CONF="$work/storage.conf"
