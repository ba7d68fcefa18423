package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.support.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated garbage everywhere a user can type or point: flags, YAML, environment values, ids,
 * action arguments, c1z files. Every case ends with exactly one "error:" line on stderr, the right
 * exit code (2 for local input, 1 for a file found unreadable at run time), and no stack trace,
 * exception name or raw control character. Seeded, so a failure names its case and reproduces.
 */
class GarbageInputTest {
  private static final long SEED = 20240611L;
  private static final List<String> FLAGS =
      List.of(
          "--account-id",
          "--api-token",
          "--email",
          "--api-key",
          "--base-url",
          "--config",
          "--file",
          "--log-level",
          "--log-format",
          "--zero-trust",
          "--rate-limit-requests",
          "--rate-limit-window-seconds",
          "--retry-deadline-seconds");
  private static final List<String> ENV =
      List.of(
          "BATON_ACCOUNT_ID",
          "BATON_API_TOKEN",
          "BATON_EMAIL",
          "BATON_API_KEY",
          "BATON_BASE_URL",
          "BATON_CONFIG_PATH",
          "BATON_FILE",
          "BATON_LOG_LEVEL",
          "BATON_LOG_FORMAT",
          "BATON_PROVISIONING",
          "BATON_ZERO_TRUST",
          "BATON_RATE_LIMIT_REQUESTS",
          "BATON_RATE_LIMIT_WINDOW_SECONDS",
          "BATON_RETRY_DEADLINE_SECONDS",
          "BATON_DECODER_MAX_DECODED_SIZE_MB");
  private static final List<String> ACTIONS =
      List.of(
          "get_ip_overview",
          "get_domain_overview",
          "get_user_risk_score",
          "reset_user_risk_score",
          "create_risk_integration",
          "list_risk_integrations",
          "get_risk_integration",
          "update_risk_integration",
          "delete_risk_integration",
          "revoke_access_sessions",
          "revoke_app_tokens",
          "custom_api_call");

  private static final String SPECIAL = "\u202e\u2066\u001b[\"'\\{}[]:;,@/%?#&=\n";

  @TempDir static Path dir;
  static byte[] realC1z;

  @BeforeAll
  static void realFile() throws IOException {
    Path f = dir.resolve("real.c1z");
    CliRun demo = CliRun.run(Map.of(), "--demo", "-f", f.toString());
    assertEquals(0, demo.code(), demo.both());
    realC1z = Files.readAllBytes(f);
  }

