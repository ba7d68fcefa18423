package dev.batoncf.server;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.Metadata;
import dev.batoncf.connector.ProfileKeys;
import dev.batoncf.connector.Protos;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.connector.ScimGroups;
import dev.batoncf.pb.connector.v2.AccountInfo;
import dev.batoncf.pb.connector.v2.CreateAccountRequest;
import dev.batoncf.pb.connector.v2.CreateAccountResponse;
import dev.batoncf.pb.connector.v2.CredentialOptions;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Request;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Response;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantAlreadyExists;
import dev.batoncf.pb.connector.v2.GrantAlreadyRevoked;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantResponse;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeResponse;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceDoesNotExist;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.provision.Accounts;
import dev.batoncf.provision.Change;
import dev.batoncf.provision.Outcome;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The provisioning half of the server: Grant, Revoke, CreateAccount and DeleteResourceV2 over the
 * CLI's provisioning layer. Refused with FAILED_PRECONDITION, before any Cloudflare request, unless
 * the server was started with {@code -p}. Idempotent outcomes are annotations, as Baton expects:
 * GrantAlreadyExists, GrantAlreadyRevoked, ResourceDoesNotExist.
 */
final class Provisioner {
  /** Baton's wording for a connector started without -p (noop_provisioner.go). */
  static final String DISABLED = "provisioning is not enabled";

  static final String ACCEPT_INVITATION = "the person must accept the invitation";

  private final boolean enabled;
  private final Memberships memberships;
  private final CloudflareClient client;
  private final StripedLocks locks = new StripedLocks();

  Provisioner(boolean enabled, CloudflareClient client, SnapshotCache snapshots) {
    this(enabled, client, snapshots, ScimGroups.none());
  }

  Provisioner(boolean enabled, CloudflareClient client, SnapshotCache snapshots, ScimGroups scim) {
    this.enabled = enabled;
    this.client = client;
    this.memberships = new Memberships(client, snapshots, locks, scim);
  }

  GrantManagerServiceGrantResponse grant(GrantManagerServiceGrantRequest req) {
    requireEnabled();
    if (!req.hasEntitlement() || !req.hasPrincipal() || !req.getPrincipal().hasId()) {
      throw invalid("entitlement and principal are required");
    }
    Memberships.Target t = Memberships.Target.of(req.getEntitlement(), req.getPrincipal());
    Change c = memberships.apply(t, true);
    GrantManagerServiceGrantResponse.Builder out =
        GrantManagerServiceGrantResponse.newBuilder()
            .addGrants(grantOf(req.getEntitlement(), req.getPrincipal(), t));
    if (settled(c) == Outcome.ALREADY_DONE) {
      out.addAnnotations(Any.pack(GrantAlreadyExists.getDefaultInstance()));
    }
    return out.build();
  }

  GrantManagerServiceRevokeResponse revoke(GrantManagerServiceRevokeRequest req) {
    requireEnabled();
    if (!req.hasGrant()) {
      throw invalid("grant is required");
    }
    Change c = memberships.apply(Memberships.Target.of(req.getGrant()), false);
    GrantManagerServiceRevokeResponse.Builder out = GrantManagerServiceRevokeResponse.newBuilder();
    if (settled(c) == Outcome.ALREADY_DONE) {
      out.addAnnotations(Any.pack(GrantAlreadyRevoked.getDefaultInstance()));
    }
    return out.build();
  }

  /** An invitation with the profile's roles; the person accepts it to become a member. */
  CreateAccountResponse createAccount(CreateAccountRequest req) {
    requireEnabled();
    String type = req.getResourceTypeId();
    if (!type.isEmpty()) {
      RequestChecks.typeId("resource_type_id", type);
    }
    if (!type.isEmpty()
        && !type.equals(ResourceTypes.USER_ID)
        && !type.equals(ResourceTypes.INVITATION_ID)) {
      throw Status.UNIMPLEMENTED
          .withDescription(
              "accounts of type '"
                  + type
                  + "' cannot be "
                  + "created; invitations are created as type user")
          .asRuntimeException();
    }
    CredentialOptions.OptionsCase creds = req.getCredentialOptions().getOptionsCase();
    if (creds != CredentialOptions.OptionsCase.OPTIONS_NOT_SET
        && creds != CredentialOptions.OptionsCase.NO_PASSWORD) {
      throw invalid("a Cloudflare invitation carries no credential: use no_password");
    }
    AccountInfo info = req.getAccountInfo();
    String email = RequestChecks.email(email(info));
    List<String> roles = roles(info.getProfile());
    roles.forEach(r -> RequestChecks.id("profile '" + Metadata.SCHEMA_ROLES + "' entry", r));
    if (roles.isEmpty()) {
      throw invalid(
          "the account profile needs '"
              + Metadata.SCHEMA_ROLES
              + "': the role ids (or names) of the invitation");
    }
    // One invitation per address even when hosts ask at once: look-up and invite run together.
    Change c =
        locks.with(
            "email:" + email.toLowerCase(Locale.ROOT),
            () -> new Accounts(client).invite(email, roles, false));
    CreateAccountResponse.Builder out = CreateAccountResponse.newBuilder();
    Resource created = stub(c.resource(), email);
    if (settled(c) == Outcome.ALREADY_DONE) {
      CreateAccountResponse.AlreadyExistsResult.Builder r =
          CreateAccountResponse.AlreadyExistsResult.newBuilder().setIsCreateAccountResult(true);
      if (created != null) {
        r.setResource(created);
      }
      return out.setAlreadyExists(r).build();
    }
    CreateAccountResponse.ActionRequiredResult.Builder r =
        CreateAccountResponse.ActionRequiredResult.newBuilder()
            .setMessage(ACCEPT_INVITATION)
            .setIsCreateAccountResult(true);
    if (created != null) {
      r.setResource(created);
    }
    return out.setActionRequired(r).build();
  }

