package dev.batoncf.server;

import static dev.batoncf.server.ListingContractTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateResponse;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.simulator.Seeds;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Health, reflection, deadlines, message size, graceful shutdown and the access log. */
class OperabilityTest {

  @Test
  void healthReportsEveryServiceServing() {
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      var health = HealthGrpc.newBlockingStub(f.channel());
      for (String service :
          List.of(
              "",
              "c1.connector.v2.ConnectorService",
              "c1.connector.v2.ResourcesService",
              "c1.connector.v2.GrantManagerService",
              "baton.cloudflare.v1.SyncService")) {
        assertEquals(
            ServingStatus.SERVING,
            health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus(),
            service);
      }
      assertCode(
          Status.Code.NOT_FOUND,
          () ->
              health.check(HealthCheckRequest.newBuilder().setService("no.such.Service").build()));
    }
  }

  @Test
  void reflectionListsBatonsServicesUnderTheirNames() {
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      List<String> services = listServices(f.channel(), null);
      for (String s :
          List.of(
              "c1.connector.v2.ConnectorService",
              "c1.connector.v2.ResourceTypesService",
              "c1.connector.v2.ResourcesService",
              "c1.connector.v2.ResourceGetterService",
              "c1.connector.v2.EntitlementsService",
              "c1.connector.v2.GrantsService",
              "c1.connector.v2.GrantManagerService",
              "c1.connector.v2.AccountManagerService",
              "c1.connector.v2.ResourceDeleterService",
              "baton.cloudflare.v1.SyncService",
              "grpc.health.v1.Health")) {
        assertTrue(services.contains(s), s + " missing from " + services);
      }
    }
  }

  @Test
  void aCallWithoutDeadlineGetsTheServersDefault() {
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.demo(),
            ServerOptions.defaults()
                .withDeadlines(Duration.ofMillis(700), Duration.ofMinutes(5)))) {
      // Connect and load the call path first: on a busy machine the first call of a fresh JVM
      // alone can take seconds, which is not what this test measures.
      io.grpc.health.v1.HealthGrpc.newBlockingStub(f.channel())
          .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
          .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance());
      f.sim.faults().next(1).matching("GET", "/accounts/").slow(Duration.ofSeconds(3));
      long start = System.nanoTime();
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ConnectorServiceGrpc.newBlockingStub(f.channel())
                      .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
      assertTrue(ms < 2500, "answered after " + ms + " ms, not at the 700 ms deadline");
    }
  }

  @Test
  void requestsBeyondTheMaximumMessageSizeAreRefused() {
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.demo(), ServerOptions.defaults().withMaxInboundBytes(64 * 1024))) {
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  stub.listResources(
                      ResourcesServiceListResourcesRequest.newBuilder()
                          .setResourceTypeId("user")
                          .setPageToken("x".repeat(100 * 1024))
                          .build()));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
      assertEquals(0, f.sim.requests().total());
    }
  }

  @Test
  void shutdownLetsInFlightCallsFinishAndRefusesNewOnes() throws Exception {
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      f.sim.faults().next(1).matching("GET", "/accounts/").slow(Duration.ofMillis(1500));
      var channel = f.channel();
      var async = ConnectorServiceGrpc.newFutureStub(channel);
      var inFlight = async.validate(ConnectorServiceValidateRequest.getDefaultInstance());
      // Wait until the slow Cloudflare request is under way, then shut down.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (f.sim.requests().total() == 0 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      CompletableFuture<Void> shutdown =
          CompletableFuture.runAsync(() -> f.server.shutdown(Duration.ofSeconds(10)));
      ConnectorServiceValidateResponse r = inFlight.get(10, TimeUnit.SECONDS);
      assertEquals("v0.25.0", r.getSdkVersion(), "the in-flight call completed normally");
      shutdown.get(10, TimeUnit.SECONDS);
      assertCode(
          Status.Code.UNAVAILABLE,
          () ->
              ConnectorServiceGrpc.newBlockingStub(channel)
                  .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
    }
  }

  @Test
  void accessLogHasOneStructuredLinePerCallAndNoSecrets() {
    Logger access = (Logger) LoggerFactory.getLogger(AccessLogInterceptor.LOGGER);
    Level before = access.getLevel();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    access.setLevel(Level.INFO);
    String token = "access-log-token-0123456789abcdef";
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.demo(), ServerOptions.defaults().withBearerToken(Secret.of(token)))) {
      var stub = ConnectorServiceGrpc.newBlockingStub(f.channel());
      ServerFixture.withBearer(stub, token)
          .validate(ConnectorServiceValidateRequest.getDefaultInstance());
      assertThrows(
          StatusRuntimeException.class,
          () ->
              ServerFixture.withBearer(stub, "nope")
                  .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
    } finally {
      access.detachAppender(lines);
      access.setLevel(before);
    }
    List<String> messages = new ArrayList<>();
    lines.list.forEach(e -> messages.add(e.getFormattedMessage()));
    assertEquals(2, messages.size(), messages.toString());
    String validate = "method=c1.connector.v2.ConnectorService/Validate";
    assertTrue(
        messages.get(0).matches("rpc " + validate + " code=OK ms=\\d+ peer=/127\\.0\\.0\\.1:\\d+"),
        messages.get(0));
    assertTrue(
        messages.get(1).startsWith("rpc " + validate + " code=UNAUTHENTICATED "), messages.get(1));
    messages.forEach(m -> assertFalse(m.contains(token) || m.contains("nope"), m));
  }

  /** The service names server reflection (v1) lists, optionally sending a bearer token. */
  static List<String> listServices(Channel channel, String bearer) {
    var stub = ServerReflectionGrpc.newStub(channel);
    if (bearer != null) {
      stub = ServerFixture.withBearer(stub, bearer);
    }
    CompletableFuture<List<String>> result = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        stub.serverReflectionInfo(
            new StreamObserver<>() {
              @Override
              public void onNext(ServerReflectionResponse r) {
                result.complete(
                    r.getListServicesResponse().getServiceList().stream()
                        .map(ServiceResponse::getName)
                        .toList());
              }

              @Override
              public void onError(Throwable t) {
                result.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {
                result.complete(List.of());
              }
            });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        throw s;
      }
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
