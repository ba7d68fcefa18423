package dev.batoncf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files holding secrets: read trimmed, refused when unreadable, warned about when o+r. */
class SecretFileTest {
  @TempDir Path dir;

  @Test
  void readsTrimmedAndRefusesWhatIsNotAReadableFile() throws Exception {
    Path f = dir.resolve("secret");
    Files.writeString(f, "  value-0123456789\n");
    assertEquals("value-0123456789", SecretFile.read(f, "--x-file"));
    ConfigException missing =
        assertThrows(ConfigException.class, () -> SecretFile.read(dir.resolve("none"), "--x-file"));
    assertEquals(
        "--x-file " + dir.resolve("none") + " does not exist or is not a file",
        missing.getMessage());
    assertThrows(ConfigException.class, () -> SecretFile.read(dir, "--x-file"));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(SecretFile.worldReadable(f));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    assertFalse(SecretFile.worldReadable(f));
  }

  @Test
  void aWorldReadableConfigFileWithACredentialIsWarnedAbout() throws Exception {
    Path yaml = dir.resolve("config.yaml");
    Files.writeString(
        yaml,
        "account-id: "
            + Seeds.DEMO_ACCOUNT_ID
            + "\napi-token: "
            + Seeds.DEMO_API_TOKEN
            + "\nbase-url: ftp://api.example.com\n");
    Files.setPosixFilePermissions(yaml, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun open =
        CliRun.run(Map.of(), "--config", yaml.toString(), "-f", dir.resolve("out.c1z").toString());
    assertEquals(2, open.code(), open.both());
    assertTrue(
        open.err()
            .contains(
                "\"msg\":\"config file "
                    + yaml
                    + " holds a secret and is "
                    + "readable by every user of this machine; restrict it: chmod 600 "
                    + yaml
                    + "\""),
        open.both());
    assertFalse(open.both().contains(Seeds.DEMO_API_TOKEN));

    Files.setPosixFilePermissions(yaml, PosixFilePermissions.fromString("rw-------"));
    CliRun closed =
        CliRun.run(Map.of(), "--config", yaml.toString(), "-f", dir.resolve("out.c1z").toString());
    assertEquals(2, closed.code(), closed.both());
    assertEquals(List.of(), closed.err().lines().filter(l -> l.contains("\"warn\"")).toList());
  }
}
