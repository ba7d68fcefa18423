package dev.batoncf.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret kept in a file (any {@code --*-file} option, or a config file holding a credential):
 * read once, trimmed, and warned about when every user of the machine may read it.
 */
public final class SecretFile {
  private static final Logger log = LoggerFactory.getLogger(SecretFile.class);

  private SecretFile() {}

  /**
   * The trimmed content of {@code file}; {@code option} names it in messages (e.g.
   * "--server-token-file"). Unreadable is a {@link ConfigException}; readable by others a warning.
   */
  public static String read(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(option + " " + file + " does not exist or is not a file");
    }
    String value;
    try {
      value = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ConfigException(option + " " + file + " cannot be read");
    }
    warnIfWorldReadable(file, option);
    return value;
  }

  /** Warns once when a file holding a secret is readable by every user (mode o+r). */
  public static void warnIfWorldReadable(Path file, String what) {
    if (worldReadable(file)) {
      log.warn(
          "{} {} holds a secret and is readable by every user of this machine; "
              + "restrict it: chmod 600 {}",
          what,
          file,
          file);
    }
  }

  /** True when others may read the file; false where POSIX permissions do not exist. */
  static boolean worldReadable(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.contains(PosixFilePermission.OTHERS_READ);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }
}
