package dev.batoncf.cloudflare.model;

import com.google.gson.JsonObject;

/**
 * A result read into a model, together with the JSON it came from, for callers that pass
 * Cloudflare's answer on (fields the model does not know included).
 */
public record WithRaw<T>(T value, JsonObject raw) {}
