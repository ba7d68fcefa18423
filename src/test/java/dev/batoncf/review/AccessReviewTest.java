package dev.batoncf.review;

import static dev.batoncf.review.Reviews.DEMO_AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.connector.RoleSyncer;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review model over a real sync of the demo account. */
class AccessReviewTest {
  @TempDir static Path dir;
  static Path demo;
  static AccessReview review;

  @BeforeAll
  static void syncDemo() {
    demo = Reviews.sync(Seeds.demo(), dir.resolve("demo.c1z"));
    review = Reviews.review(demo, Reviews.rules(DEMO_AS_OF), List.of());
  }

  @Test
  void flagsExactlyTheDemoFindings() {
    assertEquals(
        List.of(
            "baton-connector (read) | api_token | token_no_expiry | Active and never expires.",
            "grafana-analytics | api_token | token_expired_active | Expired on 2025-06-15 (16 days "
                + "ago) but is still active.",
            "Hana Kovářová | user | no_2fa | Two-factor authentication is off for this Cloudflare "
                + "login.",
            "incident-response | api_token | token_expires_soon | Expires on 2025-07-20 (in 19 days).",
            "İpek Yıldız | user | no_2fa | Two-factor authentication is off for this Cloudflare "
                + "login.",
            "José Müller | user | super_admin | Holds the Super Administrator role: full control of "
                + "the account.",
            "Marco Rossi | access_user | dormant | No Access login for 139 days (last on "
                + "2025-02-11).",
            "Pending Onboarding | access_user | dormant | Never logged in; created 271 days ago (on "
                + "2024-10-02).",
            "Priya | user | no_2fa | Two-factor authentication is off for this Cloudflare login.",
            "Rafael Costa | access_user | risky_user | Zero Trust risk level is high.",
            "Siobhán Ní Bhriain | user | no_2fa | Two-factor authentication is off for this "
                + "Cloudflare login.",
            "Temporary Intern | access_user | risky_user | Zero Trust risk level is high.",
            "Zoë Ørsted | user | no_2fa | Two-factor authentication is off for this Cloudflare login.",
            "Σοφία Παπαδοπούλου | user | no_2fa | Two-factor authentication is off for this "
                + "Cloudflare login."),
        Reviews.flagLines(review));
    Map<FlagCode, Integer> counts = review.summary().flags();
    assertEquals(
        Map.of(
            FlagCode.SUPER_ADMIN,
            1,
            FlagCode.NO_TWO_FACTOR,
            6,
            FlagCode.STALE_INVITATION,
            0,
            FlagCode.RISKY_ACCESS_USER,
            2,
            FlagCode.DORMANT,
            2,
            FlagCode.TOKEN_NO_EXPIRY,
            1,
            FlagCode.TOKEN_EXPIRES_SOON,
            1,
            FlagCode.TOKEN_EXPIRED_ACTIVE,
            1),
        counts);
    assertEquals(14, review.summary().flaggedIdentities());
  }

  @Test
  void statesTheSyncItWasBuiltFromAndTheAsOfTime() {
    assertEquals("demo.c1z", review.source());
    assertEquals(27, review.syncId().length()); // a KSUID
    assertTrue(!review.syncEndedAt().isBefore(review.syncStartedAt()));
    assertTrue(Duration.between(review.syncEndedAt(), Instant.now()).abs().toMinutes() < 10);
    assertEquals(DEMO_AS_OF, review.rules().asOf());
    assertEquals(0, review.earlierSyncs());
  }

  @Test
  void countsEveryIdentityOfTheDemo() {
    // user groups holding a policy are principals of resource-group grants
    assertEquals(
        Map.of(
            "user",
            20,
            "invitation",
            3,
            "access_user",
            40,
            "api_token",
            6,
            "group",
            5,
            "user_group",
            3),
        review.summary().identitiesByType());
    assertEquals(
        List.of("user", "invitation", "access_user", "api_token", "group", "user_group"),
        List.copyOf(review.summary().identitiesByType().keySet()));
  }

