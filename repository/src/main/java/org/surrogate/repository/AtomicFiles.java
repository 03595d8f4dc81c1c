package org.surrogate.repository;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader, or the server after a crash, sees either the old content or the
 * new one, never a torn file: write a temporary file beside the target, fsync it, rename it over the
 * target, fsync the directory.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces a file's content atomically, creating its directories.
     *
     * @param target  the file
     * @param content the new content
     * @throws IOException if writing or renaming fails; the target is then unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void syncDirectory(Path dir) {
        // Make the rename durable. Some file systems refuse to open a directory for sync; the rename
        // itself has still happened, so that case is not an error.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            System.getLogger(AtomicFiles.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot fsync directory " + dir + ": " + e.getMessage());
        }
    }
}
