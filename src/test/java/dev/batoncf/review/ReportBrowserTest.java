package dev.batoncf.review;

import static dev.batoncf.review.Reviews.DEMO_AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.Chromium;
import dev.batoncf.support.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the demo account (plus one member with a hostile name) opened in headless
 * Chromium, as a reviewer would use it: what is shown, the text filter, "flagged only", the finding
 * buttons, sorting, and names rendered as text. One browser for the whole class.
 */
class ReportBrowserTest {
  /** Label of each visible, really rendered row: "Person | Identity kind". */
  static final String VISIBLE_ROWS =
      "Array.from(document.querySelectorAll('#people tbody tr'))"
          + ".filter(r => !r.hidden && r.offsetParent !== null)"
          + ".map(r => r.cells[0].firstChild.textContent + ' | ' + r.cells[1].firstChild.textContent)";

  static final String HOSTILE_FIRST = "<script>window.pwned=1</script>";
  static final String HOSTILE_LAST = "<img src=x onerror=window.pwned=2>";

  @TempDir static Path dir;
  static AccessReview review;
  static List<String> all;
  static Chromium browser;
  static Chromium.Page page;

  @BeforeAll
  static void openReport() throws Exception {
    Chromium.binary(); // fail first, with how to install it, before any other work
    SimAccount account = Seeds.demo();
    account.putMember(
        new SimMember(
            "f0000000000000000000000000000009",
            "mallory@acme.example",
            "accepted",
            new SimMember.User(
                "f1000000000000000000000000000009", HOSTILE_FIRST, HOSTILE_LAST, false),
            List.of(Seeds.ROLE_DNS),
            List.of()));
    Path file = Reviews.sync(account, dir.resolve("demo.c1z"));
    Path html = dir.resolve("review.html");
    CliRun r =
        CliRun.run(
            "report", "-f", file.toString(), "--as-of", "2025-07-01", "--out", html.toString());
    assertEquals(0, r.code(), r.both());
    review = Reviews.review(file, Reviews.rules(DEMO_AS_OF), List.of());
    all = labels(i -> true);
    browser = Chromium.start();
    page = browser.open(html.toUri().toString());
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void freshPage() throws Exception {
    page.reload();
  }

  private static List<String> labels(java.util.function.Predicate<Identity> which) {
    List<String> out = new ArrayList<>();
    for (Principal p : review.principals()) {
      for (Identity i : p.identities()) {
        if (which.test(i)) {
          out.add(p.name() + " | " + i.typeName());
        }
      }
    }
    return out;
  }

  private static List<String> visible() throws Exception {
    JsonArray a = page.eval(VISIBLE_ROWS).getAsJsonArray();
    List<String> out = new ArrayList<>();
    a.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static String text(String selector) throws Exception {
    return page.eval("document.querySelector('" + selector + "').textContent").getAsString();
  }

  private static void typeInFilter(String text) throws Exception {
    page.eval(
        "document.getElementById('filter').focus(); document.getElementById('filter')"
            + ".select(); true");
    page.type(text);
  }

  @Test
  void showsEveryRowWithTheFlaggedOnesMarkedAndTheSummaryOnTop() throws Exception {
    assertEquals(78, all.size());
    assertEquals(all, visible());
    assertEquals("78 of 78 rows shown", text("#count"));
    List<String> flagged = labels(i -> !i.flags().isEmpty());
    assertEquals(15, flagged.size());
    JsonArray marked =
        page.eval(
                "Array.from(document.querySelectorAll('#people tr.flagged'))"
                    + ".map(r => r.cells[0].firstChild.textContent + ' | ' + r.cells[1].firstChild"
                    + ".textContent)")
            .getAsJsonArray();
    assertEquals(flagged, marked.asList().stream().map(e -> e.getAsString()).toList());
    assertEquals("1", text("#flag-super_admin td.n"));
    assertEquals("7", text("#flag-no_2fa td.n"));
    assertEquals("2", text("#flag-dormant td.n"));
    assertEquals("0", text("#flag-stale_invitation td.n"));
    assertTrue(
        page.eval(
                "Array.from(document.querySelectorAll('#people tr.flagged')).some(r =>"
                    + " r.cells[8].textContent === 'Super Administrator: Holds the Super Administrator role:"
                    + " full control of the account.')")
            .getAsBoolean());
    // The inline style and script were allowed by the page's own policy, and nothing else loaded.
    assertEquals(
        "solid",
        page.eval("getComputedStyle(document.querySelector('h1'))" + ".borderBottomStyle")
            .getAsString());
    assertEquals(0, page.eval("performance.getEntriesByType('resource').length").getAsInt());
  }

  @Test
  void typingInTheFilterHidesEveryRowThatDoesNotMatch() throws Exception {
    typeInFilter("rafael");
    assertEquals(List.of("Rafael Costa | Access user"), visible());
    assertEquals("1 of 78 rows shown", text("#count"));
    typeInFilter("partner.example risky_user");
    assertEquals(List.of("Rafael Costa | Access user"), visible(), "terms and finding codes");
    typeInFilter("Platform Team");
    List<String> platform = visible();
    assertEquals(
        labels(
            i ->
                i.name().equals("Platform Team")
                    || i.access().stream()
                        .anyMatch(a -> a.entitlement().resourceName().equals("Platform Team"))),
        platform);
    assertTrue(platform.size() >= 4, platform.toString());
    typeInFilter("no such person anywhere");
    assertEquals(List.of(), visible());
    assertEquals("0 of 78 rows shown", text("#count"));
  }

  @Test
  void flaggedOnlyShowsExactlyTheFlaggedRows() throws Exception {
    page.eval("document.getElementById('flagged-only').click(); true");
    assertEquals(labels(i -> !i.flags().isEmpty()), visible());
    typeInFilter("token");
    assertEquals(
        List.of(
            "baton-connector (read) | API token",
            "grafana-analytics | API token",
            "incident-response | API token"),
        visible());
    page.eval("document.getElementById('flagged-only').click(); true");
    assertEquals(labels(i -> i.type().equals("api_token")), visible());
  }

  @Test
  void aFindingsShowButtonFiltersTheTableToIt() throws Exception {
    page.eval("document.querySelector('button[data-show-flag=\"no_2fa\"]').click(); true");
    assertEquals(
        labels(i -> i.flags().stream().anyMatch(f -> f.code() == FlagCode.NO_TWO_FACTOR)),
        visible());
    assertEquals(7, visible().size());
    assertTrue(page.eval("document.getElementById('flagged-only').checked").getAsBoolean());
  }

  @Test
  void clickingAColumnHeadingSortsAndClickingAgainReverses() throws Exception {
    clickHeading(0);
    assertEquals(all, visible(), "by person: the report's own order");
    assertEquals(
        "ascending",
        page.eval("document.querySelectorAll('#people th')[0]" + ".getAttribute('aria-sort')")
            .getAsString());
    clickHeading(0);
    List<String> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, visible());

    clickHeading(6); // risk, numeric: high first when descending
    clickHeading(6);
    assertEquals(
        List.of(
            "Temporary Intern | Access user",
            "Rafael Costa | Access user",
            "Ana Ruiz | Access user"),
        visible().subList(0, 3));

    clickHeading(5); // last login / use, most recent last
    List<Identity> byLogin = new ArrayList<>();
    review.principals().forEach(p -> byLogin.addAll(p.identities()));
    List<Integer> order =
        IntStream.range(0, byLogin.size())
            .boxed()
            .sorted(
                Comparator.comparing((Integer n) -> loginKey(byLogin.get(n))).thenComparing(n -> n))
            .toList();
    List<String> expected = order.stream().map(all::get).toList();
    assertEquals(expected, visible());
    assertEquals(
        "baton-connector (read) | API token",
        expected.get(expected.size() - 1),
        "the most recent activity: the connector's own token, used on 2025-07-01");
  }

  /** What the page sorts "Last login / use" by: the login, else a token's last use, else "". */
  private static String loginKey(Identity i) {
    if (i.lastLogin() != null) {
      return Dates.iso(i.lastLogin());
    }
    Object used = i.details().get("last_used_on");
    return i.type().equals("api_token") && used != null && !used.equals("never")
        ? used.toString()
        : "";
  }

  private static void clickHeading(int column) throws Exception {
    page.eval("document.querySelectorAll('#people th button')[" + column + "].click(); true");
  }

  @Test
  void namesFromCloudflareAreTextNotMarkup() throws Exception {
    assertEquals("undefined", page.eval("typeof window.pwned").getAsString());
    assertEquals(0, page.eval("document.images.length").getAsInt());
    assertEquals(1, page.eval("document.scripts.length").getAsInt());
    typeInFilter("<script>");
    assertEquals(List.of(HOSTILE_FIRST + " " + HOSTILE_LAST + " | Account member"), visible());
  }
}
