#!/usr/bin/env bash
# Runs the built image without a container engine: unpacks its layers into a directory and starts
# the image's entrypoint there with chroot (needs root), as the image's user. Checks that the
# runtime, SQLite, zstd and Netty natives, TLS certificates and the health server all work:
# simulator -> daemon (--health-check --serve) -> /ready and /metrics -> SIGTERM -> exit 0.
#   sudo deploy/image/smoke-test.sh target/baton-cloudflare-image.tar
set -euo pipefail
tar_file="$(readlink -f "$1")"
work="$(mktemp -d)"
root="$work/rootfs"
cleanup() {
  [ -n "${daemon:-}" ] && kill "$daemon" 2>/dev/null || true
  [ -n "${sim:-}" ] && kill "$sim" 2>/dev/null || true
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$root" "$work/image"
tar -xf "$tar_file" -C "$work/image"
# Layers in manifest order; the config's entrypoint and user.
for layer in $(grep -o '"Layers":\[[^]]*\]' "$work/image/manifest.json" | grep -o '[0-9a-f]\{64\}\.tar\.gz'); do
  tar --warning=no-unknown-keyword -xzf "$work/image/$layer" -C "$root"
done
entrypoint=$(grep -o '"Entrypoint":\[[^]]*\]' "$work/image/config.json" | sed 's/"Entrypoint":\[//; s/\]$//; s/","/ /g; s/"//g')
user=$(grep -o '"User":"[^"]*"' "$work/image/config.json" | cut -d'"' -f4)
mkdir -p "$root/proc" "$root/data/out"
chown -R "$user" "$root/data"
mount -t proc proc "$root/proc"   # the loader finds libjli.so through /proc/self/exe
chroot_bin="$(command -v chroot)"
# The image's environment only (plus the demo token where asked): nothing leaks in from here.
run() { env -i PATH=/opt/java/bin JAVA_HOME=/opt/java ${TOKEN:+BATON_API_TOKEN=$TOKEN} \
  "$chroot_bin" --userspec="$user" "$root" $entrypoint "$@"; }
# In the background: exec, so that $! is the JVM itself and SIGTERM reaches it.
start() { exec env -i PATH=/opt/java/bin JAVA_HOME=/opt/java ${TOKEN:+BATON_API_TOKEN=$TOKEN} \
  "$chroot_bin" --userspec="$user" "$root" $entrypoint "$@"; }

run --version
start simulator --port 18799 > "$work/sim.log" 2>&1 &
sim=$!
sleep 3
TOKEN=sim-demo-account-token-NOT-A-REAL-SECRET-0001 start daemon --output-dir /data/out --sync-interval 1h --health-check \
  --health-check-port 18098 --serve --listen 127.0.0.1:0 --account-id 9d2c7e4b1a6f48e3b5c0d8a7f6e5d4c3 \
  --base-url http://127.0.0.1:18799/client/v4 --log-format console > "$work/daemon.out" 2> "$work/daemon.err" &
daemon=$!
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:18098/ready > /dev/null && break
  sleep 1
done
cat "$work/daemon.out"
curl -sf http://127.0.0.1:18098/ready
curl -sf http://127.0.0.1:18098/metrics | grep -E '^baton_cloudflare_(syncs_total|last_sync_grants) '
ls -l "$root/data/out"
kill -TERM "$daemon"
set +e
wait "$daemon"
code=$?
set -e
daemon=
tail -2 "$work/daemon.err"
echo "daemon exit code: $code"
[ "$code" -eq 0 ]
echo "image smoke test: OK"
