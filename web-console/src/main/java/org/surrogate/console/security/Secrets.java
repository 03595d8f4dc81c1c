package org.surrogate.console.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.surrogate.repository.AtomicFiles;

/** Random secrets, their hashes, constant-time comparison, and files only their owner can read. */
public final class Secrets {

    private final SecureRandom random;

    /**
     * Creates the source of secrets.
     *
     * @param random the random source, a {@link SecureRandom}
     */
    public Secrets(SecureRandom random) {
        this.random = java.util.Objects.requireNonNull(random, "random");
    }

    /**
     * A random secret as URL-safe Base64 without padding.
     *
     * @param bytes how many random bytes (32 gives 256 bits)
     * @return the secret
     */
    public String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * A random identifier in lower-case hex.
     *
     * @param bytes how many random bytes
     * @return the identifier, twice as many characters
     */
    public String hexId(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * The random source, for bcrypt salts.
     *
     * @return the source
     */
    SecureRandom random() {
        return random;
    }

    /**
     * The SHA-256 of a text in UTF-8, in lower-case hex.
     *
     * @param text the text
     * @return 64 hex characters
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Compares two secrets in a time that does not depend on where they differ.
     *
     * @param a one, or null
     * @param b the other, or null
     * @return true if both are non-null and equal
     */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates a folder only its owner may enter (mode 700 where the file system has POSIX modes).
     *
     * @param dir the folder
     * @throws IOException if it cannot be created
     */
    public static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Writes a file that only its owner may read or write (mode 600), atomically.
     *
     * @param file    the file
     * @param content its content
     * @throws IOException if it cannot be written
     */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        // AtomicFiles writes a temporary file, which Java creates with mode 600, and renames it.
        AtomicFiles.write(file, content);
        if (posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
