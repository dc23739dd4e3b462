package org.vnemr.terminology.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Data files shipped on the class path and the digest that versions a source built from them. */
public final class DataFiles {

    private DataFiles() {
    }

    public static InputStream open(String classpathResource) {
        InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(classpathResource);
        if (in == null) {
            throw new DataFileException(classpathResource, "not on the class path");
        }
        return in;
    }

    /**
     * SHA-256 over the files' bytes and the importer's revision, so new data or a changed importer (which makes
     * different resources from the same files) reloads the source.
     */
    public static String digest(String importerRevision, String... classpathResources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(importerRevision.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] buffer = new byte[1 << 16];
            for (String resource : classpathResources) {
                try (InputStream in = open(resource)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return importerRevision + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
