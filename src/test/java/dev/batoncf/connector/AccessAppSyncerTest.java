package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.model.AccessApp;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure mapper of {@code access_app}, from a fixture with a policy-id link and an IdP rule. */
class AccessAppSyncerTest {
  private static AccessApp payroll() {
    return new AccessApp(
        JsonParser.parseString(Fixtures.text("app_saas_reusable_policy_and_string_link.json"))
            .getAsJsonObject());
  }

  private static List<String> list(Resource r, String key) {
    var v = r.getProfile().getFieldsMap().get(key);
    return v == null
        ? List.of()
        : v.getListValue().getValuesList().stream().map(x -> x.getStringValue()).toList();
  }

  @Test
  void profileListsPoliciesInPrecedenceAndTheRulesDecidedAtRequestTime() {
    Resource r = AccessAppSyncer.toResource(payroll(), Map.of(), true, true);
    assertEquals("access_app", r.getId().getResourceType());
    assertEquals("0c1a2b3c-4d5e-46f7-8a9b-0c1d2e3f4a5b", r.getId().getResource());
    assertEquals("Payroll", r.getDisplayName());
    assertEquals("saas", r.getProfile().getFieldsOrThrow("app_type").getStringValue());
    assertEquals("12h", r.getProfile().getFieldsOrThrow("session_duration").getStringValue());
    // The bare policy id carries no rules: it is not evaluated (and not invented).
    assertEquals(
        List.of(
            "1 deny Offboarded: include email_list a1b2c3d4-0000-4a5b-8c9d-0e1f2a3b4c5d",
            "2 allow Finance: include okta finance 6c5b4a39-2817-4f6e-9d0c-1b2a39485766 "
                + "or email cfo@example.org; require geo DE"),
        list(r, "policies"),
        "in precedence order, not list order");
    assertEquals(
        List.of(
            "deny Offboarded: include email_list a1b2c3d4-0000-4a5b-8c9d-0e1f2a3b4c5d",
            "allow Finance: include okta finance 6c5b4a39-2817-4f6e-9d0c-1b2a39485766",
            "allow Finance: require geo DE"),
        list(r, "conditions"),
        "the list was not read: its deny is undecided");
    assertFalse(r.getProfile().containsFields("reachable_without_identity"));
    assertFalse(r.getProfile().containsFields("membership"));
  }

  @Test
  void aReadListDecidesTheDenyAndUnreadUsersMarkMembership() {
    Resource r =
        AccessAppSyncer.toResource(
            payroll(), Map.of("a1b2c3d4-0000-4a5b-8c9d-0e1f2a3b4c5d", Set.of()), true, false);
    assertEquals(2, list(r, "conditions").size());
    assertEquals(
        GroupSyncer.NOT_EVALUATED, r.getProfile().getFieldsOrThrow("membership").getStringValue());
    Entitlement e = AccessAppSyncer.entitlement(r);
    assertEquals("access_app:0c1a2b3c-4d5e-46f7-8a9b-0c1d2e3f4a5b:access", e.getId());
    assertEquals("access", e.getSlug());
    assertEquals(
        List.of("access_user", "group"),
        e.getGrantableToList().stream().map(t -> t.getId()).toList());
    assertEquals(
        "Can reach the Access application Payroll through its allow policies. Some "
            + "rules depend on the request and are checked by Cloudflare at login. Membership "
            + GroupSyncer.NOT_EVALUATED,
        e.getDescription());
  }

  @Test
  void grantIdsFollowBaton() {
    assertEquals("access_app:a:access:access_user:u", AccessAppSyncer.userGrant("a", "u").getId());
    assertEquals(
        "access_app:a:access:group:g", AccessAppSyncer.groupGrant("a", "g", false).getId());
    assertEquals(0, AccessAppSyncer.groupGrant("a", "g", false).getAnnotationsCount());
    assertEquals(1, AccessAppSyncer.groupGrant("a", "g", true).getAnnotationsCount());
  }
}
