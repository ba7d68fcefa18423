/**
 * Baton's service mode: with client credentials, the connector polls a governance host's {@code
 * c1.connectorapi.baton.v1.BatonService} for tasks (full syncs uploaded as c1z files, grants,
 * revokes, invitations, deletions, actions) and finishes each with a status, as a Go connector
 * built on Baton's SDK does ({@code shared/docs/baton-protocol.md} §1.7, §4.5).
 *
 * <ul>
 *   <li>{@link dev.batoncf.service.ClientId} and {@link dev.batoncf.service.ClientSecret} parse
 *       ConductorOne's credential formats; the secret is an Ed25519 JWK, used through the JDK.
 *   <li>{@code TokenSource} signs the EdDSA client assertion and caches the access token; {@code
 *       TokenCallCredentials} puts it on every call.
 *   <li>{@code PollLoop} is the task manager loop; {@code TaskHandlers} calls our own connector
 *       services in-process, so tasks get exactly the answers {@code serve} gives.
 *   <li>{@link dev.batoncf.service.ServiceMode} wires it all; {@link
 *       dev.batoncf.service.ServiceStatus} is its read-only state for health checks.
 * </ul>
 */
package dev.batoncf.service;
