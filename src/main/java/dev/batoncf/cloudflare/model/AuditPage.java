package dev.batoncf.cloudflare.model;

import java.util.List;

/** One page of the audit log and the cursor of the next (null on the last page). */
public record AuditPage(List<AuditRecord> records, String nextCursor) {}
