package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.ReadLimits;
import dev.batoncf.config.ConfigException;
import dev.batoncf.config.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** -f and --sync-id: which c1z file, and which sync in it, a reading command reads. */
public final class SyncFileOptions {
  /** 1 PiB: beyond any real file, and far from overflowing a byte count. */
  private static final long MAX_MIB = 1L << 30;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "c1z file to read (env BATON_FILE, default sync.c1z)")
  String file;

  @Option(
      names = "--sync-id",
      paramLabel = "ID",
      description = "Read this sync instead of the latest finished one")
  String syncId;

  Path path(Map<String, String> env) {
    String f = file != null ? file : env.getOrDefault(Key.FILE.env(), Key.FILE.defaultValue());
    try {
      return Path.of(f);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException(Key.FILE.env() + " is not a valid path (" + e.getReason() + ")");
    }
  }

  C1zReader open(Map<String, String> env) throws IOException {
    return open(path(env), syncId, env);
  }

  /** {@code file} at {@code syncId} (latest when null), within the decoding limits of env. */
  static C1zReader open(Path file, String syncId, Map<String, String> env) throws IOException {
    return C1zReader.open(file, syncId, null, limits(env));
  }

  /** The decoded-size cap: {@value ReadLimits#SETTING} (MiB, Baton's name), else the default. */
  static ReadLimits limits(Map<String, String> env) {
    String v = env.get(ReadLimits.SETTING);
    if (v == null || v.isBlank()) {
      return ReadLimits.DEFAULT;
    }
    long mib;
    try {
      mib = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      mib = -1;
    }
    if (mib < 1 || mib > MAX_MIB) {
      throw new ConfigException(
          ReadLimits.SETTING
              + " must be a whole number of MiB from 1 to "
              + MAX_MIB
              + ", not '"
              + v
              + "'");
    }
    return ReadLimits.ofMegabytes(mib);
  }
}
