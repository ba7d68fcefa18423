package dev.batoncf.service;

import dev.batoncf.cli.LogSetup;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantResponse;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import dev.batoncf.simulator.Seeds;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Service-mode figures on loopback (not a test; run by hand, see README):
 *
 * <ol>
 *   <li>grant task latency, from the host handing out the task (GetTask) to FinishTask arriving,
 *       for {@code N} grants that each change the simulator (revoked again in between);
 *   <li>a full sync task of a generated account of {@code MEMBERS} members: rows, c1z bytes, sync
 *       and upload time.
 * </ol>
 *
 * Arguments: {@code [grants=20] [members=100000]}.
 */
public final class ServiceBenchmark {
  private ServiceBenchmark() {}

  public static void main(String[] args) throws Exception {
    int grants = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    LogSetup.configure("warn", "console", new PrintWriter(System.err, true), List.of());
    Path tmp = Files.createTempDirectory("service-bench");
    if (grants > 0) {
      grantLatency(grants, tmp);
    }
    if (members > 0) {
      syncUpload(members, tmp);
    }
  }

  private static void grantLatency(int n, Path tmp) throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp)) {
      h.host.nextPoll(Duration.ofMillis(10));
      h.run(true);
      h.host.awaitTrue(x -> !x.polls().isEmpty(), Duration.ofSeconds(30), "first poll");
      List<Double> changed = new ArrayList<>();
      List<Double> repeated = new ArrayList<>();
      for (int i = 0; i < n + 2; i++) { // two warm-up rounds, not counted
        Task grant =
            Tasks.grant(
                Tasks.roleEntitlement(Seeds.ROLE_DNS),
                Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE));
        double ms = run(h, grant);
        Grant g =
            h.host
                .awaitFinish(grant.getId(), Duration.ofSeconds(30))
                .getSuccess()
                .getResponse()
                .unpack(GrantManagerServiceGrantResponse.class)
                .getGrants(0);
        double again =
            run(
                h,
                Tasks.grant(
                    Tasks.roleEntitlement(Seeds.ROLE_DNS),
                    Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE)));
        run(h, Tasks.revoke(g));
        if (i >= 2) {
          changed.add(ms);
          repeated.add(again);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "grant task, GetTask -> FinishTask, %d runs: median %.1f ms"
              + " (min %.1f, max %.1f); repeat answered GrantAlreadyExists: median %.1f ms%n",
          n,
          median(changed),
          Collections.min(changed),
          Collections.max(changed),
          median(repeated));
    }
  }

  private static double run(ServiceHarness h, Task task) {
    h.host.enqueue(task);
    h.host.awaitFinish(task.getId(), Duration.ofSeconds(30));
    return (h.host.finished(task.getId()) - h.host.taken(task.getId())) / 1e6;
  }

  /**
   * The sync runs in its own JVM with a 256 MB heap, as the real command ({@code Main} with client
   * credentials), so the simulator and the host's buffering of the upload do not share its memory;
   * the simulator answers with 5 ms of latency, like the sync benchmark.
   */
  private static void syncUpload(int members, Path tmp) throws Exception {
    try (ServiceHarness h =
        new ServiceHarness(Seeds.generated(new Seeds.Scale(members, 60, 10, 0, 0), 42), tmp)) {
      h.sim.faults().latency(Duration.ofMillis(5));
      List<String> cmd =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-Djavax.net.ssl.trustStore=" + h.pki.trustStoreFile,
              "-Djavax.net.ssl.trustStorePassword=" + ServicePki.STORE_PASSWORD,
              "-cp",
              System.getProperty("java.class.path"),
              "dev.batoncf.Main",
              "--base-url",
              h.sim.baseUrl(),
              "--log-format",
              "console",
              "--log-level",
              "warn",
              "--c1z-temp-dir",
              tmp.toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
      pb.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
      pb.environment().putAll(h.env());
      pb.environment().put("BATON_CLIENT_ID", h.client.clientId());
      pb.environment().put("BATON_CLIENT_SECRET", h.client.secret());
      pb.environment().put("BATON_ACCOUNT_ID", h.sim.account().id());
      pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
      Process p = pb.start();
      try {
        h.host.awaitTrue(x -> !x.polls().isEmpty(), Duration.ofSeconds(60), "first poll");
        Task sync = Tasks.sync();
        h.host.enqueue(sync);
        var f = h.host.awaitFinish(sync.getId(), Duration.ofMinutes(30));
        if (!f.hasSuccess()) {
          throw new IllegalStateException("sync failed: " + f);
        }
        FakeBatonHost.Upload up = h.host.uploads().get(0);
        double total = (h.host.finished(sync.getId()) - h.host.taken(sync.getId())) / 1e9;
        double upload = (up.endedNanos() - up.startedNanos()) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "sync task, %d members (256 MB heap, 5 ms simulated "
                + "latency): c1z %d bytes (%.1f MiB) in %d chunks; upload %.2f s (%.0f MiB/s); "
                + "GetTask -> FinishTask %.1f s; Cloudflare requests %d%n",
            members,
            up.data().length,
            up.data().length / 1048576.0,
            up.chunkSizes().size(),
            upload,
            up.data().length / 1048576.0 / upload,
            total,
            h.sim.requests().total());
      } finally {
        p.destroy();
        p.waitFor();
      }
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int m = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
  }
}
