package dev.batoncf.simulator;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Thread-safe mutable state of one simulated Cloudflare account: the credentials it accepts and
 * everything the emulated endpoints read and write. Tests mutate it directly (also from {@link
 * FaultHooks} callbacks) to set up or race the connector.
 *
 * <p>Groups: credentials ({@link #acceptApiToken}, {@link #acceptGlobalKey}, {@link
 * #denyPermission}); members ({@link #members()}, {@link #member}, {@link #putMember}, {@link
 * #removeMember}, {@link #memberByEmail}); roles ({@link #roles()}, {@link #putRole}, {@link
 * #listSuperAdmin}); policy catalogs ({@link #putPermissionGroup}, {@link #putResourceGroup});
 * tokens ({@link #tokens()}, {@link #putToken}); Access users and groups ({@link #accessUsers()},
 * {@link #group}, {@link #putGroup}, {@link #replaceGroup}, {@link #updateGroup}); gateway lists
 * ({@link #putList}, {@link #listItemsNested}); risk ({@link #riskScoringEnabled}, {@link
 * #putRisk}); integrations; intel.
 *
 * <p>Access groups are stored as JSON objects (deep-copied in and out) so unknown fields and future
 * rule kinds survive a PUT round-trip. Every other entity is a small record.
 */
public final class SimAccount {

  /**
   * An API token this account accepts as {@code Authorization: Bearer}. For an account-owned token
   * whose id is also in {@link #tokens()}, that record's status and dates win.
   */
  public record ApiToken(
      String id, boolean accountOwned, String status, String notBefore, String expiresOn) {}

  private final String id;
  private final String name;
  private volatile String createdOn = "2019-03-14T09:26:53.589Z";
  private volatile Clock clock = Clock.systemUTC();
  private volatile int existingMemberInviteCode = Wire.CODE_MEMBER_EXISTS;

  private final MemberTable members = new MemberTable();
  private final CredentialStore credentials = new CredentialStore();
  private final Map<String, SimRole> roles = new LinkedHashMap<>();
  private boolean listSuperAdmin;
  private final Map<String, SimPolicy.PermissionGroup> permissionGroups = new LinkedHashMap<>();
  private final Map<String, SimPolicy.ResourceGroup> resourceGroups = new LinkedHashMap<>();
  private final Map<String, SimToken> tokens = new LinkedHashMap<>();
  private final Map<String, SimAccessUser> accessUsers = new LinkedHashMap<>();
  private final GroupTable groups = new GroupTable();
  private final UserGroupTable userGroups = new UserGroupTable();
  private final SimApps apps = new SimApps();
  private volatile int unpagedListPageSize;
  private final Map<String, SimList> lists = new LinkedHashMap<>();
  private boolean listItemsNested;
  private boolean riskScoringEnabled = true;
  private final Map<String, SimRisk> risks = new LinkedHashMap<>();
  private final Map<String, SimIntegration> integrations = new LinkedHashMap<>();
  private final Map<String, SimIntel.Ip> ipIntel = new HashMap<>();
  private final Map<String, SimIntel.Domain> domainIntel = new HashMap<>();
  private final SplittableRandom ids;
  private final AuditTrail audit = new AuditTrail(() -> Instant.now(clock));

  /** A new account holding only the built-in Super Administrator role. */
  public SimAccount(String id, String name) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("account id must be 32 lower-case hex characters");
    }
    this.id = id;
    this.name = name;
    this.ids = new SplittableRandom(id.hashCode());
    audit.account(id, name);
    putRole(
        new SimRole(
            Wire.SUPER_ADMIN_ROLE_ID,
            Wire.SUPER_ADMIN_ROLE_NAME,
            "Can edit any Cloudflare setting, make purchases, update billing, and manage memberships."
                + " Super Administrators can revoke the access of other Super Administrators.",
            Set.copyOf(Wire.PERMISSION_KEYS),
            Set.copyOf(Wire.PERMISSION_KEYS),
            false));
  }

  // ---------------------------------------------------------------- account and clock

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String createdOn() {
    return createdOn;
  }

  public SimAccount createdOn(String rfc3339) {
    this.createdOn = rfc3339;
    return this;
  }

  /** The clock behind {@code updated_at}, {@code created_at} and risk reset times. */
  public SimAccount clock(Clock c) {
    this.clock = c;
    return this;
  }

  /** Now as RFC 3339 with millisecond precision. */
  public String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** The v2 audit log: what the simulator's accepted writes and {@link AdminConsole} record. */
  public AuditTrail audit() {
    return audit;
  }

  /** A fresh deterministic 32-hex id (for new members, policies). */
  public synchronized String newHex32() {
    return Ids.hex32(ids);
  }

  /** A fresh deterministic UUID (for new groups, integrations). */
  public synchronized String newUuid() {
    return Ids.uuid(ids);
  }

  // ---------------------------------------------------------------- credentials

  /** Accept {@code Authorization: Bearer <secret>} as the given token (status active). */
  public SimAccount acceptApiToken(String secret, String tokenId, boolean accountOwned) {
    return acceptApiToken(
        secret, new ApiToken(tokenId, accountOwned, Wire.TOKEN_ACTIVE, null, null));
  }

  public SimAccount acceptApiToken(String secret, ApiToken token) {
    credentials.acceptToken(secret, token);
    return this;
  }

  /** Accept {@code X-Auth-Email} + {@code X-Auth-Key}. */
  public SimAccount acceptGlobalKey(String email, String key) {
    credentials.acceptKey(email, key);
    return this;
  }

  /**
   * The accepted token for a presented secret, with its status as the tokens list says; or null.
   */
  synchronized ApiToken tokenForSecret(String presented) {
    ApiToken t = credentials.token(presented);
    SimToken listed = t != null && t.accountOwned() ? tokens.get(t.id()) : null;
    return listed == null
        ? t
        : new ApiToken(t.id(), true, listed.status(), listed.notBefore(), listed.expiresOn());
  }

  boolean acceptsGlobalKey(String email, String key) {
    return credentials.keyMatches(email, key);
  }

  /**
   * Make every endpoint of an area answer HTTP 403 code 10000, as for a token lacking that
   * permission group. Applies to both auth schemes. Areas: account, members, roles, tokens, access,
   * apps, gateway, risk, intel ({@link Area}).
   */
  public SimAccount denyPermission(String area) {
    credentials.deny(Area.parse(area));
    return this;
  }

  public SimAccount allowPermission(String area) {
    credentials.allow(Area.parse(area));
    return this;
  }

  boolean isDenied(Area area) {
    return credentials.isDenied(area);
  }

  /**
   * Make one route answer HTTP 403 code 10000, as a token lacking just the permission that route
   * needs; e.g. {@code denyEndpoint("GET", Paths.ACCESS_APPS)}.
   */
  public SimAccount denyEndpoint(String method, String template) {
    credentials.denyRoute(method, template);
    return this;
  }

  boolean isDenied(String method, String template) {
    return credentials.isDenied(method, template);
  }

  /** Access applications and the revocations asked for (off-boarding). */
  public SimApps apps() {
    return apps;
  }

  /**
   * Make the risk summary and list items page {@code pageSize} at a time by {@code page}, with
   * {@code total_pages} in result_info, as the envelope declares though the operations do not
   * (cloudflare-api.md §18); 0 (the default) answers them whole.
   */
  public SimAccount pageUnpagedLists(int pageSize) {
    this.unpagedListPageSize = pageSize;
    return this;
  }

  int unpagedListPageSize() {
    return unpagedListPageSize;
  }

  // ---------------------------------------------------------------- members

  /** All members in insertion order (the order of an unsorted {@code GET /members}). */
  public List<SimMember> members() {
    return members.all();
  }

  public int memberCount() {
    return members.size();
  }

  public Optional<SimMember> member(String memberId) {
    return Optional.ofNullable(members.get(memberId));
  }

  public Optional<SimMember> memberByEmail(String email) {
    return Optional.ofNullable(members.byEmail(email));
  }

  /**
   * What inviting an email that is already a member answers: an HTTP 400 with this code (default
   * {@link Wire#CODE_MEMBER_EXISTS}, the only evidence; Cloudflare documents none), or with 0 a
   * second pending membership for the same email, as an API that does not check would.
   */
  public SimAccount existingMemberInvite(int errorCode) {
    this.existingMemberInviteCode = errorCode;
    return this;
  }

  public int existingMemberInviteCode() {
    return existingMemberInviteCode;
  }

  /** Insert or replace (by membership id; a replaced member keeps its list position). */
  public SimAccount putMember(SimMember m) {
    members.put(m);
    return this;
  }

  public boolean removeMember(String memberId) {
    userGroups.removeEverywhere(memberId);
    return members.remove(memberId) != null;
  }

  List<SimMember> memberView(String status, String order, boolean desc) {
    return members.view(status, order, desc);
  }

  // ---------------------------------------------------------------- roles and policy catalogs

  /** Every role, including the Super Administrator role even when the list hides it. */
  public synchronized List<SimRole> roles() {
    return List.copyOf(roles.values());
  }

  /** What {@code GET /roles} returns: {@link #roles()} minus the hidden Super Administrator. */
  public synchronized List<SimRole> listedRoles() {
    List<SimRole> out = new ArrayList<>(roles.size());
    for (SimRole r : roles.values()) {
      if (listSuperAdmin || !r.id().equals(Wire.SUPER_ADMIN_ROLE_ID)) {
        out.add(r);
      }
    }
    return out;
  }

  public synchronized Optional<SimRole> role(String roleId) {
    return Optional.ofNullable(roles.get(roleId));
  }

  public synchronized SimAccount putRole(SimRole r) {
    roles.put(r.id(), r);
    return this;
  }

  /** Whether {@code GET /roles} returns the Super Administrator role (default false). */
  public synchronized SimAccount listSuperAdmin(boolean listed) {
    this.listSuperAdmin = listed;
    return this;
  }

  public synchronized boolean listsSuperAdmin() {
    return listSuperAdmin;
  }

  /** A permission group that policy bodies may reference by id. */
  public synchronized SimAccount putPermissionGroup(SimPolicy.PermissionGroup g) {
    permissionGroups.put(g.id(), g);
    return this;
  }

  public synchronized Optional<SimPolicy.PermissionGroup> permissionGroup(String pgId) {
    return Optional.ofNullable(permissionGroups.get(pgId));
  }

  /** A resource group that policy bodies may reference by id. */
  public synchronized SimAccount putResourceGroup(SimPolicy.ResourceGroup g) {
    resourceGroups.put(g.id(), g);
    return this;
  }

  public synchronized List<SimPolicy.ResourceGroup> resourceGroups() {
    return List.copyOf(resourceGroups.values());
  }

  /** IAM user groups and their members (cloudflare-api.md §13). */
  public UserGroupTable userGroups() {
    return userGroups;
  }

  public synchronized Optional<SimPolicy.ResourceGroup> resourceGroup(String rgId) {
    return Optional.ofNullable(resourceGroups.get(rgId));
  }

  // ---------------------------------------------------------------- account API tokens

  public synchronized List<SimToken> tokens() {
    return List.copyOf(tokens.values());
  }

  public synchronized Optional<SimToken> token(String tokenId) {
    return Optional.ofNullable(tokens.get(tokenId));
  }

  public synchronized SimAccount putToken(SimToken t) {
    tokens.put(t.id(), t);
    return this;
  }

  // ---------------------------------------------------------------- Access users and groups

  public synchronized List<SimAccessUser> accessUsers() {
    return List.copyOf(accessUsers.values());
  }

  public synchronized Optional<SimAccessUser> accessUser(String userId) {
    return Optional.ofNullable(accessUsers.get(userId));
  }

  public synchronized SimAccount putAccessUser(SimAccessUser u) {
    accessUsers.put(u.id(), u);
    return this;
  }

  /** Deep copies of every group, in creation order. */
  public List<JsonObject> groups() {
    return groups.all();
  }

  /** A deep copy of one group. */
  public Optional<JsonObject> group(String groupId) {
    return groups.get(groupId);
  }

  /** Insert or replace a group; it must carry a string {@code id}. Stored as a deep copy. */
  public SimAccount putGroup(JsonObject group) {
    groups.put(group);
    return this;
  }

  /** Replace an existing group wholesale (its {@code id} is forced); false if unknown. */
  public boolean replaceGroup(String groupId, JsonObject group) {
    return groups.replace(groupId, group);
  }

  /** Edit a group (the function gets a copy; its result is stored); false if unknown. */
  public boolean updateGroup(String groupId, UnaryOperator<JsonObject> edit) {
    return groups.update(groupId, edit);
  }

  public boolean removeGroup(String groupId) {
    return groups.remove(groupId);
  }

  // ---------------------------------------------------------------- gateway lists

  public synchronized List<SimList> lists() {
    return List.copyOf(lists.values());
  }

  public synchronized Optional<SimList> list(String listId) {
    return Optional.ofNullable(lists.get(listId));
  }

  public synchronized SimAccount putList(SimList l) {
    lists.put(l.id(), l);
    return this;
  }

  /**
   * True: list items come back as an array of arrays, as older deployments answer ([S24]); false
   * (default): a flat array, as the newest schema says (cloudflare-api.md §18).
   */
  public synchronized SimAccount listItemsNested(boolean nested) {
    this.listItemsNested = nested;
    return this;
  }

  public synchronized boolean listItemsNested() {
    return listItemsNested;
  }

  // ---------------------------------------------------------------- risk scoring

  public synchronized SimAccount riskScoringEnabled(boolean enabled) {
    this.riskScoringEnabled = enabled;
    return this;
  }

  public synchronized boolean riskScoringEnabled() {
    return riskScoringEnabled;
  }

  /** Risk state of an Access user; empty when the user was never scored. */
  public synchronized Optional<SimRisk> risk(String accessUserId) {
    return Optional.ofNullable(risks.get(accessUserId));
  }

  public synchronized SimAccount putRisk(String accessUserId, SimRisk risk) {
    risks.put(accessUserId, risk);
    return this;
  }

  /** What {@code POST /zt_risk_scoring/{user_id}/reset} does: low, no events, reset now. */
  public synchronized SimRisk resetRisk(String accessUserId) {
    SimRisk reset = new SimRisk(Wire.RISK_LOW, List.of(), now());
    risks.put(accessUserId, reset);
    return reset;
  }

  // ---------------------------------------------------------------- integrations and intel

  public synchronized List<SimIntegration> integrations() {
    return List.copyOf(integrations.values());
  }

  public synchronized Optional<SimIntegration> integration(String integrationId) {
    return Optional.ofNullable(integrations.get(integrationId));
  }

  public synchronized SimAccount putIntegration(SimIntegration i) {
    integrations.put(i.id(), i);
    return this;
  }

  public synchronized boolean removeIntegration(String integrationId) {
    return integrations.remove(integrationId) != null;
  }

  public synchronized SimAccount putIpIntel(SimIntel.Ip ip) {
    ipIntel.put(Ids.canonicalIp(ip.ip()), ip);
    return this;
  }

  public synchronized Optional<SimIntel.Ip> ipIntel(String ip) {
    return Optional.ofNullable(ipIntel.get(Ids.canonicalIp(ip)));
  }

  public synchronized SimAccount putDomainIntel(SimIntel.Domain d) {
    domainIntel.put(d.domain().toLowerCase(Locale.ROOT), d);
    return this;
  }

  public synchronized Optional<SimIntel.Domain> domainIntel(String domain) {
    return Optional.ofNullable(domainIntel.get(domain.toLowerCase(Locale.ROOT)));
  }
}
