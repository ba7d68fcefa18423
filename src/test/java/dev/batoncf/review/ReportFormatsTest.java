package dev.batoncf.review;

import static dev.batoncf.review.Reviews.DEMO_AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three renderings of a review of a small, hostile account. */
class ReportFormatsTest {
  static final String CSV_FIXTURE = "/review/small_account_as_of_2025-07-01.csv";

  @TempDir static Path dir;
  static AccessReview review;

  @BeforeAll
  static void syncSmallAccount() {
    Path file = Reviews.sync(SmallAccount.build(), dir.resolve("small.c1z"));
    review = Reviews.review(file, Reviews.rules(DEMO_AS_OF), List.of());
  }

  @Test
  void csvIsExactlyTheFixture() throws IOException {
    String csv = Reviews.render(review, ReportFormat.CSV);
    String want;
    try (InputStream in = getClass().getResourceAsStream(CSV_FIXTURE)) {
      want = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!want.equals(csv)) {
      Files.writeString(Path.of("target", "small_account.actual.csv"), csv);
    }
    assertEquals(want, csv, "actual output written to target/small_account.actual.csv");
  }

  @Test
  void csvCellsAreQuotedAndGuardedAgainstFormulas() {
    assertEquals("plain", Csv.cell("plain"));
    assertEquals("\"a,b\"", Csv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertEquals("\"'" + formula.replace("\"", "\"\"") + "\"", Csv.cell(formula), formula);
    }
    assertEquals(
        "\"'=HYPERLINK(\"\"http://evil.example\"\")\"",
        Csv.cell("=HYPERLINK(\"http://evil.example\")"));
    assertEquals("", Csv.cell(null));
    assertEquals("a=b", Csv.cell("a=b"));
  }

  @Test
  void jsonHasAStableShapeIntegersAndEveryKey() {
    String json = Reviews.render(review, ReportFormat.JSON);
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    assertEquals(
        List.of(
            "report",
            "format_version",
            "source",
            "sync",
            "as_of",
            "rules",
            "earlier_syncs",
            "summary",
            "flag_rules",
            "principals"),
        List.copyOf(o.keySet()));
    assertEquals("cloudflare-access-review", o.get("report").getAsString());
    assertTrue(json.contains("\"format_version\":1,"), "an integer, not 1.0");
    assertTrue(json.contains("\"dormant_days\":90,"));
    assertTrue(json.contains("\"stale_invitation_days\":14,"));
    assertEquals("2025-07-01T00:00:00Z", o.get("as_of").getAsString());
    assertEquals(review.syncId(), o.getAsJsonObject("sync").get("id").getAsString());
    JsonObject summary = o.getAsJsonObject("summary");
    assertEquals(
        "{\"super_admin\":2,\"no_2fa\":1,\"stale_invitation\":0,\"risky_user\":1,"
            + "\"dormant\":0,\"token_no_expiry\":1,\"token_expires_soon\":0,"
            + "\"token_expired_active\":0}",
        summary.getAsJsonObject("flags").toString());
    assertEquals(
        "{\"user\":2,\"invitation\":1,\"access_user\":1,\"api_token\":1}",
        summary.getAsJsonObject("identities").toString());
    assertEquals(8, o.getAsJsonArray("flag_rules").size());

    // Sorted by name: "=HYPERLINK…" and "@deploy…" come before "Ana…".
    JsonObject ana = o.getAsJsonArray("principals").get(2).getAsJsonObject();
    assertEquals("email:ana@small.example", ana.get("key").getAsString());
    assertEquals(
        List.of("key", "name", "email", "flagged", "identities"), List.copyOf(ana.keySet()));
    JsonObject member = ana.getAsJsonArray("identities").get(0).getAsJsonObject();
    assertEquals(
        List.of(
            "type",
            "type_name",
            "id",
            "name",
            "email",
            "status",
            "two_factor",
            "last_login",
            "last_login_note",
            "risk_level",
            "created_at",
            "details",
            "flags",
            "access"),
        List.copyOf(member.keySet()));
    assertTrue(member.get("last_login").isJsonNull());
    assertTrue(member.get("two_factor").getAsBoolean());
    JsonObject access = member.getAsJsonArray("access").get(0).getAsJsonObject();
    assertEquals(
        List.of(
            "entitlement_id",
            "entitlement",
            "resource_type",
            "resource_id",
            "resource",
            "description",
            "how",
            "direct",
            "invited",
            "via",
            "grant_id"),
        List.copyOf(access.keySet()));
    JsonElement accessUser = ana.getAsJsonArray("identities").get(1);
    assertEquals(
        "2025-06-20T08:00:00Z", accessUser.getAsJsonObject().get("last_login").getAsString());
    assertEquals(
        "risky_user",
        accessUser
            .getAsJsonObject()
            .getAsJsonArray("flags")
            .get(0)
            .getAsJsonObject()
            .get("code")
            .getAsString());
  }

  @Test
  void htmlEscapesEveryNameFromCloudflare() {
    String html = Reviews.render(review, ReportFormat.HTML);
    assertFalse(html.contains(SmallAccount.SCRIPT), "raw script tag from a token name");
    assertFalse(html.contains(SmallAccount.IMG), "raw img tag from a member name");
    assertTrue(html.contains("@deploy &lt;script&gt;window.pwned=1&lt;/script&gt;"), html);
    assertTrue(html.contains("&lt;img src=x onerror=window.pwned=2&gt;"));
    assertTrue(html.contains("Ana, &quot;the admin&quot; Ruiz"));
    // Exactly one script and one style block, both ours.
    assertEquals(1, count(html, "<script"));
    assertEquals(1, count(html, "<style"));
    assertEquals(0, count(html, "<img"));
  }

  @Test
  void htmlIsSelfContainedAndItsPolicyAllowsOnlyItsOwnInlineBlocks() throws Exception {
    String html = Reviews.render(review, ReportFormat.HTML);
    Matcher csp =
        Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")
            .matcher(html);
    assertTrue(csp.find());
    String policy = csp.group(1);
    String style = between(html, "<style>", "</style>");
    String script = between(html, "<script>", "</script>");
    assertEquals(
        "default-src 'none'; style-src '"
            + sha256(style)
            + "'; script-src '"
            + sha256(script)
            + "'; img-src 'none'; base-uri 'none'; form-action 'none'",
        policy);
    for (String external :
        List.of("src=\"http", "href=\"http", "src=\"//", "href=\"//", "<link", "@import", "url(")) {
      assertFalse(html.contains(external), "no external asset: " + external);
    }
    assertTrue(html.startsWith("<!DOCTYPE html>"));
  }

  private static String between(String s, String open, String close) {
    int a = s.indexOf(open) + open.length();
    return s.substring(a, s.indexOf(close, a));
  }

  private static String sha256(String s) throws Exception {
    return "sha256-"
        + Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static int count(String s, String needle) {
    List<Integer> at = new ArrayList<>();
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      at.add(i);
    }
    return at.size();
  }
}
