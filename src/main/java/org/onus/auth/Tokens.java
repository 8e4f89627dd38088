package org.onus.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.onus.ledger.Entries;
import org.onus.ledger.Ledger;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.store.LedgerStore;
import org.onus.store.TokenRecord;

/**
 * Issues bearer tokens and turns a presented secret back into a {@link Principal}.
 *
 * <p>Secrets are {@code onus_} followed by 32 random bytes in unpadded base64url. Only their
 * SHA-256 is stored, and a presented secret is looked up by that hash, so no stored secret is
 * ever compared byte by byte and a stolen database yields no usable token. An unknown, revoked
 * or orphaned token all give the same answer (empty), so a caller learns nothing about which
 * tokens exist.
 *
 * <p>Every issuance is itself evidence: a {@code token.issued} entry (id, role, label, tenant;
 * never the secret) is durably appended to the tenant's log <em>before</em> the token is stored,
 * so no usable token exists without its record. If the process dies in between, the log holds a
 * record of a token that never became usable, which is harmless and visible.
 */
public final class Tokens {

    public static final String SECRET_PREFIX = "onus_";
    public static final String ISSUED_ENTRY_TYPE = "token.issued";
    public static final String REVOKED_ENTRY_TYPE = "token.revoked";
    public static final int MAX_LABEL_LENGTH = 200;
    /** Secrets supplied from outside (the bootstrap environment variable) must be at least this long. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final int MAX_SECRET_LENGTH = 512;

    private final Ledger ledger;
    private final LedgerStore store;
    private final String operatorTenant;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<Long, TenantLog> logsById = new ConcurrentHashMap<>();

    /**
     * @param operatorTenant the tenant that runs this Onus (the bootstrap tenant); only its tokens
     *     may use process-wide permissions such as reading metrics
     */
    public Tokens(Ledger ledger, String operatorTenant, Clock clock, SecureRandom random) {
        this.ledger = ledger;
        this.store = ledger.store();
        this.operatorTenant = operatorTenant;
        this.clock = clock;
        this.random = random;
    }

    public String operatorTenant() {
        return operatorTenant;
    }

    /** Issues a token with a fresh random secret; blocks until its {@code token.issued} entry is durable. */
    public IssuedToken issue(String tenant, Role role, String label, String actor) {
        return issueWithSecret(tenant, role, label, actor, newSecret(), null);
    }

    /**
     * Issues a token bound to a registry party: a vendor token sees only the products of the
     * manufacturer it is bound to.
     */
    public IssuedToken issue(String tenant, Role role, String label, String actor, String party) {
        return issueWithSecret(tenant, role, label, actor, newSecret(), party);
    }

    IssuedToken issueWithSecret(String tenant, Role role, String label, String actor, String secret) {
        return issueWithSecret(tenant, role, label, actor, secret, null);
    }

    IssuedToken issueWithSecret(String tenant, Role role, String label, String actor, String secret, String party) {
        String problem = labelProblem(label);
        if (problem != null) {
            throw new IllegalArgumentException("label " + problem);
        }
        problem = secretProblem(secret);
        if (problem != null) {
            throw new IllegalArgumentException("the token secret " + problem);
        }
        TenantLog log = ledger.log(tenant).orElseThrow(() -> new IllegalArgumentException("no tenant named " + tenant));
        String id = "tok_" + HexFormat.of().formatHex(randomBytes(8));
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("tokenId", id);
        data.put("role", role.wireName());
        data.put("label", label);
        data.put("tenant", tenant);
        if (party != null) {
            data.put("party", party);
        }
        long now = clock.millis();
        long index;
        try {
            index = log.append(Entries.draft(ISSUED_ENTRY_TYPE, clock.instant(), actor, data)).join();
        } catch (CompletionException e) {
            throw new LedgerException("the issuance of token " + id + " could not be recorded: " + e.getCause().getMessage(), e.getCause());
        }
        store.addToken(new TokenRecord(hash(secret), id, log.tenantId(), role.wireName(), label, now, 0, party));
        return new IssuedToken(id, secret, tenant, role, label, index);
    }

    /** A token as an admin may see it: never its secret or the secret's hash. */
    public record Listed(String id, Role role, String label, Instant createdAt, Instant revokedAt, String party) {
    }

    /** Every token of the tenant, revoked ones included, oldest first. */
    public List<Listed> list(TenantLog log) {
        List<Listed> out = new ArrayList<>();
        for (TokenRecord t : store.tokens(log.tenantId())) {
            Role.parse(t.role()).ifPresent(role -> out.add(new Listed(t.id(), role, t.label(), Instant.ofEpochMilli(t.createdAtMillis()),
                    t.revoked() ? Instant.ofEpochMilli(t.revokedAtMillis()) : null, t.party())));
        }
        return out;
    }

    /** What a revocation did: the ledger index of its {@code token.revoked} entry, or that the token was already revoked. */
    public record Revocation(long ledgerIndex, boolean alreadyRevoked, Instant revokedAt) {
    }

