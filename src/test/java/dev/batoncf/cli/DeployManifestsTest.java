package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.config.Key;
import dev.batoncf.config.SettingsLoader;
import dev.batoncf.daemon.CronSchedule;
import dev.batoncf.daemon.Jitter;
import dev.batoncf.health.DurationText;
import dev.batoncf.health.HealthServer;
import dev.batoncf.health.Probe;
import dev.batoncf.server.ServerSecurity;
import dev.batoncf.support.FixedHealth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The files under {@code deploy/} use only flags, env vars, ports and paths the program accepts:
 * their command lines are parsed by the real picocli model, so renaming a flag fails here.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("deploy");
  private static final Pattern ENV_IN_TEXT = Pattern.compile("BATON_[A-Z_]+");

  /**
   * Service mode's variables, merged from another branch: accepted only until the root command has
   * {@code --client-id}; from then on they must be documented by its options like any other.
   */
  private static final Set<String> SERVICE_MODE_PENDING =
      Set.of("BATON_CLIENT_ID", "BATON_CLIENT_SECRET");

  /** Read by the JVM itself. */
  private static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS");

  private static CommandLine cli() {
    CliContext ctx =
        new CliContext(
            Map.of(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            false);
    return new CommandLine(new RootCommand(ctx));
  }

  /** The command the arguments select, after a real parse (unknown flags throw). */
  private static ParseResult parse(List<String> args) {
    ParseResult r = cli().parseArgs(args.toArray(String[]::new));
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return r;
  }

  /** Env vars a command reads: settings keys, the config path, the server token, documented. */
  private static Set<String> acceptedEnv(CommandSpec spec) {
    Set<String> env = new HashSet<>(JVM_ENV);
    for (Key k : Key.values()) {
      env.add(k.env());
    }
    env.add(SettingsLoader.CONFIG_ENV);
    env.add(ServerSecurity.TOKEN_ENV);
    for (OptionSpec o : spec.options()) {
      for (String line : o.description()) {
        Matcher m = ENV_IN_TEXT.matcher(line);
        while (m.find()) {
          env.add(m.group());
        }
      }
    }
    if (cli().getCommandSpec().findOption("--client-id") == null) {
      env.addAll(SERVICE_MODE_PENDING);
    }
    return env;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> yaml(String file) throws Exception {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object o :
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .loadAll(Files.readString(DEPLOY.resolve(file)))) {
      docs.add((Map<String, Object>) o);
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object node, String... path) {
    Object cur = node;
    for (String p : path) {
      if (cur == null) {
        return null;
      }
      assertTrue(cur instanceof Map, "not a mapping on the way to " + String.join(".", path));
      cur = ((Map<String, Object>) cur).get(p);
    }
    return (T) cur;
  }

  private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> secretKeys() throws Exception {
    return ((Map<String, Object>)
            at(kind(yaml("kubernetes/secret.example.yaml"), "Secret"), "stringData"))
        .keySet();
  }

  /** Checks a pod's container: args parse, env accepted, secrets exist, mounts have volumes. */
  @SuppressWarnings("unchecked")
  private static ParseResult checkContainer(Map<String, Object> pod) throws Exception {
    List<Map<String, Object>> containers = at(pod, "containers");
    assertEquals(1, containers.size());
    Map<String, Object> c = containers.get(0);
    assertEquals(null, c.get("command"), "the image's entrypoint is the program");
    ParseResult r = parse((List<String>) c.get("args"));
    Set<String> accepted = acceptedEnv(r.commandSpec());
    for (Map<String, Object> e : (List<Map<String, Object>>) c.get("env")) {
      String name = (String) e.get("name");
      assertTrue(
          accepted.contains(name),
          name + " is not read by '" + r.commandSpec().qualifiedName() + "'");
      Map<String, Object> ref = at(e, "valueFrom", "secretKeyRef");
      if (ref != null) {
        assertEquals("baton-cloudflare", ref.get("name"));
        assertTrue(secretKeys().contains((String) ref.get("key")), "no key " + ref.get("key"));
      }
    }
    Set<String> volumes = new HashSet<>();
    for (Map<String, Object> v : (List<Map<String, Object>>) pod.get("volumes")) {
      volumes.add((String) v.get("name"));
    }
    List<String> mounts = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) c.get("volumeMounts")) {
      assertTrue(volumes.contains((String) m.get("name")), "no volume " + m.get("name"));
      mounts.add((String) m.get("mountPath"));
    }
    assertEquals(Boolean.TRUE, at(c, "securityContext", "readOnlyRootFilesystem"));
    assertTrue(mounts.contains("/tmp"), "SQLite and zstd need a writable /tmp");
    return r;
  }

  @Test
  @SuppressWarnings("unchecked")
  void serviceModeDeploymentProbesTheHealthServer() throws Exception {
    Map<String, Object> deployment =
        kind(yaml("kubernetes/service-mode-deployment.yaml"), "Deployment");
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    ParseResult r = checkContainer(pod);
    assertEquals("baton-cloudflare", r.commandSpec().name(), "service mode is the root command");
    assertTrue(r.matchedOptionValue("--health-check", false));
    int port = r.matchedOptionValue("--health-check-port", HealthOptions.DEFAULT_PORT);
    String bind = r.matchedOptionValue("--health-check-bind-address", HealthOptions.DEFAULT_BIND);
    assertFalse(
        InetAddress.getByName(bind).isLoopbackAddress(),
        "the kubelet probes the pod's address: the health server must not bind loopback only");
    Map<String, Object> c = ((List<Map<String, Object>>) pod.get("containers")).get(0);
    Map<String, Object> health =
        ((List<Map<String, Object>>) c.get("ports"))
            .stream().filter(p -> "health".equals(p.get("name"))).findFirst().orElseThrow();
    assertEquals(port, health.get("containerPort"));
    assertEquals("health", at(c, "livenessProbe", "httpGet", "port"));
    assertEquals("health", at(c, "readinessProbe", "httpGet", "port"));
    assertEquals(HealthServer.LIVE, at(c, "livenessProbe", "httpGet", "path"));
    assertEquals(HealthServer.READY, at(c, "readinessProbe", "httpGet", "path"));
    Set<String> env = new HashSet<>();
    for (Map<String, Object> e : (List<Map<String, Object>>) c.get("env")) {
      env.add((String) e.get("name"));
    }
    assertTrue(
        env.containsAll(
            List.of(
                "BATON_CLIENT_ID",
                "BATON_CLIENT_SECRET",
                Key.API_TOKEN.env(),
                Key.ACCOUNT_ID.env())),
        env.toString());
    int grace = at(pod, "terminationGracePeriodSeconds");
    assertTrue(grace > 30, "longer than the default --shutdown-timeout");
  }

  @Test
  void theProbePathsAreAnsweredByTheRealServer() throws Exception {
    Probe ok = new Probe(true, "ok", Map.of(), Map.of());
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    try (HealthServer s =
        HealthServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new FixedHealth(ok),
            Clock.systemUTC())) {
      for (String path : List.of(HealthServer.LIVE, HealthServer.READY)) {
        assertEquals(
            200,
            http.send(
                    HttpRequest.newBuilder(URI.create(s.url() + path)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode(),
            path);
      }
    }
  }

  @Test
  void cronJobRunsAOneShotSyncIntoTheVolume() throws Exception {
    List<Map<String, Object>> docs = yaml("kubernetes/sync-cronjob.yaml");
    Map<String, Object> job = kind(docs, "CronJob");
    CronSchedule.parse(at(job, "spec", "schedule"), ZoneOffset.UTC); // a valid 5-field cron
    assertEquals("Forbid", at(job, "spec", "concurrencyPolicy"), "never two syncs at once");
    Map<String, Object> pod = at(job, "spec", "jobTemplate", "spec", "template", "spec");
    ParseResult r = checkContainer(pod);
    assertEquals("baton-cloudflare", r.commandSpec().name());
    String file = r.matchedOptionValue("--file", "sync.c1z");
    assertTrue(file.startsWith("/data/"), "the file goes to the volume: " + file);
    assertEquals(
        "baton-cloudflare-data", at(kind(docs, "PersistentVolumeClaim"), "metadata", "name"));
  }

  /** ExecStart's program arguments, after {@code -jar <jar>}. */
  private static Map<String, String> unit(String text) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        keys.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return keys;
  }

  @Test
  void systemdUnitRunsTheDaemonHardened() throws Exception {
    Map<String, String> u =
        unit(Files.readString(DEPLOY.resolve("systemd/baton-cloudflare-daemon.service")));
    List<String> exec = List.of(u.get("ExecStart").split("\\s+"));
    int jar = exec.indexOf("-jar");
    assertNotEquals(-1, jar);
    ParseResult r = parse(exec.subList(jar + 2, exec.size()));
    assertEquals("daemon", r.commandSpec().name());
    assertEquals(
        "/var/lib/" + u.get("StateDirectory"),
        r.matchedOptionValue("--output-dir", Path.of("")).toString(),
        "the daemon writes where systemd lets it");
    assertTrue(r.matchedOptionValue("--health-check", false));
    int port = r.matchedOptionValue("--health-check-port", 0);
    assertTrue(port > 0 && port < 65536);
    assertTrue(
        InetAddress.getByName(
                r.matchedOptionValue("--health-check-bind-address", HealthOptions.DEFAULT_BIND))
            .isLoopbackAddress(),
        "health stays on loopback here");
    DurationText.parse(r.matchedOptionValue("--sync-interval", "6h"));
    Jitter.parse(r.matchedOptionValue("--jitter", "0"), new Random());
    Duration shutdown = DurationText.parse(r.matchedOptionValue("--shutdown-timeout", "30s"));
    assertTrue(
        DurationText.parse(u.get("TimeoutStopSec")).compareTo(shutdown) > 0,
        "systemd must wait longer than the daemon's own shutdown timeout");
    assertTrue((int) r.matchedOptionValue("--keep", 10) >= 1);
    for (String hardening :
        List.of(
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "PrivateDevices=yes",
            "CapabilityBoundingSet=")) {
      String[] kv = hardening.split("=", 2);
      assertEquals(kv[1], u.get(kv[0]), hardening);
    }
    assertNotNull(u.get("EnvironmentFile"));
    Set<String> accepted = acceptedEnv(r.commandSpec());
    for (String line : Files.readAllLines(DEPLOY.resolve("systemd/daemon.env.example"))) {
      String l = line.startsWith("# ") && line.contains("=") ? line.substring(2) : line;
      if (!l.startsWith("#") && l.contains("=")) {
        String name = l.substring(0, l.indexOf('='));
        assertTrue(accepted.contains(name), name + " is not read by the daemon");
      }
    }
  }
}
