package dev.batoncf.service;

import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHelloRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What Hello tells the host about this machine and build, filled the way Baton's SDK fills it
 * (gopsutil's host info, with its fallbacks for empty values), every value at most 256 characters.
 */
final class HostInfo {
  static final String HOST_ID_ENV = "BATON_HOST_ID";

  /** Baton's SDK falls back to this id when the machine has no name. */
  static final String FALLBACK_HOST_ID = "baton-sdk";

  static final String PACKAGE = "dev.batoncf/baton-cloudflare";
  private static final int MAX = 256;

  private HostInfo() {}

  /** {@code BATON_HOST_ID} when set (even empty, as in Go), else the hostname. */
  static String hostId(Map<String, String> env) {
    String id = env.containsKey(HOST_ID_ENV) ? env.get(HOST_ID_ENV) : hostname();
    return cap(id == null || id.isEmpty() ? FALLBACK_HOST_ID : id);
  }

  static String hostname() {
    String name = firstLine(Path.of("/proc/sys/kernel/hostname"));
    if (name.isEmpty()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "";
      }
    }
    return name;
  }

  static BatonServiceHelloRequest.BuildInfo buildInfo(String version) {
    return BatonServiceHelloRequest.BuildInfo.newBuilder()
        .setLangVersion(cap("java" + System.getProperty("java.version", "0.0.0")))
        .setPackage(PACKAGE)
        .setPackageVersion(cap(version))
        .build();
  }

  static BatonServiceHelloRequest.OSInfo osInfo() {
    Map<String, String> release = osRelease();
    String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    os = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : os;
    String kernel = System.getProperty("os.version", "");
    String platform = release.getOrDefault("ID", "");
    String family = release.getOrDefault("ID_LIKE", "").split(" ")[0];
    String version = release.getOrDefault("VERSION_ID", "");
    String host = hostname();
    platform = platform.isEmpty() ? os : platform;
    kernel = kernel.isEmpty() ? "unknown" : kernel;
    return BatonServiceHelloRequest.OSInfo.newBuilder()
        .setHostname(cap(host.isEmpty() ? "unknown" : host))
        .setOs(cap(os))
        .setPlatform(cap(platform))
        .setPlatformFamily(cap(family.isEmpty() ? platform : family))
        .setPlatformVersion(cap(version.isEmpty() ? kernel : version))
        .setKernelVersion(cap(kernel))
        .setKernelArch(cap(arch(System.getProperty("os.arch", ""))))
        .setVirtualizationSystem(virtualization())
        .build();
  }

  /** uname -m names, as gopsutil reports them (the JVM says amd64 where Linux says x86_64). */
  static String arch(String jvmArch) {
    return switch (jvmArch) {
      case "amd64", "x86_64" -> "x86_64";
      case "x86", "i386" -> "i386";
      case "" -> "unknown";
      default -> jvmArch;
    };
  }

  private static String virtualization() {
    if (Files.exists(Path.of("/.dockerenv"))) {
      return "docker";
    }
    if (Files.exists(Path.of("/run/.containerenv"))) {
      return "podman";
    }
    return "none";
  }

  private static Map<String, String> osRelease() {
    Map<String, String> m = new HashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"), StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no os-release: the fallbacks above apply
    }
    return m;
  }

  private static String firstLine(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  static String cap(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX);
  }
}
