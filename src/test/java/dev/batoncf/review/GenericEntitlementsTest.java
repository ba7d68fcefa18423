package dev.batoncf.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.c1z.C1zWriter;
import dev.batoncf.connector.Ids;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GrantSources;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.UserTrait;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entitlement types the connector does not emit yet (IAM user groups, resource groups, Access apps,
 * as design.md §2 names them) come out of the grants table generically, labelled with the names in
 * the file; expandable grants to a group reach its members "via" it, whether the file was expanded
 * by Baton (derived grants with sources) or not.
 */
class GenericEntitlementsTest {
  static final Instant SYNCED = Instant.parse("2025-06-30T12:00:00Z");
  static final String GROUP_MEMBER = "user_group:ug1:member";
  static final String DNS_WRITE = "resource_group:rg1:pg-dns-write";
  static final String APP_ACCESS = "access_app:app1:access";

  @TempDir static Path dir;
  static AccessReview review;

  @BeforeAll
  static void write() throws Exception {
    Path file = dir.resolve("future.c1z");
    try (C1zWriter w = C1zWriter.create(file, dir, Clock.fixed(SYNCED, ZoneId.systemDefault()))) {
      w.putResourceType(type("user", "User", ResourceType.Trait.TRAIT_USER));
      w.putResourceType(type("access_user", "Access User", ResourceType.Trait.TRAIT_USER));
      w.putResourceType(type("user_group", "User Group", ResourceType.Trait.TRAIT_GROUP));
      w.putResourceType(type("resource_group", "Resource Group", ResourceType.Trait.TRAIT_ROLE));
      w.putResourceType(type("access_app", "Access Application", ResourceType.Trait.TRAIT_APP));
      w.putResource(person("user", "u1", "Mia Chen", "mia@acme.example"));
      w.putResource(person("user", "u2", "Omar Said", "omar@acme.example"));
      w.putResource(person("access_user", "au1", "Mia Chen", "MIA@acme.example"));
      w.putResource(plain("user_group", "ug1", "eng-oncall"));
      w.putResource(plain("resource_group", "rg1", "Zone acme.example"));
      w.putResource(plain("access_app", "app1", "Grafana"));
      w.putEntitlement(entitlement(GROUP_MEMBER, "user_group", "ug1", "eng-oncall Member"));
      w.putEntitlement(
          entitlement(DNS_WRITE, "resource_group", "rg1", "DNS Write on acme.example"));
      w.putEntitlement(entitlement(APP_ACCESS, "access_app", "app1", "Can reach Grafana"));
      w.putGrant(grant(GROUP_MEMBER, "user", "u1").build());
      w.putGrant(grant(GROUP_MEMBER, "user", "u2").build());
      // The group's policy: members of ug1 get DNS Write, for the host to expand.
      w.putGrant(
          grant(DNS_WRITE, "user_group", "ug1")
              .addAnnotations(
                  Any.pack(GrantExpandable.newBuilder().addEntitlementIds(GROUP_MEMBER).build()))
              .build());
      // As Baton's expander writes it: u2's derived grant with its source; u1 also direct.
      w.putGrant(grant(DNS_WRITE, "user", "u2").setSources(sources(GROUP_MEMBER)).build());
      w.putGrant(
          grant(DNS_WRITE, "user", "u1").setSources(sources(GROUP_MEMBER, DNS_WRITE)).build());
      // A grant id that does not follow Baton's convention is kept as the file has it.
      w.putGrant(grant(APP_ACCESS, "access_user", "au1").setId("legacy:app1:au1").build());
      w.finish();
    }
    review = Reviews.review(file, Reviews.rules(SYNCED), List.of());
  }

