/**
 * The one HTTP stack every Cloudflare call goes through: auth, base-URL guard, shared rate limiter,
 * retries with Retry-After and a deadline, error classification, per-endpoint counting and redacted
 * logging. Nothing here knows about Cloudflare resources.
 *
 * <pre>{@code
 * HttpSettings settings = HttpSettings.defaults(baseUrl, credentials);
 * RateLimiter limiter = SlidingWindowRateLimiter.forSettings(settings); // one per credential
 * RequestMetrics metrics = new RequestMetrics();
 * OkHttpClient http = CloudflareHttp.build(settings, limiter, metrics, HttpEvents.none());
 * Retrofit retrofit = new Retrofit.Builder()
 *     .baseUrl(settings.httpUrl())               // ends in "/"; use relative paths in the API
 *     .client(http)
 *     .addConverterFactory(GsonConverterFactory.create(gson))
 *     .build();
 *
 * // In the facade, per call:
 * String endpoint = ErrorClassifier.endpointOf(call.request());
 * try {
 *   Response<Envelope<T>> r = call.execute();
 *   if (!r.isSuccessful()) {
 *     throw ErrorClassifier.classify(endpoint, r.code(), r.errorBody().string(), r.headers());
 *   }
 *   ... envelope.success() == false -> ErrorClassifier.classify(endpoint, r.code(), raw, headers)
 *       or new CloudflareException.BadRequest(endpoint, r.code(), envelope.errors())
 * } catch (IOException e) {
 *   throw ErrorClassifier.fromIOException(endpoint, e);
 * }
 * }</pre>
 */
package dev.batoncf.cloudflare.http;
