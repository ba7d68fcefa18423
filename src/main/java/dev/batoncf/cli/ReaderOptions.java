package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** -f, --sync-id and -o for the commands that list a c1z file's rows. */
public final class ReaderOptions {
  enum Format {
    console,
    json
  }

  @Mixin SyncFileOptions source = new SyncFileOptions();

  @Option(
      names = {"-o", "--output-format"},
      paramLabel = "FORMAT",
      description = "console or json (default console)")
  Format format = Format.console;

  Path path(Map<String, String> env) {
    return source.path(env);
  }

  boolean json() {
    return format == Format.json;
  }

  C1zReader open(Map<String, String> env) throws IOException {
    return source.open(env);
  }
}
