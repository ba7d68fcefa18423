package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolesTokensTest {
  private CfSimulator sim;
  private SimHttp c;
  private String acct;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    c = SimHttp.demo(sim);
    acct = "/accounts/" + Seeds.DEMO_ACCOUNT_ID;
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void rolesPageAt50AndHideSuperAdmin() {
    SimHttp.Resp p1 = c.get(acct + "/roles?per_page=50");
    SimHttp.Resp p2 = c.get(acct + "/roles?per_page=50&page=2");
    assertEquals(50, p1.arr().size());
    assertEquals(10, p2.arr().size());
    assertEquals(60, p1.info().get("total_count").getAsInt());
    assertFalse(p1.info().has("total_pages"));
    List<String> ids = new ArrayList<>(p1.ids());
    ids.addAll(p2.ids());
    assertFalse(ids.contains(Wire.SUPER_ADMIN_ROLE_ID));
    assertEquals(20, c.get(acct + "/roles").arr().size()); // default per_page
    assertEquals(400, c.get(acct + "/roles?per_page=100").status());

    sim.account().listSuperAdmin(true);
    assertEquals(61, c.get(acct + "/roles").info().get("total_count").getAsInt());
  }

  @Test
  void rolesComeInBothPermissionShapes() {
    JsonObject billing = c.get(acct + "/roles/" + Seeds.ROLE_BILLING).obj();
    JsonArray legacy = billing.getAsJsonArray("permissions");
    assertTrue(legacy.contains(new JsonPrimitive("#billing:read")));
    assertTrue(legacy.contains(new JsonPrimitive("#billing:edit")));
    assertTrue(legacy.contains(new JsonPrimitive("#organization:read")));
    assertFalse(legacy.contains(new JsonPrimitive("#organization:edit")));

    JsonObject dns = c.get(acct + "/roles/" + Seeds.ROLE_DNS).obj();
    JsonObject perms = dns.getAsJsonObject("permissions");
    assertEquals(Wire.PERMISSION_KEYS.size(), perms.size());
    assertTrue(perms.getAsJsonObject("dns_records").get("write").getAsBoolean());
    assertTrue(perms.getAsJsonObject("zones").get("read").getAsBoolean());
    assertFalse(perms.getAsJsonObject("zones").get("write").getAsBoolean());

    int arrays = 0;
    for (int page = 1; page <= 2; page++) {
      for (JsonElement r : c.get(acct + "/roles?per_page=50&page=" + page).arr()) {
        if (r.getAsJsonObject().get("permissions").isJsonArray()) {
          arrays++;
        }
      }
    }
    assertEquals(4, arrays);
  }

  @Test
  void hiddenSuperAdminIsStillReadableById() {
    SimHttp.Resp r = c.get(acct + "/roles/" + Wire.SUPER_ADMIN_ROLE_ID);
    assertEquals(200, r.status());
    assertEquals(Wire.SUPER_ADMIN_ROLE_NAME, r.obj().get("name").getAsString());
    assertEquals(404, c.get(acct + "/roles/ffffffffffffffffffffffffffffffff").status());
  }

  @Test
  void tokensHideExpiredByDefault() {
    SimHttp.Resp def = c.get(acct + "/tokens");
    assertEquals(5, def.info().get("total_count").getAsInt());
    assertFalse(def.ids().contains(Seeds.DEMO_TOKEN_EXPIRED));
    assertTrue(def.ids().contains(Seeds.DEMO_TOKEN_DISABLED));
    SimHttp.Resp all = c.get(acct + "/tokens?include_expired=true");
    assertEquals(6, all.info().get("total_count").getAsInt());
    assertTrue(all.ids().contains(Seeds.DEMO_TOKEN_EXPIRED));
    assertFalse(all.info().has("total_pages"));
    SimHttp.Resp desc = c.get(acct + "/tokens?include_expired=true&direction=desc");
    assertEquals(all.ids().get(0), desc.ids().get(5));
    assertEquals(400, c.get(acct + "/tokens?per_page=2").status());
  }

  @Test
  void tokenFieldsAndNoSecret() {
    JsonObject t = c.get(acct + "/tokens/" + Seeds.DEMO_TOKEN_TERRAFORM).obj();
    assertEquals("terraform-ci", t.get("name").getAsString());
    assertEquals("active", t.get("status").getAsString());
    assertEquals("2026-12-31T23:59:59Z", t.get("expires_on").getAsString());
    JsonObject ip = t.getAsJsonObject("condition").getAsJsonObject("request_ip");
    assertEquals("192.0.2.0/24", ip.getAsJsonArray("in").get(0).getAsString());
    assertEquals("192.0.2.59/32", ip.getAsJsonArray("not_in").get(0).getAsString());
    JsonObject policy = t.getAsJsonArray("policies").get(0).getAsJsonObject();
    assertEquals("allow", policy.get("effect").getAsString());
    assertEquals(
        "*",
        policy.getAsJsonObject("resources").get("com.cloudflare.api.account.zone.*").getAsString());
    assertFalse(t.has("value"));
    String raw = c.get(acct + "/tokens?include_expired=true").raw();
    assertFalse(raw.contains(Seeds.DEMO_API_TOKEN));
    assertFalse(raw.contains("\"value\""));
    assertEquals(404, c.get(acct + "/tokens/ffffffffffffffffffffffffffffffff").status());
  }
}
