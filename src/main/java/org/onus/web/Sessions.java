package org.onus.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions, held in memory only. A session is opened with an API token and
 * keeps that token's secret on the server side; the browser holds nothing but a random session
 * id in an HttpOnly, SameSite=Strict cookie. Every request authenticates the kept secret again,
 * so a token revoked through the API ends its console sessions at once. Each session has its own
 * CSRF token, which every form carries and every POST must return.
 *
 * <p>Sessions end on sign-out, after {@link #IDLE} without a request, and when the process stops.
 */
final class Sessions {

    static final String COOKIE = "onus_session";
    static final Duration IDLE = Duration.ofHours(8);

    record Session(String id, String tokenSecret, String csrf, Instant lastSeen) {
        Session seen(Instant at) {
            return new Session(id, tokenSecret, csrf, at);
        }
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    Sessions(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    Session open(String tokenSecret) {
        Session s = new Session(randomToken(), tokenSecret, randomToken(), clock.instant());
        byId.put(s.id(), s);
        return s;
    }

    /** The live session of this id, its idle time reset; expired sessions are forgotten. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastSeen().plus(IDLE).isBefore(now)) {
            byId.remove(id);
            return Optional.empty();
        }
        Session fresh = s.seen(now);
        byId.put(id, fresh);
        return Optional.of(fresh);
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** 256 random bits, URL-safe. */
    String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Compares secrets in time independent of where they differ. */
    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String cookie(String name, String value, boolean secure, int maxAgeSeconds) {
        return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "");
    }
}
