package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.config.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** -f and --sync-id: which c1z file, and which sync in it, a reading command reads. */
public final class SyncFileOptions {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "c1z file to read (env BATON_FILE, default sync.c1z)")
  String file;

  @Option(names = "--sync-id", paramLabel = "ID", description = "Read this sync instead of the latest finished one")
  String syncId;

  Path path(Map<String, String> env) {
    String f = file != null ? file : env.getOrDefault(Key.FILE.env(), Key.FILE.defaultValue());
    return Path.of(f);
  }

  C1zReader open(Map<String, String> env) throws IOException {
    return C1zReader.open(path(env), syncId);
  }
}
