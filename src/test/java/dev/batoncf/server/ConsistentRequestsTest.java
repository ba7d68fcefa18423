package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.AccountInfo;
import dev.batoncf.pb.connector.v2.AccountManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.CreateAccountRequest;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that contradict themselves or name what does not exist are refused before any write: an
 * entitlement id that disagrees with its resource, a grant id that disagrees with its principal, a
 * role the account lacks, an invitation email the actions would refuse.
 */
class ConsistentRequestsTest {
  private static final String UNKNOWN_ROLE = "0123456789abcdef0123456789abcdef";

  private ServerFixture f;
  private GrantManagerServiceGrpc.GrantManagerServiceBlockingStub grants;
  private AccountManagerServiceGrpc.AccountManagerServiceBlockingStub accounts;

  @BeforeEach
  void start() {
    f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults().withProvisioning(true));
    grants = GrantManagerServiceGrpc.newBlockingStub(f.channel());
    accounts = AccountManagerServiceGrpc.newBlockingStub(f.channel());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void anEntitlementWhoseIdAndResourceDisagreeIsNeverActedOn() {
    Resource zoe = ProvisioningTest.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE);
    Entitlement mixed =
        ProvisioningTest.roleEntitlement(Seeds.ROLE_BILLING).toBuilder()
            .setId("role:" + Seeds.ROLE_DNS + ":member")
            .build();
    assertInvalid(
        "entitlement id 'role:"
            + Seeds.ROLE_DNS
            + ":member' names role:"
            + Seeds.ROLE_DNS
            + " but its resource is role:"
            + Seeds.ROLE_BILLING,
        () -> grants.grant(ProvisioningTest.grantRequest(mixed, zoe)));

    Entitlement otherKind =
        ProvisioningTest.roleEntitlement(Seeds.ROLE_DNS).toBuilder()
            .setId("group:" + Seeds.DEMO_GROUP_CYCLE_A + ":member")
            .build();
    assertInvalid(
        "entitlement id 'group:"
            + Seeds.DEMO_GROUP_CYCLE_A
            + ":member' names group:"
            + Seeds.DEMO_GROUP_CYCLE_A
            + " but its resource is role:"
            + Seeds.ROLE_DNS,
        () -> grants.grant(ProvisioningTest.grantRequest(otherKind, zoe)));

    Entitlement slug =
        ProvisioningTest.roleEntitlement(Seeds.ROLE_DNS).toBuilder().setSlug("admin").build();
    assertInvalid(
        "entitlement id 'role:"
            + Seeds.ROLE_DNS
            + ":member' has slug 'member' but "
            + "the entitlement's slug is 'admin'",
        () -> grants.grant(ProvisioningTest.grantRequest(slug, zoe)));

    Entitlement garbage =
        ProvisioningTest.roleEntitlement(Seeds.ROLE_DNS).toBuilder()
            .setId("not-an-entitlement")
            .build();
    assertInvalid(
        "entitlement 'not-an-entitlement' is not role:<role id>:member, "
            + "group:<group id>:member, user_group:<id>:member or "
            + "resource_group:<id>:<permission group id>",
        () -> grants.grant(ProvisioningTest.grantRequest(garbage, zoe)));

