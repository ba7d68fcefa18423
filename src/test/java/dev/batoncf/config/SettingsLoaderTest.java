package dev.batoncf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  static final String ACCT = "0123456789abcdef0123456789abcdef";
  static final String TOKEN = "tok-SECRET-1234567890";

  @TempDir Path dir;

  private static Map<Key, String> flags(Object... kv) {
    Map<Key, String> m = new EnumMap<>(Key.class);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((Key) kv[i], (String) kv[i + 1]);
    }
    return m;
  }

  @Test
  void flagsBeatEnvWhichBeatsYamlAndDefaultsFillTheRest() throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(
        yaml,
        "account-id: "
            + ACCT
            + "\nlog-level: debug\nfile: from-yaml.c1z\n"
            + "api-token: yaml-token\nrate-limit-requests: 900\n");
    Settings s =
        new SettingsLoader(Map.of("BATON_LOG_LEVEL", "warn", "BATON_FILE", "env.c1z"))
            .load(flags(Key.FILE, "flag.c1z"), yaml, true);
    assertEquals(Path.of("flag.c1z"), s.file());
    assertEquals("warn", s.logLevel());
    assertEquals(ACCT, s.accountId());
    assertEquals(900, s.rateLimitRequests());
    assertEquals(Duration.ofSeconds(300), s.rateLimitWindow());
    assertEquals("https://api.cloudflare.com/client/v4", s.baseUrl());
    assertInstanceOf(Credentials.ApiToken.class, s.credentials());
    assertFalse(s.provisioning());
    assertTrue(s.zeroTrust());
  }

  @Test
  void scimGroupsComeFromAFlagAnEnvValueOrAYamlList() throws Exception {
    Path yaml = dir.resolve("scim.yaml");
    Files.writeString(
        yaml,
        "account-id: " + ACCT + "\napi-token: t-123\n" + "scim-groups:\n  - okta-*\n  - Finance\n");
    assertEquals(
        List.of("okta-*", "Finance"),
        new SettingsLoader(Map.of()).load(flags(), yaml, true).scimGroups());
    assertEquals(
        List.of("azure-*", "hr"),
        new SettingsLoader(Map.of("BATON_SCIM_GROUPS", " azure-* ,hr,"))
            .load(flags(), yaml, true)
            .scimGroups());
    assertEquals(
        List.of("x"),
        new SettingsLoader(Map.of("BATON_SCIM_GROUPS", "azure-*"))
            .load(flags(Key.SCIM_GROUPS, "x"), yaml, true)
            .scimGroups());
    assertEquals(
        List.of(),
        new SettingsLoader(Map.of())
            .load(flags(Key.ACCOUNT_ID, ACCT, Key.API_TOKEN, "t-123"), null, true)
            .scimGroups());
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                new SettingsLoader(Map.of()).load(flags(Key.SCIM_GROUPS, "a\u0007b"), yaml, true));
    assertTrue(
        bad.getMessage().contains("--scim-groups entries must be group names"), bad.getMessage());
  }

  @Test
  void configPathComesFromEnvWhenNoFlag() throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(
        yaml, "account-id: " + ACCT + "\nemail: ops@example.org\napi-key: k-123456\n");
    Settings s =
        new SettingsLoader(Map.of("BATON_CONFIG_PATH", yaml.toString())).load(flags(), null, true);
    Credentials.GlobalApiKey key =
        assertInstanceOf(Credentials.GlobalApiKey.class, s.credentials());
    assertEquals("ops@example.org", key.email());
  }

  @Test
  void legacyGoEnvNameForTheEmailIsAccepted() {
    Settings s =
        new SettingsLoader(
                Map.of(
                    "BATON_EMAIL_ID",
                    "ops@example.org",
                    "BATON_API_KEY",
                    "k-123456",
                    "BATON_ACCOUNT_ID",
                    ACCT))
            .load(flags(), null, true);
    assertEquals("ops@example.org", ((Credentials.GlobalApiKey) s.credentials()).email());
  }

  @Test
  void bothAuthModesAtOnceIsRefusedWithoutEchoingTheSecret() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new SettingsLoader(Map.of())
                    .load(
                        flags(
                            Key.ACCOUNT_ID,
                            ACCT,
                            Key.API_TOKEN,
                            TOKEN,
                            Key.EMAIL,
                            "a@b.c",
                            Key.API_KEY,
                            "key-SECRET-99"),
                        null,
                        true));
    assertEquals(
        List.of(
            "both an API token and an email/global API key are set: use one auth "
                + "mode (--api-token, or --email with --api-key)"),
        e.problems());
    assertFalse(e.getMessage().contains("SECRET"));
  }

  @Test
  void everyProblemIsReportedOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new SettingsLoader(Map.of())
                    .load(
                        flags(
                            Key.ACCOUNT_ID,
                            "nope",
                            Key.BASE_URL,
                            "http://api.example.com/client/v4",
                            Key.LOG_LEVEL,
                            "loud",
                            Key.RATE_LIMIT_REQUESTS,
                            "-3"),
                        null,
                        true));
    List<String> p = e.problems();
    assertEquals(5, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("no credentials: set --api-token (BATON_API_TOKEN)"));
    assertTrue(p.get(1).startsWith("--account-id must be the 32 hexadecimal characters"));
    assertTrue(p.get(2).contains("https"), p.get(2));
    assertEquals("--log-level must be one of error, warn, info, debug, trace", p.get(3));
    assertEquals("--rate-limit-requests must be a positive whole number", p.get(4));
  }

  @Test
  void keyWithoutEmailSaysWhatIsMissing() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new SettingsLoader(Map.of())
                    .load(flags(Key.ACCOUNT_ID, ACCT, Key.API_KEY, "k"), null, true));
    assertEquals("--api-key needs --email (the login email of the key's owner)", e.getMessage());
  }

  @Test
  void invalidYamlNamesTheLine() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "account-id: " + ACCT + "\napi-token: [unclosed\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new SettingsLoader(Map.of()).load(flags(), yaml, true));
    assertTrue(
        e.getMessage().startsWith("config file " + yaml + " is not valid YAML at line"),
        e.getMessage());
  }

  @Test
  void unknownYamlKeyIsReported() throws Exception {
    Path yaml = dir.resolve("typo.yaml");
    Files.writeString(yaml, "acount-id: " + ACCT + "\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new SettingsLoader(Map.of()).load(flags(), yaml, false));
    assertEquals("config file " + yaml + " has unknown setting 'acount-id'", e.getMessage());
  }

  @Test
  void missingConfigFileIsReported() {
    Path missing = dir.resolve("missing.yaml");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new SettingsLoader(Map.of()).load(flags(), missing, false));
    assertEquals("config file " + missing + " does not exist or is not a file", e.getMessage());
  }

  @Test
  void demoNeedsNoConnectionSettings() {
    Settings s = new SettingsLoader(Map.of()).load(flags(), null, false);
    assertEquals(null, s.credentials());
    assertEquals(Path.of("sync.c1z"), s.file());
  }

  @Test
  void settingsToStringNeverShowsTheToken() {
    Settings s =
        new SettingsLoader(Map.of())
            .load(flags(Key.ACCOUNT_ID, ACCT, Key.API_TOKEN, TOKEN), null, true);
    assertFalse(s.toString().contains(TOKEN), s.toString());
    assertTrue(s.toString().contains("****"));
  }
}
