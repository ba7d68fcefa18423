package dev.batoncf.c1z;

/**
 * The writer's statements. Upserts follow Baton: on a repeated {@code (external_id, sync_id)} the
 * data and the denormalized columns are replaced and the first {@code discovered_at} is kept.
 */
final class WriterSql {

  static final String INSERT_SYNC_RUN =
      "insert into "
          + C1zSchema.SYNC_RUNS
          + " (sync_id, started_at, sync_token, sync_type, parent_sync_id, linked_sync_id, grants_backfilled)"
          + " values (?, ?, '', ?, ?, '', 1)";

  /**
   * Baton marks every full sync that reached its expansion phase as diffable; not a partial one.
   */
  static final String END_SYNC_RUN =
      "update "
          + C1zSchema.SYNC_RUNS
          + " set ended_at = ?, stats = ?, supports_diff = ? where sync_id = ?";

  static final String INSERT_SESSION =
      "insert into " + C1zSchema.CONNECTOR_SESSIONS + " (sync_id, key, value) values (?, ?, ?)";

  /**
   * Baton's "preserve expansion" write of an expanded grant: only the data of an existing row
   * changes.
   */
  static final String INSERT_EXPANDED_GRANT =
      "insert into "
          + C1zSchema.GRANTS
          + " (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, principal_resource_id,"
          + " external_id, expansion, needs_expansion, data, sync_id, discovered_at)"
          + " values (?, ?, ?, ?, ?, ?, null, 0, ?, ?, ?)"
          + " on conflict (external_id, sync_id) do update set data = excluded.data";

  static final String UPSERT_RESOURCE_TYPE =
      "insert into "
          + C1zSchema.RESOURCE_TYPES
          + " (external_id, data, sync_id, discovered_at) values (?, ?, ?, ?)"
          + " on conflict (external_id, sync_id) do update set data = excluded.data";

  static final String UPSERT_RESOURCE =
      "insert into "
          + C1zSchema.RESOURCES
          + " (resource_type_id, external_id, parent_resource_type_id, parent_resource_id, data, sync_id,"
          + " discovered_at) values (?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (external_id, sync_id) do update set data = excluded.data,"
          + " resource_type_id = excluded.resource_type_id,"
          + " parent_resource_type_id = excluded.parent_resource_type_id,"
          + " parent_resource_id = excluded.parent_resource_id";

  static final String UPSERT_ENTITLEMENT =
      "insert into "
          + C1zSchema.ENTITLEMENTS
          + " (resource_type_id, resource_id, external_id, data, sync_id, discovered_at)"
          + " values (?, ?, ?, ?, ?, ?)"
          + " on conflict (external_id, sync_id) do update set data = excluded.data,"
          + " resource_type_id = excluded.resource_type_id, resource_id = excluded.resource_id";

  static final String UPSERT_GRANT =
      "insert into "
          + C1zSchema.GRANTS
          + " (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, principal_resource_id,"
          + " external_id, expansion, needs_expansion, data, sync_id, discovered_at)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (external_id, sync_id) do update set data = excluded.data,"
          + " resource_type_id = excluded.resource_type_id, resource_id = excluded.resource_id,"
          + " entitlement_id = excluded.entitlement_id,"
          + " principal_resource_type_id = excluded.principal_resource_type_id,"
          + " principal_resource_id = excluded.principal_resource_id,"
          + " expansion = excluded.expansion, needs_expansion = excluded.needs_expansion";

  private WriterSql() {}
}
