package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.protobuf.Duration;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.action.Action;
import dev.batoncf.action.ActionArgs;
import dev.batoncf.action.ActionRegistry;
import dev.batoncf.action.PreparedAction;
import dev.batoncf.c1z.Ksuid;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.SlidingWindowRateLimiter;
import dev.batoncf.pb.connector.v2.ActionServiceGrpc;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import dev.batoncf.pb.connector.v2.BatonActionStatus;
import dev.batoncf.pb.connector.v2.GetActionSchemaRequest;
import dev.batoncf.pb.connector.v2.GetActionStatusRequest;
import dev.batoncf.pb.connector.v2.GetActionStatusResponse;
import dev.batoncf.pb.connector.v2.InvokeActionRequest;
import dev.batoncf.pb.connector.v2.InvokeActionResponse;
import dev.batoncf.pb.connector.v2.ListActionSchemasRequest;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ActionService through a real in-process gRPC server and stub, against the simulator. */
class ActionServiceImplTest {
  private CfSimulator sim;
  private CloudflareClient client;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    HttpSettings settings =
        HttpSettings.defaults(
                sim.baseUrl(), new Credentials.ApiToken(Secret.of(Seeds.DEMO_API_TOKEN)))
            .withRetry(java.time.Duration.ofSeconds(2), 2);
    client =
        new CloudflareClient(
            settings,
            Seeds.DEMO_ACCOUNT_ID,
            SlidingWindowRateLimiter.forSettings(settings),
            HttpEvents.none());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    client.close();
    sim.close();
  }

  private ActionServiceGrpc.ActionServiceBlockingStub stub(
      ActionRegistry registry, boolean provisioning) throws IOException {
    ActionServiceImpl service =
        new ActionServiceImpl(registry, new SecurityClient(client), provisioning);
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    closing.add(
        () -> {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
          server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
          service.close();
        });
    return ActionServiceGrpc.newBlockingStub(channel);
  }

  private ActionServiceGrpc.ActionServiceBlockingStub stub(boolean provisioning)
      throws IOException {
    return stub(ActionRegistry.standard(), provisioning);
  }

  private static Struct args(String key, String value) {
    return Struct.newBuilder()
        .putFields(key, Value.newBuilder().setStringValue(value).build())
        .build();
  }

  private static InvokeActionRequest invoke(String name, Struct args) {
    return InvokeActionRequest.newBuilder().setName(name).setArgs(args).build();
  }

  private static Status.Code code(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
  }

  @Test
  void listsAndDescribesTheSchemas() throws IOException {
    var s = stub(false);
    List<String> names =
        s.listActionSchemas(ListActionSchemasRequest.getDefaultInstance()).getSchemasList().stream()
            .map(BatonActionSchema::getName)
            .toList();
    assertEquals(ActionRegistry.standard().names(), names);
    assertEquals(
        0,
        s.listActionSchemas(ListActionSchemasRequest.newBuilder().setResourceTypeId("user").build())
            .getSchemasCount());
    BatonActionSchema ip =
        s.getActionSchema(GetActionSchemaRequest.newBuilder().setName("get_ip_overview").build())
            .getSchema();
    assertEquals("ip", ip.getArguments(0).getName());
    assertEquals(
        Status.Code.NOT_FOUND,
        code(() -> s.getActionSchema(GetActionSchemaRequest.newBuilder().setName("nope").build())));
  }

  @Test
  void invokeCompletesInlineAndTheStatusCanBeReadBack() throws IOException {
    var s = stub(false);
    InvokeActionResponse r = s.invokeAction(invoke("get_ip_overview", args("ip", "203.0.113.7")));
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, r.getStatus());
    assertEquals("get_ip_overview", r.getName());
    assertTrue(Ksuid.isValid(r.getId()), r.getId());
    assertTrue(r.getResponse().getFieldsOrThrow("riskFound").getBoolValue());
    assertEquals(
        List.of("Phishing", "Anonymizer"),
        r.getResponse().getFieldsOrThrow("riskTypes").getListValue().getValuesList().stream()
            .map(Value::getStringValue)
            .toList());
    GetActionStatusResponse st =
        s.getActionStatus(GetActionStatusRequest.newBuilder().setId(r.getId()).build());
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, st.getStatus());
    assertEquals("get_ip_overview", st.getName());
    assertEquals(r.getResponse(), st.getResponse());
  }

  @Test
  void refusalsAreStatusCodesAndSendNothing() throws IOException {
    var s = stub(false);
    StatusRuntimeException bad =
        assertThrows(
            StatusRuntimeException.class,
            () -> s.invokeAction(invoke("get_ip_overview", args("ip", "256.0.0.1"))));
    assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
    assertTrue(bad.getStatus().getDescription().startsWith("argument 'ip': "));
    StatusRuntimeException write =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                s.invokeAction(
                    invoke("reset_user_risk_score", args("email", "ana.ruiz@acme.example"))));
    assertEquals(Status.Code.FAILED_PRECONDITION, write.getStatus().getCode());
    assertTrue(write.getStatus().getDescription().contains("provisioning is not enabled"));
    assertEquals(Status.Code.NOT_FOUND, code(() -> s.invokeAction(invoke("nope", args("a", "b")))));
    assertEquals(
        Status.Code.NOT_FOUND,
        code(
            () ->
                s.invokeAction(
                    invoke("get_ip_overview", args("ip", "203.0.113.7")).toBuilder()
                        .setResourceTypeId("user")
                        .build())));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        code(
            () ->
                s.invokeAction(
                    invoke("get_ip_overview", args("ip", "203.0.113.7")).toBuilder()
                        .setInlineWait(Duration.newBuilder().setSeconds(-1))
                        .build())));
    assertEquals(0, sim.requests().total());
  }

  @Test
  void writesRunWithProvisioning() throws IOException {
    InvokeActionResponse r =
        stub(true)
            .invokeAction(invoke("reset_user_risk_score", args("email", "ana.ruiz@acme.example")));
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, r.getStatus());
    assertTrue(r.getResponse().getFieldsOrThrow("success").getBoolValue());
    assertEquals(1, sim.requests().count("POST", Paths.RISK_RESET));
  }

  @Test
  void offboardingRevokesSessionsOverGrpcOnlyWithProvisioning() throws IOException {
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub(false)
                    .invokeAction(
                        invoke("revoke_access_sessions", args("email", "ana.ruiz@acme.example"))));
    assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
    assertEquals(0, sim.requests().count("POST", Paths.REVOKE_USER));
    InvokeActionResponse r =
        stub(true)
            .invokeAction(invoke("revoke_access_sessions", args("email", "ana.ruiz@acme.example")));
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, r.getStatus());
    assertTrue(r.getResponse().getFieldsOrThrow("success").getBoolValue());
    assertEquals(List.of("ana.ruiz@acme.example"), sim.account().apps().revokedUsers());
    InvokeActionResponse t =
        stub(true).invokeAction(invoke("revoke_app_tokens", args("app_id", Seeds.DEMO_APP_CI)));
    assertTrue(t.getResponse().getFieldsOrThrow("success").getBoolValue());
    assertEquals(java.util.Map.of(Seeds.DEMO_APP_CI, 1), sim.account().apps().tokenRevocations());
  }

  @Test
  void cloudflareFailureIsStatusFailedWithTheError() throws IOException {
    sim.faults()
        .next(1)
        .matching("GET", "/intel/domain")
        .status(403, 10000, "Authentication error");
    InvokeActionResponse r =
        stub(false).invokeAction(invoke("get_domain_overview", args("domain", "example.com")));
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_FAILED, r.getStatus());
    String error = r.getResponse().getFieldsOrThrow("error").getStringValue();
    assertTrue(error.startsWith("Cloudflare denied the request"), error);
    assertTrue(error.contains("10000 Authentication error"), error);
    assertTrue(!error.contains(Seeds.DEMO_API_TOKEN));
  }

  @Test
  void slowActionAnswersRunningThenCompletes() throws Exception {
    sim.faults().latency(java.time.Duration.ofMillis(600));
    var s = stub(false);
    InvokeActionResponse r =
        s.invokeAction(
            invoke("get_ip_overview", args("ip", "192.0.2.44")).toBuilder()
                .setInlineWait(Duration.newBuilder().setNanos(50_000_000))
                .build());
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_RUNNING, r.getStatus());
    assertTrue(Ksuid.isValid(r.getId()));
    GetActionStatusRequest poll = GetActionStatusRequest.newBuilder().setId(r.getId()).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    GetActionStatusResponse st = s.getActionStatus(poll);
    while (st.getStatus() == BatonActionStatus.BATON_ACTION_STATUS_RUNNING
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      st = s.getActionStatus(poll);
    }
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, st.getStatus());
    assertEquals("ACME-CORP", st.getResponse().getFieldsOrThrow("asnDescription").getStringValue());
  }

  @Test
  void unknownAndMissingStatusIds() throws IOException {
    var s = stub(false);
    assertEquals(
        Status.Code.NOT_FOUND,
        code(
            () ->
                s.getActionStatus(
                    GetActionStatusRequest.newBuilder().setId(Ksuid.next()).build())));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        code(() -> s.getActionStatus(GetActionStatusRequest.getDefaultInstance())));
  }

  @Test
  void structNumbersReachCloudflareAsIntegers() throws IOException {
    Struct query =
        Struct.newBuilder()
            .putFields("per_page", Value.newBuilder().setNumberValue(5).build())
            .build();
    Struct a =
        Struct.newBuilder()
            .putFields(
                "endpoint",
                Value.newBuilder()
                    .setStringValue("/accounts/" + Seeds.DEMO_ACCOUNT_ID + "/access/users")
                    .build())
            .putFields("method", Value.newBuilder().setStringValue("GET").build())
            .putFields("query_params", Value.newBuilder().setStructValue(query).build())
            .putFields(
                "headers", Value.newBuilder().setListValue(ListValue.getDefaultInstance()).build())
            .build();
    InvokeActionResponse r = stub(false).invokeAction(invoke("custom_api_call", a));
    assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, r.getStatus());
    assertEquals(200.0, r.getResponse().getFieldsOrThrow("statusCode").getNumberValue());
    assertEquals(
        "5", sim.requests().matching("GET", Paths.ACCESS_USERS).get(0).query().get("per_page"));
  }

  @Test
  void onlyTheNewestResultsAreKept() throws IOException {
    Action echo =
        new Action() {
          @Override
          public BatonActionSchema schema() {
            return BatonActionSchema.newBuilder().setName("echo").build();
          }

          @Override
          public PreparedAction prepare(ActionArgs args) {
            return new PreparedAction("echo", false, c -> new JsonObject());
          }
        };
    var s = stub(new ActionRegistry(List.of(echo)), false);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= ActionServiceImpl.MAX_KEPT; i++) {
      InvokeActionResponse r = s.invokeAction(invoke("echo", Struct.getDefaultInstance()));
      assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, r.getStatus());
      ids.add(r.getId());
    }
    assertEquals(
        Status.Code.NOT_FOUND,
        code(
            () ->
                s.getActionStatus(GetActionStatusRequest.newBuilder().setId(ids.get(0)).build())));
    assertEquals(
        BatonActionStatus.BATON_ACTION_STATUS_COMPLETE,
        s.getActionStatus(GetActionStatusRequest.newBuilder().setId(ids.get(1)).build())
            .getStatus());
  }
}