  @Test
  void aMemberAndAnAccessUserWithTheSameEmailAreOnePersonWithBothIds() {
    Principal jose = Reviews.principal(review, "José Müller");
    assertEquals("email:jose.muller@acme.example", jose.key());
    assertEquals(
        List.of("user", "access_user"), jose.identities().stream().map(Identity::type).toList());
    Identity member = jose.identities().get(0);
    assertEquals(Seeds.DEMO_USER_JOSE, member.id());
    Identity access = jose.identities().get(1);
    assertTrue(access.id().matches("[0-9a-f-]{36}"), "the Access user keeps its own uuid");
    assertEquals(member.email(), access.email());
    assertEquals(
        List.of("Has role Administrator", "Has role " + RoleSyncer.SUPER_ADMIN_NAME),
        member.access().stream().map(a -> a.entitlement().wording()).toList());
    assertEquals(Boolean.TRUE, member.twoFactor());
    assertNull(member.lastLogin());
    assertEquals(IdentityReader.MEMBER_LOGIN_UNKNOWN, member.lastLoginNote());
    // People only in Access are principals of their own.
    Principal rafael = Reviews.principal(review, "Rafael Costa");
    assertEquals(1, rafael.identities().size());
    assertEquals("high", rafael.identities().get(0).riskLevel());
  }

  @Test
  void nestedGroupsShowAsViaTheChildGroupAndAsGroupPrincipals() {
    Identity francois = Reviews.principal(review, "François Lefèvre").identities().get(1);
    Access platform =
        francois.access().stream()
            .filter(
                a -> a.entitlement().id().equals("group:" + Seeds.DEMO_GROUP_PLATFORM + ":member"))
            .findFirst()
            .orElseThrow();
    assertTrue(platform.direct());
    assertEquals(
        List.of("group:" + Seeds.DEMO_GROUP_SRE + ":member"),
        platform.via().stream().map(EntitlementRef::id).toList());
    assertEquals("direct; also via Access group SRE On-call", platform.how());

    Identity sre = Reviews.identity(review, "group", Seeds.DEMO_GROUP_SRE);
    assertEquals("Access group", sre.typeName());
    assertEquals(
        List.of("Member of Access group Platform Team"),
        sre.access().stream().map(a -> a.entitlement().wording()).toList());
    assertEquals(
        "group:" + Seeds.DEMO_GROUP_PLATFORM + ":member:group:" + Seeds.DEMO_GROUP_SRE,
        sre.access().get(0).grantId(sre));

    // A cycle of nested groups: each member inherits the other group, never its own.
    Identity cycleA = Reviews.identity(review, "group", Seeds.DEMO_GROUP_CYCLE_A);
    assertEquals(
        List.of("group:" + Seeds.DEMO_GROUP_CYCLE_B + ":member"),
        cycleA.access().stream().map(a -> a.entitlement().id()).toList());
    Identity chloe = Reviews.principal(review, "Chloé Dubois").identities().get(1);
    Access viaB =
        chloe.access().stream()
            .filter(
                a -> a.entitlement().id().equals("group:" + Seeds.DEMO_GROUP_CYCLE_A + ":member"))
            .findFirst()
            .orElseThrow();
    assertFalse(viaB.direct());
    assertNull(viaB.grantId(chloe));
    assertEquals("via Access group Cycle B", viaB.how());
  }

  @Test
  void invitationsShowTheRolesTheyWillGetAndWhenTheyWereFirstSeen() {
    Identity newHire = Reviews.identity(review, "invitation", Seeds.DEMO_MEMBER_PENDING_NEW_HIRE);
    assertEquals("Pending", newHire.status());
    assertEquals(1, newHire.access().size());
    Access analytics = newHire.access().get(0);
    assertTrue(analytics.invited());
    assertNull(analytics.grantId(newHire));
    assertEquals("Has role Analytics", analytics.entitlement().wording());
    assertEquals("invited (applies once accepted)", analytics.how());
    assertEquals(
        Dates.day(review.syncStartedAt()) + " or earlier", newHire.details().get("pending_since"));
    assertEquals(IdentityReader.NOT_ACCEPTED, newHire.lastLoginNote());
  }

