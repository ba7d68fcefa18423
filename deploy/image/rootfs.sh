#!/usr/bin/env bash
# Builds the file tree the container image adds on top of 'scratch': a jlink'd Java runtime under
# /opt/java, the few shared libraries it and the bundled native code (SQLite, zstd, Netty) need,
# CA certificates, a non-root user and /tmp. Runs on the build machine with its own JDK; no
# container registry or Docker daemon is involved. Called by `mvn -Pimage package`.
#   rootfs.sh <shaded jar> <output dir>
set -euo pipefail
jar="$(readlink -f "$1")"
out="$2"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/data"

# The modules the jar uses (jdeps), plus the EC/EdDSA provider (TLS, service-mode Ed25519).
modules="$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar"),jdk.crypto.ec"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/opt/java"

# Debian's JDK keeps cacerts as a symlink into /etc; put the real store into the runtime.
cacerts="$(readlink -f "$java_home/lib/security/cacerts")"
rm -f "$out/opt/java/lib/security/cacerts"
cp "$cacerts" "$out/opt/java/lib/security/cacerts"

# java.desktop is there for java.beans only; its AWT, sound and font natives are never loaded
# headless, and would drag in X11 and friends.
(cd "$out/opt/java/lib" && rm -f libawt_xawt.so libawt_headless.so libawt.so libsplashscreen.so libjawt.so \
  libfontmanager.so liblcms.so libjavajpeg.so libmlib_image.so libjsound.so)

# Native libraries the jar unpacks at run time, so their dependencies are copied too.
natives="$(mktemp -d)"
trap 'rm -rf "$natives"' EXIT
(cd "$natives" && unzip -q -o "$jar" \
  'org/sqlite/native/Linux/x86_64/*' 'linux/amd64/*' \
  'META-INF/native/libio_grpc_netty_shaded_netty_tcnative_linux_x86_64.so' \
  'META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_x86_64.so')

# Every shared library any of those ELF files loads, with the dynamic loader, at its own path.
copy_lib() {
  local lib="$1"
  [ -e "$out$lib" ] && return 0
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
}
while IFS= read -r elf; do
  ldd "$elf" 2>/dev/null | awk '/=> \//{print $3} /^[ \t]*\/[^ ]+ \(/{print $1}' | while IFS= read -r lib; do
    case "$lib" in "$out"*) ;; *) copy_lib "$lib" ;; esac
  done
done < <(find "$out/opt/java" "$natives" -type f \( -name '*.so' -o -path '*/bin/*' \))
# glibc resolves names through NSS; since 2.34 'files' and 'dns' are inside libc itself.
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/data:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
echo "rootfs: $(du -sh "$out" | cut -f1) in $out (modules: $modules)"
