package dev.batoncf.server;

import static dev.batoncf.server.ListingContractTest.assertCode;
import static dev.batoncf.server.ProvisioningTest.grantRequest;
import static dev.batoncf.server.ProvisioningTest.roleEntitlement;
import static dev.batoncf.server.ProvisioningTest.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.pb.cloudflare.v1.FullSyncRequest;
import dev.batoncf.pb.cloudflare.v1.FullSyncResponse;
import dev.batoncf.pb.cloudflare.v1.SyncServiceGrpc;
import dev.batoncf.pb.connector.v2.ActionServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceGetMetadataRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceGrpc;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.InvokeActionRequest;
import dev.batoncf.pb.connector.v2.InvokeActionResponse;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Health under load: with every slow class full of calls waiting on a slow Cloudflare, health and
 * the quick listings still answer within a short deadline, and one call more of a full class is
 * refused RESOURCE_EXHAUSTED at once (a queued call would run into its deadline).
 */
class LoadSheddingTest {
  /** Short deadlines: a call that queued behind the slow ones would miss them by far. */
  static final long QUICK_MS = 1_500;

  /** As many slow listings as the quick pool has threads: sharing one pool would starve it. */
  static final int LIST_LIMIT = CallAdmission.QUICK_THREADS;

  @Test
  void quickCallsAnswerAndOverflowIsRefusedWhileSlowClassesAreFull() throws Exception {
    ServerOptions options =
        ServerOptions.defaults()
            .withProvisioning(true)
            .withCallLimits(new CallLimits(64, LIST_LIMIT, 1, 1));
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), options)) {
      f.sim.faults().latency(Duration.ofSeconds(4));
      ManagedChannel ch = f.channel();
      var resources = ResourcesServiceGrpc.newFutureStub(ch);
      ListenableFuture<ResourcesServiceListResourcesResponse> a =
          resources.listResources(users("sync-a"));
      List<ListenableFuture<?>> more = new ArrayList<>();
      for (int i = 1; i < LIST_LIMIT - 1; i++) {
        more.add(resources.listResources(users("sync-" + i)));
      }
      more.add(
          ConnectorServiceGrpc.newFutureStub(ch)
              .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
      var grant =
          GrantManagerServiceGrpc.newFutureStub(ch)
              .grant(
                  grantRequest(
                      roleEntitlement(Seeds.ROLE_DNS),
                      user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE)));
      CountDownLatch syncEnded = new CountDownLatch(1);
      SyncServiceGrpc.newStub(ch)
          .fullSync(FullSyncRequest.getDefaultInstance(), new Ignore(syncEnded));
      awaitRunning(f, Map.of("list", LIST_LIMIT, "provision", 1, "sync", 1));

      long deadline = QUICK_MS;
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(ch)
              .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
      assertEquals(
          9,
          ResourceTypesServiceGrpc.newBlockingStub(ch)
              .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
              .listResourceTypes(ResourceTypesServiceListResourceTypesRequest.getDefaultInstance())
              .getListCount());
      assertTrue(
          ConnectorServiceGrpc.newBlockingStub(ch)
              .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
              .getMetadata(ConnectorServiceGetMetadataRequest.getDefaultInstance())
              .hasMetadata());
      assertEquals(
          0,
          EntitlementsServiceGrpc.newBlockingStub(ch)
              .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
              .listStaticEntitlements(
                  EntitlementsServiceListStaticEntitlementsRequest.newBuilder()
                      .setResourceTypeId("user")
                      .build())
              .getListCount());

      int before = f.sim.requests().total();
      assertCode(
          Status.Code.RESOURCE_EXHAUSTED,
          () ->
              ResourcesServiceGrpc.newBlockingStub(ch)
                  .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                  .listResources(users("sync-c")));
      assertCode(
          Status.Code.RESOURCE_EXHAUSTED,
          () ->
              ConnectorServiceGrpc.newBlockingStub(ch)
                  .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                  .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
      assertCode(
          Status.Code.RESOURCE_EXHAUSTED,
          () ->
              GrantManagerServiceGrpc.newBlockingStub(ch)
                  .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                  .grant(
                      grantRequest(
                          roleEntitlement(Seeds.ROLE_BILLING),
                          user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE))));
      assertCode(
          Status.Code.RESOURCE_EXHAUSTED,
          () ->
              SyncServiceGrpc.newBlockingStub(ch)
                  .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                  .fullSync(FullSyncRequest.getDefaultInstance())
                  .hasNext());
      assertFalse(
          a.isDone() || more.stream().anyMatch(x -> x.isDone()) || grant.isDone(),
          "the slow calls were still running while the others were answered");
      assertEquals(before, f.sim.requests().total(), "refused calls cost no request");

      // Once a slot frees, the class admits again.
      f.sim.faults().latency(Duration.ZERO);
      assertEquals(
          0,
          a.get(30, TimeUnit.SECONDS).getListCount(),
          "the first step reads a roles page: no users yet, and a token");
      for (ListenableFuture<?> x : more) {
        x.get(30, TimeUnit.SECONDS);
      }
      awaitRunning(f, Map.of("list", 0));
      assertFalse(
          ResourcesServiceGrpc.newBlockingStub(ch)
              .listResources(users("sync-a"))
              .getNextPageToken()
              .isEmpty());
      assertEquals(1, grant.get(30, TimeUnit.SECONDS).getGrantsCount());
      assertTrue(syncEnded.await(60, TimeUnit.SECONDS));
    }
  }

  /**
   * A bound of one still admits a client's every next call: the permit is free once the answer has
   * left, even while the handler's thread has work left after it (here 300 ms after every
   * InvokeAction, a stand-in ActionService of the provision class).
   */
  @Test
  void aCallsPermitIsFreeOnceItsAnswerHasLeft() throws Exception {
    BindableService slowTail =
        () ->
            ServerInterceptors.intercept(
                new InstantAction(),
                new ServerInterceptor() {
                  @Override
                  public <Q, R> ServerCall.Listener<Q> interceptCall(
                      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                        next.startCall(call, headers)) {
                      @Override
                      public void onHalfClose() {
                        super.onHalfClose(); // the answer is sent in here
                        sleep(300);
                      }
                    };
                  }
                });
    ServerOptions one = ServerOptions.defaults().withCallLimits(new CallLimits(1, 1, 1, 1));
    try (CfSimulator sim = CfSimulator.start(Seeds.demo());
        CloudflareClient client =
            ServerFixture.client(sim, ServerFixture.demoToken(), Duration.ofSeconds(5))) {
      ConnectorServer server =
          new ConnectorServer(
                  ServerSecurity.serverBuilder(
                      new ListenAddress(ServerFixture.LOOPBACK, 0), TlsFiles.NONE),
                  new CloudflareConnector(client, ConnectorOptions.defaults()),
                  one,
                  List.of(slowTail))
              .start();
      ManagedChannel ch =
          Grpc.newChannelBuilderForAddress(
                  ServerFixture.LOOPBACK, server.port(), InsecureChannelCredentials.create())
              .build();
      try {
        var actions = ActionServiceGrpc.newBlockingStub(ch);
        for (int i = 0; i < 3; i++) {
          assertEquals(
              "done",
              actions
                  .invokeAction(InvokeActionRequest.newBuilder().setName("noop").build())
                  .getId(),
              "call " + i + " admitted");
        }
      } finally {
        ch.shutdownNow();
        server.shutdown(Duration.ofSeconds(5));
      }
    }
  }

  /** Answers every InvokeAction at once. */
  private static final class InstantAction extends ActionServiceGrpc.ActionServiceImplBase {
    @Override
    public void invokeAction(InvokeActionRequest req, StreamObserver<InvokeActionResponse> out) {
      out.onNext(InvokeActionResponse.newBuilder().setId("done").build());
      out.onCompleted();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ResourcesServiceListResourcesRequest users(String sync) {
    return ResourcesServiceListResourcesRequest.newBuilder()
        .setResourceTypeId("user")
        .setPageSize(10)
        .setActiveSyncId(sync)
        .build();
  }

  /** Waits until the server runs exactly these calls per class. */
  private static void awaitRunning(ServerFixture f, Map<String, Integer> expected)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      Map<String, Integer> now = f.server.runningCalls();
      if (expected.entrySet().stream().allMatch(e -> now.get(e.getKey()).equals(e.getValue()))) {
        return;
      }
      Thread.sleep(20);
    }
    assertEquals(expected.toString(), f.server.runningCalls().toString(), "calls running");
  }

  private record Ignore(CountDownLatch ended) implements StreamObserver<FullSyncResponse> {
    @Override
    public void onNext(FullSyncResponse value) {}

    @Override
    public void onError(Throwable t) {
      ended.countDown();
    }

    @Override
    public void onCompleted() {
      ended.countDown();
    }
  }
}