  @Test
  void tokensCarryTheirExpiryUseAndPermissions() {
    Identity ci = Reviews.identity(review, "api_token", Seeds.DEMO_TOKEN_TERRAFORM);
    assertEquals("2026-12-31T23:59:59Z", ci.details().get("expires_on"));
    assertEquals("2025-06-30T23:01:02Z", ci.details().get("last_used_on"));
    assertEquals(List.of("DNS Write", "Zone Read"), ci.details().get("permission_groups"));
    assertEquals(List.of("192.0.2.0/24", "2001:db8:100::/48"), ci.details().get("allowed_ips"));
    assertTrue(ci.flags().isEmpty());
    // The same token seen from late 2026 expires within 30 days.
    AccessReview later =
        Reviews.review(demo, Reviews.rules(Instant.parse("2026-12-02T00:00:00Z")), List.of());
    assertEquals(
        List.of(new Flag(FlagCode.TOKEN_EXPIRES_SOON, "Expires on 2026-12-31 (in 29 days).")),
        Reviews.identity(later, "api_token", Seeds.DEMO_TOKEN_TERRAFORM).flags());
  }

  @Test
  void mediumRiskIsFlaggedWhenAsked() {
    AccessReview medium =
        Reviews.review(
            demo, new ReviewRules(14, 90, 30, ReviewRules.RiskLevel.MEDIUM, DEMO_AS_OF), List.of());
    List<String> risky =
        Reviews.flagLines(medium).stream().filter(l -> l.contains("| risky_user |")).toList();
    assertEquals(
        List.of(
            "Ana Ruiz | access_user | risky_user | Zero Trust risk level is medium.",
            "Rafael Costa | access_user | risky_user | Zero Trust risk level is high.",
            "Temporary Intern | access_user | risky_user | Zero Trust risk level is high."),
        risky);
  }

  @Test
  void thresholdsMoveTheFlags() {
    AccessReview strict =
        Reviews.review(
            demo, new ReviewRules(14, 19, 30, ReviewRules.RiskLevel.HIGH, DEMO_AS_OF), List.of());
    long dormant = strict.summary().flags().get(FlagCode.DORMANT);
    AccessReview lax =
        Reviews.review(
            demo, new ReviewRules(14, 1000, 0, ReviewRules.RiskLevel.HIGH, DEMO_AS_OF), List.of());
    assertTrue(dormant > 20, "most demo logins are older than 19 days: " + dormant);
    assertEquals(0, lax.summary().flags().get(FlagCode.DORMANT));
    assertEquals(0, lax.summary().flags().get(FlagCode.TOKEN_EXPIRES_SOON));
  }

  @Test
  void anInvitationAlreadyPendingInAnEarlierSyncIsFlaggedOnceOldEnough() throws Exception {
    SimAccount account = Seeds.demo();
    Path first = Reviews.sync(account, dir.resolve("first.c1z"));
    account.removeMember(Seeds.DEMO_MEMBER_PENDING_CONTRACTOR);
    account.putMember(
        new SimMember(
            "0123456789abcdef0123456789abcdef",
            "late.invite@acme.example",
            "pending",
            new SimMember.User(null, null, null, false),
            List.of(Seeds.ROLE_SUPER_ADMIN),
            List.of()));
    Thread.sleep(5); // the second sync must start after the first
    Path second = Reviews.sync(account, dir.resolve("second.c1z"));
    Instant firstStart =
        Reviews.review(first, Reviews.rules(DEMO_AS_OF), List.of()).syncStartedAt();
    ReviewRules twentyDays =
        new ReviewRules(
            20, 90, 30, ReviewRules.RiskLevel.HIGH, firstStart.plus(Duration.ofDays(20)));

    AccessReview withHistory = Reviews.review(second, twentyDays, List.of(first));
    assertEquals(1, withHistory.earlierSyncs());
    String since = Dates.day(firstStart);
    assertEquals(
        List.of(
            "bjorn.astrom@acme.example | invitation | stale_invitation | Pending for at least 20 "
                + "days: it was already pending in the sync of "
                + since
                + ".",
            "late.invite@acme.example | invitation | super_admin | Invited with the Super "
                + "Administrator role: full control once accepted.",
            "new.hire@acme.example | invitation | stale_invitation | Pending for at least 20 days: "
                + "it was already pending in the sync of "
                + since
                + "."),
        Reviews.flagLines(withHistory).stream().filter(l -> l.contains("| invitation |")).toList());

    // Without the earlier file, only the second sync dates them: not yet 20 days.
    AccessReview alone = Reviews.review(second, twentyDays, List.of());
    assertEquals(0, alone.summary().flags().get(FlagCode.STALE_INVITATION));
  }
}
