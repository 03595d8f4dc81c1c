/**
 * Users, roles and the security state of the server, independent of HTTP: the users and API tokens
 * in {@code <data>/users.json} ({@link org.surrogate.console.security.UserStore}, bcrypt password
 * hashes, SHA-256 token hashes), browser sessions with their CSRF tokens
 * ({@link org.surrogate.console.security.SessionStore}), the login rate limit
 * ({@link org.surrogate.console.security.LoginLimiter}), the append-only audit log
 * ({@link org.surrogate.console.security.AuditLog}), and {@link org.surrogate.console.security.Security},
 * which opens them on a data folder and creates the initial admin on first start.
 */
package org.surrogate.console.security;
