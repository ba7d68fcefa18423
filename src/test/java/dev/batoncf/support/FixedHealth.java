package dev.batoncf.support;

import dev.batoncf.health.HealthSource;
import dev.batoncf.health.Probe;
import dev.batoncf.health.PrometheusText;

/** A health source answering one fixed probe everywhere, for tests of health clients. */
public record FixedHealth(Probe probe) implements HealthSource {
  @Override
  public Probe live() {
    return probe;
  }

  @Override
  public Probe ready() {
    return probe;
  }

  @Override
  public Probe health() {
    return probe;
  }

  @Override
  public void metrics(PrometheusText out) {}
}
