package dev.batoncf.c1z;

import com.google.protobuf.Any;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GrantMetadata;
import dev.batoncf.pb.connector.v2.GroupTrait;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.UserTrait;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Small, realistic c1.connector.v2 objects for the c1z tests. */
final class Fixtures {

  /** 2024-05-06 07:08:09.1234 UTC: the fraction has trailing zeros that Go's layout trims. */
  static final Instant FIXED_INSTANT = Instant.parse("2024-05-06T07:08:09.123400Z");

  static final String FIXED_GO_TIME = "2024-05-06 07:08:09.1234";

  private Fixtures() {}

  static Clock fixedClock() {
    return Clock.fixed(FIXED_INSTANT, ZoneOffset.UTC);
  }

  static ResourceType userType() {
    return ResourceType.newBuilder()
        .setId("user")
        .setDisplayName("User")
        .addTraits(ResourceType.Trait.TRAIT_USER)
        .setDescription("Cloudflare account member")
        .build();
  }

  static ResourceType groupType() {
    return ResourceType.newBuilder()
        .setId("group")
        .setDisplayName("Access group")
        .addTraits(ResourceType.Trait.TRAIT_GROUP)
        .build();
  }

  static ResourceId id(String type, String id) {
    return ResourceId.newBuilder().setResourceType(type).setResource(id).build();
  }

  /** A user with a Struct profile (several keys, nested list) and a UserTrait annotation. */
  static Resource user(String id, String email) {
    Struct profile =
        Struct.newBuilder()
            .putFields("status", str("accepted"))
            .putFields("email", str(email))
            .putFields("member_id", str("m-" + id))
            .putFields(
                "two_factor_authentication_enabled", Value.newBuilder().setBoolValue(true).build())
            .putFields(
                "roles",
                Value.newBuilder()
                    .setListValue(
                        ListValue.newBuilder()
                            .addValues(str("Administrator"))
                            .addValues(str("Billing")))
                    .build())
            .putFields("age_days", Value.newBuilder().setNumberValue(42.5).build())
            .build();
    UserTrait trait =
        UserTrait.newBuilder()
            .addEmails(UserTrait.Email.newBuilder().setAddress(email).setIsPrimary(true))
            .setStatus(
                UserTrait.Status.newBuilder()
                    .setStatus(UserTrait.Status.StatusValue.STATUS_ENABLED))
            .setProfile(profile)
            .setLogin(email)
            .build();
    return Resource.newBuilder()
        .setId(id("user", id))
        .setDisplayName(email)
        .setProfile(profile)
        .addAnnotations(Any.pack(trait))
        .build();
  }

  /** A group with a parent resource and a GroupTrait annotation. */
  static Resource group(String id) {
    return Resource.newBuilder()
        .setId(id("group", id))
        .setParentResourceId(id("account", "acct-1"))
        .setDisplayName("Group " + id)
        .addAnnotations(
            Any.pack(
                GroupTrait.newBuilder()
                    .setProfile(Struct.newBuilder().putFields("name", str("Group " + id)))
                    .build()))
        .build();
  }

  static Entitlement member(Resource group) {
    return Entitlement.newBuilder()
        .setId(group.getId().getResourceType() + ":" + group.getId().getResource() + ":member")
        .setResource(group)
        .setDisplayName("Member of " + group.getDisplayName())
        .setSlug("member")
        .addGrantableTo(userType())
        .setPurpose(Entitlement.PurposeValue.PURPOSE_VALUE_ASSIGNMENT)
        .build();
  }

  static Grant grant(Entitlement entitlement, Resource principal) {
    return Grant.newBuilder()
        .setId(
            entitlement.getId()
                + ":"
                + principal.getId().getResourceType()
                + ":"
                + principal.getId().getResource())
        .setEntitlement(entitlement)
        .setPrincipal(principal)
        .addAnnotations(
            Any.pack(
                GrantMetadata.newBuilder()
                    .setMetadata(Struct.newBuilder().putFields("source", str("rule:email")))
                    .build()))
        .build();
  }

  static GrantExpandable expandable(String... entitlementIds) {
    return GrantExpandable.newBuilder()
        .addAllEntitlementIds(java.util.List.of(entitlementIds))
        .setShallow(true)
        .addResourceTypeIds("user")
        .build();
  }

  /** A grant with a GrantExpandable as its last annotation (where the reader re-attaches it). */
  static Grant expandableGrant(
      Entitlement entitlement, Resource principal, GrantExpandable expandable) {
    return grant(entitlement, principal).toBuilder().addAnnotations(Any.pack(expandable)).build();
  }

  static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
