package dev.batoncf.sync;

import com.google.protobuf.Any;
import com.google.protobuf.Value;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.connector.IncrementalUnsafe;
import dev.batoncf.connector.PreviousRows;
import dev.batoncf.connector.ProfileKeys;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.connector.RoleSyncer;
import dev.batoncf.connector.RowSink;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The previous sync of the output file, read for an incremental sync: when it began, when the last
 * full sync began, which account it describes, and the rows carried over. Rows stream from the
 * decompressed file as they are written, so memory does not grow with the account.
 */
final class PreviousSync implements PreviousRows, AutoCloseable {
  /** When the full sync this file's chain of incremental syncs started from began (ISO-8601). */
  static final String FULL_SYNC_STARTED = "baton-cloudflare:full-sync-started";

  private static final String IMMUTABLE_TYPE =
      Any.pack(GrantImmutable.getDefaultInstance()).getTypeUrl();

  private final C1zReader reader;
  private final ZoneId zone;

  PreviousSync(C1zReader reader, ZoneId zone) {
    this.reader = reader;
    this.zone = zone;
  }

  String syncId() {
    return reader.sync().syncId();
  }

  Optional<String> owner() {
    return reader.owner();
  }

  /** When the previous sync began (the file keeps local wall-clock time). */
  Instant startedAt() {
    return reader.sync().startedAt().atZone(zone).toInstant();
  }

  /** When the last full sync began: recorded by incremental syncs, else this one's start. */
  Instant fullSyncStartedAt() {
    return reader.sessionValue(FULL_SYNC_STARTED).map(Instant::parse).orElse(startedAt());
  }

  @Override
  public Set<String> invitationMemberIds() {
    Set<String> ids = new HashSet<>();
    read(
        () ->
            reader.forEachResource(
                ResourceTypes.INVITATION_ID, r -> ids.add(r.getId().getResource())));
    return ids;
  }

  @Override
  public void members(Set<String> except, RoleSyncer roles, RowSink sink) {
    Set<String> droppedUsers = new HashSet<>();
    read(
        () ->
            reader.forEachResource(
                ResourceTypes.USER_ID,
                r -> {
                  Value memberId = r.getProfile().getFieldsMap().get(ProfileKeys.MEMBER_ID);
                  if (memberId != null && except.contains(memberId.getStringValue())) {
                    droppedUsers.add(r.getId().getResource());
                  } else {
                    sink.resource(r);
                  }
                }));
    Set<String> roleIds = new TreeSet<>();
    GrantFilter toUsers = new GrantFilter(null, null, null, ResourceTypes.USER_ID, null);
    read(
        () ->
            reader.forEachGrant(
                toUsers,
                g -> {
                  if (droppedUsers.contains(g.getPrincipal().getId().getResource()) || derived(g)) {
                    return;
                  }
                  sink.grant(g.toBuilder().clearSources().build());
                  if (ResourceTypes.ROLE_ID.equals(
                      g.getEntitlement().getResource().getId().getResourceType())) {
                    roleIds.add(g.getEntitlement().getResource().getId().getResource());
                  }
                }));
    for (String roleId : roleIds) {
      if (roles.adopt(roleId)) {
        carryRole(roleId, sink);
      }
    }
  }

  /** A role members hold that the roles list no longer has: kept only if it was synthetic. */
  private void carryRole(String roleId, RowSink sink) {
    Optional<Resource> role = read(() -> reader.resource(ResourceTypes.ROLE_ID, roleId));
    Value synthetic =
        role.map(r -> r.getProfile().getFieldsMap().get(ProfileKeys.SYNTHETIC)).orElse(null);
    if (synthetic == null || !synthetic.getBoolValue()) {
      throw new IncrementalUnsafe("role " + roleId + ", held by members, left the roles list");
    }
    sink.resource(role.get());
    Set<Entitlement> entitlements = new HashSet<>();
    read(() -> reader.forEachEntitlement(ResourceTypes.ROLE_ID, roleId, entitlements::add));
    entitlements.forEach(sink::entitlement);
  }

  @Override
  public void tokens(RowSink sink) {
    read(() -> reader.forEachResource(ResourceTypes.API_TOKEN_ID, sink::resource));
    read(() -> reader.forEachEntitlement(ResourceTypes.API_TOKEN_ID, null, sink::entitlement));
    read(
        () ->
            reader.forEachGrant(
                GrantFilter.forResource(ResourceTypes.API_TOKEN_ID, null),
                g -> {
                  if (!derived(g)) {
                    sink.grant(g.toBuilder().clearSources().build());
                  }
                }));
  }

  /** Grants the writer's expansion added; the new file's expansion adds them again. */
  private static boolean derived(Grant g) {
    return g.getAnnotationsList().stream().anyMatch(a -> IMMUTABLE_TYPE.equals(a.getTypeUrl()));
  }

  private interface Read<T> {
    T run() throws IOException;
  }

  private interface Visit {
    void run() throws IOException;
  }

  private static <T> T read(Read<T> r) {
    try {
      return r.run();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the previous sync: " + e.getMessage(), e);
    }
  }

  private static void read(Visit v) {
    read(
        () -> {
          v.run();
          return null;
        });
  }

  @Override
  public void close() {
    reader.close();
  }
}
