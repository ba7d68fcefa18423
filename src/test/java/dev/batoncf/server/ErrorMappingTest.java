package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.util.Timestamps;
import dev.batoncf.cloudflare.ApiError;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.connector.ValidationException;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.RateLimitDescription;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import dev.batoncf.provision.ProvisionException;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cloudflare and provisioning failures become the gRPC codes Baton acts on. */
class ErrorMappingTest {
  static final String SYNC = "2pXbTqL0cVYmUWhHGxk3bFzJrNd";

  @Test
  void rateLimitIsUnavailableWithBatonsRateLimitDetailAndTheRetrySucceeds()
      throws InterruptedException {
    // The client retries a 429 only within its deadline: 1 s, shorter than the 2 s asked for.
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.demo(),
            ServerOptions.defaults(),
            TlsFiles.NONE,
            Duration.ofSeconds(1),
            ServerFixture.demoToken())) {
      f.sim.faults().next(1).matching("GET", "/members").rateLimited(2);
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      String token = "";
      StatusRuntimeException limited = null;
      Instant before = Instant.now();
      List<String> users = new ArrayList<>();
      while (limited == null) {
        try {
          ResourcesServiceListResourcesResponse r = stub.listResources(listUsers(token));
          r.getListList().forEach(x -> users.add(x.getId().getResource()));
          token = r.getNextPageToken();
          assertFalse(token.isEmpty(), "the members page must have been rate limited");
        } catch (StatusRuntimeException e) {
          limited = e;
        }
      }
      assertEquals(Status.Code.UNAVAILABLE, limited.getStatus().getCode());
      com.google.rpc.Status rich = StatusProto.fromThrowable(limited);
      assertNotNull(rich);
      assertEquals(1, rich.getDetailsCount());
      Any detail = rich.getDetails(0);
      assertEquals("type.googleapis.com/c1.connector.v2.RateLimitDescription", detail.getTypeUrl());
      RateLimitDescription d = unpack(detail);
      assertEquals(RateLimitDescription.Status.STATUS_OVERLIMIT, d.getStatus());
      Instant reset = Instant.ofEpochMilli(Timestamps.toMillis(d.getResetAt()));
      assertTrue(
          !reset.isBefore(before.plusSeconds(2)) && reset.isBefore(Instant.now().plusSeconds(3)),
          "reset_at " + reset + " should be about 2 s after the 429");
      assertFalse(limited.getMessage().contains(Seeds.DEMO_API_TOKEN));

      // Retried at once, the call is refused again without a Cloudflare request: the pause
      // outlasts the client's 1 s deadline, so it does not sleep uselessly.
      String sameToken = token;
      StatusRuntimeException again =
          assertThrows(
              StatusRuntimeException.class, () -> stub.listResources(listUsers(sameToken)));
      assertEquals(Status.Code.UNAVAILABLE, again.getStatus().getCode());
      assertTrue(
          again.getStatus().getDescription().contains("retry after"),
          again.getStatus().getDescription());
      assertEquals(1, f.sim.requests().count("GET", Paths.MEMBERS), "nothing sent meanwhile");

      // Baton waits for reset_at and retries with the same token: the page is fetched again, once.
      Thread.sleep(Math.max(0, reset.toEpochMilli() - System.currentTimeMillis()) + 100);
      do {
        ResourcesServiceListResourcesResponse r = stub.listResources(listUsers(token));
        r.getListList().forEach(x -> users.add(x.getId().getResource()));
        token = r.getNextPageToken();
      } while (!token.isEmpty());
      assertEquals(20, users.size());
      assertEquals(20, users.stream().distinct().count());
      assertEquals(2, f.sim.requests().count("GET", Paths.MEMBERS), "one 429, one success");
    }
  }

  @Test
  void cloudflareAuthFailuresAreUnauthenticatedOrPermissionDeniedWithoutSecrets() {
    String wrong = "sim-wrong-token-NOT-A-REAL-SECRET-9999";
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.demo(),
            ServerOptions.defaults(),
            TlsFiles.NONE,
            Duration.ofSeconds(1),
            new Credentials.ApiToken(Secret.of(wrong)))) {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ConnectorServiceGrpc.newBlockingStub(f.channel())
                      .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
      assertEquals(
          "Cloudflare rejected the API token: check --api-token (BATON_API_TOKEN)",
          e.getStatus().getDescription(),
          "says the token is invalid");
      assertFalse(e.getStatus().getDescription().contains(wrong));
    }
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      f.sim.account().denyPermission("members");
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () -> {
                String token = "";
                do {
                  token = stub.listResources(listUsers(token)).getNextPageToken();
                } while (!token.isEmpty());
              });
      assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
      assertFalse(e.getStatus().getDescription().contains(Seeds.DEMO_API_TOKEN));
    }
  }

  @Test
  void persistentServerErrorsAreUnavailable() {
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.demo(),
            ServerOptions.defaults(),
            TlsFiles.NONE,
            Duration.ofSeconds(1),
            ServerFixture.demoToken())) {
      f.sim.faults().next(20).matching("GET", "/accounts/").serverError(503);
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ConnectorServiceGrpc.newBlockingStub(f.channel())
                      .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }
  }

  @Test
  void everyFailureKindHasItsCode() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    GrpcErrors errors = new GrpcErrors(clock);
    String ep = "GET /accounts/{account_id}/members";
    List<ApiError> none = List.of();
    assertEquals(
        Status.Code.UNAUTHENTICATED,
        code(errors, new CloudflareException.Unauthenticated(ep, 401, none)));
    assertEquals(
        Status.Code.PERMISSION_DENIED,
        code(errors, new CloudflareException.PermissionDenied(ep, 403, none)));
    assertEquals(
        Status.Code.NOT_FOUND, code(errors, new CloudflareException.NotFound(ep, 404, none)));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        code(errors, new CloudflareException.BadRequest(ep, 400, none)));
    assertEquals(
        Status.Code.UNAVAILABLE, code(errors, new CloudflareException.ServerError(ep, 502, none)));
    assertEquals(
        Status.Code.UNAVAILABLE,
        code(errors, new CloudflareException.Transport(ep, "connection refused", null)));
    assertEquals(
        Status.Code.INTERNAL, code(errors, new CloudflareException.Malformed(ep, 200, "not JSON")));
    assertEquals(
        Status.Code.FAILED_PRECONDITION,
        code(errors, new CloudflareException.NotTheApi(ep, 404)),
        "the server's --base-url is wrong");
    assertEquals(Status.Code.NOT_FOUND, code(errors, ProvisionException.notFound("gone")));
    assertEquals(Status.Code.INVALID_ARGUMENT, code(errors, ProvisionException.invalid("bad")));
    assertEquals(
        Status.Code.FAILED_PRECONDITION,
        code(
            errors,
            new ProvisionException(
                ProvisionException.Kind.FAILED_PRECONDITION, "changed meanwhile")));
    assertEquals(
        Status.Code.UNAUTHENTICATED,
        code(
            errors,
            new ValidationException(
                "fix it", new CloudflareException.Unauthenticated(ep, 401, none))));
    StatusRuntimeException internal = errors.toStatus(new IllegalStateException("secret-ish"));
    assertEquals(Status.Code.INTERNAL, internal.getStatus().getCode());
    assertFalse(internal.getStatus().getDescription().contains("secret-ish"));

    StatusRuntimeException limited =
        errors.toStatus(new CloudflareException.RateLimited(ep, none, Duration.ofSeconds(30)));
    assertEquals(Status.Code.UNAVAILABLE, limited.getStatus().getCode());
    RateLimitDescription d = unpack(StatusProto.fromThrowable(limited).getDetails(0));
    assertEquals(Timestamps.fromMillis(clock.millis() + 30_000), d.getResetAt());
    RateLimitDescription unknownWait =
        unpack(
            StatusProto.fromThrowable(
                    errors.toStatus(new CloudflareException.RateLimited(ep, none, null)))
                .getDetails(0));
    assertFalse(unknownWait.hasResetAt(), "no reset time is invented");
  }

  private static Status.Code code(GrpcErrors errors, RuntimeException e) {
    return errors.toStatus(e).getStatus().getCode();
  }

  private static RateLimitDescription unpack(Any any) {
    try {
      return any.unpack(RateLimitDescription.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static ResourcesServiceListResourcesRequest listUsers(String token) {
    return ResourcesServiceListResourcesRequest.newBuilder()
        .setResourceTypeId("user")
        .setPageSize(50)
        .setPageToken(token)
        .setActiveSyncId(SYNC)
        .build();
  }
}