    /**
     * Revokes a token of the tenant: a {@code token.revoked} entry (who, which, why), then the
     * store refuses it; this process stops accepting it at once, other processes within
     * {@link #RECHECK_AFTER_NANOS}. Revoking a revoked token writes nothing and says so.
     *
     * @throws java.util.NoSuchElementException if the tenant has no token with that id
     */
    public Revocation revoke(TenantLog log, String tokenId, String actor, String reason) {
        TokenRecord t = store.tokens(log.tenantId()).stream().filter(x -> x.id().equals(tokenId)).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("no token " + tokenId + " in tenant " + log.tenant()));
        if (t.revoked()) {
            return new Revocation(-1, true, Instant.ofEpochMilli(t.revokedAtMillis()));
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("tokenId", tokenId);
        data.put("role", t.role());
        if (reason != null) {
            data.put("reason", reason);
        }
        Instant now = clock.instant();
        long index;
        try {
            index = log.append(Entries.draft(REVOKED_ENTRY_TYPE, now, actor, data)).join();
        } catch (CompletionException e) {
            throw new LedgerException("the revocation of token " + tokenId + " could not be recorded: " + e.getCause().getMessage(), e.getCause());
        }
        // revoked in the store only once the ledger holds the revocation; Math.max keeps 0 ("valid") unrepresentable
        store.revokeToken(log.tenantId(), tokenId, Math.max(1, now.toEpochMilli()));
        recentlySeen.values().removeIf(r -> r.principal().tokenId().equals(tokenId));
        return new Revocation(index, false, now);
    }

    /** The principal a secret stands for, or empty if it is unknown, revoked or unusable. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = hash(secret);
        String key = HexFormat.of().formatHex(hash);
        Recent recent = recentlySeen.get(key);
        long nowNanos = System.nanoTime();
        if (recent != null && nowNanos - recent.seenAt() < RECHECK_AFTER_NANOS) {
            return Optional.of(recent.principal());
        }
        Optional<Principal> fresh = lookUp(hash);
        if (fresh.isPresent()) {
            if (recentlySeen.size() >= MAX_RECENT) {
                recentlySeen.clear();
            }
            recentlySeen.put(key, new Recent(fresh.get(), nowNanos));
        } else {
            recentlySeen.remove(key);
        }
        return fresh;
    }

    /**
     * Tokens authenticated within the last {@link #RECHECK_AFTER_NANOS}, by secret hash: every
     * request authenticates, and a store read per request was a tenth of a single event's cost.
     * A token revoked in the store is refused at most that long after. Only known tokens are held.
     */
    private final Map<String, Recent> recentlySeen = new ConcurrentHashMap<>();
    static final long RECHECK_AFTER_NANOS = 5_000_000_000L;
    private static final int MAX_RECENT = 10_000;

    private record Recent(Principal principal, long seenAt) {
    }

    private Optional<Principal> lookUp(byte[] hash) {
        Optional<TokenRecord> found = store.tokenBySecretHash(hash);
        if (found.isEmpty() || found.get().revoked()) {
            return Optional.empty();
        }
        TokenRecord t = found.get();
        Optional<Role> role = Role.parse(t.role());
        TenantLog log = logById(t.tenantId());
        if (role.isEmpty() || log == null) {
            return Optional.empty();
        }
        return Optional.of(new Principal(t.id(), t.tenantId(), log.tenant(), role.get(), log.tenant().equals(operatorTenant), t.party()));
    }

    private TenantLog logById(long tenantId) {
        TenantLog cached = logsById.get(tenantId);
        if (cached != null) {
            return cached;
        }
        for (TenantLog l : ledger.logs()) {
            logsById.putIfAbsent(l.tenantId(), l);
        }
        TenantLog found = logsById.get(tenantId);
        if (found == null) { // a tenant another node created on a shared store
            found = ledger.logById(tenantId).orElse(null);
            if (found != null) {
                logsById.putIfAbsent(tenantId, found);
            }
        }
        return found;
    }

    /**
     * The secret of an {@code Authorization: Bearer <secret>} header value, or empty if the header
     * is absent or uses another scheme. The scheme is case-insensitive (RFC 9110 section 11.1).
     */
    public static Optional<String> bearerSecret(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String h = authorization.strip();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String secret = h.substring(space + 1).strip();
        return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    }

    public String newSecret() {
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Why a label is unacceptable, or null if it is fine. */
    public static String labelProblem(String label) {
        if (label == null || label.isBlank()) {
            return "must be a non-empty string naming who or what holds the token";
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            return "must be at most " + MAX_LABEL_LENGTH + " characters";
        }
        if (label.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    /** Why a supplied secret is unacceptable, or null if it is fine. */
    public static String secretProblem(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            return "must be at least " + MIN_SECRET_LENGTH + " characters long";
        }
        if (secret.length() > MAX_SECRET_LENGTH) {
            return "must be at most " + MAX_SECRET_LENGTH + " characters long";
        }
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return "must be printable ASCII without spaces, so that it fits an Authorization header";
        }
        return null;
    }
}
