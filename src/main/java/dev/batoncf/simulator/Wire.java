package dev.batoncf.simulator;

/**
 * Wire strings and error codes the simulator speaks, in one place so tests (ours and the
 * connector's) can refer to them by name. Codes marked "documented" come from cloudflare-api.md;
 * codes marked "sim choice" are the simulator's own picks where Cloudflare documents nothing.
 */
public final class Wire {
  private Wire() {}

  /** Every route lives under this prefix, like api.cloudflare.com/client/v4. */
  public static final String API_PREFIX = "/client/v4";

  /** What a path outside {@link #API_PREFIX} gets: a plain HTML 404 page. */
  static final String NOT_FOUND_PAGE =
      "<html>\n<head><title>404 Not Found</title></head>\n"
          + "<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>cloudflare</center>\n"
          + "</body>\n</html>\n";

  // ---- headers (lower case: JDK HttpServer and HttpClient treat names case-insensitively)
  public static final String H_AUTHORIZATION = "authorization";
  public static final String H_AUTH_EMAIL = "x-auth-email";
  public static final String H_AUTH_KEY = "x-auth-key";
  public static final String H_RETRY_AFTER = "retry-after";
  public static final String H_RATELIMIT = "Ratelimit";
  public static final String H_RATELIMIT_POLICY = "Ratelimit-Policy";

  // ---- error codes
  /** Documented: bad credential, and a valid token lacking a permission (HTTP 403). */
  public static final int CODE_AUTH_ERROR = 10000;

  public static final String MSG_AUTH_ERROR = "Authentication error";

  /** Documented: the credential cannot see this account / token-only endpoint with key auth. */
  public static final int CODE_UNAUTHORIZED_RESOURCE = 9109;

  public static final String MSG_UNAUTHORIZED_RESOURCE =
      "Unauthorized to access requested resource";

  /** Verify endpoint called with the wrong kind of token (user vs account owned). */
  public static final int CODE_INVALID_TOKEN = 1000;

  public static final String MSG_INVALID_TOKEN = "Invalid API Token";

  /** Both auth schemes at once, an incomplete key pair, or key auth on a verify endpoint. */
  public static final int CODE_INVALID_HEADERS = 6003;

  public static final String MSG_INVALID_HEADERS = "Invalid request headers";

  /** Request body is not the JSON object the endpoint expects. */
  public static final int CODE_MALFORMED_JSON = 6007;

  public static final String MSG_MALFORMED_JSON = "Malformed JSON in request body";

  /** Documented: unknown route (and, sim choice, a malformed account id). */
  public static final int CODE_NO_ROUTE = 7003;

  public static final String MSG_NO_ROUTE = "No route for the URI";

  /** Documented: POST /members with status accepted. */
  public static final int CODE_AUTO_VERIFY = 1001;

  public static final String MSG_AUTO_VERIFY =
      "Invalid request: automatic verification of new members is not allowed";

  /** Sim choice: any other request validation failure ("Invalid request: ..."). */
  public static final int CODE_VALIDATION = 1002;

  /** Sim choice: unknown member, role, token, group, list, integration or user id. */
  public static final int CODE_NOT_FOUND = 1003;

  /** Peer evidence (baton-cloudflare PR #50): inviting an email that is already a member. */
  public static final int CODE_MEMBER_EXISTS = 1008;

  public static final String MSG_MEMBER_EXISTS = "Member already exists";

  /** Documented: throttled. */
  public static final int CODE_RATE_LIMITED = 971;

  public static final String MSG_RATE_LIMITED =
      "Please wait and consider throttling your request speed";

  /** Sim choice: envelope code of injected 5xx answers. */
  public static final int CODE_SERVER_ERROR = 10001;

  /** Sim choice: risk scoring not enabled for the account (HTTP 404). */
  public static final int CODE_RISK_DISABLED = 1404;

  public static final String MSG_RISK_DISABLED =
      "Zero Trust risk scoring is not enabled for this account";

  // ---- member statuses
  public static final String STATUS_ACCEPTED = "accepted";
  public static final String STATUS_PENDING = "pending";
  public static final String STATUS_REJECTED = "rejected";

  // ---- token statuses
  public static final String TOKEN_ACTIVE = "active";
  public static final String TOKEN_DISABLED = "disabled";
  public static final String TOKEN_EXPIRED = "expired";

  // ---- risk levels
  public static final String RISK_LOW = "low";
  public static final String RISK_MEDIUM = "medium";
  public static final String RISK_HIGH = "high";

  // ---- the role the roles list may hide (peers.md A1; cloudflare-docs #21438)
  public static final String SUPER_ADMIN_ROLE_ID = "33666b9c79b9a5273fc7344ff42f953d";
  public static final String SUPER_ADMIN_ROLE_NAME = "Super Administrator - All Privileges";

  /** Keys of the role {@code permissions} object shape (cloudflare-api.md §4), in wire order. */
  public static final java.util.List<String> PERMISSION_KEYS =
      java.util.List.of(
          "analytics",
          "billing",
          "cache_purge",
          "dns",
          "dns_records",
          "lb",
          "logs",
          "organization",
          "ssl",
          "waf",
          "zone_settings",
          "zones");
}
