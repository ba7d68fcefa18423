package dev.batoncf.cloudflare.model;

import java.util.List;

/** One page of the audit log and the cursor of the next one (null after the last). */
public record AuditPage(List<AuditRecord> records, String nextCursor) {
  public AuditPage {
    records = List.copyOf(records);
  }
}
