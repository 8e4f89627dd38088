package org.onus.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A note in the C2SP signed-note format: UTF-8 text ending in a newline, a blank line, then one
 * signature line per signer, {@code — <name> <base64(4-byte key id ‖ signature)>}. The signature
 * covers the text exactly, final newline included.
 */
public final class SignedNote {

    private static final String DASH = "\u2014 ";

    /** One signature line. */
    public record Signature(String name, int keyId, byte[] signature) {
    }

    private final String text;
    private final List<Signature> signatures;

    private SignedNote(String text, List<Signature> signatures) {
        this.text = text;
        this.signatures = List.copyOf(signatures);
    }

    public String text() {
        return text;
    }

    public List<Signature> signatures() {
        return signatures;
    }

    /** Signs {@code text} (which must end in a newline and contain no blank line) with {@code key}. */
    public static String sign(String text, NoteKey key) {
        checkText(text);
        byte[] sig = key.sign(text.getBytes(StandardCharsets.UTF_8));
        return text + "\n" + line(key.name(), key.keyId(), sig);
    }

    /** Adds a signature, e.g. a witness cosignature, to an existing note. */
    public static String addSignature(String note, NoteKey key) {
        SignedNote parsed = parse(note);
        byte[] sig = key.sign(parsed.text.getBytes(StandardCharsets.UTF_8));
        return note + line(key.name(), key.keyId(), sig);
    }

    private static String line(String name, int keyId, byte[] sig) {
        byte[] blob = ByteBuffer.allocate(4 + sig.length).putInt(keyId).put(sig).array();
        return DASH + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    private static void checkText(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must end in a newline");
        }
        if (text.contains("\n\n") || text.startsWith("\n")) {
            throw new IllegalArgumentException("note text must not contain a blank line");
        }
    }

    /** Splits a note into text and signature lines, without checking any signature. */
    public static SignedNote parse(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("malformed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        String sigBlock = note.substring(split + 2);
        if (!sigBlock.endsWith("\n")) {
            throw new IllegalArgumentException("malformed note: signature block must end in a newline");
        }
        List<Signature> sigs = new ArrayList<>();
        for (String l : sigBlock.substring(0, sigBlock.length() - 1).split("\n", -1)) {
            if (!l.startsWith(DASH)) {
                throw new IllegalArgumentException("malformed note: signature line does not start with an em dash");
            }
            String[] parts = l.substring(DASH.length()).split(" ", -1);
            if (parts.length != 2 || !NoteKey.isValidName(parts[0])) {
                throw new IllegalArgumentException("malformed note: signature line is not '— <name> <signature>'");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed note: signature is not base64", e);
            }
            if (blob.length < 5) {
                throw new IllegalArgumentException("malformed note: signature too short");
            }
            ByteBuffer bb = ByteBuffer.wrap(blob);
            int id = bb.getInt();
            byte[] sig = new byte[blob.length - 4];
            bb.get(sig);
            sigs.add(new Signature(parts[0], id, sig));
        }
        if (sigs.isEmpty()) {
            throw new IllegalArgumentException("malformed note: no signatures");
        }
        return new SignedNote(text, sigs);
    }

    /**
     * Returns the note's text if it carries a valid signature by {@code key}.
     *
     * @throws IllegalArgumentException if the note is malformed or the key's signature is absent or bad
     */
    public static String open(String note, NoteKey key) {
        SignedNote parsed = parse(note);
        boolean sawKey = false;
        for (Signature s : parsed.signatures) {
            if (s.name().equals(key.name()) && s.keyId() == key.keyId()) {
                sawKey = true;
                if (key.verify(parsed.text.getBytes(StandardCharsets.UTF_8), s.signature())) {
                    return parsed.text;
                }
            }
        }
        throw new IllegalArgumentException(sawKey
                ? "the note's signature by " + key.name() + " does not verify: the note was altered or signed by another key"
                : "the note carries no signature by " + key.name() + "+" + String.format("%08x", key.keyId()));
    }
}
