package dev.batoncf.review;

import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccessUser;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.simulator.SimRisk;
import dev.batoncf.simulator.SimRole;
import dev.batoncf.simulator.SimToken;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny account whose names are hostile: commas, quotes, a line break, a spreadsheet formula, and
 * HTML that would run if it were not escaped. Ids are fixed, so its report is byte-stable.
 */
final class SmallAccount {
  static final String DNS_ROLE = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
  static final String ANA_MEMBER = "a0000000000000000000000000000001";
  static final String ANA_USER = "a1000000000000000000000000000001";
  static final String EVE_MEMBER = "e0000000000000000000000000000002";
  static final String EVE_USER = "e1000000000000000000000000000002";
  static final String BOB_INVITE = "b0000000000000000000000000000003";
  static final String ANA_ACCESS = "0a0a0a0a-0000-4000-8000-000000000001";
  static final String SCRIPT = "<script>window.pwned=1</script>";
  static final String IMG = "<img src=x onerror=window.pwned=2>";

  private SmallAccount() {}

  static SimAccount build() {
    SimAccount a =
        new SimAccount(Seeds.DEMO_ACCOUNT_ID, "Small & <Co>")
            .acceptApiToken(Seeds.DEMO_API_TOKEN, Seeds.DEMO_TOKEN_ID, true);
    a.putRole(
        new SimRole(
            DNS_ROLE,
            "DNS, \"zones\"",
            "Can edit DNS records.",
            Set.of("dns_records"),
            Set.of("dns_records"),
            false));
    a.putMember(
        new SimMember(
            ANA_MEMBER,
            "ana@small.example",
            "accepted",
            new SimMember.User(ANA_USER, "Ana, \"the admin\"", "Ruiz", true),
            List.of(Seeds.ROLE_SUPER_ADMIN, DNS_ROLE),
            List.of()));
    a.putMember(
        new SimMember(
            EVE_MEMBER,
            "eve@small.example",
            "accepted",
            new SimMember.User(EVE_USER, "=HYPERLINK(\"http://evil.example\")", IMG, false),
            List.of(DNS_ROLE),
            List.of()));
    a.putMember(
        new SimMember(
            BOB_INVITE,
            "bob@small.example",
            "pending",
            new SimMember.User(null, null, null, false),
            List.of(Seeds.ROLE_SUPER_ADMIN),
            List.of()));
    a.putToken(
        new SimToken(
            Seeds.DEMO_TOKEN_ID,
            "@deploy " + SCRIPT,
            "active",
            "2025-01-01T00:00:00Z",
            "2025-01-01T00:00:00Z",
            "2025-06-29T10:00:00Z",
            null,
            null,
            "ana@small.example",
            null,
            null,
            null,
            null,
            List.of()));
    a.putAccessUser(
        new SimAccessUser(
            ANA_ACCESS,
            ANA_ACCESS,
            "ana@small.example",
            "Ana Ruiz\n(contractor)",
            true,
            false,
            null,
            1,
            "2025-06-20T08:00:00Z",
            "2024-01-01T00:00:00Z",
            "2025-06-20T08:00:00Z"));
    a.putRisk(
        ANA_ACCESS,
        new SimRisk(
            "high",
            List.of(
                new SimRisk.Event(
                    "0e0e0e0e-0000-4000-8000-000000000001",
                    "Impossible travel",
                    "high",
                    "2025-06-28T10:00:00Z",
                    Map.of())),
            null));
    return a;
  }
}
