package dev.batoncf.service;

import dev.batoncf.cloudflare.http.RequestMetrics;
import dev.batoncf.health.CloudflareMetrics;
import dev.batoncf.health.CredentialCheck;
import dev.batoncf.health.HealthSource;
import dev.batoncf.health.Probe;
import dev.batoncf.health.PrometheusText;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Baton's health endpoints in service mode: live while the poll loop has not stopped for good;
 * ready while it is connected to the host and polling; healthy while Cloudflare accepts the
 * credentials. Every body carries the loop's state, the host, and the last task.
 */
public final class ServiceHealth implements HealthSource {
  private final Supplier<ServiceStatus> status;
  private final CredentialCheck credentials;
  private final RequestMetrics requests;
  private final Clock clock;

  public ServiceHealth(
      Supplier<ServiceStatus> status,
      CredentialCheck credentials,
      RequestMetrics requests,
      Clock clock) {
    this.status = status;
    this.credentials = credentials;
    this.requests = requests;
    this.clock = clock;
  }

  @Override
  public Probe live() {
    ServiceStatus s = status.get();
    boolean alive =
        s.state() != ServiceStatus.State.FAILED && s.state() != ServiceStatus.State.STOPPED;
    return alive
        ? new Probe(true, "alive", Map.of(), fields(s))
        : new Probe(
            false,
            "dead",
            Map.of(
                "error",
                "service mode has stopped: "
                    + (s.lastError() == null ? s.state().name().toLowerCase() : s.lastError())),
            fields(s));
  }

  @Override
  public Probe ready() {
    ServiceStatus s = status.get();
    if (s.state() == ServiceStatus.State.RUNNING && s.connected()) {
      return new Probe(true, "ready", Map.of(), fields(s));
    }
    String why =
        s.state() == ServiceStatus.State.RUNNING
            ? "the host is not answering"
            : s.state() == ServiceStatus.State.CONNECTING
                ? "not connected to the host yet"
                : "shutting down";
    return new Probe(false, "not_ready", Map.of("error", why), fields(s));
  }

  @Override
  public Probe health() {
    CredentialCheck.Result r = credentials.check();
    Map<String, Object> f = fields(status.get());
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

  private Map<String, Object> fields(ServiceStatus s) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("mode", "service");
    f.put("state", s.state().name().toLowerCase());
    f.put("host", s.host());
    f.put("host_id", s.hostId());
    f.put("connected", s.connected());
    f.put(
        "last_contact_age_seconds",
        s.lastContact() == null
            ? null
            : Math.max(0, Duration.between(s.lastContact(), clock.instant()).toSeconds()));
    f.put("tasks_running", s.running());
    ServiceStatus.LastTask t = s.lastTask();
    if (t == null) {
      f.put("last_task", null);
    } else {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id());
      m.put("type", t.type());
      m.put("result", t.result());
      m.put("ended_at", t.endedAt().toString());
      m.put("age_seconds", Math.max(0, Duration.between(t.endedAt(), clock.instant()).toSeconds()));
      f.put("last_task", m);
    }
    f.put("last_error", s.lastError());
    return f;
  }

  @Override
  public void metrics(PrometheusText out) {
    ServiceStatus s = status.get();
    out.family(
        "baton_cloudflare_service_connected",
        "gauge",
        "1 while the last call to the governance host succeeded.");
    out.sample("baton_cloudflare_service_connected", s.connected() ? 1 : 0);
    out.family("baton_cloudflare_tasks_running", "gauge", "Host tasks in progress.");
    out.sample("baton_cloudflare_tasks_running", s.running());
    out.family(
        "baton_cloudflare_tasks_finished_total",
        "counter",
        "Host tasks finished successfully since start.");
    out.sample("baton_cloudflare_tasks_finished_total", s.finished());
    out.family(
        "baton_cloudflare_tasks_failed_total",
        "counter",
        "Host tasks finished with an error (cancelled included) since start.");
    out.sample("baton_cloudflare_tasks_failed_total", s.failed());
    if (s.lastContact() != null) {
      out.family(
          "baton_cloudflare_service_last_contact_timestamp_seconds",
          "gauge",
          "When a call to the host last succeeded (Unix time).");
      out.sample(
          "baton_cloudflare_service_last_contact_timestamp_seconds",
          s.lastContact().toEpochMilli() / 1000.0);
    }
    out.family(
        "baton_cloudflare_credential_checks_total",
        "counter",
        "Cloudflare validate calls made for /health (answers are cached).");
    out.sample("baton_cloudflare_credential_checks_total", credentials.calls());
    CloudflareMetrics.write(out, requests);
  }
}
