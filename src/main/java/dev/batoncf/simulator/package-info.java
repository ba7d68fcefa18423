/**
 * An in-process Cloudflare API v4 simulator: one fake for {@code --demo}, the tests and the
 * benchmark.
 *
 * <p>Entry points: {@link dev.batoncf.simulator.CfSimulator} (server, binds 127.0.0.1 only), {@link
 * dev.batoncf.simulator.SimAccount} (mutable, thread-safe account state), {@link
 * dev.batoncf.simulator.Seeds} (demo and generated accounts, demo ids as constants), {@link
 * dev.batoncf.simulator.Faults} (latency, scripted faults, rate budget, hooks), {@link
 * dev.batoncf.simulator.RequestLog} (requests per path template), {@link
 * dev.batoncf.simulator.Paths} and {@link dev.batoncf.simulator.Wire} (route templates, header
 * names, error codes).
 *
 * <p>Where cloudflare-api.md leaves behaviour open, the simulator chose (each also documented on
 * the handler class):
 *
 * <ul>
 *   <li>Auth is decided first. Missing or wrong credentials: 401 code 10000. Both schemes at once,
 *       an incomplete key pair or a non-Bearer Authorization: 400 code 6003. A disabled or expired
 *       token: 401 code 10000, except on the verify endpoints, which report its status.
 *   <li>Account id in the path: malformed → 404 code 7003; another account → 403 code 9109.
 *   <li>Validation failures: 400 code 1002 "Invalid request: …"; unknown ids: 404 code 1003;
 *       malformed JSON bodies: 400 code 6007; risk scoring disabled: 404 code 1404; injected 5xx:
 *       code 10001. Documented codes: 1001 (invite with status accepted), 1008 (member exists), 971
 *       (rate limited), 7003 (no route), 9109, 10000.
 *   <li>Members: a roles PUT on a policy-managed member is refused (400); roles and policies
 *       together are refused (400); a policies PUT clears roles. The Super Administrator role is
 *       hidden from {@code GET /roles} by default but readable by id and assignable.
 *   <li>Tokens list/details answer key auth with 403 code 9109; verify answers key auth with 400
 *       code 6003 and the wrong token kind with 401 code 1000.
 *   <li>Denied permission areas ({@link dev.batoncf.simulator.SimAccount#denyPermission}) apply to
 *       both auth schemes and answer 403 code 10000.
 * </ul>
 *
 * <p>Not emulated (404 code 7003): IAM permission/resource groups, Access identity providers,
 * Access user sub-resources, risk behaviors, audit logs, token create/roll, zone-level routes.
 */
package dev.batoncf.simulator;
