package dev.batoncf.health;

import java.util.Map;

/**
 * One health answer. The HTTP body is Baton's shape ({@code status}, {@code timestamp}, {@code
 * details}) plus {@code fields} (e.g. the last sync), so Baton tooling and people both read it.
 * Nothing in it may be a secret.
 *
 * @param ok HTTP 200 when true, 503 otherwise
 * @param status Baton's words: alive, ready / not_ready, healthy / unhealthy
 * @param details short strings, e.g. {@code error}, {@code validation_error}
 * @param fields further JSON members: strings, numbers, booleans, maps of those, or null
 */
public record Probe(
    boolean ok, String status, Map<String, String> details, Map<String, Object> fields) {}
