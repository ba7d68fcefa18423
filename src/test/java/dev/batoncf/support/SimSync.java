package dev.batoncf.support;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.C1zWriter;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.RateBudget;
import dev.batoncf.cloudflare.http.SlidingWindowRateLimiter;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.sync.C1zSyncStore;
import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.Progress;
import dev.batoncf.sync.SyncEngine;
import dev.batoncf.sync.SyncResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs real syncs against the simulator over loopback HTTP, and reads the c1z back. */
public final class SimSync {
  private SimSync() {}

  public static Credentials demoToken() {
    return new Credentials.ApiToken(Secret.of(Seeds.DEMO_API_TOKEN));
  }

  /** A client with a generous budget and a short retry deadline, so tests stay quick. */
  public static CloudflareClient client(CfSimulator sim, Credentials creds) {
    HttpSettings s =
        HttpSettings.defaults(sim.baseUrl(), creds)
            .withRetry(Duration.ofSeconds(20), 6)
            .withRateLimits(new RateBudget(100_000, Duration.ofMinutes(5)), 1000);
    return new CloudflareClient(
        s, sim.account().id(), SlidingWindowRateLimiter.forSettings(s), HttpEvents.none());
  }

  public static SyncResult sync(CfSimulator sim, Credentials creds, Path file, boolean zeroTrust) {
    try (CloudflareClient client = client(sim, creds);
        C1zSyncStore store = new C1zSyncStore(C1zWriter.create(file))) {
      CloudflareConnector c = new CloudflareConnector(client, new ConnectorOptions(zeroTrust));
      return new SyncEngine(Progress.NONE).run(c, store, store.syncId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sync as the CLI runs it ({@link FileSync}: writer thread, earlier syncs kept). */
  public static FileSync.Result fileSync(CfSimulator sim, Path file, int keepPreviousSyncs) {
    try (CloudflareClient client = client(sim, demoToken())) {
      CloudflareConnector c = new CloudflareConnector(client, new ConnectorOptions(true));
      return new FileSync(c, null, keepPreviousSyncs).run(file, Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CLI-style sync with these options (e.g. SCIM-owned user groups). */
  public static FileSync.Result fileSync(CfSimulator sim, Path file, ConnectorOptions options) {
    try (CloudflareClient client = client(sim, demoToken())) {
      CloudflareConnector c = new CloudflareConnector(client, options);
      return new FileSync(c, null, 0).run(file, Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Resource> resources(Path file, String type) {
    List<Resource> out = new ArrayList<>();
    try (C1zReader r = C1zReader.open(file)) {
      r.forEachResource(type, out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public static List<Entitlement> entitlements(Path file, String type) {
    List<Entitlement> out = new ArrayList<>();
    try (C1zReader r = C1zReader.open(file)) {
      r.forEachEntitlement(type, null, out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public static List<Grant> grants(Path file, String resourceType) {
    List<Grant> out = new ArrayList<>();
    try (C1zReader r = C1zReader.open(file)) {
      r.forEachGrant(
          resourceType == null ? GrantFilter.any() : GrantFilter.forResource(resourceType, null),
          out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