  @Test
  void unknownTypesAreLabelledWithTheirNamesFromTheFile() {
    Principal mia = Reviews.principal(review, "Mia Chen");
    assertEquals("email:mia@acme.example", mia.key());
    assertEquals(
        List.of("user:u1", "access_user:au1"),
        mia.identities().stream().map(Identity::key).toList());
    Identity member = mia.identities().get(0);
    assertEquals(
        List.of(
            "DNS Write on acme.example | resource_group | Zone acme.example | direct; also via "
                + "User Group eng-oncall",
            "eng-oncall Member | user_group | eng-oncall | direct"),
        member.access().stream()
            .map(
                a ->
                    a.entitlement().wording()
                        + " | "
                        + a.entitlement().resourceType()
                        + " | "
                        + a.entitlement().resourceName()
                        + " | "
                        + a.how())
            .toList());
    Identity access = mia.identities().get(1);
    assertEquals("Access user", access.typeName()); // a known type keeps our plain words
    assertEquals(
        List.of("Can reach Grafana"),
        access.access().stream().map(a -> a.entitlement().wording()).toList());
    assertEquals("legacy:app1:au1", access.access().get(0).grantId(access));
  }

  @Test
  void aDerivedGrantIsInheritedNotDirectAndCountedOnce() {
    Identity omar = Reviews.principal(review, "Omar Said").identities().get(0);
    Access dns =
        omar.access().stream()
            .filter(a -> a.entitlement().id().equals(DNS_WRITE))
            .findFirst()
            .orElseThrow();
    assertFalse(dns.direct());
    assertEquals(Ids.grantId(DNS_WRITE, "user", "u2"), dns.grantId(omar));
    assertEquals(List.of(GROUP_MEMBER), dns.via().stream().map(EntitlementRef::id).toList());
    assertEquals("via User Group eng-oncall", dns.how());
    assertEquals(2, omar.access().size());
  }

  @Test
  void theGroupItselfIsListedAsAPrincipalWithItsGrant() {
    Identity group = Reviews.identity(review, "user_group", "ug1");
    assertEquals("User Group", group.typeName());
    assertEquals("eng-oncall", group.name());
    assertEquals(1, group.access().size());
    assertTrue(group.access().get(0).direct());
    assertEquals(Ids.grantId(DNS_WRITE, "user_group", "ug1"), group.access().get(0).grantId(group));
    assertEquals(
        List.of("user", "access_user", "user_group"),
        List.copyOf(review.summary().identitiesByType().keySet()));
  }

  private static ResourceType type(String id, String name, ResourceType.Trait trait) {
    return ResourceType.newBuilder().setId(id).setDisplayName(name).addTraits(trait).build();
  }

  private static Resource person(String type, String id, String name, String email) {
    Struct profile =
        Struct.newBuilder()
            .putFields("email", Value.newBuilder().setStringValue(email).build())
            .build();
    return Resource.newBuilder()
        .setId(Ids.resourceId(type, id))
        .setDisplayName(name)
        .addAnnotations(
            Any.pack(
                UserTrait.newBuilder()
                    .setProfile(profile)
                    .addEmails(UserTrait.Email.newBuilder().setAddress(email).setIsPrimary(true))
                    .build()))
        .build();
  }

  private static Resource plain(String type, String id, String name) {
    return Resource.newBuilder().setId(Ids.resourceId(type, id)).setDisplayName(name).build();
  }

  private static Entitlement entitlement(String id, String type, String resourceId, String name) {
    return Entitlement.newBuilder()
        .setId(id)
        .setDisplayName(name)
        .setSlug(id.substring(id.lastIndexOf(':') + 1))
        .setResource(Resource.newBuilder().setId(Ids.resourceId(type, resourceId)))
        .build();
  }

  private static Grant.Builder grant(String entitlementId, String type, String id) {
    String[] e = Ids.parseEntitlementId(entitlementId);
    return Grant.newBuilder()
        .setId(Ids.grantId(entitlementId, type, id))
        .setEntitlement(
            Entitlement.newBuilder()
                .setId(entitlementId)
                .setResource(Resource.newBuilder().setId(Ids.resourceId(e[0], e[1]))))
        .setPrincipal(Resource.newBuilder().setId(Ids.resourceId(type, id)));
  }

  private static GrantSources sources(String... entitlementIds) {
    GrantSources.Builder b = GrantSources.newBuilder();
    for (String id : entitlementIds) {
      b.putSources(id, GrantSources.GrantSource.newBuilder().setIsDirect(true).build());
    }
    return b.build();
  }
}
