package dev.batoncf.health;

/**
 * What {@link HealthServer} asks, so any long-running mode can have Baton's health endpoints: the
 * daemon ({@link DaemonHealth}) and service mode each implement it over their own state. Called on
 * the server's threads; implementations are thread-safe and quick, except {@link #health()}, which
 * may call out but must bound its own time.
 */
public interface HealthSource {
  /** {@code /live}: the process's main loop runs; 503 makes an orchestrator restart it. */
  Probe live();

  /** {@code /ready}: it has something to offer (e.g. a good sync). */
  Probe ready();

  /** {@code /health}: the credentials work (e.g. one cached Cloudflare validate call). */
  Probe health();

  /** {@code /metrics}: appends Prometheus families. */
  void metrics(PrometheusText out);
}
