package org.onus.ledger;

import java.util.Arrays;
import java.util.Base64;

/**
 * A C2SP tlog-checkpoint body: the origin line naming the log, the tree size in decimal, and the
 * root hash in base64, each followed by a newline. Signed as a {@link SignedNote}.
 */
public record Checkpoint(String origin, long size, byte[] root) {

    public Checkpoint {
        if (origin == null || origin.isBlank() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size cannot be negative");
        }
        if (root == null || root.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash has 32 bytes");
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    public String sign(NoteKey key) {
        return SignedNote.sign(text(), key);
    }

    /** Parses checkpoint text (extension lines after the root are allowed and ignored). */
    public static Checkpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash line");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's size line is not a decimal number: " + lines[1], e);
        }
        if (lines[1].startsWith("+") || (lines[1].length() > 1 && lines[1].startsWith("0"))) {
            throw new IllegalArgumentException("the checkpoint's size line is not in canonical decimal: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's root line is not base64", e);
        }
        return new Checkpoint(lines[0], size, root);
    }

    /** Verifies {@code note}'s signature by {@code key} and returns the checkpoint it carries. */
    public static Checkpoint open(String note, NoteKey key) {
        return parse(SignedNote.open(note, key));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size && Arrays.equals(c.root, root);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size) * 17 + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + text().replace("\n", " | ") + "]";
    }
}