  @Test
  void garbageFlagsAndEnvironmentValues() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 300; i++) {
      List<String> args = new ArrayList<>();
      Map<String, String> env = new HashMap<>();
      String flag = FLAGS.get(rnd.nextInt(FLAGS.size()));
      args.add(flag);
      args.add(garbage(rnd));
      if (rnd.nextBoolean()) {
        args.add("--" + word(rnd)); // an unknown flag too
      }
      for (int e = rnd.nextInt(4); e > 0; e--) {
        env.put(ENV.get(rnd.nextInt(ENV.size())), garbage(rnd));
      }
      env.remove("BATON_ACCOUNT_ID"); // never a valid account: nothing may reach the network
      args.addAll(List.of("-f", dir.resolve("never-" + i + ".c1z").toString()));
      assertRefused(
          "flags #" + i + " " + args + " env " + env.keySet(),
          CliRun.run(env, args.toArray(String[]::new)),
          Set.of(2));
    }
    // values that cannot even be paths, wherever a path is read
    assertRefused(
        "NUL in BATON_CONFIG_PATH", CliRun.run(Map.of("BATON_CONFIG_PATH", "a\0b")), Set.of(2));
    assertRefused(
        "NUL in BATON_FILE", CliRun.run(Map.of("BATON_FILE", "x\0y"), "resources"), Set.of(2));
    assertRefused("NUL in -f", CliRun.run("grants", "-f", "x\0y"), Set.of(2));
    for (String reader : List.of("resources", "entitlements", "grants")) {
      assertRefused(
          reader + " with a garbage cap",
          CliRun.run(
              Map.of("BATON_DECODER_MAX_DECODED_SIZE_MB", garbage(rnd)),
              reader,
              "-f",
              dir.resolve("real.c1z").toString()),
          Set.of(2));
    }
  }

  @Test
  void garbageYamlConfigs() throws IOException {
    Random rnd = new Random(SEED + 1);
    byte[] example = Files.readAllBytes(Path.of("config.example.yaml"));
    List<String> shapes =
        List.of(
            "[".repeat(10_000),
            "{a: ".repeat(10_000),
            "a: &a [*a, *a]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c, *c]\n",
            "account-id: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n",
            "api-token: [1, 2]\n",
            "rate-limit-requests: 1e999\n",
            "? [a, b]\n: c\n",
            "account-id: \"\\u0000\\u001b[31m\"\n",
            "\t- tab indent\n",
            "--- \n...\n---\n...\n");
    for (int i = 0; i < 160; i++) {
      byte[] content;
      switch (i % 4) {
        case 0 -> content = bytes(rnd, rnd.nextInt(400));
        case 1 -> content = Arrays.copyOf(example, rnd.nextInt(example.length));
        case 2 -> {
          content = example.clone();
          for (int f = 0; f < 1 + rnd.nextInt(8); f++) {
            content[rnd.nextInt(content.length)] = (byte) rnd.nextInt(256);
          }
        }
        default ->
            content = shapes.get(rnd.nextInt(shapes.size())).getBytes(StandardCharsets.UTF_8);
      }
      Path yaml = Files.write(dir.resolve("garbage-" + i + ".yaml"), content);
      assertRefused(
          "yaml #" + i,
          CliRun.run(
              Map.of(), "--config", yaml.toString(), "-f", dir.resolve("never.c1z").toString()),
          Set.of(2));
    }
  }

  @Test
  void garbageIdsAndActionArguments() {
    Random rnd = new Random(SEED + 2);
    for (int i = 0; i < 12; i++) {
      String[] args =
          switch (i % 4) {
            case 0 ->
                new String[] {
                  "--demo",
                  "-p",
                  "--grant-entitlement",
                  garbage(rnd),
                  "--grant-principal-type",
                  garbage(rnd),
                  "--grant-principal",
                  garbage(rnd)
                };
            case 1 -> new String[] {"--demo", "-p", "--revoke-grant", garbage(rnd)};
            case 2 ->
                new String[] {
                  "--demo",
                  "-p",
                  "--delete-resource",
                  garbage(rnd),
                  "--delete-resource-type",
                  rnd.nextBoolean() ? "user" : garbage(rnd)
                };
            default ->
                new String[] {
                  "--demo",
                  "-p",
                  "--grant-entitlement",
                  "role:" + hex(rnd, 32) + ":member",
                  "--grant-principal-type",
                  "user",
                  "--grant-principal",
                  garbage(rnd)
                };
          };
      // a garbage id is refused as input before any lookup
      assertRefused("ids #" + i + " " + List.of(args), CliRun.run(Map.of(), args), Set.of(2));
    }
    for (int i = 0; i < 60; i++) {
      String action = ACTIONS.get(rnd.nextInt(ACTIONS.size()));
      String json =
          switch (i % 3) {
            case 0 -> garbage(rnd);
            case 1 -> "{\"" + word(rnd) + "\":" + jsonValue(rnd, 0) + "}";
            default -> "{\"" + word(rnd) + "\":" + "[".repeat(rnd.nextInt(5000)) + "}";
          };
      assertRefused(
          "action #" + i + " " + action + " " + json.substring(0, Math.min(60, json.length())),
          CliRun.run(
              Map.of(), "--demo", "-p", "--invoke-action", action, "--invoke-action-args", json),
          Set.of(2));
    }
  }

  @Test
  void garbageC1zFilesGivenToTheReaders() throws IOException {
    Random rnd = new Random(SEED + 3);
    List<String> commands = List.of("resources", "entitlements", "grants", "diff");
    for (int i = 0; i < 80; i++) {
      byte[] content;
      switch (i % 5) {
        case 0 -> content = bytes(rnd, rnd.nextInt(2000));
        case 1 -> content = Arrays.copyOf(realC1z, 1 + rnd.nextInt(realC1z.length - 1));
        case 2 -> {
          content = realC1z.clone();
          int at = 5 + rnd.nextInt(content.length - 5);
          content[at] = (byte) (content[at] ^ (1 + rnd.nextInt(255)));
        }
        case 3 -> {
          byte[] tail = bytes(rnd, rnd.nextInt(3000));
          content = new byte[5 + tail.length];
          System.arraycopy("C1ZF\0".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 5);
          System.arraycopy(tail, 0, content, 5, tail.length);
        }
        default -> content = Arrays.copyOf(realC1z, rnd.nextInt(6));
      }
      Path f = Files.write(dir.resolve("garbage-" + i + ".c1z"), content);
      String cmd = commands.get(i % commands.size());
      CliRun r =
          cmd.equals("diff")
              ? CliRun.run("diff", "--base", f.toString(), "-f", dir.resolve("real.c1z").toString())
              : CliRun.run(cmd, "-f", f.toString());
      String what = "c1z #" + i + " " + cmd + " (" + content.length + " bytes)";
      if (i % 5 == 2 && r.code() == 0 && !cmd.equals("diff")) {
        // A flipped bit the zstd decoder never uses (bitstream padding, an unused table entry)
        // decodes to the very same database, checksum and all: then the answer must be the
        // real file's, to the byte.
        Path real = dir.resolve("real.c1z");
        assertEquals(CliRun.run(cmd, "-f", real.toString()).out(), r.out(), what);
        continue;
      }
      assertRefused(what, r, Set.of(1));
    }
  }

  /** One error line, an expected exit code, nothing a user should not see. */
  private static void assertRefused(String what, CliRun r, Set<Integer> codes) {
    assertTrue(codes.contains(r.code()), what + ": exit " + r.code() + "\n" + r.both());
    List<String> nonLog = r.err().lines().filter(l -> !l.startsWith("{")).toList();
    assertEquals(1, nonLog.size(), what + "\n" + r.both());
    assertTrue(nonLog.get(0).startsWith("error: "), what + "\n" + r.both());
    for (String bad : List.of("Exception", "\tat ", "Error:", "NullPointer", "java.")) {
      assertFalse(r.err().contains(bad), what + ": '" + bad + "' in\n" + r.both());
    }
    for (char c : (r.err() + r.out()).toCharArray()) {
      assertFalse(
          c != '\n' && ConsoleText.unsafe(c),
          what + ": raw control U+" + Integer.toHexString(c) + "\n" + r.both());
    }
  }

  /** Random text: printable, unicode, controls, bidi, quotes, very long, or empty-ish. */
  static String garbage(Random rnd) {
    int kind = rnd.nextInt(6);
    int n = kind == 5 ? 2000 + rnd.nextInt(3000) : 1 + rnd.nextInt(40);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (kind) {
        case 0 -> b.append((char) (0x20 + rnd.nextInt(0x5f)));
        case 1 -> b.append((char) rnd.nextInt(0x40));
        case 2 -> b.append(SPECIAL.charAt(rnd.nextInt(SPECIAL.length())));
        case 3 -> b.append((char) (0x100 + rnd.nextInt(0xd000)));
        default -> b.append((char) (0x21 + rnd.nextInt(0x5e)));
      }
    }
    String s = b.toString();
    // a value that is itself a flag would be parsed as one; keep garbage a value
    return s.startsWith("-") ? "x" + s : s;
  }

  private static String word(Random rnd) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 4 + rnd.nextInt(8); i++) {
      b.append((char) ('a' + rnd.nextInt(26)));
    }
    return b.toString();
  }

  private static String hex(Random rnd, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("0123456789abcdef".charAt(rnd.nextInt(16)));
    }
    return b.toString();
  }

  private static String jsonValue(Random rnd, int depth) {
    return switch (depth > 3 ? rnd.nextInt(4) : rnd.nextInt(7)) {
      case 0 -> Long.toString(rnd.nextLong());
      case 1 -> "\"" + word(rnd) + "\"";
      case 2 -> rnd.nextBoolean() ? "true" : "null";
      case 3 -> "1e" + rnd.nextInt(999);
      case 4 -> "[" + jsonValue(rnd, depth + 1) + "," + jsonValue(rnd, depth + 1) + "]";
      case 5 -> "{\"" + word(rnd) + "\":" + jsonValue(rnd, depth + 1) + "}";
      default -> "\"\\u202e\\u001b" + word(rnd) + "\"";
    };
  }

  private static byte[] bytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }
}
