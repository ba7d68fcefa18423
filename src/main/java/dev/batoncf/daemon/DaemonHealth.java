package dev.batoncf.daemon;

import dev.batoncf.cloudflare.http.RequestMetrics;
import dev.batoncf.health.CloudflareMetrics;
import dev.batoncf.health.CredentialCheck;
import dev.batoncf.health.HealthSource;
import dev.batoncf.health.Probe;
import dev.batoncf.health.PrometheusText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daemon's answers: live while the scheduler runs; ready once a good sync exists (made by this
 * process or found at startup: a restarted daemon serves its previous file at once) and not
 * shutting down; healthy while Cloudflare accepts the credentials ({@link CredentialCheck}). Every
 * body carries the last sync's time, result and age.
 */
public final class DaemonHealth implements HealthSource {
  private final SyncState state;
  private final CredentialCheck credentials;
  private final RequestMetrics requests;
  private final Clock clock;

  public DaemonHealth(
      SyncState state, CredentialCheck credentials, RequestMetrics requests, Clock clock) {
    this.state = state;
    this.credentials = credentials;
    this.requests = requests;
    this.clock = clock;
  }

  @Override
  public Probe live() {
    SyncState.Snapshot s = state.snapshot();
    return s.running()
        ? new Probe(true, "alive", Map.of(), fields(s))
        : new Probe(false, "dead", Map.of("error", "the scheduler has stopped"), fields(s));
  }

  @Override
  public Probe ready() {
    SyncState.Snapshot s = state.snapshot();
    if (s.stopping() || !s.running()) {
      return new Probe(false, "not_ready", Map.of("error", "shutting down"), fields(s));
    }
    if (s.newestGood() == null) {
      return new Probe(false, "not_ready", Map.of("error", "no good sync yet"), fields(s));
    }
    return new Probe(true, "ready", Map.of(), fields(s));
  }

  @Override
  public Probe health() {
    CredentialCheck.Result r = credentials.check();
    SyncState.Snapshot s = state.snapshot();
    Map<String, Object> f = fields(s);
    f.put("credentials_checked_at", r.checkedAt().toString());
    if (!r.ok()) {
      return new Probe(
          false,
          "unhealthy",
          Map.of("error", "connector validation failed", "validation_error", r.error()),
          f);
    }
    return new Probe(true, "healthy", Map.of(), f);
  }

  private Map<String, Object> fields(SyncState.Snapshot s) {
    Instant now = clock.instant();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("last_sync", s.last() == null ? null : sync(s.last(), now));
    f.put("last_success", s.lastSuccess() == null ? null : sync(s.lastSuccess(), now));
    f.put("newest_file", s.newestGood() == null ? null : s.newestGood().name());
    f.put("sync_in_progress", s.inProgressSince() != null);
    f.put("next_sync_at", s.nextRunAt() == null ? null : s.nextRunAt().toString());
    f.put("consecutive_failures", s.consecutiveFailures());
    return f;
  }

  private static Map<String, Object> sync(SyncRecord r, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("started_at", r.startedAt().toString());
    m.put("finished_at", r.finishedAt().toString());
    m.put("result", r.success() ? "success" : "failure");
    m.put("age_seconds", Math.max(0, Duration.between(r.finishedAt(), now).toSeconds()));
    m.put("duration_seconds", r.duration().toMillis() / 1000.0);
    if (r.success()) {
      m.put("file", r.file());
    } else {
      m.put("error", r.error());
    }
    return m;
  }

  @Override
  public void metrics(PrometheusText out) {
    SyncState.Snapshot s = state.snapshot();
    out.family(
        "baton_cloudflare_syncs_total",
        "counter",
        "Full syncs finished by the daemon, successful or not.");
    out.sample("baton_cloudflare_syncs_total", s.syncs());
    out.family("baton_cloudflare_sync_failures_total", "counter", "Full syncs that failed.");
    out.sample("baton_cloudflare_sync_failures_total", s.failures());
    out.family(
        "baton_cloudflare_sync_consecutive_failures",
        "gauge",
        "Failed syncs since the last good one.");
    out.sample("baton_cloudflare_sync_consecutive_failures", s.consecutiveFailures());
    out.family("baton_cloudflare_sync_in_progress", "gauge", "1 while a sync runs.");
    out.sample("baton_cloudflare_sync_in_progress", s.inProgressSince() != null ? 1 : 0);
    if (s.last() != null) {
      out.family(
          "baton_cloudflare_last_sync_duration_seconds",
          "gauge",
          "Wall time of the last sync attempt.");
      out.sample(
          "baton_cloudflare_last_sync_duration_seconds", s.last().duration().toMillis() / 1000.0);
      out.family(
          "baton_cloudflare_last_sync_success",
          "gauge",
          "1 if the last sync attempt succeeded, else 0.");
      out.sample("baton_cloudflare_last_sync_success", s.last().success() ? 1 : 0);
    }
    if (s.lastSuccess() != null) {
      SyncRecord ok = s.lastSuccess();
      out.family(
          "baton_cloudflare_last_success_timestamp_seconds",
          "gauge",
          "When the last good sync finished (Unix time).");
      out.sample(
          "baton_cloudflare_last_success_timestamp_seconds",
          ok.finishedAt().toEpochMilli() / 1000.0);
      out.family(
          "baton_cloudflare_last_sync_resources",
          "gauge",
          "Resources in the last good sync, by resource type.");
      ok.resourcesByType().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e ->
                  out.sample(
                      "baton_cloudflare_last_sync_resources",
                      Map.of("resource_type", e.getKey()),
                      e.getValue()));
      out.family(
          "baton_cloudflare_last_sync_entitlements",
          "gauge",
          "Entitlements in the last good sync.");
      out.sample("baton_cloudflare_last_sync_entitlements", ok.entitlements());
      out.family("baton_cloudflare_last_sync_grants", "gauge", "Grants in the last good sync.");
      out.sample("baton_cloudflare_last_sync_grants", ok.grants());
    }
    if (s.nextRunAt() != null) {
      out.family(
          "baton_cloudflare_next_sync_timestamp_seconds",
          "gauge",
          "When the next sync is due (Unix time).");
      out.sample(
          "baton_cloudflare_next_sync_timestamp_seconds", s.nextRunAt().toEpochMilli() / 1000.0);
    }
    out.family(
        "baton_cloudflare_after_sync_failures_total",
        "counter",
        "After-sync steps (diff, report) that failed, by step.");
    s.stepFailures().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.sample(
                    "baton_cloudflare_after_sync_failures_total",
                    Map.of("step", e.getKey()),
                    e.getValue()));
    out.family(
        "baton_cloudflare_credential_checks_total",
        "counter",
        "Cloudflare validate calls made for /health (answers are cached).");
    out.sample("baton_cloudflare_credential_checks_total", credentials.calls());
    CloudflareMetrics.write(out, requests);
  }
}
