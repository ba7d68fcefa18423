package dev.batoncf.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.Value;
import com.google.rpc.Code;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.AccountInfo;
import dev.batoncf.pb.connector.v2.BatonActionStatus;
import dev.batoncf.pb.connector.v2.Capability;
import dev.batoncf.pb.connector.v2.CreateAccountResponse;
import dev.batoncf.pb.connector.v2.CredentialOptions;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.GetActionStatusResponse;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantAlreadyExists;
import dev.batoncf.pb.connector.v2.GrantAlreadyRevoked;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantResponse;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceDoesNotExist;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHelloRequest;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service mode end to end on loopback: a fake Baton host (TLS, Baton's field numbers) with a strict
 * token endpoint, our service loop, and the Cloudflare simulator behind it.
 */
class ServiceModeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void helloDescribesConnectorAndMachineAndEveryCallCarriesALiveToken() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.run(false);
      h.host.awaitTrue(x -> x.polls().size() >= 3, WAIT, "three polls");
      BatonServiceHelloRequest hello = h.host.hellos().get(0);
      assertEquals(ServiceHarness.HOST_ID, hello.getHostId());
      assertEquals("", hello.getTaskId());
      assertEquals("dev.batoncf/baton-cloudflare", hello.getBuildInfo().getPackage());
      assertEquals("9.9.9", hello.getBuildInfo().getPackageVersion());
      assertEquals(
          "java" + System.getProperty("java.version"), hello.getBuildInfo().getLangVersion());
      assertEquals("linux", hello.getOsInfo().getOs());
      assertEquals(HostInfo.arch(System.getProperty("os.arch")), hello.getOsInfo().getKernelArch());
      assertEquals(System.getProperty("os.version"), hello.getOsInfo().getKernelVersion());
      assertFalse(hello.getOsInfo().getHostname().isEmpty());
      assertFalse(hello.getOsInfo().getVirtualizationSystem().isEmpty());
      assertEquals("Cloudflare", hello.getConnectorMetadata().getDisplayName());
      assertTrue(
          hello
              .getConnectorMetadata()
              .getCapabilities()
              .getConnectorCapabilitiesList()
              .containsAll(List.of(Capability.CAPABILITY_SYNC, Capability.CAPABILITY_PROVISION)));
      assertTrue(hello.getConnectorMetadata().getAccountCreationSchema().containsFieldMap("roles"));
      assertTrue(
          h.host.polls().stream().allMatch(p -> p.getHostId().equals(ServiceHarness.HOST_ID)));

      List<FakeBatonHost.Call> calls = h.host.calls();
      assertTrue(calls.size() >= 4, calls.toString());
      assertEquals("Hello", calls.get(0).method());
      for (FakeBatonHost.Call c : calls) {
        assertTrue(c.authorized(), "every call carries a live token: " + c);
        assertTrue(c.authorization().startsWith("Bearer tok-"), c.authorization());
        assertTrue(
            c.userAgent()
                .startsWith("baton-cloudflare-test baton-sdk/v0.25.0 baton-cloudflare/9.9.9"),
            c.userAgent());
      }
      assertEquals(1, h.tokens.issued(), "one token, cached for every call");
      assertEquals(List.of(), h.tokens.rejections());

      ServiceStatus s = h.service().status();
      assertEquals(ServiceStatus.State.RUNNING, s.state());
      assertTrue(s.connected());
      assertEquals("127.0.0.1:" + h.host.port(), s.host());
      assertEquals(ServiceHarness.HOST_ID, s.hostId());
      assertNull(s.lastTask());
      assertNull(h.stop(WAIT));
      assertEquals(ServiceStatus.State.STOPPED, h.service().status().state());
    }
  }

  @Test
  void provisioningTasksReachCloudflareAndRepeatsAnswerIdempotently() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.run(true);
      Entitlement dns = Tasks.roleEntitlement(Seeds.ROLE_DNS);
      Resource zoe = Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE);

      var grant = h.finish(Tasks.grant(dns, zoe));
      assertTrue(grant.hasSuccess(), grant.toString());
      GrantManagerServiceGrantResponse granted =
          grant.getSuccess().getResponse().unpack(GrantManagerServiceGrantResponse.class);
      assertEquals(
          "role:" + Seeds.ROLE_DNS + ":member:user:" + Seeds.DEMO_USER_ZOE,
          granted.getGrants(0).getId());
      assertEquals(0, grant.getSuccess().getAnnotationsCount());
      assertTrue(h.roles(Seeds.DEMO_MEMBER_ZOE).contains(Seeds.ROLE_DNS));

      var again = h.finish(Tasks.grant(dns, zoe));
      assertTrue(again.getSuccess().getAnnotations(0).is(GrantAlreadyExists.class));
      assertEquals(1, h.sim.requests().count("PUT", Paths.MEMBER), "nothing written twice");

      Grant g = granted.getGrants(0);
      var revoke = h.finish(Tasks.revoke(g));
      assertTrue(revoke.hasSuccess());
      assertEquals(0, revoke.getSuccess().getAnnotationsCount());
      assertFalse(h.roles(Seeds.DEMO_MEMBER_ZOE).contains(Seeds.ROLE_DNS));
      var revokeAgain = h.finish(Tasks.revoke(Grant.newBuilder().setId(g.getId()).build()));
      assertTrue(revokeAgain.getSuccess().getAnnotations(0).is(GrantAlreadyRevoked.class));

      Task create =
          Tasks.base()
              .setCreateAccount(
                  Task.CreateAccountTask.newBuilder()
                      .setAccountInfo(
                          AccountInfo.newBuilder()
                              .addEmails(
                                  AccountInfo.Email.newBuilder()
                                      .setAddress("new.person@acme.example")
                                      .setIsPrimary(true))
                              .setProfile(
                                  Struct.newBuilder()
                                      .putFields(
                                          "roles",
                                          Value.newBuilder()
                                              .setListValue(
                                                  ListValue.newBuilder()
                                                      .addValues(
                                                          Value.newBuilder()
                                                              .setStringValue(
                                                                  Seeds.ROLE_ANALYTICS)))
                                              .build())))
                      .setCredentialOptions(
                          CredentialOptions.newBuilder()
                              .setNoPassword(CredentialOptions.NoPassword.getDefaultInstance())))
              .build();
      CreateAccountResponse created =
          h.finish(create).getSuccess().getResponse().unpack(CreateAccountResponse.class);
      assertEquals(CreateAccountResponse.ResultCase.ACTION_REQUIRED, created.getResultCase());
      var member = h.sim.account().memberByEmail("new.person@acme.example").orElseThrow();
      assertEquals("pending", member.status());
      assertEquals(List.of(Seeds.ROLE_ANALYTICS), member.roleIds());
      CreateAccountResponse second =
          h.finish(create.toBuilder().setId(Tasks.base().getId()).build())
              .getSuccess()
              .getResponse()
              .unpack(CreateAccountResponse.class);
      assertEquals(CreateAccountResponse.ResultCase.ALREADY_EXISTS, second.getResultCase());

      Task delete =
          Tasks.base()
              .setDeleteResource(
                  Task.DeleteResourceTask.newBuilder()
                      .setResourceId(
                          Ids.resourceId(
                              ResourceTypes.INVITATION_ID, Seeds.DEMO_MEMBER_PENDING_CONTRACTOR)))
              .build();
      var deleted = h.finish(delete);
      assertTrue(deleted.hasSuccess());
      assertEquals(
          TaskHandlers.DELETE_RESOURCE_RESPONSE, deleted.getSuccess().getResponse().getTypeUrl());
      assertTrue(h.sim.account().member(Seeds.DEMO_MEMBER_PENDING_CONTRACTOR).isEmpty());
      var deletedAgain = h.finish(delete.toBuilder().setId(Tasks.base().getId()).build());
      assertTrue(deletedAgain.getSuccess().getAnnotations(0).is(ResourceDoesNotExist.class));
      h.awaitStatus(st -> st.finished() == 8, "eight finished tasks");
    }
  }

  @Test
  void refusedAndMalformedProvisioningTasksAreNonRetryableErrors() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.run(false); // no -p
      int before = h.sim.requests().total();
      var refused =
          h.finish(
              Tasks.grant(
                  Tasks.roleEntitlement(Seeds.ROLE_DNS),
                  Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE)));
      assertTrue(refused.hasError());
      assertTrue(refused.getError().getNonRetryable());
      assertEquals(Code.FAILED_PRECONDITION_VALUE, refused.getStatus().getCode());
      assertEquals("provisioning is not enabled", refused.getStatus().getMessage());
      assertEquals(before, h.sim.requests().total(), "nothing was sent to Cloudflare");

      var malformed =
          h.finish(
              Tasks.base()
                  .setGrant(
                      Task.GrantTask.newBuilder()
                          .setEntitlement(Tasks.roleEntitlement(Seeds.ROLE_DNS)))
                  .build());
      assertEquals(Code.INVALID_ARGUMENT_VALUE, malformed.getStatus().getCode());
      assertTrue(malformed.getError().getNonRetryable());
      assertEquals(
          "malformed grant task: it needs an entitlement and a principal",
          malformed.getStatus().getMessage());
      h.awaitStatus(st -> st.failed() == 2, "two failed tasks");
      ServiceStatus.LastTask last = h.service().status().lastTask();
      assertEquals("grant", last.type());
      assertEquals(
          "INVALID_ARGUMENT: malformed grant task: it needs an entitlement and a "
              + "principal (non-retryable)",
          last.result());
    }
  }

  @Test
  void actionTasksListSchemasInvokeAndAreRefusedLikeTheServer() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.run(false);
      var list =
          h.finish(
              Tasks.base()
                  .setActionListSchemas(Task.ActionListSchemasTask.getDefaultInstance())
                  .build());
      var schemas =
          list.getSuccess()
              .getResponse()
              .unpack(dev.batoncf.pb.connector.v2.ListActionSchemasResponse.class);
      assertEquals(12, schemas.getSchemasCount());

      Struct args =
          Struct.newBuilder()
              .putFields("ip", Value.newBuilder().setStringValue("203.0.113.7").build())
              .build();
      var invoked =
          h.finish(
              Tasks.base()
                  .setActionInvoke(
                      Task.ActionInvokeTask.newBuilder().setName("get_ip_overview").setArgs(args))
                  .build());
      var r =
          invoked
              .getSuccess()
              .getResponse()
              .unpack(dev.batoncf.pb.connector.v2.InvokeActionResponse.class);
      Struct result = r.getResponse();
      if (r.getStatus() == BatonActionStatus.BATON_ACTION_STATUS_RUNNING) {
        // slower than the 1 s inline wait: the host asks with action_status tasks, as in Baton
        result = awaitAction(h, r.getId());
      } else {
        assertEquals(BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, r.getStatus());
      }
      assertEquals("203.0.113.7", result.getFieldsOrThrow("ip").getStringValue());

      var unknown =
          h.finish(
              Tasks.base()
                  .setActionInvoke(Task.ActionInvokeTask.newBuilder().setName("no_such_action"))
                  .build());
      assertEquals(Code.NOT_FOUND_VALUE, unknown.getStatus().getCode());
      assertTrue(unknown.getError().getNonRetryable());

      var write =
          h.finish(
              Tasks.base()
                  .setActionInvoke(
                      Task.ActionInvokeTask.newBuilder()
                          .setName("reset_user_risk_score")
                          .setArgs(
                              Struct.newBuilder()
                                  .putFields(
                                      "email",
                                      Value.newBuilder()
                                          .setStringValue("ana.ruiz@acme.example")
                                          .build())))
                  .build());
      assertEquals(Code.FAILED_PRECONDITION_VALUE, write.getStatus().getCode(), write.toString());
      assertTrue(write.getError().getNonRetryable(), "a write without -p is refused for good");
    }
  }

  @Test
  void unknownAndUnsupportedTaskTypesAreUnimplementedAndTheLoopGoesOn() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.run(true);
      // a task type from a newer protocol: field 130 of the oneof, unknown to us
      Task future =
          Tasks.base()
              .setUnknownFields(
                  UnknownFieldSet.newBuilder()
                      .addField(
                          130,
                          UnknownFieldSet.Field.newBuilder()
                              .addLengthDelimited(ByteString.copyFromUtf8("\u0008\u0001"))
                              .build())
                      .build())
              .build();
      var f = h.finish(future);
      assertEquals(Code.UNIMPLEMENTED_VALUE, f.getStatus().getCode());
      assertTrue(f.getError().getNonRetryable());
      assertTrue(f.getStatus().getMessage().startsWith("unsupported task type"), f.toString());

      var rotate =
          h.finish(
              Tasks.base()
                  .setRotateCredentials(Task.RotateCredentialsTask.getDefaultInstance())
                  .build());
      assertEquals(Code.UNIMPLEMENTED_VALUE, rotate.getStatus().getCode());
      assertEquals(
          "unsupported task type rotate_credentials: baton-cloudflare does not " + "implement it",
          rotate.getStatus().getMessage());

      // a scope Baton's syncer would refuse too: skip_grants needs targeted resources
      var partial =
          h.finish(
              Tasks.sync(
                  Task.SyncFullTask.newBuilder()
                      .addSyncResourceTypeIds("role")
                      .setSkipGrants(true)
                      .build()));
      assertEquals(Code.INVALID_ARGUMENT_VALUE, partial.getStatus().getCode());
      assertTrue(partial.getError().getNonRetryable());
      assertEquals(
          "sync_full: --skip-grants needs --sync-resources (Baton skips grants only "
              + "in a targeted sync)",
          partial.getStatus().getMessage());
      assertTrue(h.host.uploads().isEmpty());

      // and the loop still works
      var grant =
          h.finish(
              Tasks.grant(
                  Tasks.roleEntitlement(Seeds.ROLE_DNS),
                  Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE)));
      assertTrue(grant.hasSuccess());
    }
  }

  @Test
  void helloTaskIsAnsweredWithAHelloCarryingItsId() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.run(false);
      h.host.awaitTrue(x -> x.hellos().size() == 1, WAIT, "startup hello");
      Task hello = Tasks.base().setHello(Task.HelloTask.getDefaultInstance()).build();
      h.host.enqueue(hello);
      h.host.awaitTrue(x -> x.hellos().size() == 2, WAIT, "hello for the task");
      assertEquals(hello.getId(), h.host.hellos().get(1).getTaskId());
      Thread.sleep(300);
      assertTrue(h.host.finishes().isEmpty(), "as in Baton's SDK the Hello is the answer");
    }
  }

  @Test
  void tokensAreRefreshedBeforeTheyExpire() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.tokens.expiresIn(2); // refreshed a second before expiry
      h.run(false);
      Thread.sleep(3500);
      assertTrue(h.tokens.issued() >= 3, "tokens issued: " + h.tokens.issued());
      long distinct =
          h.host.calls().stream().map(FakeBatonHost.Call::authorization).distinct().count();
      assertTrue(distinct >= 3, "calls used " + distinct + " tokens");
      assertTrue(
          h.host.calls().stream().allMatch(FakeBatonHost.Call::authorized),
          "no call ever carried an expired token");
      assertEquals(List.of(), h.tokens.rejections());
    }
  }

  // --- helpers

  private Path tmp(String name) throws IOException {
    return Files.createDirectories(dir.resolve(name));
  }

  /** Polls an action with action_status tasks until it completes; returns its result. */
  private static Struct awaitAction(ServiceHarness h, String actionId) throws Exception {
    for (int i = 0; i < 100; i++) {
      var status =
          h.finish(
                  Tasks.base()
                      .setActionStatus(Task.ActionStatusTask.newBuilder().setId(actionId))
                      .build())
              .getSuccess()
              .getResponse()
              .unpack(GetActionStatusResponse.class);
      if (status.getStatus() == BatonActionStatus.BATON_ACTION_STATUS_COMPLETE) {
        return status.getResponse();
      }
      assertEquals(BatonActionStatus.BATON_ACTION_STATUS_RUNNING, status.getStatus());
      Thread.sleep(100);
    }
    throw new AssertionError("action " + actionId + " never completed");
  }
}