    Resource group =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.GROUP_ID, Seeds.DEMO_GROUP_CYCLE_A))
            .build();
    assertInvalid(
        "roles can only be granted to principals of type user, not 'group'",
        () ->
            grants.grant(
                ProvisioningTest.grantRequest(
                    ProvisioningTest.roleEntitlement(Seeds.ROLE_DNS), group)));
    assertEquals(0, f.sim.requests().total(), "nothing was sent to Cloudflare");
  }

  @Test
  void aGrantWhoseIdAndPrincipalDisagreeIsNeverRevoked() {
    Resource zoe = ProvisioningTest.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE);
    Entitlement billing = ProvisioningTest.roleEntitlement(Seeds.ROLE_BILLING);
    String otherUser = "0000aaaa1111bbbb2222cccc3333dddd";
    Grant lying =
        Grant.newBuilder()
            .setEntitlement(billing)
            .setPrincipal(zoe)
            .setId("role:" + Seeds.ROLE_BILLING + ":member:user:" + otherUser)
            .build();
    assertInvalid(
        "grant id 'role:"
            + Seeds.ROLE_BILLING
            + ":member:user:"
            + otherUser
            + "' does not match its entitlement and principal (role:"
            + Seeds.ROLE_BILLING
            + ":member:user:"
            + Seeds.DEMO_USER_ZOE
            + ")",
        () -> grants.revoke(ProvisioningTest.revokeRequest(lying)));
    Grant otherRole =
        lying.toBuilder()
            .setId("role:" + Seeds.ROLE_DNS + ":member:user:" + Seeds.DEMO_USER_ZOE)
            .build();
    assertInvalid(
        "grant id 'role:"
            + Seeds.ROLE_DNS
            + ":member:user:"
            + Seeds.DEMO_USER_ZOE
            + "' does not match its entitlement and principal (role:"
            + Seeds.ROLE_BILLING
            + ":member:user:"
            + Seeds.DEMO_USER_ZOE
            + ")",
        () -> grants.revoke(ProvisioningTest.revokeRequest(otherRole)));
    assertInvalid(
        "grant id 'role:x' is not <entitlement id>:<principal type>:<principal id>, "
            + "e.g. role:<role id>:member:user:<user id>",
        () ->
            grants.revoke(
                ProvisioningTest.revokeRequest(Grant.newBuilder().setId("role:x").build())));
    assertEquals(0, f.sim.requests().total());
    // agreeing ids are carried out
    Grant honest =
        lying.toBuilder()
            .setId("role:" + Seeds.ROLE_BILLING + ":member:user:" + Seeds.DEMO_USER_ZOE)
            .build();
    assertEquals(0, grants.revoke(ProvisioningTest.revokeRequest(honest)).getAnnotationsCount());
    assertEquals(1, f.sim.requests().count("PUT", Paths.MEMBER));
  }

  @Test
  void anUnknownRoleIsRefusedBeforeAnyWrite() {
    Resource zoe = ProvisioningTest.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE);
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                grants.grant(
                    ProvisioningTest.grantRequest(
                        ProvisioningTest.roleEntitlement(UNKNOWN_ROLE), zoe)));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals(
        "role "
            + UNKNOWN_ROLE
            + " does not exist in account "
            + Seeds.DEMO_ACCOUNT_ID
            + "; see `baton-cloudflare resources -t role`",
        e.getStatus().getDescription());
    assertInvalid(
        "'not-hex' is not a role id (32 hexadecimal characters); see "
            + "`baton-cloudflare resources -t role`",
        () ->
            grants.grant(
                ProvisioningTest.grantRequest(ProvisioningTest.roleEntitlement("not-hex"), zoe)));
    assertEquals(0, f.sim.requests().count("PUT", Paths.MEMBER), "no write");

    StatusRuntimeException invite =
        assertThrows(
            StatusRuntimeException.class,
            () -> accounts.createAccount(invitation("new.person@acme.example", UNKNOWN_ROLE)));
    assertEquals(Status.Code.INVALID_ARGUMENT, invite.getStatus().getCode());
    assertEquals(
        "unknown role '"
            + UNKNOWN_ROLE
            + "': use a role id or name from "
            + "`baton-cloudflare resources -t role`",
        invite.getStatus().getDescription());
    assertEquals(0, f.sim.requests().count("POST", Paths.MEMBERS));
  }

  @Test
  void invitationEmailsAreValidatedAsStrictlyAsTheActionsValidateTheirs() {
    for (String[] c :
        List.of(
            new String[] {
              "a@localhost",
              "invitation email: needs a name and a top-level domain, " + "like example.com"
            },
            new String[] {
              "two..dots@acme.example",
              "invitation email: 'two..dots@acme.example' "
                  + "is not an email address like user@example.com"
            },
            new String[] {
              "a@b@acme.example",
              "invitation email: 'a@b@acme.example' is not an "
                  + "email address like user@example.com"
            },
            new String[] {
              "space @acme.example",
              "invitation email: 'space @acme.example' is not "
                  + "an email address like user@example.com"
            },
            new String[] {
              "a@exa_mple.com", "invitation email: 'exa_mple.com' is not a valid " + "domain name"
            })) {
      assertInvalid(c[1], () -> accounts.createAccount(invitation(c[0], Seeds.ROLE_BILLING)));
    }
    assertEquals(0, f.sim.requests().total(), "refused before the role lookup, before any POST");
  }

  private static CreateAccountRequest invitation(String email, String role) {
    return CreateAccountRequest.newBuilder()
        .setAccountInfo(
            AccountInfo.newBuilder()
                .addEmails(AccountInfo.Email.newBuilder().setAddress(email).setIsPrimary(true))
                .setProfile(
                    Struct.newBuilder()
                        .putFields(
                            "roles",
                            Value.newBuilder()
                                .setListValue(
                                    ListValue.newBuilder()
                                        .addValues(Value.newBuilder().setStringValue(role)))
                                .build())))
        .build();
  }

  private static void assertInvalid(String description, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
    assertEquals(description, e.getStatus().getDescription());
  }
}
