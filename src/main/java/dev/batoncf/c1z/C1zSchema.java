package dev.batoncf.c1z;

import java.util.List;

/**
 * The Baton c1z v1 SQLite schema (baton-protocol.md §2.3), as Baton's {@code pkg/dotc1z} creates
 * it.
 *
 * <p>Table and column names are wire strings: Baton's reader queries them by name, so they live
 * here once. Indexes are split in two groups: the UNIQUE ones back the writer's upserts and must
 * exist while rows are inserted; the others only serve readers, so the writer builds them once at
 * the end (one sorted pass is much cheaper than updating five B-trees per grant row).
 */
final class C1zSchema {

  static final String RESOURCE_TYPES = "v1_resource_types";
  static final String RESOURCES = "v1_resources";
  static final String ENTITLEMENTS = "v1_entitlements";
  static final String SYNC_RUNS = "v1_sync_runs";
  static final String GRANTS = "v1_grants";
  static final String ASSETS = "v1_assets";
  static final String CONNECTOR_SESSIONS = "v1_connector_sessions";

  /** Every table that holds rows of a sync, in creation order (sync runs themselves apart). */
  static final List<String> SYNC_TABLES =
      List.of(RESOURCE_TYPES, RESOURCES, ENTITLEMENTS, GRANTS, ASSETS, CONNECTOR_SESSIONS);

  /** {@code sync_runs.sync_type} for a full sync. */
  static final String SYNC_TYPE_FULL = "full";

  /** {@code sync_runs.sync_type} for a targeted sync (Baton's {@code SyncTypePartial}). */
  static final String SYNC_TYPE_PARTIAL = "partial";

  /** {@code sync_runs.sync_type} for a sync without entitlements and grants. */
  static final String SYNC_TYPE_RESOURCES_ONLY = "resources_only";

  /**
   * The {@code v1_connector_sessions} key under which a writer records who the sync describes (for
   * this connector: the Cloudflare account), so a later sync into the same file only keeps syncs of
   * the same owner. Baton's tools ignore session keys they do not know.
   */
  static final String OWNER_SESSION_KEY = "baton-cloudflare:owner";

  /** Type URL suffix of the annotation Baton moves out of the grant blob into {@code expansion}. */
  static final String GRANT_EXPANDABLE_TYPE = "c1.connector.v2.GrantExpandable";

  static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  /** Tables in Baton's creation order, each with its UNIQUE index. */
  static final List<String> TABLES =
      List.of(
          "create table if not exists v1_resource_types (\n"
              + "    id integer primary key,\n"
              + "    external_id text not null,\n"
              + "    data blob not null,\n"
              + "    sync_id text not null,\n"
              + "    discovered_at datetime not null\n"
              + ")",
          "create unique index if not exists idx_resource_types_external_sync_v1"
              + " on v1_resource_types (external_id, sync_id)",
          "create table if not exists v1_resources (\n"
              + "    id integer primary key,\n"
              + "    resource_type_id text not null,\n"
              + "    external_id text not null,\n"
              + "    parent_resource_type_id text,\n"
              + "    parent_resource_id text,\n"
              + "    data blob not null,\n"
              + "    sync_id text not null,\n"
              + "    discovered_at datetime not null\n"
              + ")",
          "create unique index if not exists idx_resources_external_sync_v1"
              + " on v1_resources (external_id, sync_id)",
          "create table if not exists v1_entitlements (\n"
              + "    id integer primary key,\n"
              + "    resource_type_id text not null,\n"
              + "    resource_id text not null,\n"
              + "    external_id text not null,\n"
              + "    data blob not null,\n"
              + "    sync_id text not null,\n"
              + "    discovered_at datetime not null\n"
              + ")",
          "create unique index if not exists idx_entitlements_external_sync_v1"
              + " on v1_entitlements (external_id, sync_id)",
          "create table if not exists v1_sync_runs (\n"
              + "    id integer primary key,\n"
              + "    sync_id text not null,\n"
              + "    started_at datetime not null,\n"
              + "    ended_at datetime,\n"
              + "    sync_token text not null,\n"
              + "    sync_type text not null default 'full',\n"
              + "    parent_sync_id text not null default '',\n"
              + "    linked_sync_id text not null default '',\n"
              + "    supports_diff integer not null default 0,\n"
              + "    grants_backfilled integer not null default 0,\n"
              + "    stats text,\n"
              + "    ingest_invariant_generation text not null default '',\n"
              + "    ingest_invariant_coverage text not null default '',\n"
              + "    ingest_invariant_mode text not null default ''\n"
              + ")",
          "create unique index if not exists idx_sync_runs_sync_id_v1 on v1_sync_runs (sync_id)",
          "create table if not exists v1_grants (\n"
              + "    id integer primary key,\n"
              + "    resource_type_id text not null,\n"
              + "    resource_id text not null,\n"
              + "    entitlement_id text not null,\n"
              + "    principal_resource_type_id text not null,\n"
              + "    principal_resource_id text not null,\n"
              + "    external_id text not null,\n"
              + "    expansion blob,\n"
              + "    needs_expansion integer not null default 0,\n"
              + "    data blob not null,\n"
              + "    sync_id text not null,\n"
              + "    discovered_at datetime not null\n"
              + ")",
          "create unique index if not exists idx_grants_external_sync_v1 on v1_grants (external_id, sync_id)",
          "create table if not exists v1_assets (\n"
              + "    id integer primary key,\n"
              + "    external_id text not null,\n"
              + "    content_type text not null,\n"
              + "    data blob not null,\n"
              + "    sync_id text not null,\n"
              + "    discovered_at datetime not null\n"
              + ")",
          "create unique index if not exists idx_assets_external_sync_v1 on v1_assets (external_id, sync_id)",
          "create table if not exists v1_connector_sessions (\n"
              + "    id integer primary key,\n"
              + "    sync_id text not null,\n"
              + "    key text not null,\n"
              + "    value blob not null\n"
              + ")",
          "create unique index if not exists idx_session_store_sync_key_v1 on v1_connector_sessions (sync_id, key)");

  /**
   * Read-side indexes that grant expansion reads through, built after the bulk load and before it.
   */
  static final List<String> EXPANSION_INDEXES =
      List.of(
          "create index if not exists idx_grants_entitlement_id_principal_id_v1"
              + " on v1_grants (entitlement_id, principal_resource_type_id, principal_resource_id)",
          "create index if not exists idx_grants_entitlement_sync_grant_v1"
              + " on v1_grants (entitlement_id, sync_id, id)",
          "create index if not exists idx_grants_sync_expansion_v1"
              + " on v1_grants (sync_id) where expansion is not null",
          "create index if not exists idx_grants_sync_needs_expansion_v1"
              + " on v1_grants (sync_id) where needs_expansion = 1");

  /** The other read-side indexes, built last, so expansion's inserts do not maintain them. */
  static final List<String> SECONDARY_INDEXES =
      List.of(
          "create index if not exists idx_resources_resource_type_id_v1 on v1_resources (resource_type_id)",
          "create index if not exists idx_resources_parent_resource_id_v1"
              + " on v1_resources (parent_resource_type_id, parent_resource_id)",
          "create index if not exists idx_entitlements_resource_id_v1"
              + " on v1_entitlements (resource_type_id, resource_id)",
          "create index if not exists idx_grants_resource_type_id_resource_id_v1"
              + " on v1_grants (resource_type_id, resource_id)",
          "create index if not exists idx_grants_principal_id_v1"
              + " on v1_grants (principal_resource_type_id, principal_resource_id)");

  private C1zSchema() {}
}
