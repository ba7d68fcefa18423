package dev.batoncf.server;

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
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.sync.C1zSyncStore;
import dev.batoncf.sync.Progress;
import dev.batoncf.sync.SyncEngine;
import dev.batoncf.sync.SyncResult;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server on a loopback port in front of a simulated Cloudflare account, and real clients for
 * it. Everything listens on 127.0.0.1 only.
 */
final class ServerFixture implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";

  final CfSimulator sim;
  final CloudflareClient client;
  final CloudflareConnector connector;
  final ConnectorServer server;
  private final List<ManagedChannel> channels = new ArrayList<>();

  private ServerFixture(
      CfSimulator sim,
      CloudflareClient client,
      CloudflareConnector connector,
      ConnectorServer server) {
    this.sim = sim;
    this.client = client;
    this.connector = connector;
    this.server = server;
  }

  static ServerFixture start(SimAccount account, ServerOptions options) {
    return start(account, options, TlsFiles.NONE, Duration.ofSeconds(20), demoToken());
  }

  /** With these connector options (e.g. SCIM-owned user groups). */
  static ServerFixture start(SimAccount account, ServerOptions options, ConnectorOptions co) {
    return start(account, options, TlsFiles.NONE, Duration.ofSeconds(20), demoToken(), co);
  }

  /**
   * @param retryDeadline how long the Cloudflare client retries 429/5xx (short for fault tests)
   */
  static ServerFixture start(
      SimAccount account,
      ServerOptions options,
      TlsFiles tls,
      Duration retryDeadline,
      Credentials credentials) {
    return start(account, options, tls, retryDeadline, credentials, ConnectorOptions.defaults());
  }

  private static ServerFixture start(
      SimAccount account,
      ServerOptions options,
      TlsFiles tls,
      Duration retryDeadline,
      Credentials credentials,
      ConnectorOptions co) {
    CfSimulator sim = CfSimulator.start(account);
    CloudflareClient client = client(sim, credentials, retryDeadline);
    CloudflareConnector connector = new CloudflareConnector(client, co);
    ConnectorServer server =
        new ConnectorServer(
            ServerSecurity.serverBuilder(new ListenAddress(LOOPBACK, 0), tls),
            connector,
            options,
            List.of());
    try {
      server.start();
    } catch (IOException e) {
      sim.close();
      throw new UncheckedIOException(e);
    }
    return new ServerFixture(sim, client, connector, server);
  }

  static Credentials demoToken() {
    return new Credentials.ApiToken(Secret.of(Seeds.DEMO_API_TOKEN));
  }

  /** A client with a generous budget, so only scripted faults limit it. */
  static CloudflareClient client(CfSimulator sim, Credentials creds, Duration retryDeadline) {
    HttpSettings s =
        HttpSettings.defaults(sim.baseUrl(), creds)
            .withRetry(retryDeadline, 6)
            .withRateLimits(new RateBudget(100_000, Duration.ofMinutes(5)), 1000);
    return new CloudflareClient(
        s, sim.account().id(), SlidingWindowRateLimiter.forSettings(s), HttpEvents.none());
  }

  ManagedChannel channel() {
    return channel(InsecureChannelCredentials.create(), null);
  }

  /** A channel to the server; {@code authority} overrides the TLS host name when not null. */
  ManagedChannel channel(ChannelCredentials creds, String authority) {
    var b = Grpc.newChannelBuilderForAddress(LOOPBACK, server.port(), creds);
    if (authority != null) {
      b.overrideAuthority(authority);
    }
    ManagedChannel ch = b.build();
    channels.add(ch);
    return ch;
  }

  /** The stub sending {@code authorization: Bearer <token>} on every call. */
  static <S extends AbstractStub<S>> S withBearer(S stub, String token) {
    Metadata md = new Metadata();
    md.put(BearerAuthInterceptor.AUTHORIZATION, "Bearer " + token);
    ClientInterceptor attach = MetadataUtils.newAttachHeadersInterceptor(md);
    return stub.withInterceptors(attach);
  }

  /** What the CLI's sync of the same account wrote, read back from the c1z. */
  record CliSync(
      SyncResult result,
      Path file,
      List<ResourceType> types,
      List<Resource> resources,
      List<Entitlement> entitlements,
      List<Grant> grants) {}

  /** The CLI's full sync (SyncEngine into a C1zWriter) against this fixture's simulator. */
  CliSync cliSync(Path dir) {
    Path file = dir.resolve("cli.c1z");
    SyncResult result;
    try (CloudflareClient c = client(sim, demoToken(), Duration.ofSeconds(20));
        C1zSyncStore store = new C1zSyncStore(C1zWriter.create(file))) {
      CloudflareConnector cli = new CloudflareConnector(c, ConnectorOptions.defaults());
      result = new SyncEngine(Progress.NONE).run(cli, store, store.syncId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return read(result, file);
  }

  static CliSync read(SyncResult result, Path file) {
    List<ResourceType> types = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    List<Entitlement> entitlements = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    try (C1zReader r = C1zReader.open(file)) {
      r.forEachResourceType(types::add);
      r.forEachResource(null, resources::add);
      r.forEachEntitlement(null, null, entitlements::add);
      r.forEachGrant(GrantFilter.any(), grants::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CliSync(result, file, types, resources, entitlements, grants);
  }

  @Override
  public void close() {
    for (ManagedChannel ch : channels) {
      ch.shutdownNow();
      try {
        ch.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    server.shutdown(Duration.ofSeconds(5));
    client.close();
    sim.close();
  }
}
