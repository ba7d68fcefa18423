package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.config.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** -f and -o for the commands that read a c1z file. */
public final class ReaderOptions {
  enum Format { console, json }

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "c1z file to read (env BATON_FILE, default sync.c1z)")
  String file;

  @Option(names = {"-o", "--output-format"}, paramLabel = "FORMAT",
      description = "console or json (default console)")
  Format format = Format.console;

  @Option(names = "--sync-id", paramLabel = "ID", description = "Read this sync instead of the latest finished one")
  String syncId;

  Path path(Map<String, String> env) {
    String f = file != null ? file : env.getOrDefault(Key.FILE.env(), Key.FILE.defaultValue());
    return Path.of(f);
  }

  boolean json() {
    return format == Format.json;
  }

  C1zReader open(Map<String, String> env) throws IOException {
    return C1zReader.open(path(env), syncId);
  }
}
