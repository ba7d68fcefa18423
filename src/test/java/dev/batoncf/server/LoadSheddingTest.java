package dev.batoncf.server;

import static dev.batoncf.server.ListingContractTest.assertCode;
import static dev.batoncf.server.ProvisioningTest.grantRequest;
import static dev.batoncf.server.ProvisioningTest.roleEntitlement;
import static dev.batoncf.server.ProvisioningTest.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import dev.batoncf.pb.cloudflare.v1.FullSyncRequest;
import dev.batoncf.pb.cloudflare.v1.FullSyncResponse;
import dev.batoncf.pb.cloudflare.v1.SyncServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceGetMetadataRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceGrpc;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import dev.batoncf.simulator.Seeds;
import io.grpc.ManagedChannel;
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
 * Health under load: with every slow class full of calls waiting on a slow Cloudflare, health
 * and the quick listings still answer within a short deadline, and one call more of a full
 * class is refused RESOURCE_EXHAUSTED at once (a queued call would run into its deadline).
 */
class LoadSheddingTest {
  /** Short deadlines: a call that queued behind the slow ones would miss them by far. */
  static final long QUICK_MS = 1_500;
  /** As many slow listings as the quick pool has threads: sharing one pool would starve it. */
  static final int LIST_LIMIT = CallAdmission.QUICK_THREADS;

  @Test
  void quickCallsAnswerAndOverflowIsRefusedWhileSlowClassesAreFull() throws Exception {
    ServerOptions options = ServerOptions.defaults().withProvisioning(true)
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
      more.add(ConnectorServiceGrpc.newFutureStub(ch)
          .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
      var grant = GrantManagerServiceGrpc.newFutureStub(ch).grant(grantRequest(
          roleEntitlement(Seeds.ROLE_DNS), user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE)));
      CountDownLatch syncEnded = new CountDownLatch(1);
      SyncServiceGrpc.newStub(ch).fullSync(FullSyncRequest.getDefaultInstance(),
          new Ignore(syncEnded));
      awaitRunning(f, Map.of("list", LIST_LIMIT, "provision", 1, "sync", 1));

      long deadline = QUICK_MS;
      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(ch)
          .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus());
      assertEquals(6, ResourceTypesServiceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .listResourceTypes(ResourceTypesServiceListResourceTypesRequest.getDefaultInstance())
          .getListCount());
      assertTrue(ConnectorServiceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .getMetadata(ConnectorServiceGetMetadataRequest.getDefaultInstance()).hasMetadata());
      assertEquals(0, EntitlementsServiceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .listStaticEntitlements(EntitlementsServiceListStaticEntitlementsRequest.newBuilder()
              .setResourceTypeId("user").build()).getListCount());

      int before = f.sim.requests().total();
      assertCode(Status.Code.RESOURCE_EXHAUSTED, () -> ResourcesServiceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS).listResources(users("sync-c")));
      assertCode(Status.Code.RESOURCE_EXHAUSTED, () -> ConnectorServiceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
      assertCode(Status.Code.RESOURCE_EXHAUSTED, () -> GrantManagerServiceGrpc
          .newBlockingStub(ch).withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .grant(grantRequest(roleEntitlement(Seeds.ROLE_BILLING),
              user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE))));
      assertCode(Status.Code.RESOURCE_EXHAUSTED, () -> SyncServiceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .fullSync(FullSyncRequest.getDefaultInstance()).hasNext());
      assertFalse(a.isDone() || more.stream().anyMatch(x -> x.isDone()) || grant.isDone(),
          "the slow calls were still running while the others were answered");
      assertEquals(before, f.sim.requests().total(), "refused calls cost no request");

      // Once a slot frees, the class admits again.
      f.sim.faults().latency(Duration.ZERO);
      assertEquals(0, a.get(30, TimeUnit.SECONDS).getListCount(),
          "the first step reads a roles page: no users yet, and a token");
      for (ListenableFuture<?> x : more) {
        x.get(30, TimeUnit.SECONDS);
      }
      awaitRunning(f, Map.of("list", 0));
      assertFalse(ResourcesServiceGrpc.newBlockingStub(ch).listResources(users("sync-a"))
          .getNextPageToken().isEmpty());
      assertEquals(1, grant.get(30, TimeUnit.SECONDS).getGrantsCount());
      assertTrue(syncEnded.await(60, TimeUnit.SECONDS));
    }
  }

  private static ResourcesServiceListResourcesRequest users(String sync) {
    return ResourcesServiceListResourcesRequest.newBuilder().setResourceTypeId("user")
        .setPageSize(10).setActiveSyncId(sync).build();
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