  DeleteResourceV2Response delete(DeleteResourceV2Request req) {
    requireEnabled();
    ResourceId id = req.getResourceId();
    RequestChecks.typeId("resource_id.resource_type", id.getResourceType());
    RequestChecks.id("resource_id.resource", id.getResource());
    Accounts accounts = new Accounts(client);
    Change c =
        locks.with(
            id.getResourceType() + ":" + id.getResource(),
            () ->
                switch (id.getResourceType()) {
                  case ResourceTypes.USER_ID ->
                      accounts.deleteUser(
                          id.getResource(), memberships.hint(id, ProfileKeys.MEMBER_ID), false);
                  case ResourceTypes.INVITATION_ID ->
                      accounts.deleteInvitation(id.getResource(), false);
                  default ->
                      throw Status.UNIMPLEMENTED
                          .withDescription(
                              "resources of type '"
                                  + id.getResourceType()
                                  + "' cannot be deleted; users and invitations can")
                          .asRuntimeException();
                });
    DeleteResourceV2Response.Builder out = DeleteResourceV2Response.newBuilder();
    if (settled(c) == Outcome.ALREADY_DONE) {
      out.addAnnotations(Any.pack(ResourceDoesNotExist.getDefaultInstance()));
    }
    return out.build();
  }

  private void requireEnabled() {
    if (!enabled) {
      throw Status.FAILED_PRECONDITION.withDescription(DISABLED).asRuntimeException();
    }
  }

  /** CHANGED or ALREADY_DONE; a refusal (last role, policy-managed member…) is for the host. */
  private static Outcome settled(Change c) {
    if (c.outcome() == Outcome.REFUSED) {
      throw Status.FAILED_PRECONDITION
          .withDescription("refused: " + c.message())
          .asRuntimeException();
    }
    return c.outcome();
  }

  /** The grant as the host named it, with Baton's id convention. */
  private static Grant grantOf(Entitlement ent, Resource principal, Memberships.Target t) {
    String entId =
        ent.getId().isEmpty()
            ? Ids.entitlementId(t.resourceType(), t.resourceId(), t.slug())
            : ent.getId();
    return Grant.newBuilder()
        .setEntitlement(ent.toBuilder().setId(entId))
        .setPrincipal(principal)
        .setId(Ids.grantId(entId, t.principalType(), t.principalId()))
        .build();
  }

  /** The primary email, else the first, else the login or profile email when it is one. */
  static String email(AccountInfo info) {
    for (AccountInfo.Email e : info.getEmailsList()) {
      if (e.getIsPrimary() && !e.getAddress().isBlank()) {
        return e.getAddress().trim();
      }
    }
    if (info.getEmailsCount() > 0 && !info.getEmails(0).getAddress().isBlank()) {
      return info.getEmails(0).getAddress().trim();
    }
    String profileEmail = Protos.profileString(info.getProfile(), ProfileKeys.EMAIL);
    if (profileEmail != null) {
      return profileEmail.trim();
    }
    if (info.getLogin().contains("@")) {
      return info.getLogin().trim();
    }
    throw invalid("account_info needs an email address");
  }

  /** The profile's "roles": a list of strings, or one string. */
  static List<String> roles(Struct profile) {
    Value v = profile.getFieldsMap().get(Metadata.SCHEMA_ROLES);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.hasStringValue()) {
      if (!v.getStringValue().isBlank()) {
        out.add(v.getStringValue().trim());
      }
      return out;
    }
    if (!v.hasListValue()) {
      throw invalid("profile '" + Metadata.SCHEMA_ROLES + "' must be a list of strings");
    }
    for (Value item : v.getListValue().getValuesList()) {
      if (!item.hasStringValue()) {
        throw invalid("profile '" + Metadata.SCHEMA_ROLES + "' must be a list of strings");
      }
      if (!item.getStringValue().isBlank()) {
        out.add(item.getStringValue().trim());
      }
    }
    return out;
  }

  /** A resource stub from the provisioning layer's "type:id". */
  private static Resource stub(String typeAndId, String displayName) {
    if (typeAndId == null || typeAndId.indexOf(':') <= 0) {
      return null;
    }
    int colon = typeAndId.indexOf(':');
    return Resource.newBuilder()
        .setId(Ids.resourceId(typeAndId.substring(0, colon), typeAndId.substring(colon + 1)))
        .setDisplayName(displayName)
        .build();
  }

  static RuntimeException invalid(String why) {
    return Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException();
  }
}
