package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedSeedTest {

  @Test
  void hundredThousandMembersServePage2000() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    SimAccount account = Seeds.generated(Seeds.Scale.ofMembers(100_000), 42L);
    long buildMs = (System.nanoTime() - t0) / 1_000_000;
    System.gc();
    long heapMb = (rt.totalMemory() - rt.freeMemory() - heapBefore) / (1024 * 1024);
    System.out.printf(
        "generated(100,000 members, 10,000 Access users): %d ms, ~%d MB heap%n", buildMs, heapMb);
    assertEquals(100_000, account.memberCount());
    assertEquals(10_000, account.accessUsers().size());

    try (CfSimulator sim = CfSimulator.start(account)) {
      SimHttp c = SimHttp.demo(sim);
      String members = "/accounts/" + account.id() + "/members";
      long p0 = System.nanoTime();
      SimHttp.Resp last = c.get(members + "?per_page=50&page=2000");
      System.out.printf("page 2000 served in %d ms%n", (System.nanoTime() - p0) / 1_000_000);
      assertEquals(200, last.status());
      assertEquals(50, last.arr().size());
      assertEquals(100_000, last.info().get("total_count").getAsInt());
      List<String> expected =
          account.members().subList(99_950, 100_000).stream().map(SimMember::id).toList();
      assertEquals(expected, last.ids());
      assertEquals(
          "u99999@corp.example", last.arr().get(49).getAsJsonObject().get("email").getAsString());
      assertEquals(0, c.get(members + "?per_page=50&page=2001").arr().size());
      assertEquals(
          2_000,
          c.get(members + "?status=pending&per_page=50").info().get("total_count").getAsInt());
      SimHttp.Resp users = c.get("/accounts/" + account.id() + "/access/users?page=10");
      assertEquals(1000, users.arr().size());
      assertEquals(10, users.info().get("total_pages").getAsInt());
    }
  }

  @Test
  void shapeOfASmallGeneratedAccount() {
    SimAccount a = Seeds.generated(new Seeds.Scale(1_000, 70, 8, 100, 10), 7L);
    assertEquals(1_000, a.memberCount());
    assertEquals(71, a.roles().size()); // 70 listed + hidden Super Administrator
    assertEquals(70, a.listedRoles().size());
    assertTrue(a.listedRoles().stream().anyMatch(r -> r.name().equals("Custom Role 10")));
    assertEquals(8, a.tokens().size());
    assertEquals(100, a.accessUsers().size());
    assertEquals(10, a.groups().size());
    assertEquals(
        20, a.members().stream().filter(m -> m.status().equals(Wire.STATUS_PENDING)).count());
    assertEquals(2, a.members().stream().filter(SimMember::managedByPolicies).count());
    for (SimMember m : a.members()) {
      assertTrue(
          m.managedByPolicies()
              || (m.roleIds().size() >= 1 && m.roleIds().size() <= 3)
              || m.roleIds().contains(Wire.SUPER_ADMIN_ROLE_ID),
          m.email());
      assertEquals(m.roleIds().size(), new HashSet<>(m.roleIds()).size());
      assertEquals(m.status().equals(Wire.STATUS_PENDING), m.user().id() == null);
    }
    assertTrue(a.members().get(0).roleIds().contains(Wire.SUPER_ADMIN_ROLE_ID));
    Set<String> emails = new HashSet<>();
    a.accessUsers().forEach(u -> emails.add(u.email()));
    assertEquals(100, emails.size());
    assertTrue(
        a.accessUsers().stream()
            .anyMatch(u -> u.email().endsWith("@" + GeneratedSeed.MEMBER_DOMAIN)));
    Set<String> groupIds = new HashSet<>();
    a.groups().forEach(g -> groupIds.add(g.get("id").getAsString()));
    Set<String> kinds = new HashSet<>();
    for (JsonObject g : a.groups()) {
      for (JsonElement rule : g.getAsJsonArray("include")) {
        JsonObject r = rule.getAsJsonObject();
        kinds.addAll(r.keySet());
        if (r.has("group")) {
          assertTrue(groupIds.contains(r.getAsJsonObject("group").get("id").getAsString()));
        }
        if (r.has("email_list")) {
          assertEquals(
              "EMAIL",
              a.list(r.getAsJsonObject("email_list").get("id").getAsString()).orElseThrow().type());
        }
      }
    }
    assertEquals(Set.of("email", "email_domain", "everyone", "email_list", "group"), kinds);
  }

  @Test
  void deterministicPerSeed() {
    Seeds.Scale scale = new Seeds.Scale(500, 60, 5, 50, 5);
    SimAccount a = Seeds.generated(scale, 1L);
    SimAccount b = Seeds.generated(scale, 1L);
    SimAccount c = Seeds.generated(scale, 2L);
    assertEquals(a.id(), b.id());
    assertEquals(a.members(), b.members());
    assertEquals(a.groups(), b.groups());
    assertNotEquals(a.id(), c.id());
    assertNotEquals(a.members().get(1).id(), c.members().get(1).id());
  }
}
